//! The first-run screen's "Restore from a backup" (a new PC after a dead
//! disk, or the store moved to another computer): the backup file, its key
//! file found beside it and the owner's passphrase; a preview, then the
//! restore. No one is logged in: the core allows it on a fresh install only
//! (no staff yet: `Store::restore_on_new_pc`). After it the backup's owner
//! logs in with her PIN, and an enrolled till re-syncs as after any restore.

use super::backups::{step, worker_failed, Busy};
use crate::dto::backups::{BackupPreviewView, RestoreDoneView};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use crate::store_open::{key_store, open_locked, reopen_store};
use crate::sync_task::SyncTask;
use salondesk_core::clock::SystemClock;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, Manager};

/// What the backup at `file` holds, opened with `passphrase` (fresh install only).
#[tauri::command]
pub async fn new_pc_restore_preview(
    app: AppHandle,
    file: String,
    passphrase: String,
) -> ApiResult<BackupPreviewView> {
    // argon2 takes a moment: off the async runtime's threads.
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let store = state.store()?;
        Ok(store
            .new_pc_restore_preview(&PathBuf::from(file.trim()), &passphrase)?
            .into())
    })
    .await
    .map_err(worker_failed)?
}

/// Replaces the fresh install's database with the backup at `file`
/// (`restore-progress` events), then opens it and restarts sync.
#[tauri::command]
pub async fn new_pc_restore(
    app: AppHandle,
    file: String,
    passphrase: String,
) -> ApiResult<RestoreDoneView> {
    let worker = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        restore(&worker, PathBuf::from(file.trim()), &passphrase)
    })
    .await
    .map_err(worker_failed)?
}

fn restore(app: &AppHandle, file: PathBuf, passphrase: &str) -> ApiResult<RestoreDoneView> {
    let _busy = Busy::take()?;
    let state = app.state::<AppState>();
    step(app, "checking");
    // Checked before the store is taken out: a refusal leaves it open as it was.
    state.store()?.new_pc_restore_preview(&file, passphrase)?;
    step(app, "closing");
    if let Some(sync) = app.try_state::<SyncTask>() {
        sync.stop();
    }
    let closed = ApiError::new(ErrorCode::Internal, "the database is being restored");
    let fresh = state.set_store(Err(closed))?;
    step(app, "replacing");
    let path = state.db_path.clone();
    let done = fresh.restore_on_new_pc(
        &file,
        passphrase,
        key_store().as_ref(),
        Arc::new(SystemClock),
    );
    step(app, "reopening");
    // The restored database with its key, under the lock the fresh store
    // held (a second lock of it would be refused); refused, the fresh one as
    // it was (its key found as at start; the lock went with it).
    let (done, reopened) = match done {
        Ok((outcome, key, Some(lock))) => (Ok(outcome), open_locked(&path, key, lock)),
        Ok((outcome, key, None)) => (Ok(outcome), reopen_store(&path, key)),
        Err(e) => (Err(e), reopen_store(&path, None)),
    };
    let _closed = state.set_store(reopened);
    state.set_session(None);
    if let Some(sync) = app.try_state::<SyncTask>() {
        if let Err(e) = sync.start(app) {
            eprintln!("sync not restarted after the restore: {:?}", e.code);
        }
    }
    step(app, "done");
    Ok(done?.into())
}
