//! The owner's store-wide settings: tier rules and checkout settings.

use crate::dto::store_settings::{CheckoutSettingsView, TierRuleView};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::checkout::TierRule;
use tauri::State;

#[tauri::command]
pub async fn tier_rules(state: State<'_, AppState>) -> ApiResult<Vec<TierRuleView>> {
    state.staff()?;
    let rules = state.store()?.tier_rules()?;
    Ok(rules.iter().map(TierRuleView::from).collect())
}

#[tauri::command]
pub async fn save_tier_rules(
    state: State<'_, AppState>,
    rules: Vec<TierRuleView>,
) -> ApiResult<Vec<TierRuleView>> {
    let owner = state.staff()?;
    let mut store = state.store()?;
    let rules: Vec<TierRule> = rules.iter().map(TierRule::from).collect();
    store.save_tier_rules(&owner, &rules)?;
    Ok(store.tier_rules()?.iter().map(TierRuleView::from).collect())
}

#[tauri::command]
pub async fn checkout_settings(state: State<'_, AppState>) -> ApiResult<CheckoutSettingsView> {
    state.staff()?;
    Ok(state.store()?.checkout_settings()?)
}

#[tauri::command]
pub async fn save_checkout_settings(
    state: State<'_, AppState>,
    input: CheckoutSettingsView,
) -> ApiResult<CheckoutSettingsView> {
    save_checkout(&state, &input)
}

/// The command's body (the core decides: `edit_store_settings`, head office).
pub(crate) fn save_checkout(
    state: &AppState,
    input: &CheckoutSettingsView,
) -> ApiResult<CheckoutSettingsView> {
    let owner = state.staff()?;
    let mut store = state.store()?;
    store.save_checkout_settings(&owner, input)?;
    Ok(store.checkout_settings()?)
}
