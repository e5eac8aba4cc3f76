//! What the desk's first screen needs, and nothing that grows with the data
//! (issue 16, cold start): `app_info` also counts the members and the
//! operations not yet sent, over 100 ms at a million members and 1.5 million
//! operations on the 2-core machine, before the login screen could show.

use crate::dto::desk::BootInfo;
use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;

#[tauri::command]
pub async fn boot_info(state: State<'_, AppState>) -> ApiResult<BootInfo> {
    Ok(BootInfo {
        has_owner: state.store()?.has_owner()?,
    })
}
