//! Checking a backup copy before it gets its real name: `PRAGMA
//! integrity_check` table by table (`integrity_check(<table>)`: the table's
//! b-tree, each of its indexes against it), on a connection per thread, so
//! the two cores a till has share the check instead of one doing it all.
//!
//! Why per table: the whole-file check of a million-member store took about
//! 10 s of a 13.4 s backup on one core (docs/backups.md). Every page holding
//! data belongs to a table or an index, so every such page is still read and
//! checked; what a per-table check leaves out is the free-page list, which a
//! copy fresh from the backup API barely has and which holds no data.
//! The schema table is checked too.

use crate::db::{apply_key, DbKey};
use crate::{CoreError, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::Mutex;

/// Threads checking at once: the till's two cores (more would only queue).
const THREADS: usize = 2;

/// Checks the database file at `path` (keyed with `key`); `Err` with reason
/// `integrity` and SQLite's first complaint when any table fails.
pub fn check_copy(path: &Path, key: Option<&DbKey>) -> Result<()> {
    let failed = |problem: String| CoreError::BackupFailed {
        reason: "integrity",
        detail: format!("the copy failed its check: {problem}"),
    };
    // A page that cannot be read (or whose authentication code fails, in an
    // encrypted copy) fails the check like a page that reads wrong.
    let tables = (|| -> Result<Vec<String>> {
        let conn = open(path, key)?;
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             ORDER BY (SELECT count(*) FROM sqlite_schema i WHERE i.tbl_name = sqlite_schema.name) DESC, name",
        )?;
        let mut names: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        names.push("sqlite_schema".into());
        Ok(names)
    })()
    .map_err(|e| failed(e.to_string()))?;
    // A queue the threads take tables from: a thread done with a small table
    // takes the next, so the big ones do not wait behind each other.
    let queue = Mutex::new(tables.into_iter());
    let verdicts: Vec<Result<Option<String>>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| s.spawn(|| check_tables(path, key, &queue)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Ok(Some("a check thread failed".into())))
            })
            .collect()
    });
    for v in verdicts {
        match v {
            Ok(None) => {}
            Ok(Some(problem)) => return Err(failed(problem)),
            Err(e) => return Err(failed(e.to_string())),
        }
    }
    Ok(())
}

fn open(path: &Path, key: Option<&DbKey>) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    apply_key(&conn, key)?;
    // The store's page cache: the check walks each index against its table,
    // and with SQLite's default 2 MB it reads the same pages again and again.
    conn.pragma_update(None, "cache_size", crate::db::CACHE_SIZE)?;
    Ok(conn)
}

/// Takes tables off `queue` until it is empty; the first problem found.
fn check_tables(
    path: &Path,
    key: Option<&DbKey>,
    queue: &Mutex<std::vec::IntoIter<String>>,
) -> Result<Option<String>> {
    let conn = open(path, key)?;
    loop {
        let next = queue.lock().map(|mut q| q.next()).unwrap_or(None);
        let Some(table) = next else {
            return Ok(None);
        };
        let verdict: String = conn.query_row(
            &format!("PRAGMA integrity_check(\"{}\")", table.replace('"', "\"\"")),
            [],
            |r| r.get(0),
        )?;
        if verdict != "ok" {
            return Ok(Some(verdict));
        }
    }
}
