//! The VFS against real files: what reaches the disk, and what other
//! connections (on the platform VFS) see.

use super::gathered::WAL_WRITES;
use super::*;
use rusqlite::{Connection, OpenFlags};
use std::cell::Cell;

pub(super) fn open(path: &std::path::Path, sync: &str) -> Connection {
    open_keyed(path, sync, None)
}

/// `open` for an encrypted file (`key`; `None`: plain).
pub(super) fn open_keyed(
    path: &std::path::Path,
    sync: &str,
    key: Option<&crate::db::DbKey>,
) -> Connection {
    register().unwrap();
    let c = Connection::open_with_flags_and_vfs(path, OpenFlags::default(), VFS_NAME).unwrap();
    crate::db::apply_key(&c, key).unwrap();
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

#[test]
fn the_plain_vfs_setting_opens_the_store_without_the_gathering_vfs() {
    use crate::db::{open_with, Vfs};
    assert_eq!(Vfs::from_setting(Some("1")), Vfs::Plain);
    assert_eq!(Vfs::from_setting(None), Vfs::Gathering);
    assert_eq!(Vfs::from_setting(Some("0")), Vfs::Gathering);
    let dir = tempfile::tempdir().unwrap();
    for (vfs, through_ours) in [(Vfs::Plain, false), (Vfs::Gathering, true)] {
        let c = open_with(&dir.path().join(format!("{vfs:?}.sqlite3")), vfs).unwrap();
        let before = WAL_WRITES.with(Cell::get);
        c.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')", [])
            .unwrap();
        assert_eq!(
            WAL_WRITES.with(Cell::get) > before,
            through_ours,
            "{vfs:?}: a commit goes through the gathering VFS only when asked"
        );
    }
}
