//! Back office → Backups: settings, Back up now (with `backup-progress`
//! events), the backups in the folder, and restoring one (owner) with its
//! preview (`restore-progress` events). Scheduled backups (daily, and after
//! closing the day) run through `run_backup` too.
//!
//! A backup copies from a connection of its own and holds the store's lock
//! only to read the settings and record the outcome: the desk keeps selling.
//! A restore closes the store (`AppState::set_store`), swaps the file in the
//! core, reopens it the way the app runs it (`store_open`), logs everyone out
//! (the staff and PINs are the backup's now) and restarts sync.

use crate::dto::backups::{
    BackupFileView, BackupPreviewView, BackupProgressView, BackupSettingsView, BackupStatusView,
    RestoreDoneView, RestoreProgressView,
};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use crate::store_open::reopen_store;
use crate::sync_task::SyncTask;
use salondesk_core::backup::{self, BackupFile};
use salondesk_core::clock::SystemClock;
use salondesk_core::staff::Permission;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, State};

pub const BACKUP_PROGRESS: &str = "backup-progress";
pub const RESTORE_PROGRESS: &str = "restore-progress";

/// One backup or restore at a time (a scheduled one may start while the
/// owner presses Back up now; a restore must not swap the file under a copy).
static BUSY: AtomicBool = AtomicBool::new(false);

pub(crate) struct Busy;

impl Busy {
    pub(crate) fn take() -> ApiResult<Busy> {
        if BUSY.swap(true, Ordering::AcqRel) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "a backup or restore is already running",
            ));
        }
        Ok(Busy)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.store(false, Ordering::Release);
    }
}

pub(crate) fn worker_failed(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        format!("the backup worker failed: {e}"),
    )
}

/// Backs up into the folder set in the settings, emitting progress, and
/// records the outcome (good or failed, with its reason) for Settings.
pub(crate) fn run_backup(app: &AppHandle) -> ApiResult<BackupFile> {
    let _busy = Busy::take()?;
    let state = app.state::<AppState>();
    let (source, folder, offset, now) = {
        let store = state.store()?;
        let settings = store.backup_settings()?;
        (
            store.backup_source(),
            PathBuf::from(settings.folder),
            store.checkout_settings()?.utc_offset_minutes,
            store.now(),
        )
    };
    let outcome = backup::back_up(&source, &folder, now, offset, &mut |p| {
        // A lost progress event only delays the bar.
        let _ = app.emit(BACKUP_PROGRESS, BackupProgressView::from(p));
    });
    state.store()?.record_backup(&outcome)?;
    Ok(outcome?)
}

/// A backup off the caller's thread (the day's close, the daily schedule):
/// a failure is recorded for Settings, not raised.
pub(crate) fn back_up_in_background(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        if let Err(e) = run_backup(&app) {
            eprintln!("backup failed: {:?} {:?}", e.code, e.reason);
        }
    });
}

#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> ApiResult<BackupStatusView> {
    state.staff()?;
    Ok(state.store()?.backup_status()?.into())
}

/// Saves the folder (checked writable) and the schedule.
#[tauri::command]
pub async fn save_backup_settings(
    state: State<'_, AppState>,
    settings: BackupSettingsView,
) -> ApiResult<BackupStatusView> {
    let staff = state.staff()?;
    let mut store = state.store()?;
    store.save_backup_settings(&staff, &settings.into())?;
    Ok(store.backup_status()?.into())
}

#[tauri::command]
pub async fn back_up_now(app: AppHandle) -> ApiResult<BackupFileView> {
    app.state::<AppState>()
        .staff_who_may(Permission::ManageBackups)?;
    let worker = app.clone();
    let file = tauri::async_runtime::spawn_blocking(move || run_backup(&worker))
        .await
        .map_err(worker_failed)??;
    Ok(file.into())
}

/// The backups in the chosen folder, newest first (none if no folder is set
/// or it is not there).
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> ApiResult<Vec<BackupFileView>> {
    state.staff_who_may(Permission::ManageBackups)?;
    let (folder, tag) = {
        let store = state.store()?;
        (store.backup_settings()?.folder, store.backup_source().tag)
    };
    if folder.is_empty() {
        return Ok(Vec::new());
    }
    Ok(backup::list_backups(Path::new(&folder), &tag)
        .into_iter()
        .map(Into::into)
        .collect())
}

/// What a backup holds, read from the file (owner).
#[tauri::command]
pub async fn restore_preview(
    state: State<'_, AppState>,
    file: String,
) -> ApiResult<BackupPreviewView> {
    let staff = state.staff()?;
    let store = state.store()?;
    Ok(store.restore_preview(&staff, Path::new(&file))?.into())
}

/// Replaces the database with `file` (owner). Everyone is logged out after.
#[tauri::command]
pub async fn restore_backup(app: AppHandle, file: String) -> ApiResult<RestoreDoneView> {
    let staff = app.state::<AppState>().staff()?;
    app.state::<AppState>().store()?.may_restore(&staff)?;
    let worker = app.clone();
    tauri::async_runtime::spawn_blocking(move || restore(&worker, Path::new(&file)))
        .await
        .map_err(worker_failed)?
}

pub(crate) fn step(app: &AppHandle, step: &str) {
    let _ = app.emit(
        RESTORE_PROGRESS,
        RestoreProgressView {
            step: step.to_owned(),
        },
    );
}

fn restore(app: &AppHandle, file: &Path) -> ApiResult<RestoreDoneView> {
    let _busy = Busy::take()?;
    let state = app.state::<AppState>();
    step(app, "checking");
    let key = state.store()?.db_key().cloned();
    let preview = backup::preview(file, key.as_ref())?;
    if !preview.integrity_ok {
        return Err(salondesk_core::CoreError::RestoreRefused {
            reason: "integrity",
            detail: "this backup failed its check: choose another".into(),
        }
        .into());
    }
    step(app, "closing");
    if let Some(sync) = app.try_state::<SyncTask>() {
        sync.stop();
    }
    let closed = ApiError::new(ErrorCode::Internal, "the database is being restored");
    drop(state.set_store(Err(closed)));
    step(app, "replacing");
    let done = backup::restore_file(&state.db_path, file, key.as_ref(), Arc::new(SystemClock));
    step(app, "reopening");
    // Whatever happened, the store opens again: the backup's, or (refused)
    // the one that was there, untouched.
    let _closed = state.set_store(reopen_store(&state.db_path, key));
    state.set_session(None);
    if let Some(sync) = app.try_state::<SyncTask>() {
        if let Err(e) = sync.start(app) {
            eprintln!("sync not restarted after the restore: {:?}", e.code);
        }
    }
    step(app, "done");
    Ok(done?.into())
}
