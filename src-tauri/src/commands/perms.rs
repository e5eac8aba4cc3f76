//! Permissions: the matrix for the Settings screen, a manager's approval for
//! one action (the PIN goes in, a single-use token comes out: the UI never
//! keeps the PIN), and revealing a member's sensitive notes with a reason.

use crate::dto::checkout::{ApprovalGranted, ApprovalInput};
use crate::dto::perms::{PermissionRow, RevealInput, SensitiveNotesView};
use crate::dto::staff::StaffBrief;
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::checkout::APPROVAL_TTL_SECONDS;
use tauri::State;

/// The roles × permissions matrix the core enforces.
#[tauri::command]
pub async fn permission_matrix(state: State<'_, AppState>) -> ApiResult<Vec<PermissionRow>> {
    state.staff()?;
    Ok(PermissionRow::matrix())
}

/// Checks a manager's PIN for one action (wrong PINs lock out as at login)
/// and returns the token the action's command carries.
#[tauri::command]
pub async fn approve_action(
    state: State<'_, AppState>,
    approval: ApprovalInput,
) -> ApiResult<ApprovalGranted> {
    approve(&state, approval)
}

/// The command's body.
pub(crate) fn approve(state: &AppState, approval: ApprovalInput) -> ApiResult<ApprovalGranted> {
    state.staff()?;
    let mut store = state.store()?;
    let approver_id = approval.manager_id.parse()?;
    let token = store.approve(approver_id, &approval.pin, approval.permission)?;
    let approver = store.staff(approver_id)?;
    Ok(ApprovalGranted {
        token: token.token(),
        permission: approval.permission,
        approver: StaffBrief::from(&approver),
        expires_in_seconds: APPROVAL_TTL_SECONDS,
    })
}

/// Shows a member's skin type, allergies and notes to someone who does not
/// see them by default, with the reason (audited by the core, without the notes).
#[tauri::command]
pub async fn reveal_member_notes(
    state: State<'_, AppState>,
    member_id: String,
    input: RevealInput,
) -> ApiResult<SensitiveNotesView> {
    reveal(&state, &member_id, input)
}

/// The command's body.
pub(crate) fn reveal(
    state: &AppState,
    member_id: &str,
    input: RevealInput,
) -> ApiResult<SensitiveNotesView> {
    let staff = state.staff()?;
    let notes =
        state
            .store()?
            .reveal_sensitive(&staff, member_id.parse()?, input.reason, &input.text)?;
    Ok(notes.into())
}
