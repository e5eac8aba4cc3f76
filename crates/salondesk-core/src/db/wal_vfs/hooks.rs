//! Test-only hooks in the VFS's calls, per thread (SQLite makes a
//! connection's file calls on the thread using it): a trace of what SQLite
//! asked and what reached the kernel, a full disk, and power-cut snapshots.

use rusqlite::ffi;
use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int, CStr};
use std::path::{Path, PathBuf};

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
    static SNAPSHOTS: RefCell<Option<(PathBuf, usize)>> = const { RefCell::new(None) };
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

/// While set (to a folder), each successful sync of a database or WAL file
/// copies the file to `<name>.synced` — what a power cut would leave of it,
/// since a write not followed by a sync may never reach the disk — and then
/// freezes the pair as a power cut at that moment would leave them, in
/// `<folder>/<n>/` (n = 0, 1, … in the order of the syncs).
pub(super) fn set_snapshots(cuts: Option<PathBuf>) {
    SNAPSHOTS.with(|s| *s.borrow_mut() = cuts.map(|dir| (dir, 0)));
}

pub(super) unsafe fn synced(name: *const c_char, rc: c_int, wal: bool) {
    record(if wal { Event::WalSync } else { Event::DbSync });
    if rc != ffi::SQLITE_OK || name.is_null() {
        return;
    }
    SNAPSHOTS.with(|s| {
        let mut s = s.borrow_mut();
        let Some((dir, n)) = s.as_mut() else {
            return;
        };
        let path = CStr::from_ptr(name).to_string_lossy().into_owned();
        std::fs::copy(&path, format!("{path}.synced")).expect("power-cut snapshot");
        let db = path.strip_suffix("-wal").unwrap_or(&path);
        let cut = dir.join(n.to_string());
        *n += 1;
        std::fs::create_dir_all(&cut).expect("power-cut folder");
        let file = Path::new(db).file_name().expect("a database file name");
        for suffix in ["", "-wal"] {
            let synced = format!("{db}{suffix}.synced");
            let live = format!("{db}{suffix}");
            // A file deleted since its last sync (the WAL, when the last
            // connection closed) is gone; the WAL index is rebuilt on boot.
            if Path::new(&live).exists() && Path::new(&synced).exists() {
                let mut to = file.to_os_string();
                to.push(suffix);
                std::fs::copy(&synced, cut.join(to)).expect("power-cut copy");
            }
        }
    });
}
