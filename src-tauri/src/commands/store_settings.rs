//! The owner's store-wide settings: checkout settings (the tier rules are
//! in the back office's tiers section, `commands::tiers`).

use crate::dto::store_settings::CheckoutSettingsView;
use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;

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
