//! Ringing up and completing a sale: the catalog grid, a scanned barcode, the
//! quote after each change, a manager's PIN, and the sale itself (printed
//! afterwards; a failed print never undoes it).

use super::receipts::print_after;
use crate::dto::checkout::{
    approvals_of, CartInput, Catalog, CatalogItem, QuoteView, SaleDone, TenderInput,
};
use crate::dto::sale::MemberBalancesView;
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::checkout::Tender;
use salondesk_core::updates::SaleGate;
use tauri::{AppHandle, Manager, State};

const GRID_LIMIT: usize = 500;

#[tauri::command]
pub async fn catalog(state: State<'_, AppState>, query: String) -> ApiResult<Catalog> {
    state.staff()?;
    let store = state.store()?;
    let q = query.trim().to_lowercase();
    let matches = |name: &str| q.is_empty() || name.to_lowercase().contains(&q);
    Ok(Catalog {
        services: store
            .find_services(&query, GRID_LIMIT)?
            .iter()
            .map(CatalogItem::from)
            .collect(),
        products: store
            .find_products(&query, GRID_LIMIT)?
            .iter()
            .map(CatalogItem::from)
            .collect(),
        top_ups: store
            .top_up_plans()?
            .iter()
            .filter(|p| matches(&p.name))
            .map(CatalogItem::from)
            .collect(),
        packages: store
            .package_plans()?
            .iter()
            .filter(|p| matches(&p.name))
            .map(CatalogItem::from)
            .collect(),
    })
}

/// A barcode from the scanner: the product, or nothing (the desk says so).
#[tauri::command]
pub async fn product_by_barcode(
    state: State<'_, AppState>,
    barcode: String,
) -> ApiResult<Option<CatalogItem>> {
    state.staff()?;
    let p = state.store()?.product_by_barcode(barcode.trim())?;
    Ok(p.as_ref().map(CatalogItem::from))
}

#[tauri::command]
pub async fn member_balances(
    state: State<'_, AppState>,
    member_id: String,
) -> ApiResult<MemberBalancesView> {
    state.staff()?;
    let store = state.store()?;
    let b = salondesk_core::ledger::balances(store.conn(), member_id.parse()?)?;
    Ok(b.into())
}

#[tauri::command]
pub async fn quote_cart(state: State<'_, AppState>, cart: CartInput) -> ApiResult<QuoteView> {
    state.staff()?;
    let store = state.store()?;
    Ok(store.quote(&cart.to_cart(Vec::new())?)?.into())
}

#[tauri::command]
pub async fn complete_sale(
    app: AppHandle,
    state: State<'_, AppState>,
    cart: CartInput,
    tenders: Vec<TenderInput>,
    approvals: Vec<String>,
    appointment_id: Option<String>,
) -> ApiResult<SaleDone> {
    let cashier = state.staff()?;
    // A payment in progress: no update check starts until it is done (updates::SaleGate).
    let gate = app.state::<SaleGate>();
    let _paying = gate.paying();
    let mut store = state.store()?;
    // The core checks the tokens: each for its one permission (manual
    // discount, typed prices), unspent and not expired.
    let core_cart = cart.to_cart(approvals_of(&approvals)?)?;
    let tenders: Vec<Tender> = tenders.iter().map(Tender::from).collect();
    let outcome = store.complete_sale(&cashier, &core_cart, &tenders)?;
    // Paid: the desk empties its cart (and says so too; this covers a window that cannot).
    gate.cart_changed(0);
    if let Some(id) = appointment_id.as_deref().filter(|id| !id.is_empty()) {
        // A second transaction, after the sale's (see appointments::checkout_link):
        // if it fails the sale stands and the appointment is completed by hand.
        if let Err(e) = store.complete_appointment_after_sale(&cashier, id, &outcome.sale_id) {
            eprintln!(
                "sale {} did not complete its appointment: {}",
                outcome.receipt_no,
                e.code()
            );
        }
    }
    let print = print_after(&store, &outcome.sale_id);
    drop(store);
    refresh_search_later(&app);
    Ok(SaleDone::new(&outcome, print))
}

/// A sale moves its member up the "most recent" ranking; the search index
/// catches up on a worker thread once the sale is written and the desk is free.
pub(crate) fn refresh_search_later(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let refreshed = state
            .store()
            .and_then(|mut store| Ok(store.refresh_search_index(1_000)?));
        if let Err(e) = refreshed {
            eprintln!("search index refresh failed: {}", e.message);
        }
    });
}

/// A manager or the owner puts a member in a tier by hand, with the reason.
#[tauri::command]
pub async fn set_member_tier(
    state: State<'_, AppState>,
    member_id: String,
    tier: salondesk_core::member::Tier,
    reason: String,
) -> ApiResult<()> {
    let staff = state.staff()?;
    state
        .store()?
        .set_member_tier(&staff, member_id.parse()?, tier, &reason)?;
    Ok(())
}

#[tauri::command]
pub async fn tier_history(
    state: State<'_, AppState>,
    member_id: String,
) -> ApiResult<Vec<crate::dto::sale::TierChangeView>> {
    state.staff()?;
    let changes = state.store()?.tier_history(member_id.parse()?)?;
    Ok(changes.into_iter().map(Into::into).collect())
}
