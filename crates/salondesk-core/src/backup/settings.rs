//! This till's backup settings and its last backups, kept in `meta`.
//!
//! Why `meta` and not the synced store settings: the folder is a path on this
//! PC (its USB drive, its synced folder); another till of the store, or the
//! server, has no use for it, and a path from one PC must never reach another.

use super::{BackupFile, BackupSource};
use crate::staff::{Permission, Staff};
use crate::store::{meta_get, Store};
use crate::time::{iso, parse_iso};
use crate::{CoreError, Result};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

pub(super) const FOLDER: &str = "backup.folder";
pub(super) const ENABLED: &str = "backup.enabled";
pub(super) const DAILY_AT: &str = "backup.daily_at";
const LAST_AT: &str = "backup.last_at";
const LAST_FILE: &str = "backup.last_file";
const LAST_SIZE: &str = "backup.last_size";
const FAILED_AT: &str = "backup.failed_at";
const FAILED_REASON: &str = "backup.failed_reason";
const FAILED_DETAIL: &str = "backup.failed_detail";

/// Device-local settings a restore carries over from the file it replaces.
pub(super) const CARRIED: [&str; 3] = [FOLDER, ENABLED, DAILY_AT];

/// Past this age the last good backup is warned about.
pub const WARN_AFTER_HOURS: i64 = 48;
/// A scheduled backup that failed is tried again at most this often.
const RETRY_AFTER: Duration = Duration::hours(1);
const DEFAULT_DAILY_AT: &str = "21:00";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupSettings {
    /// The folder backups go to (empty: none chosen yet).
    pub folder: String,
    /// Scheduled backups (daily, and on closing the day) on or off.
    pub enabled: bool,
    /// The daily backup's time in the store's time zone, `HH:MM`.
    pub daily_at: String,
}

/// The last good backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastBackup {
    pub at: DateTime<Utc>,
    pub file: String,
    pub size: u64,
}

/// The last backup that failed (cleared by the next good one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FailedBackup {
    pub at: DateTime<Utc>,
    /// `CoreError::BackupFailed`'s reason (`folder_missing`, …).
    pub reason: String,
    pub detail: String,
}

/// What Settings and the back office show about backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub settings: BackupSettings,
    pub last_good: Option<LastBackup>,
    pub last_failure: Option<FailedBackup>,
    /// Hours since the last good backup.
    pub age_hours: Option<i64>,
    /// Why to worry, if at all: `no_folder`, `never`, `failed`, `old` (first that holds).
    pub warning: Option<&'static str>,
}

fn parse_daily_at(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

impl Store {
    pub fn backup_settings(&self) -> Result<BackupSettings> {
        let c = self.conn();
        Ok(BackupSettings {
            folder: meta_get(c, FOLDER)?.unwrap_or_default(),
            enabled: meta_get(c, ENABLED)?.as_deref() != Some("0"),
            daily_at: meta_get(c, DAILY_AT)?.unwrap_or_else(|| DEFAULT_DAILY_AT.into()),
        })
    }

    /// Saves the settings (`ManageBackups`). A folder must exist and take a
    /// file now (`backup_failed` on `folder` otherwise); an empty one turns
    /// backups off until one is chosen.
    pub fn save_backup_settings(&mut self, who: &Staff, s: &BackupSettings) -> Result<()> {
        who.require(Permission::ManageBackups)?;
        let Some(at) = parse_daily_at(&s.daily_at) else {
            return Err(CoreError::validation("dailyAt", "a time like 21:30"));
        };
        let folder = s.folder.trim();
        if !folder.is_empty() {
            super::copy::check_folder(std::path::Path::new(folder))?;
        }
        self.write(|w| {
            w.set_meta(FOLDER, folder)?;
            w.set_meta(ENABLED, if s.enabled { "1" } else { "0" })?;
            w.set_meta(DAILY_AT, &at.format("%H:%M").to_string())
        })
    }

    /// What a backup copies, taken under the store's lock and used without it.
    pub fn backup_source(&self) -> BackupSource {
        let d = self.device();
        BackupSource {
            db_path: self.path().to_path_buf(),
            key: self.db_key().cloned(),
            tag: format!("{}-{}", d.store_code, d.code),
        }
    }

    /// Notes how a backup ended: a good one is the last good backup (and
    /// clears the failure); a failed one keeps its reason for Settings.
    pub fn record_backup(&mut self, outcome: &Result<BackupFile>) -> Result<()> {
        let now = self.now();
        self.write(|w| {
            match outcome {
                Ok(f) => {
                    w.set_meta(LAST_AT, &iso(f.taken_at))?;
                    w.set_meta(LAST_FILE, &f.path.to_string_lossy())?;
                    w.set_meta(LAST_SIZE, &f.size.to_string())?;
                    w.prepare_cached("DELETE FROM meta WHERE key IN (?1, ?2, ?3)")?
                        .execute([FAILED_AT, FAILED_REASON, FAILED_DETAIL])?;
                }
                Err(e) => {
                    let (reason, detail) = match e {
                        CoreError::BackupFailed { reason, detail } => (*reason, detail.clone()),
                        other => ("io", other.to_string()),
                    };
                    w.set_meta(FAILED_AT, &iso(now))?;
                    w.set_meta(FAILED_REASON, reason)?;
                    w.set_meta(FAILED_DETAIL, &detail)?;
                }
            }
            Ok(())
        })
    }

    pub fn backup_status(&self) -> Result<BackupStatus> {
        let c = self.conn();
        let settings = self.backup_settings()?;
        let last_good = match meta_get(c, LAST_AT)?.and_then(|s| parse_iso(&s)) {
            Some(at) => Some(LastBackup {
                at,
                file: meta_get(c, LAST_FILE)?.unwrap_or_default(),
                size: meta_get(c, LAST_SIZE)?
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0),
            }),
            None => None,
        };
        let last_failure = match meta_get(c, FAILED_AT)?.and_then(|s| parse_iso(&s)) {
            Some(at) => Some(FailedBackup {
                at,
                reason: meta_get(c, FAILED_REASON)?.unwrap_or_default(),
                detail: meta_get(c, FAILED_DETAIL)?.unwrap_or_default(),
            }),
            None => None,
        };
        let age_hours = last_good
            .as_ref()
            .map(|l| (self.now() - l.at).num_hours().max(0));
        let warning = if settings.folder.is_empty() {
            Some("no_folder")
        } else if last_failure.is_some() {
            Some("failed")
        } else if last_good.is_none() {
            Some("never")
        } else if age_hours.is_some_and(|h| h > WARN_AFTER_HOURS) {
            Some("old")
        } else {
            None
        };
        Ok(BackupStatus {
            settings,
            last_good,
            last_failure,
            age_hours,
            warning,
        })
    }

    /// Whether the daily backup is due now: on, a folder set, and no good
    /// backup since the latest daily time that has passed (so a till that
    /// was off at that time backs up when it next starts). After a failure
    /// it is tried again an hour later, not on every check.
    pub fn backup_due(&self) -> Result<bool> {
        let status = self.backup_status()?;
        let s = &status.settings;
        if !s.enabled || s.folder.is_empty() {
            return Ok(false);
        }
        let now = self.now();
        if status
            .last_failure
            .as_ref()
            .is_some_and(|f| now - f.at < RETRY_AFTER)
        {
            return Ok(false);
        }
        let Some(at) = parse_daily_at(&s.daily_at) else {
            return Ok(false);
        };
        let offset = self.checkout_settings()?.utc_offset_minutes;
        let zone = chrono::FixedOffset::east_opt(offset * 60)
            .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("UTC"));
        let local = now.with_timezone(&zone);
        let today_at = zone
            .from_local_datetime(&local.date_naive().and_time(at))
            .single()
            .map(|t| t.with_timezone(&Utc));
        let Some(today_at) = today_at else {
            return Ok(false);
        };
        let last_due = if today_at <= now {
            today_at
        } else {
            today_at - Duration::days(1)
        };
        Ok(status.last_good.is_none_or(|l| l.at < last_due))
    }
}
