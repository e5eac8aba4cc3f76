//! How far a new store has got with setting itself up: the back office's
//! "Getting started" checklist reads it, and hides once the store has staff
//! besides its owner, services and products.

use crate::store::Store;
use crate::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetupProgress {
    /// Active staff who are not owners.
    pub staff: i64,
    /// Active services and products in the catalog.
    pub services: i64,
    pub products: i64,
    /// Active top-up and package plans (optional for a store).
    pub plans: i64,
    /// Demo data may still be loaded instead (not enrolled, no sales).
    pub demo_allowed: bool,
}

impl SetupProgress {
    /// The store can run: someone to serve, something to sell.
    pub fn done(&self) -> bool {
        self.staff > 0 && self.services > 0 && self.products > 0
    }
}

impl Store {
    pub fn setup_progress(&self) -> Result<SetupProgress> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(SetupProgress {
            staff: count("SELECT count(*) FROM staff WHERE active = 1 AND role <> 'owner'")?,
            services: count("SELECT count(*) FROM services WHERE active = 1")?,
            products: count("SELECT count(*) FROM products WHERE active = 1")?,
            plans: count(
                "SELECT (SELECT count(*) FROM top_up_plans WHERE active = 1)
                      + (SELECT count(*) FROM package_plans WHERE active = 1)",
            )?,
            demo_allowed: self.demo_allowed().is_ok(),
        })
    }
}
