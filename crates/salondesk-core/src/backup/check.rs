//! Checking a backup copy before it gets its real name: SQLite's whole-file
//! `PRAGMA integrity_check` on a read-only connection with the store's page
//! cache, the file memory-mapped.
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

/// The largest map asked for: 16 GiB (a store is a few GB at most).
const MAX_MAP: i64 = 16 << 30;

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
