//! The tiers back-office section's wire types: each tier's rule and benefits,
//! what saving them did, and where a member stands.

use salondesk_core::checkout::{FreeService, TierMode, TierRule, TierRulesSaved};
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
    /// How spend and the run of months combine.
    pub mode: TierMode,
    /// Fen of cumulative spend the tier asks; null: no spend part.
    #[ts(type = "number | null")]
    pub min_cumulative_spend: Option<i64>,
    /// Fen a month for `consecutiveMonths` months in a row; null: no run part.
    #[ts(type = "number | null")]
    pub min_monthly_spend: Option<i64>,
    #[ts(type = "number | null")]
    pub consecutive_months: Option<i64>,
    /// The birthday offer: points multiplier in her birthday month (200 = 2×);
    /// null: the store's birthday multiplier.
    #[ts(type = "number | null")]
    pub birthday_multiplier_pct: Option<i64>,
    pub free_services: Vec<FreeService>,
}

impl From<&TierRule> for TierRuleView {
    fn from(r: &TierRule) -> Self {
        TierRuleView {
            tier: r.tier,
            discount_bp: r.discount_bp,
            points_multiplier_pct: r.points_multiplier_pct,
            booking_days: r.booking_days,
            mode: r.mode,
            min_cumulative_spend: r.min_cumulative_spend.map(Money::fen),
            min_monthly_spend: r.min_monthly_spend.map(Money::fen),
            consecutive_months: r.consecutive_months,
            birthday_multiplier_pct: r.birthday_multiplier_pct,
            free_services: r.free_services.clone(),
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
            mode: r.mode,
            min_cumulative_spend: r.min_cumulative_spend.map(Money),
            min_monthly_spend: r.min_monthly_spend.map(Money),
            consecutive_months: r.consecutive_months,
            birthday_multiplier_pct: r.birthday_multiplier_pct,
            free_services: r.free_services.clone(),
        }
    }
}

/// The saved rules and the re-evaluation's count ("12 moved up; 3 keep
/// their tier until the month-end review").
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TierRulesSavedView {
    pub rules: Vec<TierRuleView>,
    #[ts(type = "number")]
    pub moved_up: usize,
    #[ts(type = "number")]
    pub down_at_review: usize,
}

impl From<&TierRulesSaved> for TierRulesSavedView {
    fn from(s: &TierRulesSaved) -> Self {
        TierRulesSavedView {
            rules: s.rules.iter().map(TierRuleView::from).collect(),
            moved_up: s.moved_up,
            down_at_review: s.down_at_review,
        }
    }
}
