//! Care tasks (回访/关怀) at the desk and their settings in the back office.
//! The core decides who may (`WorkCareTasks`, `ManageCare`) and what is
//! valid; these only translate. The wire types are the core's (`care::*`,
//! exported to TypeScript like the checkout settings).

use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::appointments::{parse_date, MessageLang};
use salondesk_core::care::{CareCursor, CareFilter, CareList, CareOutcome, CareSettings};
use tauri::State;

/// Today's list (or "mine"), a page at a time.
#[tauri::command]
pub async fn care_list(
    state: State<'_, AppState>,
    filter: CareFilter,
    after: Option<CareCursor>,
    limit: u32,
) -> ApiResult<CareList> {
    let staff = state.staff()?;
    Ok(state
        .store()?
        .care_list(&staff, &filter, after.as_ref(), limit as usize)?)
}

/// How many tasks are open on today's list (the top bar's badge).
#[tauri::command]
pub async fn care_open_count(state: State<'_, AppState>, mine: bool) -> ApiResult<i64> {
    let staff = state.staff()?;
    Ok(state.store()?.care_open_count(&staff, mine)?)
}

#[tauri::command]
pub async fn care_complete(
    state: State<'_, AppState>,
    id: String,
    outcome: CareOutcome,
    note: String,
    appointment_id: Option<String>,
) -> ApiResult<()> {
    let staff = state.staff()?;
    state
        .store()?
        .complete_care_task(&staff, &id, outcome, &note, appointment_id.as_deref())?;
    Ok(())
}

#[tauri::command]
pub async fn care_snooze(state: State<'_, AppState>, id: String, until: String) -> ApiResult<()> {
    let staff = state.staff()?;
    let until = parse_date("until", &until)?;
    state.store()?.snooze_care_task(&staff, &id, until)?;
    Ok(())
}

/// `staffId` None: back to the store's list.
#[tauri::command]
pub async fn care_reassign(
    state: State<'_, AppState>,
    id: String,
    staff_id: Option<String>,
) -> ApiResult<()> {
    let staff = state.staff()?;
    let to = staff_id.map(|s| s.parse()).transpose()?;
    state.store()?.reassign_care_task(&staff, &id, to)?;
    Ok(())
}

/// Her message into the outbox (sent by the reminders' sender, or by hand);
/// returns the message's id.
#[tauri::command]
pub async fn care_send_message(
    state: State<'_, AppState>,
    id: String,
    lang: MessageLang,
) -> ApiResult<String> {
    let staff = state.staff()?;
    Ok(state.store()?.queue_care_message(&staff, &id, lang)?)
}

#[tauri::command]
pub async fn care_settings(state: State<'_, AppState>) -> ApiResult<CareSettings> {
    state.staff()?;
    Ok(state.store()?.care_settings()?)
}

#[tauri::command]
pub async fn save_care_settings(
    state: State<'_, AppState>,
    settings: CareSettings,
) -> ApiResult<()> {
    let staff = state.staff()?;
    state.store()?.save_care_settings(&staff, &settings)?;
    Ok(())
}

/// Runs the daily job now (the desk opens the list; the background job runs
/// it too): returns how many tasks were added.
#[tauri::command]
pub async fn care_run_daily(state: State<'_, AppState>) -> ApiResult<i64> {
    state.staff()?;
    // Read off the store's lock, written a chunk at a time (`jobs::run_care`).
    let created = crate::jobs::run_care(&state)?;
    Ok(created as i64)
}
