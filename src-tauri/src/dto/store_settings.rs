//! What the owner sets for the whole store: the tier rules and the checkout
//! settings (points, receipts' header and footer).

use salondesk_core::checkout::{CheckoutSettings, TierRule};
use salondesk_core::member::Tier;
use salondesk_core::money::Money;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TierRuleView {
    pub tier: Tier,
    /// Basis points off: 1000 = 10% off (九折).
    #[ts(type = "number")]
    pub discount_bp: i64,
    /// 150 = 1.5× points.
    #[ts(type = "number")]
    pub points_multiplier_pct: i64,
    /// How many days ahead the tier may book.
    #[ts(type = "number")]
    pub booking_days: i64,
    /// Fen of cumulative spend that earns the tier; null: not by cumulative spend.
    #[ts(type = "number | null")]
    pub min_cumulative_spend: Option<i64>,
    /// ... or this many fen a month for `consecutiveMonths` months in a row.
    #[ts(type = "number | null")]
    pub min_monthly_spend: Option<i64>,
    #[ts(type = "number | null")]
    pub consecutive_months: Option<i64>,
}

impl From<&TierRule> for TierRuleView {
    fn from(r: &TierRule) -> Self {
        TierRuleView {
            tier: r.tier,
            discount_bp: r.discount_bp,
            points_multiplier_pct: r.points_multiplier_pct,
            booking_days: r.booking_days,
            min_cumulative_spend: r.min_cumulative_spend.map(Money::fen),
            min_monthly_spend: r.min_monthly_spend.map(Money::fen),
            consecutive_months: r.consecutive_months,
        }
    }
}

impl From<&TierRuleView> for TierRule {
    fn from(r: &TierRuleView) -> Self {
        TierRule {
            tier: r.tier,
            discount_bp: r.discount_bp,
            points_multiplier_pct: r.points_multiplier_pct,
            booking_days: r.booking_days,
            min_cumulative_spend: r.min_cumulative_spend.map(Money),
            min_monthly_spend: r.min_monthly_spend.map(Money),
            consecutive_months: r.consecutive_months,
        }
    }
}

/// The checkout settings cross as the core's own type (exported with the
/// `ts` feature): every field is the owner's to see and set.
pub type CheckoutSettingsView = CheckoutSettings;
