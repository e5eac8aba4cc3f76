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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutSettingsView {
    /// What one point is worth when paying with points, in fen.
    #[ts(type = "number")]
    pub point_value_fen: i64,
    /// Points per yuan spent, before the tier multiplier.
    #[ts(type = "number")]
    pub points_per_yuan: i64,
    /// 200 = double points in the member's birthday month; 100 = no extra.
    #[ts(type = "number")]
    pub birthday_multiplier_pct: i64,
    /// Points the referrer earns when a member she referred registers.
    #[ts(type = "number")]
    pub referral_points: i64,
    /// Points expire at the end of the year after this many years.
    pub points_expiry_years: i32,
    pub utc_offset_minutes: i32,
    pub store_name: String,
    pub store_address: String,
    pub store_phone: String,
    pub receipt_footer: String,
}

impl From<CheckoutSettings> for CheckoutSettingsView {
    fn from(s: CheckoutSettings) -> Self {
        CheckoutSettingsView {
            point_value_fen: s.point_value_fen,
            points_per_yuan: s.points_per_yuan,
            birthday_multiplier_pct: s.birthday_multiplier_pct,
            referral_points: s.referral_points,
            points_expiry_years: s.points_expiry_years,
            utc_offset_minutes: s.utc_offset_minutes,
            store_name: s.store_name,
            store_address: s.store_address,
            store_phone: s.store_phone,
            receipt_footer: s.receipt_footer,
        }
    }
}

impl From<CheckoutSettingsView> for CheckoutSettings {
    fn from(s: CheckoutSettingsView) -> Self {
        CheckoutSettings {
            point_value_fen: s.point_value_fen,
            points_per_yuan: s.points_per_yuan,
            birthday_multiplier_pct: s.birthday_multiplier_pct,
            referral_points: s.referral_points,
            points_expiry_years: s.points_expiry_years,
            utc_offset_minutes: s.utc_offset_minutes,
            store_name: s.store_name,
            store_address: s.store_address,
            store_phone: s.store_phone,
            receipt_footer: s.receipt_footer,
        }
    }
}
