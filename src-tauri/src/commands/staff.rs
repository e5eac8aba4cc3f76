use crate::dto::staff::{OwnerInput, Session, StaffBrief};
use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;

#[tauri::command]
pub async fn create_owner(state: State<'_, AppState>, input: OwnerInput) -> ApiResult<Session> {
    let owner = state.store()?.create_owner(&input.name, &input.pin)?;
    state.set_session(Some(owner.clone()));
    Ok(Session::from(&owner))
}

/// The staff shown on the login screen (names and roles only): those who
/// can log in at this till.
#[tauri::command]
pub async fn login_staff_list(state: State<'_, AppState>) -> ApiResult<Vec<StaffBrief>> {
    Ok(state
        .store()?
        .login_staff()?
        .iter()
        .map(StaffBrief::from)
        .collect())
}

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    staff_id: String,
    pin: String,
) -> ApiResult<Session> {
    let staff = state.store()?.login(staff_id.parse()?, &pin)?;
    state.set_session(Some(staff.clone()));
    Ok(Session::from(&staff))
}

/// Sets a new PIN (her old one proves it is she) and logs her in: for an
/// owner or a manager whose PIN is shorter than her role now needs.
#[tauri::command]
pub async fn change_pin(
    state: State<'_, AppState>,
    staff_id: String,
    old_pin: String,
    new_pin: String,
) -> ApiResult<Session> {
    let staff = state
        .store()?
        .change_pin(staff_id.parse()?, &old_pin, &new_pin)?;
    state.set_session(Some(staff.clone()));
    Ok(Session::from(&staff))
}

#[tauri::command]
pub async fn logout(
    state: State<'_, AppState>,
    gate: State<'_, salondesk_core::updates::SaleGate>,
) -> ApiResult<()> {
    state.set_session(None);
    // Her parked cart is not a sale in progress while nobody is logged in.
    gate.cart_changed(0);
    Ok(())
}

#[tauri::command]
pub async fn current_session(state: State<'_, AppState>) -> ApiResult<Option<Session>> {
    Ok(state.session().as_ref().map(Session::from))
}

#[tauri::command]
pub async fn list_staff(state: State<'_, AppState>) -> ApiResult<Vec<StaffBrief>> {
    state.staff()?;
    Ok(state
        .store()?
        .list_staff()?
        .iter()
        .map(StaffBrief::from)
        .collect())
}
