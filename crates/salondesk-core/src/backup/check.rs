//! Checking a backup copy before it gets its real name: SQLite's whole-file
//! `PRAGMA integrity_check` on a read-only connection with the store's page
//! cache.
//!
//! Why whole-file: a per-table check over two threads was tried (each
//! `integrity_check(<table>)` on its own connection). It won at 100,000
//! members on a loaded machine, but at a million members on an idle one it
//! was slower (8.5 s and 10.0 s against 7.0 s and 7.8 s: the threads contend
//! for the same pages while the till sells beside them), and it skips the
//! free-page list. docs/backups.md has the figures.

use crate::db::{apply_key, DbKey};
use crate::{CoreError, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Checks the database file at `path` (keyed with `key`); `Err` with reason
/// `integrity` and SQLite's first complaint when the check finds one.
pub fn check_copy(path: &Path, key: Option<&DbKey>) -> Result<()> {
    let failed = |problem: String| CoreError::BackupFailed {
        reason: "integrity",
        detail: format!("the copy failed its check: {problem}"),
    };
    // A page that cannot be read (or whose authentication code fails, in an
    // encrypted copy) fails the check like a page that reads wrong.
    let verdict = (|| -> Result<String> {
        let conn = open(path, key)?;
        Ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    })()
    .map_err(|e| failed(e.to_string()))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(failed(verdict))
    }
}

fn open(path: &Path, key: Option<&DbKey>) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    apply_key(&conn, key)?;
    // The store's page cache: the check walks each index against its table,
    // and with SQLite's default 2 MB it reads the same pages again and again.
    conn.pragma_update(None, "cache_size", crate::db::CACHE_SIZE)?;
    Ok(conn)
}
