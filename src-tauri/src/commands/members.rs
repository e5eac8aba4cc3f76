use crate::dto::member::{MemberHit, MemberInput, MemberView};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::member::Member;
use salondesk_core::staff::Permission;
use salondesk_core::Store;
use tauri::State;

fn view(store: &Store, m: &Member, full_phone: bool) -> ApiResult<MemberView> {
    let staff_name = match m.preferred_staff_id {
        Some(id) => store.staff_name(id)?,
        None => None,
    };
    let referrer_name = match m.referrer_id {
        Some(id) => store.member_name(id)?,
        None => None,
    };
    Ok(MemberView::new(m, full_phone, staff_name, referrer_name))
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
    let full = state.staff()?.role.may(Permission::SeeFullPhone);
    let store = state.store()?;
    let m = store.member(id.parse()?)?;
    view(&store, &m, full)
}

#[tauri::command]
pub async fn register_member(
    state: State<'_, AppState>,
    input: MemberInput,
) -> ApiResult<MemberView> {
    let full = state
        .staff_who_may(Permission::RegisterMember)?
        .role
        .may(Permission::SeeFullPhone);
    let mut store = state.store()?;
    let m = store.register_member(&input.try_into()?)?;
    view(&store, &m, full)
}

#[tauri::command]
pub async fn update_member(
    state: State<'_, AppState>,
    id: String,
    input: MemberInput,
) -> ApiResult<MemberView> {
    let full = state
        .staff_who_may(Permission::EditMember)?
        .role
        .may(Permission::SeeFullPhone);
    let mut store = state.store()?;
    let m = store.update_member(id.parse()?, &input.try_into()?)?;
    view(&store, &m, full)
}

#[tauri::command]
pub async fn archive_member(state: State<'_, AppState>, id: String) -> ApiResult<()> {
    state.staff_who_may(Permission::ArchiveMember)?;
    state.store()?.archive_member(id.parse()?)?;
    Ok(())
}

#[tauri::command]
pub async fn merge_members(
    state: State<'_, AppState>,
    survivor_id: String,
    merged_id: String,
) -> ApiResult<MemberView> {
    let full = state
        .staff_who_may(Permission::MergeMembers)?
        .role
        .may(Permission::SeeFullPhone);
    let mut store = state.store()?;
    let m = store.merge_members(survivor_id.parse()?, merged_id.parse()?)?;
    view(&store, &m, full)
}
