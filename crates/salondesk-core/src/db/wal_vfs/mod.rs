//! A VFS that hands a transaction's WAL frames to the kernel in one write.
//!
//! SQLite appends a commit to the WAL one frame at a time, and each frame as
//! two `pwrite`s (a 24-byte header, then the page): a five-line sale is some
//! forty frames, eighty system calls, each touching one or two pages of the
//! kernel's cache, before the one `fsync` that makes the sale durable. Those
//! calls were a quarter of a sale's time. This VFS is the platform's own
//! (unix or win32) with one change: appended frames are gathered in memory and
//! written as one piece.
//!
//! Nothing about durability or what other connections see changes, because
//! the gathered bytes always reach the file before SQLite could rely on them:
//!
//! - at the end of a commit frame (its header says so): before the WAL is
//!   synced (synchronous=FULL) and before the commit is published in the
//!   WAL index for readers (any synchronous mode);
//! - before anything else is done to the WAL file (read — a page spilled
//!   earlier in the transaction —, sync, size, truncate, close, a file
//!   control), and before a write that is not an append (SQLite rewriting a
//!   frame in place goes straight to the file, after what was gathered);
//! - before the connection takes or releases a lock of the WAL index (its
//!   database file's `xShmLock`): frames of a transaction that rolled back are
//!   written (past the end of the log, where they are ignored) before another
//!   writer can append there.
//!
//! A write error surfaces from the call that flushed (a write, a sync, a
//! read…), as an I/O error SQLite already handles by rolling back — except
//! on a lock's release, whose result SQLite ignores: the lock is released all
//! the same, and the frames that could not be written (a rolled-back
//! transaction's: a commit's are written at its end) are dropped for good.
//!
//! What is proven, and where: `fault_tests` (a full disk at a release),
//! `pattern_tests` (the SQLite version and write pattern relied on above),
//! `power_cut_tests` (writes not followed by a sync lost), and the kill -9
//! harness (`crate::crash`, the core's `tests/it/crash.rs`). `hooks` are the
//! test-only probes they use.
//!
//! Only a connection's own database and WAL files are wrapped (journals and
//! temporary files are the platform VFS's, untouched). The two are paired by
//! the database name SQLite hands the WAL's open (`sqlite3_filename_database`
//! returns the very pointer the database was opened with).

mod gathered;
use gathered::{links, lock, Gathered, Shared};
use rusqlite::ffi::{self, sqlite3_file, sqlite3_io_methods, sqlite3_vfs};
use std::ffi::{c_char, c_int, CStr};
use std::ptr;
use std::sync::{Arc, Mutex, OnceLock};

/// The name connections open the database with.
pub const VFS_NAME: &str = "salondesk-wal";
const VFS_CNAME: &CStr = c"salondesk-wal";

/// Registers the VFS with SQLite (once per process).
pub fn register() -> crate::Result<()> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| unsafe { register_once() })
        .clone()
        .map_err(crate::CoreError::Internal)
}

/// What SQLite holds for a wrapped file: this header, then the platform's
/// file in the bytes after it.
#[repr(C)]
struct ShimFile {
    base: sqlite3_file,
    real: *mut sqlite3_file,
    /// `Arc::into_raw` of the connection's gathered frames (null: none).
    gathered: *const Mutex<Gathered>,
    /// The name SQLite opened the file with (valid until it is closed).
    #[cfg_attr(not(test), allow(dead_code))]
    name: *const c_char,
}

const HEADER: usize = std::mem::size_of::<ShimFile>().next_multiple_of(8);

static REAL_VFS: OnceLock<usize> = OnceLock::new();

fn real_vfs() -> *mut sqlite3_vfs {
    REAL_VFS.get().copied().unwrap_or(0) as *mut sqlite3_vfs
}

unsafe fn register_once() -> Result<(), String> {
    let real = ffi::sqlite3_vfs_find(ptr::null());
    if real.is_null() {
        return Err("SQLite has no default VFS".into());
    }
    if (*real).xOpen.is_none() {
        return Err("the default VFS cannot open files".into());
    }
    REAL_VFS.get_or_init(|| real as usize);
    // The platform VFS as it is (its own methods get its own app data), with
    // room for the header before each file, and our open.
    let mut vfs: sqlite3_vfs = ptr::read(real);
    vfs.szOsFile = HEADER as c_int + (*real).szOsFile;
    vfs.zName = VFS_CNAME.as_ptr();
    vfs.pNext = ptr::null_mut();
    vfs.xOpen = Some(open);
    let rc = ffi::sqlite3_vfs_register(Box::into_raw(Box::new(vfs)), 0);
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(format!("cannot register the WAL VFS (SQLite error {rc})"))
    }
}

unsafe extern "C" fn open(
    _vfs: *mut sqlite3_vfs,
    name: *const c_char,
    file: *mut sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    let real = real_vfs();
    let Some(real_open) = (*real).xOpen else {
        return ffi::SQLITE_CANTOPEN;
    };
    let main = flags & ffi::SQLITE_OPEN_MAIN_DB != 0;
    let wal = flags & ffi::SQLITE_OPEN_WAL != 0;
    if !(main || wal) || name.is_null() {
        // Journals and temporary files: the platform's own, in place.
        return real_open(real, name, file, flags, out_flags);
    }
    let inner = file.cast::<u8>().add(HEADER).cast::<sqlite3_file>();
    (*inner).pMethods = ptr::null();
    let rc = real_open(real, name, inner, flags, out_flags);
    if rc != ffi::SQLITE_OK {
        (*file).pMethods = ptr::null();
        return rc;
    }
    let gathered: *const Mutex<Gathered> = if main {
        let g: Shared = Arc::new(Mutex::new(Gathered {
            wal: ptr::null_mut(),
            start: 0,
            bytes: Vec::new(),
            commit_pending: false,
            end: 0,
        }));
        links().insert(name as usize, g.clone());
        Arc::into_raw(g)
    } else {
        let db = ffi::sqlite3_filename_database(name);
        match links().get(&(db as usize)) {
            Some(g) => {
                let mut state = lock(g);
                state.wal = inner;
                state.bytes.clear();
                state.commit_pending = false;
                state.end = 0;
                drop(state);
                Arc::into_raw(g.clone())
            }
            // Not paired (never expected): every write goes straight through.
            None => ptr::null(),
        }
    };
    ptr::write(
        file.cast::<ShimFile>(),
        ShimFile {
            base: sqlite3_file {
                pMethods: if main {
                    &db_file::METHODS
                } else {
                    &wal_file::METHODS
                },
            },
            real: inner,
            gathered,
            name,
        },
    );
    ffi::SQLITE_OK
}

unsafe fn shim<'a>(f: *mut sqlite3_file) -> &'a ShimFile {
    &*f.cast::<ShimFile>()
}

unsafe fn methods<'a>(s: &ShimFile) -> &'a sqlite3_io_methods {
    &*(*s.real).pMethods
}

/// Flushes the gathered frames of `f`'s connection, if any.
unsafe fn flush(s: &ShimFile) -> c_int {
    match s.gathered.as_ref() {
        Some(g) => lock(g).flush(),
        None => ffi::SQLITE_OK,
    }
}

/// Releases the file's share of its connection's gathered frames; for the
/// WAL, first writes them and forgets the file.
unsafe fn release(s: &ShimFile, wal: bool) -> c_int {
    if s.gathered.is_null() {
        return ffi::SQLITE_OK;
    }
    let g = Arc::from_raw(s.gathered);
    let mut rc = ffi::SQLITE_OK;
    if wal {
        let mut state = lock(&g);
        rc = state.flush();
        state.wal = ptr::null_mut();
    } else {
        links().retain(|_, v| !Arc::ptr_eq(v, &g));
    }
    rc
}

macro_rules! forward {
    ($f:expr, $method:ident, $missing:expr $(, $arg:expr)*) => {{
        let s = $crate::db::wal_vfs::shim($f);
        match $crate::db::wal_vfs::methods(s).$method {
            Some(m) => m(s.real $(, $arg)*),
            None => $missing,
        }
    }};
}

macro_rules! flush_then_forward {
    ($f:expr, $method:ident $(, $arg:expr)*) => {{
        let rc = $crate::db::wal_vfs::flush($crate::db::wal_vfs::shim($f));
        if rc != ffi::SQLITE_OK {
            return rc;
        }
        forward!($f, $method, ffi::SQLITE_IOERR $(, $arg)*)
    }};
}

pub(super) unsafe extern "C" fn any_lock(f: *mut sqlite3_file, level: c_int) -> c_int {
    forward!(f, xLock, ffi::SQLITE_OK, level)
}

pub(super) unsafe extern "C" fn any_unlock(f: *mut sqlite3_file, level: c_int) -> c_int {
    forward!(f, xUnlock, ffi::SQLITE_OK, level)
}

pub(super) unsafe extern "C" fn any_check_reserved_lock(
    f: *mut sqlite3_file,
    out: *mut c_int,
) -> c_int {
    forward!(f, xCheckReservedLock, ffi::SQLITE_OK, out)
}

pub(super) unsafe extern "C" fn any_sector_size(f: *mut sqlite3_file) -> c_int {
    forward!(f, xSectorSize, 4096)
}

pub(super) unsafe extern "C" fn any_device_characteristics(f: *mut sqlite3_file) -> c_int {
    forward!(f, xDeviceCharacteristics, 0)
}

// After the macros: the file methods use them.
mod db_file;
#[cfg(test)]
mod fault_tests;
#[cfg(test)]
mod hooks;
#[cfg(test)]
mod pattern_tests;
#[cfg(test)]
mod power_cut_tests;
#[cfg(test)]
mod tests;
mod wal_file;
