//! The Reports screen (issue 18): one command a report, the core decides who
//! may (`ViewReports`) and reads the summaries; these only translate.

use crate::dto::exports::ExportFormatInput;
use crate::dto::reports::{ReportExportInput, ReportExportView};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::export::Format;
use salondesk_core::records::CsvLang;
use salondesk_core::reports::{ChainStore, Report, ReportName, ReportQuery};
use tauri::State;

#[tauri::command]
pub async fn report(
    state: State<'_, AppState>,
    name: ReportName,
    query: ReportQuery,
) -> ApiResult<Report> {
    let staff = state.staff()?;
    Ok(state.store()?.report(&staff, name, &query)?)
}

#[tauri::command]
pub async fn report_stores(state: State<'_, AppState>) -> ApiResult<Vec<ChainStore>> {
    let staff = state.staff()?;
    Ok(state.store()?.report_stores(&staff)?)
}

/// A report's tables (or one) to CSV or .xlsx in `exports/` beside the
/// database (`Export` too; audited by the core).
#[tauri::command]
pub async fn export_report(
    state: State<'_, AppState>,
    input: ReportExportInput,
) -> ApiResult<ReportExportView> {
    let staff = state.staff()?;
    let dir = crate::commands::exports::exports_dir(&state.db_path);
    let format = match input.format {
        ExportFormatInput::Xlsx => Format::Xlsx,
        ExportFormatInput::Csv => Format::Csv,
    };
    let done = state.store()?.export_report(
        &staff,
        input.name,
        &input.query,
        input.table_id.as_deref(),
        format,
        CsvLang::of(&input.lang),
        &dir,
    )?;
    Ok(ReportExportView {
        files: done.files.iter().map(|p| p.display().to_string()).collect(),
        rows: done.rows,
    })
}
