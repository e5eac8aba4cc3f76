//! The tiers back-office section: rules and benefits per tier (the owner, on
//! a head-office device), where a member stands, and her free services.

use crate::dto::tiers::{TierRuleView, TierRulesSavedView};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use salondesk_core::checkout::{FreeServiceAllowance, TierProgress, TierRule};
use salondesk_core::ids::MemberId;
use salondesk_core::CoreError;
use tauri::State;

fn member_id(id: &str) -> Result<MemberId, ApiError> {
    id.parse()
        .map_err(|_| CoreError::validation("memberId", "not a member").into())
}

#[tauri::command]
pub async fn tier_rules(state: State<'_, AppState>) -> ApiResult<Vec<TierRuleView>> {
    state.staff()?;
    let rules = state.store()?.tier_rules()?;
    Ok(rules.iter().map(TierRuleView::from).collect())
}

/// Saves the rules, then judges every member under them (in batches).
#[tauri::command]
pub async fn save_tier_rules(
    state: State<'_, AppState>,
    rules: Vec<TierRuleView>,
) -> ApiResult<TierRulesSavedView> {
    let owner = state.staff()?;
    let mut store = state.store()?;
    let rules: Vec<TierRule> = rules.iter().map(TierRule::from).collect();
    Ok(TierRulesSavedView::from(
        &store.save_tier_rules(&owner, &rules)?,
    ))
}

#[tauri::command]
pub async fn tier_progress(
    state: State<'_, AppState>,
    member_id: String,
) -> ApiResult<TierProgress> {
    state.staff()?;
    let id = self::member_id(&member_id)?;
    Ok(state.store()?.tier_progress(id)?)
}

#[tauri::command]
pub async fn free_service_allowances(
    state: State<'_, AppState>,
    member_id: String,
) -> ApiResult<Vec<FreeServiceAllowance>> {
    state.staff()?;
    let id = self::member_id(&member_id)?;
    Ok(state.store()?.free_service_allowances(id)?)
}
