//! Chain authority on the till: whether this device may write the records that
//! bind the whole chain (catalog and prices, tiers, coupons, top-up and package
//! plans, store settings). The server accepts them only from a head-office
//! device (its `push::authority`); the till refuses them before they are made,
//! so nobody edits a price that would only be set aside at the next sync.
//!
//! The till learns it from the server: the enrolment reply says whether the
//! device is a head-office device, and every pull says it again, so a flag the
//! chain's admin sets or clears later reaches the till at its next sync (kept
//! in `meta`, `sync.head_office`).

use crate::store::{meta_get, Store};
use crate::sync::HEAD_OFFICE;
use crate::{CoreError, Result};

impl Store {
    /// Refuses (`forbidden`, reason `head_office_only`) unless this till may
    /// write chain-wide records: a till not enrolled in a chain (it is the
    /// whole chain), or a head-office device. Every core function that writes
    /// such a record calls it.
    pub fn check_head_office(&self) -> Result<()> {
        if self.is_head_office()? {
            Ok(())
        } else {
            Err(CoreError::HeadOfficeOnly)
        }
    }

    /// Whether this till may write chain-wide records (see `check_head_office`).
    pub fn is_head_office(&self) -> Result<bool> {
        if self.sync_config()?.is_none() {
            return Ok(true);
        }
        Ok(meta_get(&self.conn, HEAD_OFFICE)?.as_deref() == Some("1"))
    }
}
