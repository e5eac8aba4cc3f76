//! Making one backup file: SQLite's online backup API from a connection of
//! its own, so the till keeps selling while it runs.
//!
//! Why the source holds a read transaction for the whole copy: between two
//! `backup_step` calls SQLite normally lets go of the source, and a write by
//! any other connection (a sale) then restarts the copy from page one; a till
//! selling every few seconds could keep a large store's backup from ever
//! finishing. In WAL mode a reader's snapshot does not block writers, so the
//! copy reads one consistent snapshot from first page to last while sales go
//! on committing to the WAL, and it reports progress a step at a time.
//!
//! Never a half backup under a real name: the copy is written to a hidden
//! temporary name, checked (`PRAGMA integrity_check`: `check`), switched to a
//! rollback journal (one self-contained file), synced to disk, and only then
//! renamed to its real name (and the folder synced, so the rename survives a
//! power cut too).

use super::names::{file_name, key_file_name, partial_name};
use super::{BackupFile, BackupSource, Progress};
use crate::db::apply_key;
use crate::time::iso;
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// Pages copied per step (4 MiB at 4 KiB pages): progress every few tens of
/// milliseconds, without paying a step's overhead too often.
pub const PAGES_PER_STEP: i32 = 1024;

fn io_failure(reason: &'static str, what: &str, e: impl std::fmt::Display) -> CoreError {
    CoreError::BackupFailed {
        reason,
        detail: format!("{what}: {e}"),
    }
}

/// The folder must exist and take a file: a USB drive unplugged, a network
/// share gone, a read-only folder are said plainly, before anything is copied.
pub fn check_folder(folder: &Path) -> Result<()> {
    if folder.as_os_str().is_empty() {
        return Err(CoreError::BackupFailed {
            reason: "no_folder",
            detail: "no backup folder is set".into(),
        });
    }
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => {}
        _ => {
            return Err(CoreError::BackupFailed {
                reason: "folder_missing",
                detail: format!("{} is not there (a USB drive unplugged?)", folder.display()),
            })
        }
    }
    let probe = folder.join(".salondesk-write-test");
    std::fs::write(&probe, b"ok").map_err(|e| io_failure("not_writable", "cannot write", e))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Copies the store's database into `folder` as of `now`, reporting progress
/// after each step. On any failure nothing is left under a real name (the
/// temporary file is removed) and the store is untouched: it is only read.
pub fn make_backup(
    source: &BackupSource,
    folder: &Path,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupFile> {
    make_backup_in_steps(source, folder, now, PAGES_PER_STEP, progress)
}

/// An encrypted store's backups open only with its key: the key file (the key
/// wrapped by the owner's passphrase, `crypt::key_file_path`) goes into the
/// folder too, as `<store tag>.key`, so a new PC after a dead disk can open
/// them with the passphrase (README: Backups and restore). Same key for every
/// backup of the store: one file, replaced whole.
fn copy_key_file(source: &BackupSource, folder: &Path) -> Result<()> {
    let from = crate::crypt::key_file_path(&source.db_path);
    if source.key.is_none() || !from.exists() {
        return Ok(());
    }
    let name = key_file_name(&source.tag);
    let tmp = folder.join(partial_name(&name));
    std::fs::copy(&from, &tmp)
        .and_then(|_| crate::crypt::sync_file(&tmp))
        .and_then(|()| std::fs::rename(&tmp, folder.join(&name)))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io_failure("io", "cannot copy the key file beside the backup", e)
        })
}

/// `make_backup` copying `pages_per_step` pages a step (tests take small
/// steps to write between them).
pub fn make_backup_in_steps(
    source: &BackupSource,
    folder: &Path,
    now: DateTime<Utc>,
    pages_per_step: i32,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupFile> {
    check_folder(folder)?;
    let name = file_name(&source.tag, now);
    let tmp = folder.join(partial_name(&name));
    let _ = std::fs::remove_file(&tmp);
    let made = copy_to(source, &tmp, now, pages_per_step, progress).and_then(|()| sync_file(&tmp));
    if let Err(e) = made {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let path = folder.join(&name);
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_failure("io", "cannot rename the finished copy", e)
    })?;
    copy_key_file(source, folder)?;
    sync_dir(folder);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupFile {
        path,
        name,
        taken_at: now,
        size,
    })
}

fn copy_to(
    source: &BackupSource,
    tmp: &Path,
    now: DateTime<Utc>,
    pages_per_step: i32,
    progress: &mut dyn FnMut(Progress),
) -> Result<()> {
    let src = Connection::open_with_flags(&source.db_path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    apply_key(&src, source.key.as_ref())?;
    src.busy_timeout(Duration::from_secs(5))?;
    // The source read through a map of its file, not a read call per page
    // (as the check reads the copy: `check`).
    src.pragma_update(None, "mmap_size", super::check::map_size(&source.db_path))?;
    // One snapshot for the whole copy (see the module doc).
    src.execute_batch("BEGIN; SELECT count(*) FROM sqlite_master;")?;
    let mut dest = Connection::open(tmp).map_err(|e| io_failure("io", "cannot create", e))?;
    apply_key(&dest, source.key.as_ref())?;
    {
        let backup = Backup::new(&src, &mut dest)?;
        loop {
            let step = backup
                .step(pages_per_step.max(1))
                .map_err(|e| io_failure("io", "copying", e))?;
            let p = backup.progress();
            progress(Progress {
                done_pages: (p.pagecount - p.remaining).max(0) as u64,
                total_pages: p.pagecount.max(0) as u64,
            });
            match step {
                StepResult::Done => break,
                StepResult::More => {}
                // Busy or locked: only the destination, ours alone, could be; wait a little.
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    src.execute_batch("COMMIT")?;
    drop(src);
    // When it was taken, inside the copy: the preview reads it even from a renamed file.
    dest.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [super::TAKEN_AT, &iso(now)],
    )?;
    // Checked whole (see `check`), then made one file.
    super::check::check_copy(tmp, source.key.as_ref())?;
    // One file, no -wal beside it: what is copied to a USB drive is whole.
    dest.pragma_update(None, "journal_mode", "DELETE")?;
    dest.close()
        .map_err(|(_, e)| io_failure("io", "closing the copy", e))?;
    Ok(())
}

fn sync_file(path: &Path) -> Result<()> {
    crate::crypt::sync_file(path).map_err(|e| io_failure("io", "cannot sync the copy to disk", e))
}

/// Makes a rename durable (Unix; elsewhere the rename itself is what we get).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
