//! Importing from the store's old system. The page reads the chosen file and
//! sends its bytes (`import_stage`, a raw request body: no JSON of 50 MB);
//! the file is read once and kept staged here, and the preview, the dry run,
//! the import and the refused-rows file all work on it. The core decides who
//! may (`ImportData`); these only translate.

use crate::dto::import::{ImportPreviewView, ImportProgress, ImportReportView, StagedFileView};
use crate::dto::records::ExportView;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use salondesk_core::import::{self, Field, ImportKind, Refusal, Sheet, MAX_FILE_BYTES};
use salondesk_core::records::CsvLang;
use salondesk_core::staff::Permission;
use std::sync::Mutex;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Emitter, Manager, State};

/// The staged file and the refusals of its last dry run or import.
#[derive(Default)]
pub struct ImportStage(Mutex<Option<Staged>>);

struct Staged {
    sheet: Sheet,
    refused: Vec<Refusal>,
}

fn invalid(field: &str, message: &str) -> ApiError {
    ApiError {
        field: Some(field.into()),
        ..ApiError::new(ErrorCode::Validation, message)
    }
}

fn kind_of(kind: &str) -> ApiResult<ImportKind> {
    ImportKind::parse(kind).ok_or_else(|| invalid("kind", "members, services or products"))
}

impl ImportStage {
    fn with<T>(&self, f: impl FnOnce(&mut Staged) -> ApiResult<T>) -> ApiResult<T> {
        let mut guard = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Some(s) => f(s),
            None => Err(invalid("file", "choose a file first")),
        }
    }

    fn sheet(&self) -> ApiResult<Sheet> {
        self.with(|s| Ok(s.sheet.clone()))
    }

    fn keep_refused(&self, refused: &[Refusal]) {
        let _ = self.with(|s| {
            s.refused = refused.to_vec();
            Ok(())
        });
    }
}

/// Stages the file whose bytes are the request's body (header `x-file-name`:
/// its name, for the screen). Over 50 MB is a `validation` error on `file`.
#[tauri::command]
pub async fn import_stage(
    state: State<'_, AppState>,
    stage: State<'_, ImportStage>,
    request: Request<'_>,
) -> ApiResult<StagedFileView> {
    let staff = state.staff()?;
    staff.require(Permission::ImportData)?;
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(invalid("file", "the file's bytes were not sent"));
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(invalid("file", "the file is over 50 MB"));
    }
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let sheet = import::read(bytes)?;
    let view = StagedFileView {
        name,
        rows: sheet.rows.len() as u64,
        columns: sheet.headers.len() as u64,
    };
    *stage.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(Staged {
        sheet,
        refused: Vec::new(),
    });
    Ok(view)
}

#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    stage: State<'_, ImportStage>,
    kind: String,
) -> ApiResult<ImportPreviewView> {
    let staff = state.staff()?;
    let kind = kind_of(&kind)?;
    let sheet = stage.sheet()?;
    let preview = state.store()?.import_preview(&staff, kind, &sheet)?;
    Ok(ImportPreviewView::new(kind, preview))
}

#[tauri::command]
pub async fn import_dry_run(
    state: State<'_, AppState>,
    stage: State<'_, ImportStage>,
    kind: String,
    mapping: Vec<Option<Field>>,
) -> ApiResult<ImportReportView> {
    let staff = state.staff()?;
    let kind = kind_of(&kind)?;
    let sheet = stage.sheet()?;
    let report = state
        .store()?
        .import_dry_run(&staff, kind, &sheet, &mapping)?;
    stage.keep_refused(&report.refused);
    Ok((&report).into())
}

/// Imports the staged file, emitting `import-progress` {done, total} as
/// batches commit; runs off the UI thread.
#[tauri::command]
pub async fn import_run(
    app: AppHandle,
    kind: String,
    mapping: Vec<Option<Field>>,
) -> ApiResult<ImportReportView> {
    let staff = app.state::<AppState>().staff()?;
    let kind = kind_of(&kind)?;
    let sheet = app.state::<ImportStage>().sheet()?;
    let worker = app.clone();
    tauri::async_runtime::spawn_blocking(move || -> ApiResult<ImportReportView> {
        let state = worker.state::<AppState>();
        let mut store = state.store()?;
        let report = store.import_run(&staff, kind, &sheet, &mapping, &mut |done, total| {
            // A lost progress event only delays the bar; the import goes on.
            let _ = worker.emit("import-progress", ImportProgress { done, total });
        })?;
        worker.state::<ImportStage>().keep_refused(&report.refused);
        Ok((&report).into())
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("import worker failed: {e}")))?
}

/// Writes the last dry run's (or import's) refused rows as CSV into
/// `exports/` beside the database and says where.
#[tauri::command]
pub async fn import_refusals_file(
    state: State<'_, AppState>,
    stage: State<'_, ImportStage>,
    lang: String,
) -> ApiResult<ExportView> {
    let staff = state.staff()?;
    let refused = stage.with(|s| Ok(s.refused.clone()))?;
    let dir = crate::commands::exports::exports_dir(&state.db_path);
    let path = state
        .store()?
        .write_import_refusals(&staff, &refused, CsvLang::of(&lang), &dir)?;
    Ok(ExportView {
        path: path.display().to_string(),
    })
}
