//! The back office's staff section, the first-run store setup's lists and
//! the "Getting started" checklist. The core decides who may do what.

use crate::dto::staff_admin::{SetupProgressView, StaffInput, StaffRecordView, TimeZoneView};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::staff::StaffDraft;
use tauri::State;

/// Everyone, active or not (managers and the owner).
#[tauri::command]
pub async fn staff_admin_list(state: State<'_, AppState>) -> ApiResult<Vec<StaffRecordView>> {
    let by = state.staff()?;
    let list = state.store()?.staff_records(&by)?;
    Ok(list.iter().map(StaffRecordView::from).collect())
}

#[tauri::command]
pub async fn add_staff_member(
    state: State<'_, AppState>,
    input: StaffInput,
    pin: String,
) -> ApiResult<StaffRecordView> {
    let by = state.staff()?;
    let draft = StaffDraft::try_from(&input)?;
    let added = state.store()?.add_staff_member(&by, &draft, &pin)?;
    Ok((&added).into())
}

#[tauri::command]
pub async fn edit_staff(
    state: State<'_, AppState>,
    id: String,
    input: StaffInput,
) -> ApiResult<StaffRecordView> {
    let by = state.staff()?;
    let draft = StaffDraft::try_from(&input)?;
    let edited = state.store()?.edit_staff(&by, id.parse()?, &draft)?;
    Ok((&edited).into())
}

/// Deactivates (`active` false) or reactivates a staff member.
#[tauri::command]
pub async fn set_staff_active(
    state: State<'_, AppState>,
    id: String,
    active: bool,
) -> ApiResult<StaffRecordView> {
    let by = state.staff()?;
    let s = state.store()?.set_staff_active(&by, id.parse()?, active)?;
    Ok((&s).into())
}

/// Resets her PIN; answers the one-time temporary PIN, to be shown once.
#[tauri::command]
pub async fn reset_staff_pin(state: State<'_, AppState>, id: String) -> ApiResult<String> {
    let by = state.staff()?;
    Ok(state.store()?.reset_staff_pin(&by, id.parse()?)?)
}

#[tauri::command]
pub async fn setup_progress(state: State<'_, AppState>) -> ApiResult<SetupProgressView> {
    state.staff()?;
    Ok((&state.store()?.setup_progress()?).into())
}

/// The zones the store setup offers, in their order.
#[tauri::command]
pub async fn time_zones() -> ApiResult<Vec<TimeZoneView>> {
    Ok(salondesk_core::checkout::TIME_ZONES
        .iter()
        .map(|(zone, offset)| TimeZoneView {
            zone: (*zone).into(),
            offset_minutes: *offset,
        })
        .collect())
}
