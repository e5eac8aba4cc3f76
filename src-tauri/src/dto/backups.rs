//! Wire types of Back office → Backups and the Settings line about the last backup.

use salondesk_core::backup::{
    BackupFile, BackupPreview, BackupSettings, BackupStatus, ListedBackup, Progress, RestoreOutcome,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSettingsView {
    /// The folder backups go to (empty: none chosen).
    pub folder: String,
    /// Scheduled backups (daily, and on closing the day) on or off.
    pub enabled: bool,
    /// `HH:MM` in the store's time zone.
    pub daily_at: String,
}

impl From<BackupSettings> for BackupSettingsView {
    fn from(s: BackupSettings) -> Self {
        BackupSettingsView {
            folder: s.folder,
            enabled: s.enabled,
            daily_at: s.daily_at,
        }
    }
}

impl From<BackupSettingsView> for BackupSettings {
    fn from(s: BackupSettingsView) -> Self {
        BackupSettings {
            folder: s.folder,
            enabled: s.enabled,
            daily_at: s.daily_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatusView {
    pub settings: BackupSettingsView,
    /// The last good backup: when (ISO), which file, its size in bytes.
    pub last_good_at: Option<String>,
    pub last_good_file: Option<String>,
    #[ts(type = "number | null")]
    pub last_good_size: Option<u64>,
    #[ts(type = "number | null")]
    pub age_hours: Option<i64>,
    /// The last failure, until a good backup: when, why (`folder_missing`, …), the detail.
    pub failed_at: Option<String>,
    pub failed_reason: Option<String>,
    pub failed_detail: Option<String>,
    /// `no_folder`, `never`, `failed`, `old`, or none.
    pub warning: Option<String>,
}

impl From<BackupStatus> for BackupStatusView {
    fn from(s: BackupStatus) -> Self {
        BackupStatusView {
            settings: s.settings.into(),
            last_good_at: s.last_good.as_ref().map(|l| l.at.to_rfc3339()),
            last_good_file: s.last_good.as_ref().map(|l| l.file.clone()),
            last_good_size: s.last_good.as_ref().map(|l| l.size),
            age_hours: s.age_hours,
            failed_at: s.last_failure.as_ref().map(|f| f.at.to_rfc3339()),
            failed_reason: s.last_failure.as_ref().map(|f| f.reason.clone()),
            failed_detail: s.last_failure.as_ref().map(|f| f.detail.clone()),
            warning: s.warning.map(str::to_owned),
        }
    }
}

/// A backup in the folder. Every file listed was checked (`integrity_check`)
/// before it got its name; the preview checks it again.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFileView {
    pub name: String,
    pub path: String,
    pub taken_at: String,
    #[ts(type = "number")]
    pub size: u64,
    /// This till's (a shared folder may hold other tills' backups).
    pub own: bool,
}

impl From<ListedBackup> for BackupFileView {
    fn from(b: ListedBackup) -> Self {
        BackupFileView {
            path: b.path.to_string_lossy().into_owned(),
            name: b.name,
            taken_at: b.taken_at,
            size: b.size,
            own: b.own,
        }
    }
}

impl From<BackupFile> for BackupFileView {
    fn from(b: BackupFile) -> Self {
        BackupFileView {
            path: b.path.to_string_lossy().into_owned(),
            name: b.name,
            taken_at: b.taken_at.to_rfc3339(),
            size: b.size,
            own: true,
        }
    }
}

/// Sent as `backup-progress` while a backup copies.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupProgressView {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

impl From<Progress> for BackupProgressView {
    fn from(p: Progress) -> Self {
        BackupProgressView {
            done: p.done_pages,
            total: p.total_pages,
        }
    }
}

/// Sent as `restore-progress`: the step a restore is at
/// (`checking`, `closing`, `replacing`, `reopening`, `done`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreProgressView {
    pub step: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupPreviewView {
    pub file: String,
    #[ts(type = "number")]
    pub size: u64,
    pub taken_at: Option<String>,
    pub store_code: String,
    pub device_code: String,
    pub store_name: String,
    pub enrolled: bool,
    /// Of another till than this one (say so before replacing).
    pub other_device: bool,
    #[ts(type = "number")]
    pub members: i64,
    #[ts(type = "number")]
    pub sales: i64,
    pub last_receipt_no: Option<String>,
    pub integrity_ok: bool,
}

impl From<BackupPreview> for BackupPreviewView {
    fn from(p: BackupPreview) -> Self {
        BackupPreviewView {
            file: p.file,
            size: p.size,
            taken_at: p.taken_at.map(|t| t.to_rfc3339()),
            store_code: p.store_code,
            device_code: p.device_code,
            store_name: p.store_name,
            enrolled: p.enrolled,
            other_device: p.other_device,
            members: p.members,
            sales: p.sales,
            last_receipt_no: p.last_receipt_no,
            integrity_ok: p.integrity_ok,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreDoneView {
    /// Where the replaced database is kept.
    pub replaced_aside: Option<String>,
    /// The till re-syncs with the chain (it pulls its own operations back).
    pub catch_up: bool,
}

impl From<RestoreOutcome> for RestoreDoneView {
    fn from(o: RestoreOutcome) -> Self {
        RestoreDoneView {
            replaced_aside: o.replaced_aside,
            catch_up: o.catch_up,
        }
    }
}
