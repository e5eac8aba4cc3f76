//! The back office's catalog: services, products, top-up and package plans,
//! coupons, and price history. Each command calls one core function; the core
//! decides who may (`EditCatalog`) and refuses bad input on its field.

use crate::dto::catalog::{PriceChangeView, ProductForm, ProductView, ServiceForm, ServiceView};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::Store;
use tauri::State;

fn services(store: &Store) -> ApiResult<Vec<ServiceView>> {
    Ok(store
        .services_with_use()?
        .into_iter()
        .map(ServiceView::from)
        .collect())
}

fn products(store: &Store) -> ApiResult<Vec<ProductView>> {
    Ok(store
        .products_with_use()?
        .into_iter()
        .map(ProductView::from)
        .collect())
}

#[tauri::command]
pub async fn admin_services(state: State<'_, AppState>) -> ApiResult<Vec<ServiceView>> {
    state.staff()?;
    services(&*state.store()?)
}

/// Creates a service (`id` None) or edits one; answers the whole list.
#[tauri::command]
pub async fn save_service(
    state: State<'_, AppState>,
    id: Option<String>,
    form: ServiceForm,
) -> ApiResult<Vec<ServiceView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    match id {
        Some(id) => store.edit_service(&actor, id.parse()?, &(&form).into())?,
        None => store.create_service(&actor, &(&form).into())?,
    };
    services(&store)
}

#[tauri::command]
pub async fn set_service_active(
    state: State<'_, AppState>,
    id: String,
    active: bool,
) -> ApiResult<Vec<ServiceView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    store.set_service_active(&actor, id.parse()?, active)?;
    services(&store)
}

#[tauri::command]
pub async fn move_service(
    state: State<'_, AppState>,
    id: String,
    up: bool,
) -> ApiResult<Vec<ServiceView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    store.move_service(&actor, id.parse()?, up)?;
    services(&store)
}

#[tauri::command]
pub async fn admin_products(state: State<'_, AppState>) -> ApiResult<Vec<ProductView>> {
    state.staff()?;
    products(&*state.store()?)
}

/// Creates a product (`id` None) or edits one; answers the whole list.
#[tauri::command]
pub async fn save_product(
    state: State<'_, AppState>,
    id: Option<String>,
    form: ProductForm,
) -> ApiResult<Vec<ProductView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    match id {
        Some(id) => store.edit_product(&actor, id.parse()?, &(&form).into())?,
        None => store.create_product(&actor, &(&form).into())?,
    };
    products(&store)
}

#[tauri::command]
pub async fn set_product_active(
    state: State<'_, AppState>,
    id: String,
    active: bool,
) -> ApiResult<Vec<ProductView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    store.set_product_active(&actor, id.parse()?, active)?;
    products(&store)
}

#[tauri::command]
pub async fn move_product(
    state: State<'_, AppState>,
    id: String,
    up: bool,
) -> ApiResult<Vec<ProductView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    store.move_product(&actor, id.parse()?, up)?;
    products(&store)
}

#[tauri::command]
pub async fn price_history(
    state: State<'_, AppState>,
    item_id: String,
) -> ApiResult<Vec<PriceChangeView>> {
    state.staff()?;
    let list = state.store()?.price_history(&item_id)?;
    Ok(list.iter().map(PriceChangeView::from).collect())
}
