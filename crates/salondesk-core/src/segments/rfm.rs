//! RFM value classes (会员价值): recency (days since her last visit),
//! frequency (visits in the last 365 days) and money (spend in the last 365
//! days, fen). `classify` is the rule, pure; the store keeps each member's
//! class in `member_summary.rfm`, set at night and when the thresholds change.
//!
//! The rule, in order (defaults in brackets, the store may change them):
//! - no visit ever: no class (a new member is not "lost");
//! - no visit for `lost_days` (180) or more: lost (已流失);
//! - no visit for `at_risk_days` (90) or more: at risk (流失风险);
//! - at least `high_visits` (6) visits and `high_spend` (¥3,000): high value (高价值);
//! - at least `medium_visits` (3) visits or `medium_spend` (¥1,000): medium value (中价值);
//! - otherwise low value (低价值).

use super::RfmClass;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::Writer;
use crate::{CoreError, Result};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

impl RfmClass {
    pub const ALL: [RfmClass; 5] = [
        RfmClass::HighValue,
        RfmClass::MediumValue,
        RfmClass::LowValue,
        RfmClass::AtRisk,
        RfmClass::Lost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RfmClass::HighValue => "high_value",
            RfmClass::MediumValue => "medium_value",
            RfmClass::LowValue => "low_value",
            RfmClass::AtRisk => "at_risk",
            RfmClass::Lost => "lost",
        }
    }

    pub fn parse(s: &str) -> Option<RfmClass> {
        RfmClass::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The store's thresholds (a store setting, `ManageCare`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RfmThresholds {
    pub at_risk_days: u32,
    pub lost_days: u32,
    pub high_visits: u32,
    /// Fen.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub high_spend: i64,
    pub medium_visits: u32,
    /// Fen.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub medium_spend: i64,
}

impl Default for RfmThresholds {
    fn default() -> Self {
        RfmThresholds {
            at_risk_days: 90,
            lost_days: 180,
            high_visits: 6,
            high_spend: 300_000,
            medium_visits: 3,
            medium_spend: 100_000,
        }
    }
}

impl RfmThresholds {
    fn validate(&self) -> Result<()> {
        let checks = [
            ("atRiskDays", (1..=3650).contains(&self.at_risk_days)),
            (
                "lostDays",
                self.lost_days > self.at_risk_days && self.lost_days <= 3650,
            ),
            ("highVisits", (1..=1000).contains(&self.high_visits)),
            (
                "mediumVisits",
                (1..=1000).contains(&self.medium_visits) && self.medium_visits <= self.high_visits,
            ),
            (
                "highSpend",
                (0..=salondesk_protocol::limits::MAX_MONEY).contains(&self.high_spend),
            ),
            (
                "mediumSpend",
                (0..=self.high_spend).contains(&self.medium_spend),
            ),
        ];
        match checks.into_iter().find(|(_, ok)| !ok) {
            Some((field, _)) => Err(CoreError::validation(field, "out of range")),
            None => Ok(()),
        }
    }
}

/// A member's class: `days_since` her last visit (`None`: never came).
pub fn classify(
    t: &RfmThresholds,
    days_since: Option<i64>,
    visits_365: i64,
    spend_365: i64,
) -> Option<RfmClass> {
    let days = days_since?;
    Some(if days >= i64::from(t.lost_days) {
        RfmClass::Lost
    } else if days >= i64::from(t.at_risk_days) {
        RfmClass::AtRisk
    } else if visits_365 >= i64::from(t.high_visits) && spend_365 >= t.high_spend {
        RfmClass::HighValue
    } else if visits_365 >= i64::from(t.medium_visits) || spend_365 >= t.medium_spend {
        RfmClass::MediumValue
    } else {
        RfmClass::LowValue
    })
}

/// The thresholds' key in `store_settings` (a chain setting, synced).
pub(crate) const KEY: &str = "rfm";

fn load(conn: &rusqlite::Connection) -> Result<RfmThresholds> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT value FROM store_settings WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    // A setting pulled from a newer version may lack a field: the defaults stand in.
    Ok(raw
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default())
}

/// Thresholds pulled from the head-office till re-class every member here
/// at once, as saving them there did: the member list and the profile's
/// chip agree across the chain's tills without waiting for the night.
pub(crate) fn reclassify_pulled(w: &Writer<'_>) -> Result<usize> {
    let t = load(w)?;
    let today = crate::checkout::settings_load(w)?.business_date(w.now());
    super::summary::reclassify(w, &t, today)
}

impl Store {
    pub fn rfm_thresholds(&self) -> Result<RfmThresholds> {
        load(self.conn())
    }

    /// Changes the thresholds and re-classes every member at once. Needs
    /// `ManageCare`; a chain's setting, so a chain's head-office till.
    pub fn save_rfm_thresholds(&mut self, actor: &Staff, t: &RfmThresholds) -> Result<usize> {
        actor.require(Permission::ManageCare)?;
        self.check_head_office()?;
        t.validate()?;
        let today = self.business_date()?;
        self.write(|w| {
            crate::checkout::save_store_setting(w, KEY, t)?;
            super::summary::reclassify(w, t, today)
        })
    }

    /// A member's class as kept (`None`: no visit yet, or unknown to this till).
    pub fn member_rfm(&self, member: crate::ids::MemberId) -> Result<Option<RfmClass>> {
        let raw: Option<Option<String>> = self
            .conn()
            .prepare_cached(
                "SELECT s.rfm FROM member_summary s JOIN members m ON m.rid = s.rid WHERE m.id = ?1",
            )?
            .query_row([member], |r| r.get(0))
            .optional()?;
        Ok(raw.flatten().as_deref().and_then(RfmClass::parse))
    }
}

/// Used by `summary::reclassify` inside a write.
pub(crate) fn class_text(c: Option<RfmClass>) -> Option<&'static str> {
    c.map(RfmClass::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_class_a_hand_computed_set() {
        let t = RfmThresholds::default();
        let cases = [
            (None, 0, 0, None, "never came: no class"),
            (
                Some(200),
                10,
                900_000,
                Some(RfmClass::Lost),
                "180 days or more",
            ),
            (Some(180), 1, 0, Some(RfmClass::Lost), "180 exactly is lost"),
            (Some(179), 1, 0, Some(RfmClass::AtRisk), "90 to 179 days"),
            (
                Some(90),
                8,
                500_000,
                Some(RfmClass::AtRisk),
                "recency first",
            ),
            (
                Some(10),
                6,
                300_000,
                Some(RfmClass::HighValue),
                "both at the bar",
            ),
            (
                Some(10),
                6,
                299_999,
                Some(RfmClass::MediumValue),
                "a fen short",
            ),
            (Some(10), 3, 0, Some(RfmClass::MediumValue), "three visits"),
            (Some(10), 1, 100_000, Some(RfmClass::MediumValue), "¥1,000"),
            (Some(0), 2, 99_999, Some(RfmClass::LowValue), "neither"),
        ];
        for (days, visits, spend, want, why) in cases {
            assert_eq!(classify(&t, days, visits, spend), want, "{why}");
        }
    }
}
