//! Export data (Back office): members, sales, ledgers or stock to .xlsx or
//! CSV in `exports/` beside the database. The core decides who may and what
//! she sees; the rows are written on a worker thread through the export's
//! own read-only connection, so the till keeps selling meanwhile, with
//! `export-progress` events for the bar.

use crate::dto::exports::{ExportInput, ExportProgress, ExportResultView};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use salondesk_core::export::ExportRequest;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Emitter, Manager};

/// `exports/` beside the database (the app has no save dialog; the screen
/// shows the path).
pub fn exports_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(|p| p.join("exports"))
        .unwrap_or_else(|| "exports".into())
}

#[tauri::command]
pub async fn export_data(app: AppHandle, input: ExportInput) -> ApiResult<ExportResultView> {
    let state = app.state::<AppState>();
    let staff = state.staff()?;
    let req = ExportRequest::try_from(&input)?;
    let job = state.store()?.export_job(&staff, &req)?;
    let dir = exports_dir(&state.db_path);
    let worker = app.clone();
    let folder = dir.clone();
    let done = tauri::async_runtime::spawn_blocking(move || {
        job.run(&dir, &mut |done, total| {
            // A lost progress event only delays the bar; the export goes on.
            let _ = worker.emit("export-progress", ExportProgress { done, total });
        })
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("export worker failed: {e}")))??;
    state.store()?.record_export(&staff, &done)?;
    Ok(ExportResultView::new(&folder, &done))
}
