//! The shift (班次): open with a float, pay in and out, open the drawer,
//! close with what was counted, and the Z report (日结).

use crate::dto::checkout::PrintResult;
use crate::dto::shift::{CountedInput, ZReportView};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::money::Money;
use salondesk_core::receipt::{render_z_escpos, render_z_text};
use std::collections::BTreeMap;
use tauri::State;

/// This device's open shift, as its running Z report; null when closed.
#[tauri::command]
pub async fn current_shift(state: State<'_, AppState>) -> ApiResult<Option<ZReportView>> {
    state.staff()?;
    let store = state.store()?;
    match store.current_shift()? {
        Some(id) => Ok(Some(store.z_report(&id)?.into())),
        None => Ok(None),
    }
}

#[tauri::command]
pub async fn open_shift(state: State<'_, AppState>, float: i64) -> ApiResult<ZReportView> {
    let staff = state.staff()?;
    let mut store = state.store()?;
    let id = store.open_shift(&staff, Money(float))?;
    Ok(store.z_report(&id)?.into())
}

/// Cash put in (positive) or taken out (negative), with a reason; a pay-out
/// above the store's limit carries a manager's approval token for `pay_out`
/// (`approval_required` if not).
#[tauri::command]
pub async fn pay_in_out(
    state: State<'_, AppState>,
    amount: i64,
    reason: String,
    approval: Option<String>,
) -> ApiResult<()> {
    let staff = state.staff()?;
    let mut store = state.store()?;
    let approval = match approval.as_deref() {
        Some(t) => Some(t.parse()?),
        None => None,
    };
    store.pay_in_out(&staff, Money(amount), &reason, approval.as_ref())?;
    Ok(())
}

/// Opens the drawer outside a sale (audited).
#[tauri::command]
pub async fn open_drawer(state: State<'_, AppState>, reason: String) -> ApiResult<()> {
    let staff = state.staff()?;
    state.store()?.open_drawer(&staff, &reason)?;
    Ok(())
}

#[tauri::command]
pub async fn close_shift(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    counted: Vec<CountedInput>,
) -> ApiResult<ZReportView> {
    let staff = state.staff()?;
    let counted: BTreeMap<String, Money> = counted
        .into_iter()
        .map(|c| (c.kind, Money(c.amount)))
        .collect();
    let (z, backup) = {
        let mut store = state.store()?;
        let z = store.close_shift(&staff, &counted)?;
        let s = store.backup_settings()?;
        (z, s.enabled && !s.folder.is_empty())
    };
    // Closing the day is the moment to back up: the day's sales are all in.
    if backup {
        crate::commands::backups::back_up_in_background(&app);
    }
    Ok(z.into())
}

#[tauri::command]
pub async fn z_report(state: State<'_, AppState>, shift_id: String) -> ApiResult<ZReportView> {
    state.staff()?;
    Ok(state.store()?.z_report(&shift_id)?.into())
}

/// The Z report as text (for the screen and the system's print dialog).
#[tauri::command]
pub async fn z_report_text(
    state: State<'_, AppState>,
    shift_id: String,
    lang: String,
) -> ApiResult<String> {
    state.staff()?;
    let store = state.store()?;
    let z = store.z_report(&shift_id)?;
    let cfg = store.checkout_settings()?;
    let paper = store.printer_settings()?.paper();
    Ok(render_z_text(
        &z,
        &cfg.store_name,
        cfg.utc_offset_minutes,
        paper,
        super::receipts::lang_of(&lang),
    ))
}

/// Prints the Z report on this device's receipt printer.
#[tauri::command]
pub async fn print_z_report(
    state: State<'_, AppState>,
    shift_id: String,
) -> ApiResult<PrintResult> {
    state.staff()?;
    let store = state.store()?;
    let z = store.z_report(&shift_id)?;
    let cfg = store.checkout_settings()?;
    let printer = store.printer_settings()?;
    let Some(target) = printer.target(&format!("Z-{shift_id}")) else {
        return Ok(super::receipts::no_printer());
    };
    let bytes = render_z_escpos(
        &z,
        &cfg.store_name,
        cfg.utc_offset_minutes,
        printer.paper(),
        printer.receipt_lang(),
    );
    Ok(super::receipts::send(&target, &bytes))
}
