//! Sales already written: the list, one sale, refunds and voids (with a
//! manager's PIN), the receipt on screen, printing and reprinting, and this
//! device's printer.

use super::checkout::refresh_search_later;
use crate::dto::checkout::{PrintResult, SaleDone};
use crate::dto::sale::{PrinterSettingsView, SaleSummaryView, SaleView};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::checkout::RefundRequest;
use salondesk_core::receipt::{render_escpos, render_text, write_receipt, ReceiptLang};
use salondesk_core::Store;
use tauri::{AppHandle, State};

/// Sends sale `sale_id`'s receipt to this device's printer. Never fails the
/// caller: what went wrong is reported for the desk to show.
fn print(store: &Store, sale_id: &str, reprint: bool) -> Option<PrintResult> {
    let failed = |target: Option<String>, e: String| {
        Some(PrintResult {
            ok: false,
            target,
            error: Some(e),
        })
    };
    let printer = match store.printer_settings() {
        Ok(p) => p,
        Err(e) => return failed(None, e.to_string()),
    };
    let doc = match store.receipt_doc(sale_id, printer.receipt_lang(), reprint) {
        Ok(d) => d,
        Err(e) => return failed(None, e.to_string()),
    };
    let target = printer.target(&doc.receipt_no)?;
    let bytes = render_escpos(&doc, printer.paper(), printer.receipt_lang());
    Some(send(&target, &bytes))
}

/// Writes printer bytes to `target`, saying how it went.
pub(crate) fn send(target: &std::path::Path, bytes: &[u8]) -> PrintResult {
    let shown = Some(target.display().to_string());
    match write_receipt(target, bytes) {
        Ok(()) => PrintResult {
            ok: true,
            target: shown,
            error: None,
        },
        Err(e) => PrintResult {
            ok: false,
            target: shown,
            error: Some(e.to_string()),
        },
    }
}

pub(crate) fn no_printer() -> PrintResult {
    PrintResult {
        ok: false,
        target: None,
        error: Some("no receipt printer is set up (Settings)".into()),
    }
}

pub(crate) fn lang_of(lang: &str) -> ReceiptLang {
    if lang.starts_with("en") {
        ReceiptLang::En
    } else {
        ReceiptLang::ZhCn
    }
}

/// After a sale or refund: prints if a printer is set up to print by itself.
pub(crate) fn print_after(store: &Store, sale_id: &str) -> Option<PrintResult> {
    match store.printer_settings() {
        Ok(p) if p.auto_print => print(store, sale_id, false),
        _ => None,
    }
}

#[tauri::command]
pub async fn recent_sales(
    state: State<'_, AppState>,
    member_id: Option<String>,
    limit: u32,
) -> ApiResult<Vec<SaleSummaryView>> {
    state.staff()?;
    let member = match member_id.as_deref().filter(|s| !s.is_empty()) {
        Some(id) => Some(id.parse()?),
        None => None,
    };
    let sales = state
        .store()?
        .recent_sales(member, limit.clamp(1, 500) as usize)?;
    Ok(sales.into_iter().map(SaleSummaryView::from).collect())
}

#[tauri::command]
pub async fn get_sale(state: State<'_, AppState>, id: String) -> ApiResult<SaleView> {
    state.staff()?;
    Ok(state.store()?.sale(&id)?.into())
}

/// The receipt number a client brings back, typed or scanned.
#[tauri::command]
pub async fn sale_by_receipt_no(
    state: State<'_, AppState>,
    receipt_no: String,
) -> ApiResult<SaleView> {
    state.staff()?;
    Ok(state.store()?.sale_by_receipt_no(&receipt_no)?.into())
}

/// Refunds some lines (or all that are left), or voids the sale: her own
/// permission, or a manager's approval token for it (checked by the core).
#[tauri::command]
pub async fn refund_sale(
    app: AppHandle,
    state: State<'_, AppState>,
    sale_id: String,
    line_ids: Option<Vec<String>>,
    void: bool,
    approval: Option<String>,
) -> ApiResult<SaleDone> {
    let cashier = state.staff()?;
    let mut store = state.store()?;
    let approved = match approval.as_deref() {
        Some(t) => Some(t.parse()?),
        None => None,
    };
    let req = RefundRequest {
        original_sale_id: sale_id,
        line_ids,
        void,
    };
    let outcome = store.refund(&cashier, approved.as_ref(), &req)?;
    let print = print_after(&store, &outcome.sale_id);
    drop(store);
    refresh_search_later(&app);
    Ok(SaleDone::new(&outcome, print))
}

/// The receipt as text for the screen (and the system's print dialog).
#[tauri::command]
pub async fn receipt_text(
    state: State<'_, AppState>,
    sale_id: String,
    lang: String,
    reprint: bool,
) -> ApiResult<String> {
    state.staff()?;
    let store = state.store()?;
    let lang = lang_of(&lang);
    let doc = store.receipt_doc(&sale_id, lang, reprint)?;
    let paper = store.printer_settings()?.paper();
    Ok(render_text(&doc, paper, lang))
}

/// Prints (or reprints) a receipt on this device's printer.
#[tauri::command]
pub async fn print_receipt(
    state: State<'_, AppState>,
    sale_id: String,
    reprint: bool,
) -> ApiResult<PrintResult> {
    state.staff()?;
    let store = state.store()?;
    store.sale(&sale_id)?;
    Ok(print(&store, &sale_id, reprint).unwrap_or_else(no_printer))
}

#[tauri::command]
pub async fn printer_settings(state: State<'_, AppState>) -> ApiResult<PrinterSettingsView> {
    state.staff()?;
    Ok(state.store()?.printer_settings()?.into())
}

#[tauri::command]
pub async fn save_printer_settings(
    state: State<'_, AppState>,
    input: PrinterSettingsView,
) -> ApiResult<PrinterSettingsView> {
    let staff = state.staff()?;
    let mut store = state.store()?;
    store.save_printer_settings(&staff, &input.into())?;
    Ok(store.printer_settings()?.into())
}
