//! Encryption at rest: the unlock screen (the owner's passphrase opens the
//! store), the encryption of a plain database from before (with progress),
//! the owner's passphrase, and what Settings shows.

use crate::dto::crypt::{CryptProgress, CryptStatusView};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use crate::store_open::{key_store, open_locked};
use salondesk_core::clock::SystemClock;
use salondesk_core::crypt::{self, KdfParams, KeyFile};
use salondesk_core::db;
use salondesk_core::Store;
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, State};

/// The database's encryption, for Settings (needs the store open, not a login).
#[tauri::command]
pub async fn crypt_status(state: State<'_, AppState>) -> ApiResult<CryptStatusView> {
    let store = state.store()?;
    let keys = key_store();
    let file = KeyFile::read(store.path())?;
    let in_store = match (&file, store.db_key()) {
        (Some(f), Some(k)) => keys.get(&f.entry).as_ref() == Some(k),
        _ => false,
    };
    let passphrase_set = file.as_ref().is_some_and(|f| f.passphrase.is_some());
    let key_place = if store.db_key().is_none() {
        "plain"
    } else if in_store {
        "credential_store"
    } else if passphrase_set {
        "passphrase"
    } else {
        "not_yet_saved"
    };
    Ok(CryptStatusView {
        encrypted: store.db_key().is_some(),
        key_place: key_place.into(),
        key_store: keys.name().into(),
        passphrase_set,
    })
}

/// Closes whatever store (or reason) was in place and opens the database
/// with the key `find` gives, under the database's lock.
fn reopen(
    state: &AppState,
    find: impl FnOnce() -> salondesk_core::Result<db::DbKey>,
) -> ApiResult<()> {
    // The failed store held no lock; the unlock takes it now.
    let lock = db::instance::lock(&state.db_path)?;
    let key = find()?;
    let store = open_locked(&state.db_path, Some(key), lock)?;
    drop(state.set_store(Ok(store)));
    Ok(())
}

/// Once the store is open: syncing starts as it does at launch for an enrolled
/// till (it was not started while the store was locked).
fn opened(app: &AppHandle) {
    crate::sync_task::start(app);
}

/// Opens the closed store with the key `find` gives (on a worker thread:
/// argon2 and an in-place encryption take seconds), then starts syncing; a
/// store already open is left as it is.
async fn open_with_key(
    app: AppHandle,
    find: impl FnOnce(&std::path::Path) -> salondesk_core::Result<db::DbKey> + Send + 'static,
) -> ApiResult<()> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        if state.store().is_ok() {
            return Ok(());
        }
        let path = state.db_path.clone();
        reopen(&state, || find(&path))?;
        opened(&app);
        Ok(())
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
}

/// The unlock screen: the owner's passphrase unwraps the key (`wrong_passphrase`
/// on the field `passphrase` if not), the key goes back into the credential
/// store where there is one, and the store opens.
#[tauri::command]
pub async fn crypt_unlock(app: AppHandle, passphrase: String) -> ApiResult<()> {
    open_with_key(app, move |path| {
        crypt::unlock(path, &passphrase, key_store().as_ref()).map(|(k, _)| k)
    })
    .await
}

/// A plain database from before encryption: the owner proves herself with her
/// PIN (the core refuses anyone else: `Store::encrypt_as_owner`), sets her
/// passphrase, and the file is encrypted in place (`crypt-progress` events),
/// then opened.
#[tauri::command]
pub async fn crypt_encrypt(app: AppHandle, pin: String, passphrase: String) -> ApiResult<()> {
    crypt::sidecar::check_passphrase(&passphrase)?;
    let emitter = app.clone();
    open_with_key(app, move |path| {
        // The plain file, opened under the lock `reopen` holds, to check her PIN.
        let mut plain = Store::open_keyed(path, Arc::new(SystemClock), db::Vfs::from_env(), None)?;
        let owner = plain.owner_by_pin(&pin)?;
        plain
            .encrypt_as_owner(
                &owner,
                &passphrase,
                key_store().as_ref(),
                KdfParams::STRONG,
                &|p| {
                    // A lost event only delays the bar; the encryption goes on.
                    let _ = emitter.emit(
                        "crypt-progress",
                        CryptProgress {
                            phase: p.phase.as_str().into(),
                            done: p.done,
                            total: p.total,
                        },
                    );
                },
            )
            .map(|(k, _, _)| k)
    })
    .await
}

/// Sets (or changes) the owner's passphrase that wraps the database's key
/// (the core decides who may: `Store::set_db_passphrase`).
#[tauri::command]
pub async fn crypt_set_passphrase(app: AppHandle, passphrase: String) -> ApiResult<()> {
    let staff = app.state::<AppState>().staff()?;
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state
            .store()?
            .set_db_passphrase(&staff, &passphrase, KdfParams::STRONG)?;
        Ok(())
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?
}
