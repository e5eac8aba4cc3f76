//! Encrypting a plain database in place. The plain file stays whole until
//! the encrypted copy is complete, verified and durable, and the swap is one
//! rename, so a crash at any point leaves one of the two whole:
//!
//! 1. the plain file's WAL is checkpointed into it and emptied;
//! 2. `sqlcipher_export` copies it into `<db>.encrypting` (progress: the
//!    copy's size against the original's);
//! 3. the copy is opened with its key and checked (`integrity_check`, every
//!    table's row count, the schema version), then synced;
//! 4. `<db>.plain` is made a second name for the plain file (hard link, else
//!    a copy), so it can be overwritten after the swap;
//! 5. the copy is renamed over `<db>` (the folder synced): the swap;
//! 6. `<db>.plain` is overwritten with zeros, synced and removed.
//!
//! `recover` (run before any open) finishes or undoes whatever a crash
//! interrupted: a `.encrypting` beside a plain `<db>` is an unfinished copy
//! (removed); a `.plain` beside an encrypted `<db>` is step 6 to finish; a
//! `.plain` beside a plain `<db>` is only another name for it (unlinked,
//! never overwritten).

use super::{beside, io_err, sync_dir};
use crate::db::{apply_key, is_encrypted, DbKey};
use crate::{CoreError, Result};
use rusqlite::Connection;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::time::Duration;

/// The steps above, for tests that stop the migration after one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Checkpointed,
    Exported,
    Verified,
    Linked,
    Swapped,
    Erased,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Copying,
    Verifying,
    Replacing,
    Done,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Copying => "copying",
            Phase::Verifying => "verifying",
            Phase::Replacing => "replacing",
            Phase::Done => "done",
        }
    }
}

/// How far the migration is: `done` of `total` (thousandths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: u32,
    pub total: u32,
}

const TOTAL: u32 = 1000;
/// Copying is the bulk of the work: the first 85 %.
const COPY_SHARE: u32 = 850;

fn report(progress: &(dyn Fn(Progress) + Sync), phase: Phase, done: u32) {
    progress(Progress {
        phase,
        done: done.min(TOTAL),
        total: TOTAL,
    });
}

/// Every table's row count, by name (what the copy must hold too).
fn row_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|n| {
            let q = format!("SELECT count(*) FROM \"{}\"", n.replace('"', "\"\""));
            let c: i64 = conn.query_row(&q, [], |r| r.get(0))?;
            Ok((n, c))
        })
        .collect()
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Encrypts the plain database at `db` with `key` (steps above). The key
/// must already be kept (credential store, key file) by the caller.
/// `stop_after` ends the run after that step as a crash would (tests).
pub fn encrypt_in_place(
    db: &Path,
    key: &DbKey,
    progress: &(dyn Fn(Progress) + Sync),
    stop_after: Option<Step>,
) -> Result<()> {
    recover(db)?;
    if is_encrypted(db)? {
        return Err(CoreError::Conflict(
            "the database is already encrypted".into(),
        ));
    }
    let dir = db.parent().unwrap_or(Path::new(".")).to_path_buf();
    let tmp = beside(db, ".encrypting");
    let plain_name = beside(db, ".plain");
    let stop = |s: Step| stop_after == Some(s);
    report(progress, Phase::Copying, 0);

    // 1-2. Everything into the main file, then the encrypted copy.
    let (counts, version) = {
        let conn = Connection::open(db)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let (busy, _, _): (i64, i64, i64) =
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        if busy != 0 {
            return Err(CoreError::DatabaseInUse {
                path: db.display().to_string(),
            });
        }
        if stop(Step::Checkpointed) {
            return Ok(());
        }
        let counts = row_counts(&conn)?;
        let version = user_version(&conn)?;
        let source_bytes = std::fs::metadata(db).map(|m| m.len().max(1)).unwrap_or(1);
        conn.execute(
            "ATTACH DATABASE ?1 AS enc KEY ?2",
            rusqlite::params![tmp.to_string_lossy(), format!("x'{}'", key.to_hex())],
        )?;
        // A small cache for the copy: its pages reach the file as it grows,
        // which is what the progress bar watches (from a second thread, as
        // the export is one statement).
        conn.execute_batch("PRAGMA enc.cache_size = -2048;")?;
        let copying = std::sync::atomic::AtomicBool::new(true);
        let exported = std::thread::scope(|scope| {
            scope.spawn(|| {
                while copying.load(std::sync::atomic::Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                    let copied = std::fs::metadata(&tmp).map(|m| m.len()).unwrap_or(0);
                    let share = copied.min(source_bytes) * COPY_SHARE as u64 / source_bytes;
                    report(progress, Phase::Copying, share as u32);
                }
            });
            let r = conn.query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()));
            copying.store(false, std::sync::atomic::Ordering::Relaxed);
            r
        });
        exported?;
        conn.execute_batch(&format!(
            "PRAGMA enc.user_version = {version}; DETACH DATABASE enc;"
        ))?;
        (counts, version)
    };
    if stop(Step::Exported) {
        return Ok(());
    }

    // 3. The copy, read back with its key, holds what the original did.
    report(progress, Phase::Verifying, COPY_SHARE);
    {
        let conn = Connection::open(&tmp)?;
        apply_key(&conn, Some(key))?;
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            return Err(CoreError::Internal(format!(
                "the encrypted copy failed its check ({integrity}); the plain database is untouched"
            )));
        }
        if row_counts(&conn)? != counts || user_version(&conn)? != version {
            return Err(CoreError::Internal(
                "the encrypted copy does not hold every row; the plain database is untouched"
                    .into(),
            ));
        }
    }
    super::sync_file(&tmp).map_err(|e| io_err("cannot sync", &tmp, e))?;
    if stop(Step::Verified) {
        return Ok(());
    }

    // 4. A second name for the plain file, to overwrite once it is replaced.
    report(progress, Phase::Replacing, 950);
    let _ = std::fs::remove_file(&plain_name);
    if std::fs::hard_link(db, &plain_name).is_err() {
        std::fs::copy(db, &plain_name)
            .and_then(|_| super::sync_file(&plain_name))
            .map_err(|e| io_err("cannot copy", db, e))?;
    }
    sync_dir(&dir);
    if stop(Step::Linked) {
        return Ok(());
    }

    // 5. The swap. The plain file's WAL was emptied and removed on close;
    // anything left of it (-wal, -shm) must not be read as the new file's.
    for leftover in [beside(db, "-wal"), beside(db, "-shm")] {
        erase(&leftover)?;
    }
    std::fs::rename(&tmp, db).map_err(|e| io_err("cannot replace", db, e))?;
    sync_dir(&dir);
    if stop(Step::Swapped) {
        return Ok(());
    }

    // 6. The plain bytes overwritten, then gone.
    erase(&plain_name)?;
    sync_dir(&dir);
    report(progress, Phase::Done, TOTAL);
    Ok(())
}

/// Overwrites the file at `path` with zeros, syncs and removes it (nothing
/// to do if it is not there).
pub fn erase(path: &Path) -> Result<()> {
    let mut f = match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err("cannot overwrite", path, e)),
    };
    let len = f
        .metadata()
        .map_err(|e| io_err("cannot overwrite", path, e))?
        .len();
    let zeros = vec![0u8; 1 << 20];
    let mut left = len;
    f.seek(SeekFrom::Start(0))
        .map_err(|e| io_err("cannot overwrite", path, e))?;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        f.write_all(&zeros[..n])
            .map_err(|e| io_err("cannot overwrite", path, e))?;
        left -= n as u64;
    }
    f.sync_all()
        .map_err(|e| io_err("cannot overwrite", path, e))?;
    drop(f);
    std::fs::remove_file(path).map_err(|e| io_err("cannot remove", path, e))
}

/// Finishes or undoes an encryption a crash interrupted (see the header).
pub fn recover(db: &Path) -> Result<()> {
    let tmp = beside(db, ".encrypting");
    let plain_name = beside(db, ".plain");
    let dir = db.parent().unwrap_or(Path::new(".")).to_path_buf();
    if !db.exists() {
        if plain_name.exists() {
            // Never left so by `encrypt_in_place`, but the plain data is whole there.
            std::fs::rename(&plain_name, db).map_err(|e| io_err("cannot restore", db, e))?;
            sync_dir(&dir);
        }
        return remove_if_there(&tmp);
    }
    if is_encrypted(db)? {
        // Swapped: only the plain copy's erasure was left to do.
        erase(&plain_name)?;
        remove_if_there(&tmp)?;
    } else {
        // Not swapped: the plain file is the database; drop the unfinished copy.
        remove_if_there(&tmp)?;
        remove_if_there(&plain_name)?;
    }
    sync_dir(&dir);
    Ok(())
}

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err("cannot remove", path, e)),
    }
}
