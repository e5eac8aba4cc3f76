//! The WAL file: the platform's, with appended frames gathered and written
//! before anything else is done to the file.

use super::gathered::{lock, write_file};
use super::{any_check_reserved_lock, any_device_characteristics, any_lock, any_sector_size};
use super::{any_unlock, flush, release, shim};
use rusqlite::ffi::{self, sqlite3_file, sqlite3_int64, sqlite3_io_methods};
use std::ffi::{c_int, c_void};

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
    if amt <= 0 {
        return ffi::SQLITE_OK;
    }
    let s = shim(f);
    let bytes = std::slice::from_raw_parts(data.cast::<u8>(), amt as usize);
    #[cfg(test)]
    super::hooks::record(super::hooks::Event::Asked {
        offset,
        len: bytes.len(),
        commit: amt == 24 && bytes[4..8].iter().any(|b| *b != 0),
    });
    match s.gathered.as_ref() {
        Some(g) => lock(g).write(bytes, offset),
        // Not paired with its database (never expected): straight through.
        None => write_file(s.real, bytes, offset),
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
    let mut rc = flush(shim(f));
    if rc == ffi::SQLITE_OK {
        rc = forward!(f, xSync, ffi::SQLITE_IOERR_FSYNC, flags);
    }
    #[cfg(test)]
    super::hooks::synced(shim(f).name, rc, true);
    rc
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

pub(super) static METHODS: sqlite3_io_methods = sqlite3_io_methods {
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
