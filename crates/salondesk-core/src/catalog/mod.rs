//! The catalog: services (服务项目) with a duration and price, and products
//! (商品) with SKU, barcode, price, cost and stock kept as a ledger of moves.
//! The back office edits them (`service_admin`, `product_admin`): every such
//! write takes the acting staff member, needs `EditCatalog` and a till that
//! may write chain-wide records, and keeps each price change (`price_history`).

mod archive;
pub(crate) mod audit;
mod order;
mod price_history;
mod product;
mod product_admin;
mod service;
mod service_admin;
mod usage;

pub(crate) use price_history::record as record_price;
pub use price_history::PriceChange;
pub use product::{Product, ProductInput};
pub use service::{Service, ServiceInput};
pub(crate) use usage::line_counts;
pub use usage::WithUse;

use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::{CoreError, Result};

/// Catalog names are matched case-insensitively anywhere in the name.
pub(crate) fn like_pattern(query: &str) -> String {
    let escaped: String = query
        .trim()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

impl Store {
    /// Who may change the catalog, its prices and the plans: a role with
    /// `EditCatalog`, at a till that may write chain-wide records.
    pub(crate) fn may_edit_catalog(&self, actor: &Staff) -> Result<()> {
        actor.require(Permission::EditCatalog)?;
        self.check_head_office()
    }
}

/// A name as entered: 1 to `max` characters once trimmed.
pub(crate) fn check_name(field: &'static str, name: &str, max: usize) -> Result<()> {
    let n = name.trim().chars().count();
    if n == 0 {
        return Err(CoreError::validation(field, "a name is required"));
    }
    if n > max || name.chars().any(char::is_control) {
        return Err(CoreError::validation(
            field,
            format!("a name is at most {max} characters on one line"),
        ));
    }
    Ok(())
}

/// An optional English name (empty: none).
pub(crate) fn check_name_en(name_en: &str) -> Result<()> {
    if name_en.trim().is_empty() {
        return Ok(());
    }
    check_name("nameEn", name_en, 80)
}

/// A selling price: above zero (a free item is a discount, not a price).
pub(crate) fn check_price(field: &'static str, price: crate::Money) -> Result<()> {
    if price.fen() <= 0 {
        return Err(CoreError::validation(field, "a price must be above zero"));
    }
    if price.fen() > salondesk_protocol::limits::MAX_MONEY {
        return Err(CoreError::AmountTooLarge { field });
    }
    Ok(())
}

/// A commission rate in basis points (1000 = 10%).
pub(crate) fn check_commission(bp: i64) -> Result<()> {
    if !(0..=10_000).contains(&bp) {
        return Err(CoreError::validation(
            "commissionBp",
            "a commission rate is 0% to 100%",
        ));
    }
    Ok(())
}
