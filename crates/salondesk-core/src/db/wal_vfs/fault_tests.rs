//! A full disk while the VFS holds gathered frames: the WAL lock is still
//! released, so the database stays writable once there is room again.

use super::hooks::{self, Event};
use super::tests::open;
use rusqlite::{ffi, Connection};
use std::path::Path;
use std::time::Duration;

/// The WAL-index lock a writer holds (`WAL_WRITE_LOCK`, the first slot).
const WRITE_LOCK: i32 = 0;

/// Spills frames of a transaction into the VFS's gathered bytes (a tiny
/// cache, rows appended, nothing read back), fills the disk, rolls back: the
/// write lock is released with frames the VFS can no longer write.
fn roll_back_on_a_full_disk(path: &Path, fill: impl FnOnce(), make_room: impl FnOnce()) {
    let mut w = open(path, "FULL");
    // Everything copied back and the log emptied: the transaction starts the
    // log over, and its rollback reads pages from the database file, not the
    // WAL, so its gathered frames are still unwritten when it lets go of the lock.
    w.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    w.execute_batch("PRAGMA cache_size = 4").unwrap();
    let tx = w.transaction().unwrap();
    for i in 0..60 {
        tx.execute(
            "INSERT INTO t (k, v) VALUES (?1, zeroblob(3000))",
            [format!("spill-{i}")],
        )
        .unwrap();
    }
    fill();
    hooks::trace_start();
    // Whatever the rollback reports, SQLite goes on as if the lock were gone.
    let _ = tx.rollback();
    let events = hooks::trace_take();
    make_room();
    let released = events
        .iter()
        .position(|e| {
            matches!(e, Event::ShmLock { offset: WRITE_LOCK, flags, .. }
                if flags & ffi::SQLITE_SHM_UNLOCK != 0)
        })
        .expect("the rollback releases the write lock");
    assert!(
        matches!(events.get(released + 1), Some(Event::Kernel { .. })),
        "the test must release the lock with gathered frames to write (and fail there): {events:?}"
    );

    // Another connection (the platform VFS, as another process would) writes.
    let other = Connection::open(path).unwrap();
    other.busy_timeout(Duration::from_millis(200)).unwrap();
    other
        .execute("INSERT INTO t (k, v) VALUES ('other', zeroblob(10))", [])
        .expect("the write lock was released with the rollback: another writer gets it");
    // And the connection that failed writes again.
    w.execute("INSERT INTO t (k, v) VALUES ('again', zeroblob(10))", [])
        .expect("the connection whose flush failed writes again");
    let (rows, ok): (i64, String) = (
        other
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap(),
        other
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap(),
    );
    assert_eq!(
        rows, 2,
        "the rolled-back rows are gone, both new rows are there"
    );
    assert_eq!(ok, "ok", "the dropped frames left the database whole");
}

/// Regression: the write lock was held back when writing the gathered frames
/// failed at its release, so every later write got SQLITE_BUSY until the
/// process ended.
#[test]
fn a_write_failing_while_the_write_lock_is_released_does_not_keep_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    roll_back_on_a_full_disk(
        &dir.path().join("full.sqlite3"),
        || hooks::set_disk_full(true),
        || hooks::set_disk_full(false),
    );
}

/// The same on a real full file system: a small tmpfs (needs root to mount;
/// CI runs as root).
#[cfg(target_os = "linux")]
#[test]
fn a_full_tmpfs_while_the_write_lock_is_released_does_not_keep_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(dir.path())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!(
            "SKIPPED a_full_tmpfs_while_the_write_lock_is_released_does_not_keep_the_lock: \
             cannot mount a tmpfs (not root?); the injected full disk test covers the same path"
        );
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(dir.path());
    let filler = dir.path().join("filler");
    roll_back_on_a_full_disk(
        &dir.path().join("full.sqlite3"),
        || fill(&filler),
        || std::fs::remove_file(&filler).unwrap(),
    );
}

/// Writes `path` until the file system has no room left.
#[cfg(target_os = "linux")]
fn fill(path: &Path) {
    use std::io::Write;
    let mut f = std::fs::File::create(path).unwrap();
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.sync_all();
}
