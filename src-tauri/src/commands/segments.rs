//! The member list (Back office → Member list): the count and pages of a
//! filter, saved segments, a segment's export, the RFM thresholds and a
//! member's value class. The core decides who may (`ManageCampaigns`,
//! `SeeSensitiveNotes` for skin type, `Export`, `ManageCare`) and masks the
//! phones; these only translate.

use crate::dto::exports::{ExportFormatInput, ExportProgress, ExportResultView};
use crate::dto::segments::{SegmentExportInput, SegmentPageView};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use salondesk_core::export::Format;
use salondesk_core::records::CsvLang;
use salondesk_core::segments::{RfmClass, RfmThresholds, SavedSegment, SegmentFilter};
use tauri::{AppHandle, Emitter, Manager, State};

#[tauri::command]
pub async fn segment_count(state: State<'_, AppState>, filter: SegmentFilter) -> ApiResult<u64> {
    let staff = state.staff()?;
    Ok(state.store()?.segment_count(&staff, &filter)?)
}

#[tauri::command]
pub async fn segment_page(
    state: State<'_, AppState>,
    filter: SegmentFilter,
    after: Option<i64>,
    limit: u32,
) -> ApiResult<SegmentPageView> {
    let staff = state.staff()?;
    let page = state
        .store()?
        .segment_page(&staff, &filter, after, limit as usize)?;
    Ok(page.into())
}

#[tauri::command]
pub async fn saved_segments(state: State<'_, AppState>) -> ApiResult<Vec<SavedSegment>> {
    state.staff()?;
    Ok(state.store()?.saved_segments()?)
}

/// A new segment (`id` null) or a change to one.
#[tauri::command]
pub async fn save_segment(
    state: State<'_, AppState>,
    id: Option<String>,
    name: String,
    filter: SegmentFilter,
) -> ApiResult<SavedSegment> {
    let staff = state.staff()?;
    Ok(state
        .store()?
        .save_segment(&staff, id.as_deref(), &name, &filter)?)
}

#[tauri::command]
pub async fn remove_segment(state: State<'_, AppState>, id: String) -> ApiResult<()> {
    let staff = state.staff()?;
    Ok(state.store()?.remove_segment(&staff, &id)?)
}

/// The segment's members sheet into `exports/`, written on a worker thread
/// with `export-progress` events, as every export.
#[tauri::command]
pub async fn export_segment(
    app: AppHandle,
    input: SegmentExportInput,
) -> ApiResult<ExportResultView> {
    let state = app.state::<AppState>();
    let staff = state.staff()?;
    let format = match input.format {
        ExportFormatInput::Xlsx => Format::Xlsx,
        ExportFormatInput::Csv => Format::Csv,
    };
    let job = state.store()?.export_segment_job(
        &staff,
        &input.filter,
        format,
        CsvLang::of(&input.lang),
    )?;
    let dir = crate::commands::exports::exports_dir(&state.db_path);
    let worker = app.clone();
    let folder = dir.clone();
    let done = tauri::async_runtime::spawn_blocking(move || {
        job.run(&dir, &mut |done, total| {
            let _ = worker.emit("export-progress", ExportProgress { done, total });
        })
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("export worker failed: {e}")))??;
    state.store()?.record_export(&staff, &done)?;
    Ok(ExportResultView::new(&folder, &done))
}

#[tauri::command]
pub async fn rfm_thresholds(state: State<'_, AppState>) -> ApiResult<RfmThresholds> {
    state.staff()?;
    Ok(state.store()?.rfm_thresholds()?)
}

/// Saves the thresholds and re-classes every member; returns how many moved.
#[tauri::command]
pub async fn save_rfm_thresholds(
    state: State<'_, AppState>,
    thresholds: RfmThresholds,
) -> ApiResult<u32> {
    let staff = state.staff()?;
    let moved = state.store()?.save_rfm_thresholds(&staff, &thresholds)?;
    Ok(moved as u32)
}

/// Her value class for the profile's chip (null: no visit yet).
#[tauri::command]
pub async fn member_rfm(state: State<'_, AppState>, id: String) -> ApiResult<Option<RfmClass>> {
    state.staff()?;
    Ok(state.store()?.member_rfm(id.parse()?)?)
}
