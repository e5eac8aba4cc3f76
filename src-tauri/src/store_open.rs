//! Opening the store the way the app runs it: at start, and again after a
//! restore puts another database file in place (`AppState::set_store`), or
//! once the owner's passphrase unlocked it (`commands::crypt`).
//!
//! The store's file is encrypted (SQLCipher): its key comes from the OS
//! credential store, else the owner's passphrase (`salondesk_core::crypt`).
//! Everything that touches the file — finishing an interrupted encryption,
//! creating a new database's key, opening — happens under the database's
//! lock, so a second SalonDesk never does it at the same time.

use crate::error::ApiError;
use salondesk_core::clock::SystemClock;
use salondesk_core::crypt::{self, KeyStore, OsKeyStore};
use salondesk_core::db::{self, DbKey};
use salondesk_core::Store;
use std::path::Path;
use std::sync::Arc;

/// The credential store this run uses (`SALONDESK_KEYSTORE=none`: none).
pub fn key_store() -> Box<dyn KeyStore> {
    OsKeyStore::from_env()
}

/// Opens the store at `path` for this process alone, with WAL checkpoints on a
/// background worker, or says why it cannot (`database_locked`: the key must
/// come from the owner's passphrase, or the plain file must be encrypted first).
pub fn open_store(path: &Path) -> Result<Store, ApiError> {
    let lock = db::instance::lock(path)?;
    let (key, _) = crypt::prepare(path, key_store().as_ref())?;
    open_locked(path, Some(key), lock)
}

/// Opens the store at `path` with the key it is known to have (a restore
/// reopening the same store's file: the key in hand, no need to ask for the
/// passphrase again); without one, as at start (`open_store`).
pub fn reopen_store(path: &Path, key: Option<DbKey>) -> Result<Store, ApiError> {
    match key {
        Some(key) => open_locked(path, Some(key), db::instance::lock(path)?),
        None => open_store(path),
    }
}

/// The wall clock, or — for the end-to-end tests only, never a till —
/// the wall clock moved by the offset in `SALONDESK_TEST_CLOCK_FILE`.
fn clock() -> Arc<dyn salondesk_core::clock::Clock> {
    match std::env::var_os("SALONDESK_TEST_CLOCK_FILE") {
        Some(file) if !file.is_empty() => {
            Arc::new(salondesk_core::clock::OffsetFileClock::new(file))
        }
        _ => Arc::new(SystemClock),
    }
}

/// Opens the store at `path` with `key`, under its lock (already taken).
pub fn open_locked(
    path: &Path,
    key: Option<DbKey>,
    lock: std::fs::File,
) -> Result<Store, ApiError> {
    Store::open_with_lock(path, clock(), key, lock)
        .and_then(|mut s| {
            // Sales commit without waiting for a checkpoint; a worker folds
            // the WAL back into the database in the background.
            s.checkpoint_in_background()?;
            Ok(s)
        })
        .map_err(ApiError::from)
}
