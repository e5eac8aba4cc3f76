//! The chain owner's console (Reports → Chain, issue 18): thin commands over
//! the core's checks (`Store::chain_scope`: the owner, on an enrolled
//! head-office device), the owner key (`chain::OwnerKeys`) and the server's
//! console calls (`salondesk_sync::ChainClient`). The store is never locked
//! while the server is asked.

use crate::dto::chain::{ChainCodeView, ChainConsoleView, ChainStoreView, ChainTillView};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use salondesk_core::chain::{owner_key_input, ChainScope, OwnerKeys};
use salondesk_core::CoreError;
use salondesk_sync::{ChainClient, SyncError};
use tauri::State;
use uuid::Uuid;

fn refused(reason: &str, field: Option<&str>, message: &str) -> ApiError {
    ApiError {
        reason: Some(reason.to_owned()),
        field: field.map(str::to_owned),
        ..ApiError::new(ErrorCode::ChainRefused, message)
    }
}

/// A failure of the server call, as the owner can act on it.
fn server_error(e: SyncError) -> ApiError {
    match e {
        SyncError::Offline(_) | SyncError::Protocol(_) | SyncError::RateLimited { .. } => {
            ApiError::new(
                ErrorCode::SyncUnreachable,
                "the chain's server cannot be reached now",
            )
        }
        SyncError::Unauthorized => refused(
            "key_refused",
            Some("ownerKey"),
            "the server did not accept this owner key (mistyped, or replaced by a newer one)",
        ),
        SyncError::Server { code, message, .. } if code == "store_code_taken" => {
            refused("store_code_taken", Some("code"), &message)
        }
        SyncError::Server {
            status: 404,
            message,
            ..
        } => refused("not_found", None, &message),
        SyncError::Server {
            status, message, ..
        } if (400..500).contains(&status) => ApiError::new(ErrorCode::Validation, message),
        other => ApiError::new(ErrorCode::Internal, other.to_string()),
    }
}

/// The scope and a client with the kept key, or `no_owner_key`.
fn client(state: &AppState, keys: &OwnerKeys) -> ApiResult<(ChainScope, ChainClient)> {
    let staff = state.staff()?;
    let scope = state.store()?.chain_scope(&staff)?;
    let (key, _) = keys.get(scope.tenant_id).ok_or_else(|| {
        refused(
            "no_owner_key",
            Some("ownerKey"),
            "enter the chain's owner key first",
        )
    })?;
    let c = ChainClient::new(&scope.server_url, &key).map_err(server_error)?;
    Ok((scope, c))
}

fn console_view(state: &AppState, keys: &OwnerKeys) -> ApiResult<ChainConsoleView> {
    let staff = state.staff()?;
    let store = state.store()?;
    let device_id = store.device().id.0.to_string();
    let store_id = store.sync_config()?.map(|c| c.store_id.to_string());
    Ok(match store.chain_scope(&staff) {
        Ok(scope) => ChainConsoleView {
            blocked: None,
            key_place: keys
                .get(scope.tenant_id)
                .map(|(_, p)| p.as_str().to_owned()),
            device_id,
            store_id,
        },
        Err(CoreError::ChainRefused { reason }) => ChainConsoleView {
            blocked: Some(reason.to_owned()),
            key_place: None,
            device_id,
            store_id,
        },
        Err(e) => return Err(e.into()),
    })
}

#[tauri::command]
pub async fn chain_console(
    state: State<'_, AppState>,
    keys: State<'_, OwnerKeys>,
) -> ApiResult<ChainConsoleView> {
    console_view(&state, &keys)
}

/// Checks the owner key with the server (it must open this device's own
/// chain), then keeps it (the OS credential store, else this session).
#[tauri::command]
pub async fn chain_connect(
    state: State<'_, AppState>,
    keys: State<'_, OwnerKeys>,
    owner_key: String,
) -> ApiResult<ChainConsoleView> {
    let staff = state.staff()?;
    let scope = state.store()?.chain_scope(&staff)?;
    let key = owner_key_input(&owner_key)?;
    let c = ChainClient::new(&scope.server_url, &key).map_err(server_error)?;
    let chain = c.info().await.map_err(server_error)?;
    if chain.tenant_id != scope.tenant_id {
        return Err(refused(
            "other_chain",
            Some("ownerKey"),
            "this owner key is another chain's",
        ));
    }
    keys.put(scope.tenant_id, &key);
    console_view(&state, &keys)
}

#[tauri::command]
pub async fn chain_forget_key(
    state: State<'_, AppState>,
    keys: State<'_, OwnerKeys>,
) -> ApiResult<ChainConsoleView> {
    let staff = state.staff()?;
    let scope = state.store()?.chain_scope(&staff)?;
    keys.forget(scope.tenant_id);
    console_view(&state, &keys)
}

/// The chain's stores; their names are kept for the reports' store picker.
#[tauri::command]
pub async fn chain_stores(
    state: State<'_, AppState>,
    keys: State<'_, OwnerKeys>,
) -> ApiResult<Vec<ChainStoreView>> {
    let (_, c) = client(&state, &keys)?;
    let list = c.stores().await.map_err(server_error)?;
    let staff = state.staff()?;
    state.store()?.remember_chain_stores(&staff, &list.stores)?;
    Ok(list.stores.iter().map(ChainStoreView::from).collect())
}

#[tauri::command]
pub async fn chain_add_store(
    state: State<'_, AppState>,
    keys: State<'_, OwnerKeys>,
    name: String,
    code: String,
) -> ApiResult<Vec<ChainStoreView>> {
    let (name, code) = salondesk_core::chain::new_store_input(&name, &code)?;
    let (_, c) = client(&state, &keys)?;
    c.add_store(&name, &code).await.map_err(server_error)?;
    chain_stores(state, keys).await
}

#[tauri::command]
pub async fn chain_enrolment_code(
    state: State<'_, AppState>,
    keys: State<'_, OwnerKeys>,
    store_id: String,
    head_office: bool,
) -> ApiResult<ChainCodeView> {
    let store_id =
        Uuid::parse_str(&store_id).map_err(|_| refused("not_found", None, "no such store"))?;
    let (_, c) = client(&state, &keys)?;
    let code = c
        .enrolment_code(store_id, head_office)
        .await
        .map_err(server_error)?;
    let qr_svg = salondesk_core::chain::qr_svg(&code.code, 200)?;
    Ok(ChainCodeView {
        code: code.code,
        expires_at: code.expires_at,
        qr_svg,
    })
}

#[tauri::command]
pub async fn chain_tills(
    state: State<'_, AppState>,
    keys: State<'_, OwnerKeys>,
) -> ApiResult<Vec<ChainTillView>> {
    let (_, c) = client(&state, &keys)?;
    let list = c.tills().await.map_err(server_error)?;
    Ok(list.tills.iter().map(ChainTillView::from).collect())
}

/// Revokes a lost till (never this one: `own_till`), then lists the tills.
#[tauri::command]
pub async fn chain_revoke_till(
    state: State<'_, AppState>,
    keys: State<'_, OwnerKeys>,
    device_id: String,
) -> ApiResult<Vec<ChainTillView>> {
    let device =
        Uuid::parse_str(&device_id).map_err(|_| refused("not_found", None, "no such till"))?;
    let staff = state.staff()?;
    state.store()?.chain_revoke_scope(&staff, device)?;
    let (_, c) = client(&state, &keys)?;
    c.revoke_till(device).await.map_err(server_error)?;
    chain_tills(state, keys).await
}
