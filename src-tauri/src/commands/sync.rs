//! Sync with the central server: the status, enrolling this device, "sync
//! now", operations the server refused, and the managers' conflicts inbox.

use crate::dto::sync::{ConflictView, RejectedOpView, SyncStatusView};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use crate::sync_task::SyncTask;
use salondesk_core::staff::Permission;
use salondesk_sync::SyncError;
use tauri::{AppHandle, State};

#[tauri::command]
pub async fn sync_status(
    state: State<'_, AppState>,
    task: State<'_, SyncTask>,
) -> ApiResult<SyncStatusView> {
    state.staff()?;
    task.status(&state)
}

/// Exchanges an enrolment code for this device's credential, keeps it, and
/// starts syncing at once.
#[tauri::command]
pub async fn enrol_device(
    app: AppHandle,
    state: State<'_, AppState>,
    task: State<'_, SyncTask>,
    server_url: String,
    code: String,
    device_name: String,
) -> ApiResult<SyncStatusView> {
    let actor = state.staff()?;
    let url = salondesk_sync::normalize_server_url(&server_url)
        .map_err(|e| enrol_error(e, "serverUrl"))?;
    if code.trim().is_empty() {
        return Err(field_error(
            "code",
            "enter the enrolment code from the server",
        ));
    }
    if device_name.trim().chars().count() > 40 {
        return Err(field_error("deviceName", "at most 40 characters"));
    }
    let device_id = {
        let store = state.store()?;
        store.may_enrol_as(&actor)?;
        store.device().id.0
    };
    // The store is not locked while the server is asked.
    let enrolment = salondesk_sync::enrol(&url, &code, device_id, &device_name)
        .await
        .map_err(|e| enrol_error(e, "code"))?;
    state.store()?.save_enrolment(&url, &enrolment)?;
    task.start(&app)?;
    task.status(&state)
}

#[tauri::command]
pub async fn sync_now(
    app: AppHandle,
    state: State<'_, AppState>,
    task: State<'_, SyncTask>,
) -> ApiResult<SyncStatusView> {
    state.staff()?;
    task.sync_now(&app).await
}

/// Operations set aside (refused by the server, or failing every push they
/// were in), newest first. The server's own words only for managers: they
/// may quote what was sent.
#[tauri::command]
pub async fn rejected_ops(state: State<'_, AppState>) -> ApiResult<Vec<RejectedOpView>> {
    let staff = state.staff()?;
    let manager = staff.role.may(Permission::ResolveConflicts);
    let rejected = state.store()?.rejected_ops()?;
    Ok(rejected
        .iter()
        .map(|r| RejectedOpView::build(r, manager))
        .collect())
}

/// A manager sends a set-aside operation again (the core checks the role).
#[tauri::command]
pub async fn retry_set_aside(
    app: AppHandle,
    state: State<'_, AppState>,
    task: State<'_, SyncTask>,
    op_id: String,
) -> ApiResult<SyncStatusView> {
    let staff = state.staff()?;
    let op_id = parse_op_id(&op_id)?;
    state.store()?.retry_set_aside(&staff, op_id)?;
    task.sync_now(&app).await
}

/// A manager discards a set-aside operation (the core checks the role and audits it).
#[tauri::command]
pub async fn discard_set_aside(
    state: State<'_, AppState>,
    task: State<'_, SyncTask>,
    op_id: String,
) -> ApiResult<SyncStatusView> {
    let staff = state.staff()?;
    let op_id = parse_op_id(&op_id)?;
    state.store()?.discard_set_aside(&staff, op_id)?;
    task.status(&state)
}

fn parse_op_id(op_id: &str) -> ApiResult<uuid::Uuid> {
    op_id
        .parse()
        .map_err(|_| field_error("opId", "not an operation id"))
}

#[tauri::command]
pub async fn sync_conflicts(
    state: State<'_, AppState>,
    open_only: bool,
) -> ApiResult<Vec<ConflictView>> {
    let staff = state.staff_who_may(Permission::ResolveConflicts)?;
    let full_phone = staff.role.may(Permission::SeeFullPhone);
    let store = state.store()?;
    let conflicts = store.conflicts(open_only)?;
    Ok(conflicts
        .iter()
        .map(|c| ConflictView::build(&store, c, full_phone))
        .collect())
}

/// Marks a conflict resolved with a note; the resolution syncs to every store.
#[tauri::command]
pub async fn resolve_conflict(
    state: State<'_, AppState>,
    id: String,
    resolution: String,
) -> ApiResult<()> {
    // (The core checks `ResolveConflicts` again when it writes.)
    let staff = state.staff()?;
    if resolution.trim().is_empty() {
        return Err(field_error("resolution", "say how it was resolved"));
    }
    state
        .store()?
        .resolve_conflict(&staff, &id, resolution.trim())?;
    Ok(())
}

fn field_error(field: &str, message: &str) -> ApiError {
    ApiError {
        field: Some(field.into()),
        ..ApiError::new(ErrorCode::Validation, message)
    }
}

/// What went wrong enrolling, as the person at the desk can act on it: a bad
/// address, a server that cannot be reached, or a code the server refused.
fn enrol_error(e: SyncError, code_field: &str) -> ApiError {
    match e {
        SyncError::BadUrl(m) => field_error("serverUrl", &m),
        SyncError::Offline(_) | SyncError::Protocol(_) => ApiError {
            field: Some("serverUrl".into()),
            ..ApiError::new(
                ErrorCode::SyncUnreachable,
                "no SalonDesk sync server answered at this address",
            )
        },
        SyncError::RateLimited { .. } => ApiError::new(
            ErrorCode::SyncUnreachable,
            "the server is busy: try again in a minute",
        ),
        // A page that is not the server's own `{code, message}` (a 404 from
        // another web site): the address is wrong, not the code.
        SyncError::Server { code, .. } if code.starts_with("http_") => ApiError {
            field: Some("serverUrl".into()),
            ..ApiError::new(
                ErrorCode::SyncUnreachable,
                "this address does not answer like a SalonDesk sync server",
            )
        },
        SyncError::Unauthorized => ApiError {
            field: Some(code_field.into()),
            ..ApiError::new(
                ErrorCode::EnrolmentRefused,
                "the server did not accept this code: it may be mistyped, used or expired",
            )
        },
        SyncError::Server {
            status, message, ..
        } if (400..500).contains(&status) => ApiError {
            field: Some(code_field.into()),
            ..ApiError::new(ErrorCode::EnrolmentRefused, message)
        },
        other => ApiError::new(ErrorCode::Internal, other.to_string()),
    }
}
