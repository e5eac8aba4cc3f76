//! The engine's way into the local store. The store lives behind a lock the
//! desk also uses for every sale, so the engine takes it only for one short
//! step at a time (read a batch, record results, apply a page) and never while
//! it waits on the network. Steps run on a blocking thread: applying a page of
//! thousands of operations must not stall the async runtime.

use crate::error::SyncError;
use salondesk_core::Store;
use std::sync::{Arc, Mutex};

/// Access to the store, however the caller holds it: the app's `AppState`
/// (whose store may have failed to open), or an `Arc<Mutex<Store>>` in tests.
pub trait Local: Clone + Send + Sync + 'static {
    /// Runs `f` with the store locked, returning what it returns.
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> salondesk_core::Result<T>,
    ) -> Result<T, SyncError>;
}

impl Local for Arc<Mutex<Store>> {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> salondesk_core::Result<T>,
    ) -> Result<T, SyncError> {
        // A panic elsewhere while holding the lock leaves the store as its last
        // committed transaction left it: still fine to use.
        let mut store = self.lock().unwrap_or_else(|p| p.into_inner());
        Ok(f(&mut store)?)
    }
}

/// Runs one store step on a blocking thread.
pub(crate) async fn step<L, T, F>(local: &L, f: F) -> Result<T, SyncError>
where
    L: Local,
    T: Send + 'static,
    F: FnOnce(&mut Store) -> salondesk_core::Result<T> + Send + 'static,
{
    let local = local.clone();
    tokio::task::spawn_blocking(move || local.with_store(f))
        .await
        .map_err(|e| SyncError::Local(format!("sync worker stopped: {e}")))?
}
