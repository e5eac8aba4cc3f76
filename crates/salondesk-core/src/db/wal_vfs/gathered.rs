//! The frames a connection has written to its WAL and not yet handed to the
//! kernel, and the one way bytes reach the platform's WAL file.

use rusqlite::ffi::{self, sqlite3_file};
use std::cell::Cell;
use std::collections::HashMap;
use std::ffi::c_int;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

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
    pub(super) static WAL_WRITES: Cell<u64> = const { Cell::new(0) };
}

/// Writes `data` at `offset` to the platform's WAL file, in pieces it takes.
pub(super) unsafe fn write_file(file: *mut sqlite3_file, data: &[u8], offset: i64) -> c_int {
    let Some(write) = file.as_ref().and_then(|f| (*f.pMethods).xWrite) else {
        return ffi::SQLITE_IOERR_WRITE;
    };
    let mut at = offset;
    for chunk in data.chunks(MAX_WRITE) {
        WAL_WRITES.with(|n| n.set(n.get() + 1));
        #[cfg(test)]
        {
            super::hooks::record(super::hooks::Event::Kernel {
                offset: at,
                len: chunk.len(),
            });
            if super::hooks::disk_full() {
                return ffi::SQLITE_FULL;
            }
        }
        let rc = write(file, chunk.as_ptr().cast(), chunk.len() as c_int, at);
        if rc != ffi::SQLITE_OK {
            return rc;
        }
        at += chunk.len() as i64;
    }
    ffi::SQLITE_OK
}

/// Frames gathered for one connection's WAL, shared by its database file
/// (which flushes them around WAL-index locks) and its WAL file.
pub(super) struct Gathered {
    /// The platform's WAL file (null until the WAL is opened, and after it closed).
    pub(super) wal: *mut sqlite3_file,
    pub(super) start: i64,
    pub(super) bytes: Vec<u8>,
    /// The frame being gathered ends a commit: write once its page is in.
    pub(super) commit_pending: bool,
    /// How far appends reached since the log last started over; a write
    /// below it is a rewrite in place.
    pub(super) end: i64,
}

// The raw file pointer is used only under the mutex, by the connection's own
// calls (SQLite serializes a connection's file calls).
unsafe impl Send for Gathered {}

pub(super) type Shared = Arc<Mutex<Gathered>>;

impl Gathered {
    /// Hands what is gathered to the platform file.
    pub(super) unsafe fn flush(&mut self) -> c_int {
        if self.bytes.is_empty() {
            return ffi::SQLITE_OK;
        }
        let rc = write_file(self.wal, &self.bytes, self.start);
        self.bytes.clear();
        rc
    }

    /// One write SQLite made to the WAL.
    pub(super) unsafe fn write(&mut self, data: &[u8], offset: i64) -> c_int {
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
            return write_file(self.wal, data, offset);
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

pub(super) fn links() -> MutexGuard<'static, HashMap<usize, Shared>> {
    static LINKS: OnceLock<Mutex<HashMap<usize, Shared>>> = OnceLock::new();
    LINKS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

pub(super) fn lock(g: &Mutex<Gathered>) -> MutexGuard<'_, Gathered> {
    g.lock().unwrap_or_else(|p| p.into_inner())
}
