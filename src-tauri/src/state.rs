//! What the shell holds while it runs: the open store (or why it could not be
//! opened) and who is logged in on this device.

use crate::error::{ApiError, ApiResult};
use salondesk_core::staff::{Permission, Staff};
use salondesk_core::Store;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

pub struct AppState {
    store: Result<Mutex<Store>, ApiError>,
    session: Mutex<Option<Staff>>,
    pub db_path: PathBuf,
}

impl AppState {
    pub fn new(store: Result<Store, ApiError>, db_path: PathBuf) -> Self {
        AppState {
            store: store.map(Mutex::new),
            session: Mutex::new(None),
            db_path,
        }
    }

    /// The store, or the error that kept it closed (a newer database, say).
    pub fn store(&self) -> ApiResult<MutexGuard<'_, Store>> {
        match &self.store {
            Ok(m) => Ok(m.lock().unwrap_or_else(|p| p.into_inner())),
            Err(e) => Err(e.clone()),
        }
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
