//! Checking a backup copy before it gets its real name: SQLite's
//! `integrity_check`, split so the till's two cores share it.
//!
//! What is checked: every table with its indexes (`PRAGMA
//! integrity_check(<table>)`: the b-tree's pages, cells, order, NOT NULL and
//! CHECK constraints, and every index entry against its row), the schema
//! table, and the file's page accounting (every page belongs to exactly one
//! b-tree or is counted on the free list; `accounting`). Together that is
//! what the whole-file `PRAGMA integrity_check` checks, except walking the
//! free-page list's own pages (they hold no data); a restore runs the
//! whole-file check before it uses a backup (`restore::preview`), so a
//! damaged free list cannot get into a store that way either.
//!
//! Why split: at a million members the whole-file check was 7.9 s of an
//! 11.8 s backup, on one core. The `members` table alone (six indexes) is
//! about half of it, so the units are taken off one queue, the table with the
//! most indexes first, by two threads with a connection each
//! (docs/backups.md has the figures). A store with auto-vacuum (pointer-map
//! pages, which the accounting does not count) gets the whole-file check.

use crate::db::{apply_key, DbKey};
use crate::{CoreError, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::Mutex;

/// The largest map asked for: 16 GiB (a store is a few GB at most).
const MAX_MAP: i64 = 16 << 30;

/// Threads checking at once: a front-desk PC's two cores (more only queue).
const THREADS: usize = 2;

/// The byte SQLite reserves for its file locks: the page holding it is never
/// used, in files larger than this (`PENDING_BYTE`, sqliteInt.h).
const PENDING_BYTE: i64 = 0x4000_0000;

/// One piece of the check.
enum Unit {
    /// `integrity_check(<name>)`: a table (or the schema) and its indexes.
    Table(String),
    /// Every page in exactly one b-tree or on the free list.
    Accounting,
    /// The whole-file check (stores the split does not suit).
    WholeFile,
}

/// Checks the database file at `path` (keyed with `key`); `Err` with reason
/// `integrity` and SQLite's first complaint when the check finds one.
pub fn check_copy(path: &Path, key: Option<&DbKey>) -> Result<()> {
    let failed = |problem: String| CoreError::BackupFailed {
        reason: "integrity",
        detail: format!("the copy failed its check: {problem}"),
    };
    // A page that cannot be read (or whose authentication code fails, in an
    // encrypted copy) fails the check like a page that reads wrong.
    let units = plan(path, key).map_err(|e| failed(e.to_string()))?;
    let queue = Mutex::new(units.into_iter());
    let verdicts: Vec<Result<Option<String>>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| s.spawn(|| work(path, key, &queue)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Ok(Some("a check thread failed".into())))
            })
            .collect()
    });
    for verdict in verdicts {
        match verdict {
            Ok(None) => {}
            Ok(Some(problem)) => return Err(failed(problem)),
            Err(e) => return Err(failed(e.to_string())),
        }
    }
    Ok(())
}

/// The units, the longest first so the two threads finish together: tables
/// by how many indexes they carry (each costs a lookup per row), then the
/// accounting early, since it reads every page once.
fn plan(path: &Path, key: Option<&DbKey>) -> Result<Vec<Unit>> {
    let conn = open(path, key)?;
    let auto_vacuum: i64 = conn.query_row("PRAGMA auto_vacuum", [], |r| r.get(0))?;
    if auto_vacuum != 0 {
        return Ok(vec![Unit::WholeFile]);
    }
    let mut stmt = conn.prepare(
        "SELECT t.name FROM sqlite_schema t WHERE t.type = 'table'
         ORDER BY (SELECT count(*) FROM sqlite_schema i
                   WHERE i.type = 'index' AND i.tbl_name = t.name) DESC, t.name",
    )?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut units: Vec<Unit> = tables.into_iter().map(Unit::Table).collect();
    units.insert(units.len().min(2), Unit::Accounting);
    units.push(Unit::Table("sqlite_schema".into()));
    Ok(units)
}

/// Takes units off `queue` until it is empty; the first problem found.
fn work(
    path: &Path,
    key: Option<&DbKey>,
    queue: &Mutex<std::vec::IntoIter<Unit>>,
) -> Result<Option<String>> {
    let conn = open(path, key)?;
    loop {
        let next = queue.lock().map(|mut q| q.next()).unwrap_or(None);
        let verdict = match next {
            None => return Ok(None),
            Some(Unit::Table(name)) => first_line(
                &conn,
                &format!("PRAGMA integrity_check(\"{}\")", name.replace('"', "\"\"")),
            )?,
            Some(Unit::WholeFile) => first_line(&conn, "PRAGMA integrity_check")?,
            Some(Unit::Accounting) => accounting(&conn)?,
        };
        if verdict != "ok" {
            // The others stop at their next unit: the copy is refused anyway.
            if let Ok(mut q) = queue.lock() {
                q.by_ref().for_each(drop);
            }
            return Ok(Some(verdict));
        }
    }
}

fn first_line(conn: &Connection, sql: &str) -> Result<String> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

/// Every page of the file is in exactly one b-tree (tables, indexes and
/// their overflow pages, as `dbstat` walks them) or counted on the free
/// list, besides the page holding the lock byte: no page used twice, none
/// lost. `ok` or what is wrong.
fn accounting(conn: &Connection) -> Result<String> {
    let (in_trees, distinct): (i64, i64) = conn.query_row(
        "SELECT count(*), count(DISTINCT pageno) FROM dbstat",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| {
        // SQLCipher answers a keyed connection's `page_size` as text.
        Ok(match r.get_ref(0)? {
            rusqlite::types::ValueRef::Integer(n) => n,
            other => other
                .as_str()
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0),
        })
    })?;
    let lock_page = i64::from(page_size > 0 && pages > PENDING_BYTE / page_size);
    Ok(if distinct != in_trees {
        format!("{} pages are in more than one b-tree", in_trees - distinct)
    } else if in_trees + free + lock_page != pages {
        format!(
            "{pages} pages, of which {in_trees} in b-trees and {free} free: {} unaccounted for",
            pages - in_trees - free - lock_page
        )
    } else {
        "ok".into()
    })
}

fn open(path: &Path, key: Option<&DbKey>) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    // The copy is still in WAL mode: connections opening it at once (the two
    // threads) may find its WAL index being rebuilt by the other and would
    // fail at once with SQLITE_BUSY ("changed elsewhere", an e2e backup did)
    // instead of waiting the moment it takes.
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    apply_key(&conn, key)?;
    // The store's page cache: the check walks each index against its table,
    // and with SQLite's default 2 MB it reads the same pages again and again.
    conn.pragma_update(None, "cache_size", crate::db::CACHE_SIZE)?;
    // Pages read straight from the OS's cache of the file (just written, so
    // it is there) instead of a read call and a copy each: the check's
    // lookups of every index row read pages again and again (1.45 GB copy:
    // 27 s against 39 s on the loaded machine, docs/backups.md). The map
    // costs address space, not memory. SQLCipher reads an encrypted file
    // through its own decrypting pager and leaves the map unused.
    conn.pragma_update(None, "mmap_size", map_size(path))?;
    Ok(conn)
}

/// The whole file, as far as a 64-bit process maps it (SQLite caps the
/// request at its own compiled limit).
pub(crate) fn map_size(path: &Path) -> i64 {
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    i64::try_from(len).unwrap_or(i64::MAX).min(MAX_MAP)
}
