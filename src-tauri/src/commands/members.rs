use crate::dto::member::{MemberHit, MemberInput, MemberView};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::member::{Member, MemberSeen};
use salondesk_core::staff::{Permission, Staff};
use salondesk_core::Store;
use tauri::State;

/// The member as `staff` may see her: the core decides the phone and the
/// sensitive notes (`Store::seen_by`).
fn view(store: &Store, staff: &Staff, m: Member) -> ApiResult<MemberView> {
    let staff_name = match m.preferred_staff_id {
        Some(id) => store.staff_name(id)?,
        None => None,
    };
    let referrer_name = match m.referrer_id {
        Some(id) => store.member_name(id)?,
        None => None,
    };
    let seen: MemberSeen = store.seen_by(staff, m)?;
    Ok(MemberView::new(&seen, staff_name, referrer_name))
}

#[tauri::command]
pub async fn search_members(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> ApiResult<Vec<MemberHit>> {
    let full = state.staff()?.role.may(Permission::SeeFullPhone);
    let hits = state.store()?.search_members(&query, limit as usize)?;
    Ok(hits.iter().map(|h| MemberHit::new(h, full)).collect())
}

/// A member card scanned at the desk.
#[tauri::command]
pub async fn member_by_card(
    state: State<'_, AppState>,
    member_no: String,
) -> ApiResult<Option<MemberHit>> {
    let full = state.staff()?.role.may(Permission::SeeFullPhone);
    let hit = state.store()?.member_hit_by_no(&member_no)?;
    Ok(hit.map(|h| MemberHit::new(&h, full)))
}

#[tauri::command]
pub async fn get_member(state: State<'_, AppState>, id: String) -> ApiResult<MemberView> {
    let staff = state.staff()?;
    let store = state.store()?;
    let m = store.member(id.parse()?)?;
    view(&store, &staff, m)
}

#[tauri::command]
pub async fn register_member(
    state: State<'_, AppState>,
    input: MemberInput,
) -> ApiResult<MemberView> {
    let staff = state.staff()?;
    let mut store = state.store()?;
    let m = store.register_member(&staff, &input.try_into()?)?;
    view(&store, &staff, m)
}

/// (An edit by someone who did not see the sensitive notes keeps them: the core.)
#[tauri::command]
pub async fn update_member(
    state: State<'_, AppState>,
    id: String,
    input: MemberInput,
) -> ApiResult<MemberView> {
    let staff = state.staff()?;
    let mut store = state.store()?;
    let m = store.update_member(&staff, id.parse()?, &input.try_into()?)?;
    view(&store, &staff, m)
}

#[tauri::command]
pub async fn archive_member(state: State<'_, AppState>, id: String) -> ApiResult<()> {
    archive(&state, &id)
}

/// The command's body (the core decides who may: `archive_member`).
pub(crate) fn archive(state: &AppState, id: &str) -> ApiResult<()> {
    let staff = state.staff()?;
    state.store()?.archive_member(&staff, id.parse()?)?;
    Ok(())
}

#[tauri::command]
pub async fn merge_members(
    state: State<'_, AppState>,
    survivor_id: String,
    merged_id: String,
) -> ApiResult<MemberView> {
    let staff = state.staff()?;
    let mut store = state.store()?;
    let m = store.merge_members(&staff, survivor_id.parse()?, merged_id.parse()?)?;
    view(&store, &staff, m)
}
