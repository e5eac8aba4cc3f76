//! Members' data requests (PIPL): her consent history and consent set on her
//! profile, everything held about her as a file, and erasing her. The core
//! decides who may (`EditMember`, `MemberDataRequests`); these only translate.

use crate::dto::privacy::{ConsentInput, ConsentRecordView};
use crate::dto::records::ExportView;
use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;

#[tauri::command]
pub async fn consent_history(
    state: State<'_, AppState>,
    id: String,
) -> ApiResult<Vec<ConsentRecordView>> {
    state.staff()?;
    let history = state.store()?.consent_history(id.parse()?)?;
    Ok(history.into_iter().map(Into::into).collect())
}

/// Sets her marketing consent and returns her history as it now is.
#[tauri::command]
pub async fn set_marketing_consent(
    state: State<'_, AppState>,
    id: String,
    input: ConsentInput,
) -> ApiResult<Vec<ConsentRecordView>> {
    let staff = state.staff()?;
    let id = id.parse()?;
    let mut store = state.store()?;
    store.set_marketing_consent(&staff, id, input.consent, input.how)?;
    let history = store.consent_history(id)?;
    Ok(history.into_iter().map(Into::into).collect())
}

/// Writes everything held about her into `exports/` beside the database (as
/// the audit log's export does) and says where.
#[tauri::command]
pub async fn export_member_data(state: State<'_, AppState>, id: String) -> ApiResult<ExportView> {
    let staff = state.staff()?;
    let dir = crate::commands::exports::exports_dir(&state.db_path);
    let path = state
        .store()?
        .export_member_data(&staff, id.parse()?, &dir)?;
    Ok(ExportView {
        path: path.display().to_string(),
    })
}

/// Erases her (`confirm`: her name or her phone's last four digits, typed).
#[tauri::command]
pub async fn erase_member(
    state: State<'_, AppState>,
    id: String,
    confirm: String,
) -> ApiResult<()> {
    let staff = state.staff()?;
    state.store()?.erase_member(&staff, id.parse()?, &confirm)?;
    Ok(())
}
