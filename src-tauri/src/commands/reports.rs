//! The Reports screen (issue 18): one command a report, the core decides who
//! may (`ViewReports`) and reads the summaries; these only translate.

use crate::error::ApiResult;
use crate::state::AppState;
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
