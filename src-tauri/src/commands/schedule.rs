//! Hours and rooms in the back office, beyond the calendar's own commands
//! (`working_hours`, `save_working_hours`, `add_room`, `booking_services`,
//! `set_service_resource_kind`): days off with a reason, every room, editing
//! one and taking one out of use. The core checks `ManageSchedule` itself.

use crate::dto::appointment::parse_date;
use crate::dto::schedule::{DayOffView, RoomAdminView, RoomEditInput};
use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;

#[tauri::command]
pub async fn all_rooms(state: State<'_, AppState>) -> ApiResult<Vec<RoomAdminView>> {
    state.staff()?;
    let rooms = state.store()?.all_rooms()?;
    Ok(rooms.iter().map(RoomAdminView::from).collect())
}

#[tauri::command]
pub async fn update_room(
    state: State<'_, AppState>,
    input: RoomEditInput,
) -> ApiResult<RoomAdminView> {
    let staff = state.staff()?;
    let room =
        state
            .store()?
            .update_room(&staff, &input.id, &input.name, input.kind, input.capacity)?;
    Ok((&room).into())
}

#[tauri::command]
pub async fn set_room_active(
    state: State<'_, AppState>,
    id: String,
    active: bool,
) -> ApiResult<RoomAdminView> {
    let staff = state.staff()?;
    let room = state.store()?.set_room_active(&staff, &id, active)?;
    Ok((&room).into())
}

#[tauri::command]
pub async fn days_off(state: State<'_, AppState>, staff_id: String) -> ApiResult<Vec<DayOffView>> {
    state.staff()?;
    let days = state.store()?.days_off(staff_id.parse()?)?;
    Ok(days.iter().map(DayOffView::from).collect())
}

#[tauri::command]
pub async fn add_day_off(
    state: State<'_, AppState>,
    staff_id: String,
    date: String,
    reason: String,
) -> ApiResult<Vec<DayOffView>> {
    let staff = state.staff()?;
    let who = staff_id.parse()?;
    let mut store = state.store()?;
    store.add_day_off(&staff, who, parse_date("date", &date)?, &reason)?;
    Ok(store.days_off(who)?.iter().map(DayOffView::from).collect())
}

#[tauri::command]
pub async fn remove_day_off(
    state: State<'_, AppState>,
    staff_id: String,
    date: String,
) -> ApiResult<Vec<DayOffView>> {
    let staff = state.staff()?;
    let who = staff_id.parse()?;
    let mut store = state.store()?;
    store.remove_day_off(&staff, who, parse_date("date", &date)?)?;
    Ok(store.days_off(who)?.iter().map(DayOffView::from).collect())
}
