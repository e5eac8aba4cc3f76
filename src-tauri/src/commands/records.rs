//! Records an owner looks at: the audit log and its CSV export, past Z
//! reports, the filtered sales list and its totals. The core decides who may
//! (`ViewRecords`, `Export`); these only translate.

use crate::dto::records::{
    AuditFilterInput, AuditPageView, ClosedShiftPageView, ExportView, PageCursor, PeriodInput,
    SalesFilterInput, SalesPageView, SalesTotalsView,
};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::checkout::audit::ACTIONS;
use salondesk_core::records::{AuditFilter, CsvLang, Cursor, Period, SalesFilter};
use tauri::State;

/// Every kind of audited action this build knows (the log may hold others,
/// written by a newer till of the chain).
#[tauri::command]
pub async fn audit_actions(state: State<'_, AppState>) -> ApiResult<Vec<String>> {
    state.staff()?;
    Ok(ACTIONS.iter().map(|a| (*a).to_owned()).collect())
}

#[tauri::command]
pub async fn audit_log(
    state: State<'_, AppState>,
    filter: AuditFilterInput,
    cursor: Option<PageCursor>,
    limit: u32,
) -> ApiResult<AuditPageView> {
    let staff = state.staff()?;
    let filter = AuditFilter::try_from(&filter)?;
    let cursor = cursor.map(Cursor::from);
    let page = state
        .store()?
        .audit_log(&staff, &filter, cursor.as_ref(), limit as usize)?;
    Ok(page.into())
}

/// Writes the filtered audit log as CSV into `exports/` beside the database
/// (the app has no save dialog: see the README's Records paragraph) and
/// says where.
#[tauri::command]
pub async fn export_audit_log(
    state: State<'_, AppState>,
    filter: AuditFilterInput,
    lang: String,
) -> ApiResult<ExportView> {
    let staff = state.staff()?;
    let filter = AuditFilter::try_from(&filter)?;
    let dir = crate::commands::exports::exports_dir(&state.db_path);
    let path = state
        .store()?
        .export_audit_csv(&staff, &filter, CsvLang::of(&lang), &dir)?;
    Ok(ExportView {
        path: path.display().to_string(),
    })
}

#[tauri::command]
pub async fn closed_shifts(
    state: State<'_, AppState>,
    period: PeriodInput,
    cursor: Option<PageCursor>,
    limit: u32,
) -> ApiResult<ClosedShiftPageView> {
    let staff = state.staff()?;
    let period = Period::try_from(&period)?;
    let cursor = cursor.map(Cursor::from);
    let (shifts, next) =
        state
            .store()?
            .closed_shifts(&staff, &period, cursor.as_ref(), limit as usize)?;
    Ok(ClosedShiftPageView {
        shifts: shifts.into_iter().map(Into::into).collect(),
        next: next.map(Into::into),
    })
}

#[tauri::command]
pub async fn sales_list(
    state: State<'_, AppState>,
    filter: SalesFilterInput,
    cursor: Option<PageCursor>,
    limit: u32,
) -> ApiResult<SalesPageView> {
    let staff = state.staff()?;
    let filter = SalesFilter::try_from(&filter)?;
    let cursor = cursor.map(Cursor::from);
    let page = state
        .store()?
        .sales_list(&staff, &filter, cursor.as_ref(), limit as usize)?;
    Ok(page.into())
}

#[tauri::command]
pub async fn sales_totals(
    state: State<'_, AppState>,
    filter: SalesFilterInput,
) -> ApiResult<SalesTotalsView> {
    let staff = state.staff()?;
    let filter = SalesFilter::try_from(&filter)?;
    Ok(state.store()?.sales_totals(&staff, &filter)?.into())
}
