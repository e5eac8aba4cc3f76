//! Opening the store the way the app runs it: at start, and again after a
//! restore puts another database file in place (`AppState::set_store`).

use crate::error::ApiError;
use salondesk_core::clock::SystemClock;
use salondesk_core::Store;
use std::path::Path;
use std::sync::Arc;

/// Opens the store at `path` for this process alone, with WAL checkpoints on a
/// background worker, or says why it cannot.
pub fn open_store(path: &Path) -> Result<Store, ApiError> {
    Store::open_exclusive(path, Arc::new(SystemClock))
        .and_then(|mut s| {
            // Sales commit without waiting for a checkpoint; a worker folds
            // the WAL back into the database in the background.
            s.checkpoint_in_background()?;
            Ok(s)
        })
        .map_err(ApiError::from)
}
