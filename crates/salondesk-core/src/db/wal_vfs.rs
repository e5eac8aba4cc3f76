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
//! read…), as an I/O error SQLite already handles by rolling back.
//!
//! Only a connection's own database and WAL files are wrapped (journals and
//! temporary files are the platform VFS's, untouched). The two are paired by
//! the database name SQLite hands the WAL's open (`sqlite3_filename_database`
//! returns the very pointer the database was opened with).

use rusqlite::ffi::{self, sqlite3_file, sqlite3_int64, sqlite3_io_methods, sqlite3_vfs};
use std::cell::Cell;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// The name connections open the database with.
pub const VFS_NAME: &str = "salondesk-wal";
const VFS_CNAME: &CStr = c"salondesk-wal";

/// Gathered bytes are written once they reach this much (a bulk load).
const MAX_GATHERED: usize = 4 << 20;

/// The most one write hands the platform VFS (the unix one writes at most
/// 128 KiB − 1 per call: it masks the length).
const MAX_WRITE: usize = 64 << 10;

const FRAME_HEADER: c_int = 24;
const WAL_HEADER: c_int = 32;

thread_local! {
    /// Writes this thread handed to the kernel for WAL files through this VFS
    /// (gathered or not): what the tests count.
    static WAL_WRITES: Cell<u64> = const { Cell::new(0) };
}

fn count_write() {
    WAL_WRITES.with(|n| n.set(n.get() + 1));
}

/// Registers the VFS with SQLite (once per process).
pub fn register() -> crate::Result<()> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| unsafe { register_once() })
        .clone()
        .map_err(crate::CoreError::Internal)
}

/// Frames gathered for one connection's WAL, shared by its database file
/// (which flushes them around WAL-index locks) and its WAL file.
struct Gathered {
    /// The platform's WAL file (null until the WAL is opened, and after it closed).
    wal: *mut sqlite3_file,
    start: i64,
    bytes: Vec<u8>,
    /// The frame being gathered ends a commit: write once its page is in.
    commit_pending: bool,
    /// How far appends reached since the log last started over; a write
    /// below it is a rewrite in place.
    end: i64,
}

// The raw file pointer is used only under the mutex, by the connection's own
// calls (SQLite serializes a connection's file calls).
unsafe impl Send for Gathered {}

type Shared = Arc<Mutex<Gathered>>;

impl Gathered {
    /// Hands what is gathered to the platform file.
    unsafe fn flush(&mut self) -> c_int {
        if self.bytes.is_empty() {
            return ffi::SQLITE_OK;
        }
        let mut rc = ffi::SQLITE_IOERR_WRITE;
        if let Some(write) = self.wal.as_ref().and_then(|f| (*f.pMethods).xWrite) {
            let mut offset = self.start;
            for chunk in self.bytes.chunks(MAX_WRITE) {
                count_write();
                rc = write(
                    self.wal,
                    chunk.as_ptr().cast(),
                    chunk.len() as c_int,
                    offset,
                );
                if rc != ffi::SQLITE_OK {
                    break;
                }
                offset += chunk.len() as i64;
            }
        }
        self.bytes.clear();
        rc
    }

    /// One write SQLite made to the WAL.
    unsafe fn write(&mut self, data: &[u8], offset: i64) -> c_int {
        let amt = data.len() as c_int;
        if amt == WAL_HEADER && offset == 0 {
            // The log starts over: everything after the header is appended anew.
            let rc = self.flush();
            if rc != ffi::SQLITE_OK {
                return rc;
            }
            self.end = 0;
        }
        if offset < self.end {
            // A frame rewritten in place (a page written twice in one
            // transaction, checksums redone): after what is gathered, directly.
            let rc = self.flush();
            if rc != ffi::SQLITE_OK {
                return rc;
            }
            if self.wal.is_null() {
                return ffi::SQLITE_IOERR_WRITE;
            }
            count_write();
            return match (*(*self.wal).pMethods).xWrite {
                Some(write) => write(self.wal, data.as_ptr().cast(), amt, offset),
                None => ffi::SQLITE_IOERR_WRITE,
            };
        }
        if !self.bytes.is_empty() && offset != self.start + self.bytes.len() as i64 {
            let rc = self.flush();
            if rc != ffi::SQLITE_OK {
                return rc;
            }
        }
        if self.bytes.is_empty() {
            self.start = offset;
        }
        self.bytes.extend_from_slice(data);
        self.end = self.end.max(offset + amt as i64);
        let ends_commit = std::mem::take(&mut self.commit_pending);
        // A frame header's second word is the database size after a commit,
        // zero on every other frame.
        self.commit_pending =
            amt == FRAME_HEADER && data[4..8].iter().any(|b| *b != 0) && !ends_commit;
        if ends_commit || self.bytes.len() >= MAX_GATHERED {
            return self.flush();
        }
        ffi::SQLITE_OK
    }
}

fn links() -> MutexGuard<'static, HashMap<usize, Shared>> {
    static LINKS: OnceLock<Mutex<HashMap<usize, Shared>>> = OnceLock::new();
    LINKS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

fn lock(g: &Mutex<Gathered>) -> MutexGuard<'_, Gathered> {
    g.lock().unwrap_or_else(|p| p.into_inner())
}

/// What SQLite holds for a wrapped file: this header, then the platform's
/// file in the bytes after it.
#[repr(C)]
struct ShimFile {
    base: sqlite3_file,
    real: *mut sqlite3_file,
    /// `Arc::into_raw` of the connection's gathered frames (null: none).
    gathered: *const Mutex<Gathered>,
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
                pMethods: if main { &DB_METHODS } else { &WAL_METHODS },
            },
            real: inner,
            gathered,
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
        let s = shim($f);
        match methods(s).$method {
            Some(m) => m(s.real $(, $arg)*),
            None => $missing,
        }
    }};
}

macro_rules! flush_then_forward {
    ($f:expr, $method:ident $(, $arg:expr)*) => {{
        let rc = flush(shim($f));
        if rc != ffi::SQLITE_OK {
            return rc;
        }
        forward!($f, $method, ffi::SQLITE_IOERR $(, $arg)*)
    }};
}

// ---- the WAL file ----

unsafe extern "C" fn wal_close(f: *mut sqlite3_file) -> c_int {
    let s = shim(f);
    let flushed = release(s, true);
    let closed = forward!(f, xClose, ffi::SQLITE_OK);
    if flushed != ffi::SQLITE_OK {
        flushed
    } else {
        closed
    }
}

unsafe extern "C" fn wal_write(
    f: *mut sqlite3_file,
    data: *const c_void,
    amt: c_int,
    offset: sqlite3_int64,
) -> c_int {
    let s = shim(f);
    match s.gathered.as_ref() {
        Some(g) if amt > 0 => {
            let bytes = std::slice::from_raw_parts(data.cast::<u8>(), amt as usize);
            lock(g).write(bytes, offset)
        }
        _ => {
            count_write();
            forward!(f, xWrite, ffi::SQLITE_IOERR_WRITE, data, amt, offset)
        }
    }
}

unsafe extern "C" fn wal_read(
    f: *mut sqlite3_file,
    data: *mut c_void,
    amt: c_int,
    offset: sqlite3_int64,
) -> c_int {
    flush_then_forward!(f, xRead, data, amt, offset)
}

unsafe extern "C" fn wal_truncate(f: *mut sqlite3_file, size: sqlite3_int64) -> c_int {
    let rc = flush_then_forward!(f, xTruncate, size);
    if let Some(g) = shim(f).gathered.as_ref() {
        let mut state = lock(g);
        state.end = state.end.min(size);
    }
    rc
}

unsafe extern "C" fn wal_sync(f: *mut sqlite3_file, flags: c_int) -> c_int {
    flush_then_forward!(f, xSync, flags)
}

unsafe extern "C" fn wal_file_size(f: *mut sqlite3_file, size: *mut sqlite3_int64) -> c_int {
    flush_then_forward!(f, xFileSize, size)
}

unsafe extern "C" fn wal_file_control(f: *mut sqlite3_file, op: c_int, arg: *mut c_void) -> c_int {
    let rc = flush(shim(f));
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    forward!(f, xFileControl, ffi::SQLITE_NOTFOUND, op, arg)
}

static WAL_METHODS: sqlite3_io_methods = sqlite3_io_methods {
    iVersion: 1,
    xClose: Some(wal_close),
    xRead: Some(wal_read),
    xWrite: Some(wal_write),
    xTruncate: Some(wal_truncate),
    xSync: Some(wal_sync),
    xFileSize: Some(wal_file_size),
    xLock: Some(any_lock),
    xUnlock: Some(any_unlock),
    xCheckReservedLock: Some(any_check_reserved_lock),
    xFileControl: Some(wal_file_control),
    xSectorSize: Some(any_sector_size),
    xDeviceCharacteristics: Some(any_device_characteristics),
    xShmMap: None,
    xShmLock: None,
    xShmBarrier: None,
    xShmUnmap: None,
    xFetch: None,
    xUnfetch: None,
};

// ---- both ----

unsafe extern "C" fn any_lock(f: *mut sqlite3_file, level: c_int) -> c_int {
    forward!(f, xLock, ffi::SQLITE_OK, level)
}

unsafe extern "C" fn any_unlock(f: *mut sqlite3_file, level: c_int) -> c_int {
    forward!(f, xUnlock, ffi::SQLITE_OK, level)
}

unsafe extern "C" fn any_check_reserved_lock(f: *mut sqlite3_file, out: *mut c_int) -> c_int {
    forward!(f, xCheckReservedLock, ffi::SQLITE_OK, out)
}

unsafe extern "C" fn any_sector_size(f: *mut sqlite3_file) -> c_int {
    forward!(f, xSectorSize, 4096)
}

unsafe extern "C" fn any_device_characteristics(f: *mut sqlite3_file) -> c_int {
    forward!(f, xDeviceCharacteristics, 0)
}

// ---- the database file: the platform's, plus a flush around WAL-index locks ----

unsafe extern "C" fn db_close(f: *mut sqlite3_file) -> c_int {
    let s = shim(f);
    release(s, false);
    forward!(f, xClose, ffi::SQLITE_OK)
}

unsafe extern "C" fn db_read(
    f: *mut sqlite3_file,
    data: *mut c_void,
    amt: c_int,
    offset: sqlite3_int64,
) -> c_int {
    forward!(f, xRead, ffi::SQLITE_IOERR_READ, data, amt, offset)
}

unsafe extern "C" fn db_write(
    f: *mut sqlite3_file,
    data: *const c_void,
    amt: c_int,
    offset: sqlite3_int64,
) -> c_int {
    forward!(f, xWrite, ffi::SQLITE_IOERR_WRITE, data, amt, offset)
}

unsafe extern "C" fn db_truncate(f: *mut sqlite3_file, size: sqlite3_int64) -> c_int {
    forward!(f, xTruncate, ffi::SQLITE_IOERR_TRUNCATE, size)
}

unsafe extern "C" fn db_sync(f: *mut sqlite3_file, flags: c_int) -> c_int {
    forward!(f, xSync, ffi::SQLITE_IOERR_FSYNC, flags)
}

unsafe extern "C" fn db_file_size(f: *mut sqlite3_file, size: *mut sqlite3_int64) -> c_int {
    forward!(f, xFileSize, ffi::SQLITE_IOERR_FSTAT, size)
}

unsafe extern "C" fn db_file_control(f: *mut sqlite3_file, op: c_int, arg: *mut c_void) -> c_int {
    forward!(f, xFileControl, ffi::SQLITE_NOTFOUND, op, arg)
}

unsafe extern "C" fn db_shm_map(
    f: *mut sqlite3_file,
    page: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    forward!(
        f,
        xShmMap,
        ffi::SQLITE_IOERR_SHMMAP,
        page,
        size,
        extend,
        out
    )
}

unsafe extern "C" fn db_shm_lock(
    f: *mut sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    let rc = flush(shim(f));
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    forward!(f, xShmLock, ffi::SQLITE_IOERR_SHMLOCK, offset, n, flags)
}

unsafe extern "C" fn db_shm_barrier(f: *mut sqlite3_file) {
    let s = shim(f);
    if let Some(barrier) = methods(s).xShmBarrier {
        barrier(s.real);
    }
}

unsafe extern "C" fn db_shm_unmap(f: *mut sqlite3_file, delete: c_int) -> c_int {
    forward!(f, xShmUnmap, ffi::SQLITE_OK, delete)
}

unsafe extern "C" fn db_fetch(
    f: *mut sqlite3_file,
    offset: sqlite3_int64,
    amt: c_int,
    out: *mut *mut c_void,
) -> c_int {
    let s = shim(f);
    match methods(s).xFetch {
        Some(m) => m(s.real, offset, amt, out),
        None => {
            // No memory map: SQLite reads the page instead.
            *out = ptr::null_mut();
            ffi::SQLITE_OK
        }
    }
}

unsafe extern "C" fn db_unfetch(
    f: *mut sqlite3_file,
    offset: sqlite3_int64,
    page: *mut c_void,
) -> c_int {
    forward!(f, xUnfetch, ffi::SQLITE_OK, offset, page)
}

static DB_METHODS: sqlite3_io_methods = sqlite3_io_methods {
    iVersion: 3,
    xClose: Some(db_close),
    xRead: Some(db_read),
    xWrite: Some(db_write),
    xTruncate: Some(db_truncate),
    xSync: Some(db_sync),
    xFileSize: Some(db_file_size),
    xLock: Some(any_lock),
    xUnlock: Some(any_unlock),
    xCheckReservedLock: Some(any_check_reserved_lock),
    xFileControl: Some(db_file_control),
    xSectorSize: Some(any_sector_size),
    xDeviceCharacteristics: Some(any_device_characteristics),
    xShmMap: Some(db_shm_map),
    xShmLock: Some(db_shm_lock),
    xShmBarrier: Some(db_shm_barrier),
    xShmUnmap: Some(db_shm_unmap),
    xFetch: Some(db_fetch),
    xUnfetch: Some(db_unfetch),
};

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::{Connection, OpenFlags};

    fn open(path: &std::path::Path, sync: &str) -> Connection {
        register().unwrap();
        let c = Connection::open_with_flags_and_vfs(path, OpenFlags::default(), VFS_NAME).unwrap();
        c.execute_batch(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = {sync};
             CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v BLOB)"
        ))
        .unwrap();
        c
    }

    fn sum(c: &Connection) -> (i64, i64) {
        c.query_row(
            "SELECT count(*), coalesce(sum(length(v)), 0) FROM t",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    }

    #[test]
    fn a_commit_reaches_the_file_in_one_write_and_other_connections_see_it() {
        for sync in ["FULL", "NORMAL", "OFF"] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("w.sqlite3");
            let mut w = open(&path, sync);
            // Another connection on the platform VFS reads the file as is.
            let r = Connection::open(&path).unwrap();
            for round in 0..40i64 {
                let tx = w.transaction().unwrap();
                for i in 0..(1 + round % 7) * 10 {
                    tx.execute(
                        "INSERT INTO t (k, v) VALUES (?1, zeroblob(300))",
                        [format!("{round}-{i}-{}", "x".repeat((i % 13) as usize))],
                    )
                    .unwrap();
                }
                let before = WAL_WRITES.with(Cell::get);
                tx.commit().unwrap();
                let writes = WAL_WRITES.with(Cell::get) - before;
                // Frames, and the log's header when it starts over (synced
                // on its own): never a write per frame.
                assert!(
                    (1..=2).contains(&writes),
                    "{sync}: a commit took {writes} writes through this VFS"
                );
                assert_eq!(sum(&r), sum(&w), "{sync}: round {round}");
            }
            let ok: String = r
                .query_row("PRAGMA integrity_check", [], |x| x.get(0))
                .unwrap();
            assert_eq!(ok, "ok");
        }
    }

    #[test]
    fn spilled_pages_rollbacks_and_restarts_keep_the_log_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let mut w = open(&path, "FULL");
        // A tiny cache: big transactions spill pages to the WAL mid-way and
        // read them back, and rewrite frames in place.
        w.execute_batch("PRAGMA cache_size = 8").unwrap();
        let r = Connection::open(&path).unwrap();
        let mut kept = 0i64;
        for round in 0..30i64 {
            let tx = w.transaction().unwrap();
            for i in 0..200 {
                tx.execute(
                    "INSERT INTO t (k, v) VALUES (?1, randomblob(200))",
                    [format!("{round}/{i}")],
                )
                .unwrap();
            }
            tx.execute(
                "UPDATE t SET v = randomblob(150) WHERE id % 5 = ?1",
                [round % 5],
            )
            .unwrap();
            if round % 3 == 2 {
                tx.rollback().unwrap();
            } else {
                tx.commit().unwrap();
                kept += 200;
            }
            if round % 10 == 9 {
                // The log starts over after a checkpoint.
                r.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                    .unwrap();
            }
            assert_eq!(sum(&r).0, kept, "round {round}");
            assert_eq!(sum(&r), sum(&w));
        }
        drop(w);
        // Reopened from the files alone (the WAL recovered from disk).
        let again = Connection::open(&path).unwrap();
        assert_eq!(sum(&again).0, kept);
        let ok: String = again
            .query_row("PRAGMA integrity_check", [], |x| x.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }
}
