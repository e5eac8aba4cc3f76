//! The back office's top-up plans, package plans and coupons: create, edit,
//! end, each with how often it was used. The core decides who may.

use crate::dto::catalog::{
    CouponView, PackagePlanForm, PackagePlanView, TopUpPlanForm, TopUpPlanView,
};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::checkout::{Coupon, PackagePlanInput};
use salondesk_core::Store;
use tauri::State;

fn top_ups(store: &Store) -> ApiResult<Vec<TopUpPlanView>> {
    Ok(store
        .top_up_plans_with_use()?
        .into_iter()
        .map(TopUpPlanView::from)
        .collect())
}

fn packages(store: &Store) -> ApiResult<Vec<PackagePlanView>> {
    Ok(store
        .package_plans_with_use()?
        .into_iter()
        .map(PackagePlanView::from)
        .collect())
}

fn coupons(store: &Store) -> ApiResult<Vec<CouponView>> {
    Ok(store
        .coupons_with_use()?
        .into_iter()
        .map(CouponView::from)
        .collect())
}

#[tauri::command]
pub async fn admin_top_up_plans(state: State<'_, AppState>) -> ApiResult<Vec<TopUpPlanView>> {
    state.staff()?;
    top_ups(&*state.store()?)
}

#[tauri::command]
pub async fn save_top_up_plan(
    state: State<'_, AppState>,
    id: Option<String>,
    form: TopUpPlanForm,
) -> ApiResult<Vec<TopUpPlanView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    match id {
        Some(id) => store.edit_top_up_plan(&actor, &id, &(&form).into())?,
        None => store.create_top_up_plan(&actor, &(&form).into())?,
    };
    top_ups(&store)
}

#[tauri::command]
pub async fn set_top_up_plan_active(
    state: State<'_, AppState>,
    id: String,
    active: bool,
) -> ApiResult<Vec<TopUpPlanView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    store.set_top_up_plan_active(&actor, &id, active)?;
    top_ups(&store)
}

#[tauri::command]
pub async fn admin_package_plans(state: State<'_, AppState>) -> ApiResult<Vec<PackagePlanView>> {
    state.staff()?;
    packages(&*state.store()?)
}

#[tauri::command]
pub async fn save_package_plan(
    state: State<'_, AppState>,
    id: Option<String>,
    form: PackagePlanForm,
) -> ApiResult<Vec<PackagePlanView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    let input = PackagePlanInput::try_from(&form)?;
    match id {
        Some(id) => store.edit_package_plan(&actor, &id, &input)?,
        None => store.create_package_plan(&actor, &input)?,
    };
    packages(&store)
}

#[tauri::command]
pub async fn set_package_plan_active(
    state: State<'_, AppState>,
    id: String,
    active: bool,
) -> ApiResult<Vec<PackagePlanView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    store.set_package_plan_active(&actor, &id, active)?;
    packages(&store)
}

#[tauri::command]
pub async fn admin_coupons(state: State<'_, AppState>) -> ApiResult<Vec<CouponView>> {
    state.staff()?;
    coupons(&*state.store()?)
}

/// Creates a coupon (`create`) or edits the one with this code.
#[tauri::command]
pub async fn save_coupon(
    state: State<'_, AppState>,
    create: bool,
    form: CouponView,
) -> ApiResult<Vec<CouponView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    let coupon = Coupon::try_from(&form)?;
    if create {
        store.create_coupon(&actor, &coupon)?;
    } else {
        store.edit_coupon(&actor, &coupon)?;
    }
    coupons(&store)
}

#[tauri::command]
pub async fn set_coupon_active(
    state: State<'_, AppState>,
    code: String,
    active: bool,
) -> ApiResult<Vec<CouponView>> {
    let actor = state.staff()?;
    let mut store = state.store()?;
    store.set_coupon_active(&actor, &code, active)?;
    coupons(&store)
}
