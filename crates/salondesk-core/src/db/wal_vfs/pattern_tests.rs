//! The write pattern of SQLite's WAL that the VFS relies on. If SQLite is
//! upgraded and one of these fails, the gathering may no longer be safe: read
//! `mod.rs`'s invariants against the new SQLite's `wal.c`
//! (`sqlite3WalFrames`, `walWriteOneFrame`, `walWriteToLog`), fix the VFS if
//! needed, and only then move the pin.

use super::hooks::{self, Event};
use super::tests::open_keyed;
use rusqlite::ffi;

/// The SQLite the VFS's invariants were checked against (libsqlite3-sys's
/// bundled SQLCipher 4.6, on SQLite 3.46.1; verified before against 3.50.2).
/// Between the two bundled sources, `walWriteToLog` is identical, and
/// `walWriteOneFrame` and `walFrames` differ only by SQLCipher's call that
/// encrypts the page (`sqlcipherPagerCodec`) before it is written: the
/// frames reaching the VFS are laid out as a plain file's (the trace below
/// runs on both).
const VERIFIED_SQLITE: &str = "3.46.1";

#[test]
fn sqlite_is_the_version_the_wal_vfs_was_verified_with() {
    assert_eq!(
        rusqlite::version(),
        VERIFIED_SQLITE,
        "SQLite changed under the gathering WAL VFS: check its write pattern \
         (see this file's header) before moving VERIFIED_SQLITE"
    );
}

/// One traced commit of several pages, after a first commit (so the log
/// does not start over in it).
fn traced_commit(sync: &str, key: Option<&crate::db::DbKey>) -> (Vec<Event>, usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut c = open_keyed(&dir.path().join("p.sqlite3"), sync, key);
    c.execute("INSERT INTO t (k, v) VALUES ('first', zeroblob(10))", [])
        .unwrap();
    // SQLCipher answers a keyed connection's `page_size` as text.
    let page: usize = c
        .query_row("PRAGMA page_size", [], |r| {
            Ok(match r.get::<_, rusqlite::types::Value>(0)? {
                rusqlite::types::Value::Integer(n) => n as usize,
                rusqlite::types::Value::Text(t) => t.parse().unwrap(),
                other => panic!("page_size: {other:?}"),
            })
        })
        .unwrap();
    let tx = c.transaction().unwrap();
    for i in 0..20 {
        tx.execute(
            "INSERT INTO t (k, v) VALUES (?1, zeroblob(1500))",
            [format!("row-{i}")],
        )
        .unwrap();
    }
    hooks::trace_start();
    tx.commit().unwrap();
    (hooks::trace_take(), page)
}

#[test]
fn sqlite_appends_a_commit_frame_by_frame_and_the_vfs_writes_it_before_the_sync_and_the_release() {
    let key = crate::db::DbKey::generate();
    for (sync, key) in [
        ("FULL", None),
        ("NORMAL", None),
        ("FULL", Some(&key)),
        ("NORMAL", Some(&key)),
    ] {
        let (events, page) = traced_commit(sync, key);
        let sync = format!("{sync}{}", if key.is_some() { " encrypted" } else { "" });
        let sync = sync.as_str();
        let asked: Vec<(usize, (i64, usize, bool))> = events
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match *e {
                Event::Asked {
                    offset,
                    len,
                    commit,
                } => Some((i, (offset, len, commit))),
                _ => None,
            })
            .collect();
        assert!(asked.len() >= 8, "{sync}: a multi-page commit: {events:?}");
        // Each frame: a 24-byte header, then its page, end to end (the VFS
        // tells a frame header by its size, a commit by its header).
        let first = asked[0].1 .0;
        for (n, pair) in asked.chunks(2).enumerate() {
            let at = first + (n * (24 + page)) as i64;
            assert!(
                pair.len() == 2
                    && pair[0].1 .0 == at
                    && pair[0].1 .1 == 24
                    && pair[1].1 .0 == at + 24
                    && pair[1].1 .1 == page,
                "{sync}: SQLite no longer writes a frame as header then page, appended: {pair:?}"
            );
            let last = n == asked.len() / 2 - 1;
            assert_eq!(
                pair[0].1 .2, last,
                "{sync}: only the last frame's header marks the commit (no padding frames)"
            );
        }
        // Nothing reached the file before the commit frame's page was in;
        // then all of it, at once, before anything else.
        let end = asked.last().unwrap().0;
        assert!(
            !events[..end]
                .iter()
                .any(|e| matches!(e, Event::Kernel { .. })),
            "{sync}: frames were written before the commit frame: {events:?}"
        );
        let written: usize = events[end + 1..]
            .iter()
            .map_while(|e| match e {
                Event::Kernel { len, .. } => Some(*len),
                _ => None,
            })
            .sum();
        assert_eq!(
            written,
            asked.len() / 2 * (24 + page),
            "{sync}: the whole commit is written right after its last frame: {events:?}"
        );
        let after: Vec<&Event> = events[end + 1..]
            .iter()
            .filter(|e| !matches!(e, Event::Kernel { .. }))
            .collect();
        let released = after
            .iter()
            .position(|e| {
                matches!(e, Event::ShmLock { offset: 0, flags, .. }
                    if flags & ffi::SQLITE_SHM_UNLOCK != 0)
            })
            .unwrap_or_else(|| panic!("{sync}: the write lock is released after: {events:?}"));
        if sync.starts_with("FULL") {
            assert_eq!(
                after.first(),
                Some(&&Event::WalSync),
                "{sync}: the WAL is synced next, after the frames reached the file: {events:?}"
            );
            assert!(released > 0, "{sync}: released after the sync");
        } else {
            assert!(
                !after.contains(&&Event::WalSync),
                "{sync}: no sync at a commit: {events:?}"
            );
        }
    }
}
