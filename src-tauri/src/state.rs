//! What the shell holds while it runs: the open store (or why it could not be
//! opened) and who is logged in on this device.

use crate::error::{ApiError, ApiResult};
use salondesk_core::staff::{Permission, Staff};
use salondesk_core::Store;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

pub struct AppState {
    /// The open store, or why it is closed. Replaceable while the app runs:
    /// a restore swaps the database file, and an encrypted database opens
    /// only once its key is known (`set_store`).
    store: Mutex<Result<Store, ApiError>>,
    session: Mutex<Option<Staff>>,
    pub db_path: PathBuf,
}

impl AppState {
    pub fn new(store: Result<Store, ApiError>, db_path: PathBuf) -> Self {
        AppState {
            store: Mutex::new(store),
            session: Mutex::new(None),
            db_path,
        }
    }

    /// The store, or the error that kept it closed (a newer database, say).
    pub fn store(&self) -> ApiResult<StoreGuard<'_>> {
        let guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        match &*guard {
            Ok(_) => Ok(StoreGuard(guard)),
            Err(e) => Err(e.clone()),
        }
    }

    /// Puts another store in place (or the reason there is none), returning
    /// the one it replaces: dropping that closes its database.
    pub fn set_store(&self, store: Result<Store, ApiError>) -> Result<Store, ApiError> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        std::mem::replace(&mut *guard, store)
    }

    pub fn session(&self) -> Option<Staff> {
        self.session
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_session(&self, staff: Option<Staff>) {
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = staff;
    }

    /// The logged-in staff member, refusing if nobody is.
    pub fn staff(&self) -> ApiResult<Staff> {
        self.session().ok_or_else(ApiError::not_logged_in)
    }

    /// The logged-in staff member, if her role allows `p`.
    pub fn staff_who_may(&self, p: Permission) -> ApiResult<Staff> {
        let staff = self.staff()?;
        staff.require(p)?;
        Ok(staff)
    }
}

/// The open store, locked: checked open when taken, so it derefs to `Store`.
pub struct StoreGuard<'a>(MutexGuard<'a, Result<Store, ApiError>>);

impl Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        match &*self.0 {
            Ok(s) => s,
            // `AppState::store` hands out a guard only over an open store, and
            // nothing can replace it while the guard holds the lock.
            Err(_) => unreachable!("a StoreGuard holds an open store"),
        }
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        match &mut *self.0 {
            Ok(s) => s,
            Err(_) => unreachable!("a StoreGuard holds an open store"),
        }
    }
}
