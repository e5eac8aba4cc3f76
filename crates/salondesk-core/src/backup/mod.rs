//! Backups of the store's database, and restoring one.
//!
//! `copy` (one backup: SQLite's online backup API from a connection of its
//! own while the till keeps selling, checked, synced, renamed into place),
//! `names` (file names and the backups in a folder), `retention` (which to
//! keep: 7 daily, 4 weekly, 12 monthly; a pure function), `settings` (this
//! till's folder and schedule, the last good and last failed backup, in
//! `meta`), `restore` (the preview and the swap; what must not go back).
//! The sync side of a restore is `sync::restored`.
//!
//! Every connection to the store's file or to a backup is keyed like the
//! store (`db::apply_key`): backups are encrypted as the store is.

mod check;
mod copy;
mod names;
pub mod new_pc;
pub mod restore;
pub mod retention;
mod settings;

pub use crate::sync::AfterRestore;
pub use check::check_copy;
pub use copy::{check_folder, make_backup, make_backup_in_steps, PAGES_PER_STEP};
pub use names::{file_name, list_backups, parse_name, ListedBackup};
pub use new_pc::backup_key;
pub use restore::{preview, restore_file, RestoreOutcome};
pub use settings::{BackupSettings, BackupStatus, FailedBackup, LastBackup, WARN_AFTER_HOURS};

use crate::db::DbKey;
use crate::Result;
use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Meta key inside a backup: when it was taken.
pub(crate) const TAKEN_AT: &str = "backup.taken_at";

/// What a backup copies: the store's file and key, and whose it is.
#[derive(Debug, Clone)]
pub struct BackupSource {
    pub db_path: PathBuf,
    pub key: Option<DbKey>,
    /// `<store code>-<device code>`: in the file's name.
    pub tag: String,
}

/// A backup written and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub name: String,
    pub taken_at: DateTime<Utc>,
    pub size: u64,
}

/// How far a backup has come, in database pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub done_pages: u64,
    pub total_pages: u64,
}

/// What a backup holds, read from the file before a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupPreview {
    pub file: String,
    pub size: u64,
    pub taken_at: Option<DateTime<Utc>>,
    #[serde(skip)]
    pub device_id: String,
    /// The backup is of another till than the one restoring it (a new PC
    /// restoring its old till's backup is expected; two running tills with
    /// one identity would number receipts alike).
    pub other_device: bool,
    pub store_code: String,
    pub device_code: String,
    pub store_name: String,
    /// The backup is of a till that had joined a chain: it re-syncs after.
    pub enrolled: bool,
    pub members: i64,
    pub sales: i64,
    pub last_receipt_no: Option<String>,
    pub integrity_ok: bool,
    /// `PRAGMA integrity_check`'s first line (`ok`).
    pub integrity: String,
}

/// Removes this till's backups in `folder` that retention does not keep
/// (other tills' files in a shared folder are never touched). Days are the
/// store's (`utc_offset_minutes`). Returns the files removed.
pub fn prune(folder: &Path, tag: &str, utc_offset_minutes: i32) -> Vec<PathBuf> {
    let zone = FixedOffset::east_opt(utc_offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"));
    let own: Vec<ListedBackup> = list_backups(folder, tag)
        .into_iter()
        .filter(|b| b.own)
        .collect();
    let local: Vec<_> = own
        .iter()
        .filter_map(|b| b.taken_at_utc())
        .map(|t| t.with_timezone(&zone).naive_local())
        .collect();
    if local.len() != own.len() {
        return Vec::new();
    }
    let keep = retention::to_keep(&local);
    let mut removed = Vec::new();
    for (i, b) in own.into_iter().enumerate() {
        if !keep.contains(&i) && std::fs::remove_file(&b.path).is_ok() {
            removed.push(b.path);
        }
    }
    removed
}

/// One backup as the app and the CLI run it: copy into `folder`, then prune
/// by retention. The store's lock is not held meanwhile; the caller records
/// the outcome (`Store::record_backup`).
pub fn back_up(
    source: &BackupSource,
    folder: &Path,
    now: DateTime<Utc>,
    utc_offset_minutes: i32,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupFile> {
    let file = make_backup(source, folder, now, progress)?;
    prune(folder, &source.tag, utc_offset_minutes);
    Ok(file)
}
