//! Checkout (收银): the cashier's whole job, offline. `cart` (what is rung up),
//! `resolve` (catalog look-ups and what may not be sold), `pricing` (discounts,
//! pure), `tenders` (how it is paid, pure), `complete` (the one transaction that
//! writes the sale and every ledger), `refund` (reversals), `tiers`, `plans`
//! (top-ups, packages, coupons), `points` (expiry and referral points),
//! `settings`, `approval`, `audit`.

mod allocate;
mod approval;
pub mod audit;
mod cart;
mod complete;
mod coupon_admin;
mod coupon_rules;
mod ledger_rows;
mod plan_admin;
mod plans;
pub(crate) mod points;
mod priced_cart;
mod pricing;
mod quote;
mod refund;
mod resolve;
mod sale_read;
pub(crate) mod settings;
mod tenders;
mod tiers;
mod time_zones;

pub(crate) use approval::Approvals;
pub use approval::{Approval, Authorised, APPROVAL_TTL_SECONDS};
pub use cart::{Cart, CartLine, LineItem, Tender};
pub use coupon_rules::{coupon_discount, reason as coupon_reason, CouponContext};
pub use plan_admin::{PackagePlanInput, TopUpPlanInput};
pub(crate) use plans::coupon as plans_coupon;
pub use plans::{Coupon, CouponKind, CouponUse, PackagePlan, TopUpPlan};
pub use pricing::{LineKind, MemberPrice};
pub use quote::{Quote, QuoteLine};
pub use refund::RefundRequest;
pub use sale_read::{SaleLineRecord, SaleRecord, SaleSummary, SaleTenderRecord};
pub(crate) use settings::load as settings_load;
pub(crate) use settings::save_store_setting;
pub use settings::CheckoutSettings;
pub(crate) use tiers::counts_as_spend;
pub use tiers::{
    qualifying_tier, rule_met, FreeService, FreeServiceAllowance, Period, RuleProgress, TierChange,
    TierMode, TierProgress, TierRule, TierRulesSaved,
};
pub use time_zones::TIME_ZONES;

use crate::money::Money;
use crate::write::Writer;
use crate::{CoreError, Result};
use serde::Serialize;

/// What the desk shows once a sale (or a refund) is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SaleOutcome {
    pub sale_id: String,
    pub receipt_no: String,
    pub total: Money,
    pub change: Money,
    pub points_earned: i64,
}

/// This device's open shift: selling needs one (the cash drawer belongs to it).
pub(crate) fn open_shift_id(w: &Writer<'_>) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    let id: Option<String> = w
        .prepare_cached("SELECT id FROM shifts WHERE device_id = ?1 AND closed_at IS NULL")?
        .query_row([w.device().id], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => Ok(Some(id)),
        None => Err(CoreError::Conflict("open a shift first (开班)".into())),
    }
}

/// Store code, device code and this device's sequence: "S01-001-000042".
/// Unique across the chain, online or not, because each device owns its sequence.
pub(crate) fn next_receipt_no(w: &Writer<'_>) -> Result<String> {
    let device = w.device();
    Ok(format!(
        "{}-{}-{:06}",
        device.store_code,
        device.code,
        w.next_seq("receipt")?
    ))
}
