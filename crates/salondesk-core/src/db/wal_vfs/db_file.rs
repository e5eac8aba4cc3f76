//! The database file: the platform's, plus a flush of the connection's
//! gathered WAL frames before every WAL-index lock.

use super::{any_check_reserved_lock, any_device_characteristics, any_lock, any_sector_size};
use super::{any_unlock, flush, methods, release, shim};
use rusqlite::ffi::{self, sqlite3_file, sqlite3_int64, sqlite3_io_methods};
use std::ffi::{c_int, c_void};
use std::ptr;

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
    let rc = forward!(f, xSync, ffi::SQLITE_IOERR_FSYNC, flags);
    #[cfg(test)]
    super::hooks::synced(shim(f).name, rc, false);
    rc
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
    #[cfg(test)]
    super::hooks::record(super::hooks::Event::ShmLock { offset, n, flags });
    let flushed = flush(shim(f));
    if flags & ffi::SQLITE_SHM_UNLOCK != 0 {
        // A release always happens, whatever became of the frames: SQLite
        // ignores what an unlock returns and goes on as if the lock were
        // gone, so a release held back on a failed write (a full disk) kept
        // the WAL write lock until the process ended, and every later write,
        // from any connection, got SQLITE_BUSY. What could not be written is
        // dropped (`flush` forgets it either way) and never written later,
        // over frames another writer may append there; it is never a commit's
        // (a commit's frames are written at the end of its last frame, and a
        // failure there fails the commit), only frames of a transaction that
        // rolled back, which the log ignores.
        let released = forward!(f, xShmLock, ffi::SQLITE_IOERR_SHMLOCK, offset, n, flags);
        return if flushed != ffi::SQLITE_OK {
            flushed
        } else {
            released
        };
    }
    if flushed != ffi::SQLITE_OK {
        return flushed;
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

pub(super) static METHODS: sqlite3_io_methods = sqlite3_io_methods {
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
