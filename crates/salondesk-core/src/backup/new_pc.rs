//! Restoring on a new PC: the disk died, or the store moved to another
//! computer. The app there starts on a fresh database (the first-run screen,
//! no staff yet), and the owner brings the backup folder (a USB drive, a
//! synced folder): the backup file, and beside it the store's key file
//! (`salondesk-<tag>.key`, copied there by every backup of an encrypted
//! store), whose key her database passphrase unwraps — this computer's
//! credential store never held it.
//!
//! Then as any restore (`restore_file`): the fresh database is moved aside,
//! the backup put in place and opened once; an enrolled till pulls back what
//! the chain has and pushes what the server lacks. Once it is in place, its
//! key goes where the app finds it at the next start: the key file beside
//! the database, and the credential store where there is one.

use super::restore::{preview, restore_file, RestoreOutcome};
use super::BackupPreview;
use crate::clock::Clock;
use crate::crypt::{key_file_path, KeyFile, KeyStore};
use crate::db::{is_encrypted, DbKey};
use crate::{CoreError, Result, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn refused(reason: &'static str, detail: impl Into<String>) -> CoreError {
    CoreError::RestoreRefused {
        reason,
        detail: detail.into(),
    }
}

/// The key files that may be `backup`'s: its store's by name first, then any
/// other `salondesk-*.key` in its folder (a file renamed or copied alone).
fn key_files_beside(backup: &Path) -> Vec<PathBuf> {
    let dir = backup.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    let name = backup.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if let Some((tag, _)) = super::names::parse_name(name) {
        out.push(dir.join(super::names::key_file_name(&tag)));
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut others: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("salondesk-") && n.ends_with(".key"))
            })
            .filter(|p| !out.contains(p))
            .collect();
        others.sort();
        out.extend(others);
    }
    out
}

/// The key that opens `backup` and the key file it came from: `None` for a
/// plain backup (from before encryption). An encrypted one needs its key
/// file beside it (`no_key_file`) and the owner's passphrase
/// (`wrong_passphrase` when it unwraps none of them).
pub fn backup_key(backup: &Path, passphrase: &str) -> Result<Option<(DbKey, KeyFile)>> {
    if !backup.is_file() {
        return Err(refused(
            "not_a_backup",
            format!("{} is not a file", backup.display()),
        ));
    }
    if !is_encrypted(backup)? {
        return Ok(None);
    }
    let mut found_one = false;
    for path in key_files_beside(backup) {
        let Ok(Some(file)) = KeyFile::read_at(&path) else {
            continue;
        };
        found_one = true;
        let Ok(key) = file.unwrap_key(passphrase) else {
            continue;
        };
        // The passphrase may be the owner's for another store's key file in
        // the same folder: the key must open this backup.
        if preview(backup, Some(&key)).is_ok() {
            return Ok(Some((key, file)));
        }
    }
    if found_one {
        Err(CoreError::WrongPassphrase)
    } else {
        Err(refused(
            "no_key_file",
            "the backup is encrypted and its key file (salondesk-….key) is not beside it",
        ))
    }
}

impl Store {
    /// Whether this is a fresh install's database: no staff yet (the
    /// first-run screen). Only such a one is replaced by a restore without
    /// an owner logged in (`new_pc_*`).
    pub fn is_fresh(&self) -> Result<bool> {
        let staff: i64 = self
            .conn
            .query_row("SELECT count(*) FROM staff", [], |r| r.get(0))?;
        Ok(staff == 0)
    }

    fn require_fresh(&self) -> Result<()> {
        if self.is_fresh()? {
            Ok(())
        } else {
            Err(refused(
                "not_fresh",
                "this till already has its staff: the owner restores from the back office",
            ))
        }
    }

    /// What `backup` holds, opened with the key its key file and `passphrase`
    /// give, on a fresh install only (`not_fresh`).
    pub fn new_pc_restore_preview(&self, backup: &Path, passphrase: &str) -> Result<BackupPreview> {
        self.require_fresh()?;
        let key = backup_key(backup, passphrase)?;
        let mut p = preview(backup, key.as_ref().map(|(k, _)| k))?;
        p.other_device = false;
        Ok(p)
    }

    /// Replaces this fresh install's database with `backup` (see the module
    /// doc). Consumes the store (closed for the swap); returns how it ended,
    /// the key the restored database opens with, and the database's lock if
    /// the store held it, for the caller to reopen under.
    pub fn restore_on_new_pc(
        mut self,
        backup: &Path,
        passphrase: &str,
        keys: &dyn KeyStore,
        clock: Arc<dyn Clock>,
    ) -> Result<(RestoreOutcome, Option<DbKey>, Option<std::fs::File>)> {
        self.require_fresh()?;
        let found = backup_key(backup, passphrase)?;
        let p = preview(backup, found.as_ref().map(|(k, _)| k))?;
        if !p.integrity_ok {
            return Err(refused("integrity", p.integrity));
        }
        let db = self.path().to_path_buf();
        let lock = self.take_instance_lock();
        drop(self);
        let outcome = restore_file(&db, backup, found.as_ref().map(|(k, _)| k), clock)?;
        // The fresh database's key file went aside with it in spirit (nothing
        // was entered in it): the backup's takes its place, once the backup
        // is (a refused restore leaves the fresh install as it was).
        let key = match found {
            Some((key, file)) => {
                keys.put(&file.entry, &key);
                file.write(&db)?;
                Some(key)
            }
            None => {
                match std::fs::remove_file(key_file_path(&db)) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(refused(
                            "io",
                            format!("cannot remove the fresh database's key file: {e}"),
                        ))
                    }
                }
                None
            }
        };
        Ok((outcome, key, lock))
    }
}
