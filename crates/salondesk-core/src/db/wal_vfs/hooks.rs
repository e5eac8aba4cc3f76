//! Test-only hooks in the VFS's calls, per thread (SQLite makes a
//! connection's file calls on the thread using it): a trace of what SQLite
//! asked and what reached the kernel, a full disk, and power-cut snapshots.

use rusqlite::ffi;
use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int, CStr};

/// One call, as the tests see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Event {
    /// SQLite wrote this to the WAL (before any gathering). `commit`: a frame
    /// header whose "database size" word is set.
    Asked {
        offset: i64,
        len: usize,
        commit: bool,
    },
    /// A write handed to the platform's WAL file.
    Kernel {
        offset: i64,
        len: usize,
    },
    WalSync,
    DbSync,
    /// A WAL-index lock taken or released (`flags` as SQLite gives them).
    ShmLock {
        offset: c_int,
        n: c_int,
        flags: c_int,
    },
}

thread_local! {
    static TRACE: RefCell<Option<Vec<Event>>> = const { RefCell::new(None) };
    static DISK_FULL: Cell<bool> = const { Cell::new(false) };
    static SNAPSHOTS: Cell<bool> = const { Cell::new(false) };
}

/// Starts recording this thread's events (dropping any recorded).
pub(super) fn trace_start() {
    TRACE.with(|t| *t.borrow_mut() = Some(Vec::new()));
}

/// Stops recording and returns what was recorded.
pub(super) fn trace_take() -> Vec<Event> {
    TRACE.with(|t| t.borrow_mut().take().unwrap_or_default())
}

pub(super) fn record(e: Event) {
    TRACE.with(|t| {
        if let Some(v) = t.borrow_mut().as_mut() {
            v.push(e);
        }
    });
}

/// While set, every write to a WAL file through the VFS fails as the
/// platform's does on a full disk.
pub(super) fn set_disk_full(full: bool) {
    DISK_FULL.with(|d| d.set(full));
}

pub(super) fn disk_full() -> bool {
    DISK_FULL.with(Cell::get)
}

/// While set, each successful sync of a database or WAL file copies the
/// file to `<name>.synced`: what a power cut would leave of it, since a
/// write not followed by a sync may never reach the disk.
pub(super) fn set_snapshots(on: bool) {
    SNAPSHOTS.with(|s| s.set(on));
}

pub(super) unsafe fn synced(name: *const c_char, rc: c_int, wal: bool) {
    record(if wal { Event::WalSync } else { Event::DbSync });
    if rc != ffi::SQLITE_OK || name.is_null() || !SNAPSHOTS.with(Cell::get) {
        return;
    }
    let path = CStr::from_ptr(name).to_string_lossy().into_owned();
    std::fs::copy(&path, format!("{path}.synced")).expect("power-cut snapshot");
}
