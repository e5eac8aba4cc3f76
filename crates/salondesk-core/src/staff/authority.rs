//! Chain authority on the till: whether this device may write the records that
//! bind the whole chain (catalog and prices, tiers, coupons, top-up and package
//! plans, store settings). The server accepts them only from a head-office
//! device (its `push::authority`); the till refuses them before they are made,
//! so nobody edits a price that would only be set aside at the next sync.

use crate::store::Store;
use crate::Result;

impl Store {
    /// Refuses unless this till may write chain-wide records: a till not
    /// enrolled in a chain (it is the whole chain), or a head-office device.
    /// Every core function that writes such a record calls it.
    ///
    /// (Until the head-office flag reaches the till this allows everything;
    /// the permissions work fills it in.)
    pub fn check_head_office(&self) -> Result<()> {
        Ok(())
    }
}
