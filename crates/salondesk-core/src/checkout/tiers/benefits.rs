//! A tier's benefits beyond its discount, points multiplier and booking
//! window: a birthday offer (its own points multiplier in her birthday month)
//! and free services per period (免费护理: one facial a quarter).

use crate::ids::ServiceId;
use crate::{CoreError, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How often a free service comes round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Month,
    Quarter,
    Year,
}

impl Period {
    /// The period `date` falls in, as the ledger keeps it: "2026-11", "2026-Q4", "2026".
    pub fn key(self, date: NaiveDate) -> String {
        match self {
            Period::Month => date.format("%Y-%m").to_string(),
            Period::Quarter => format!("{}-Q{}", date.year(), (date.month0() / 3) + 1),
            Period::Year => date.year().to_string(),
        }
    }
}

/// `count` sessions of a service each period, free, for members of the tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "FreeServiceView"))]
#[serde(rename_all = "camelCase")]
pub struct FreeService {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub service_id: ServiceId,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: i64,
    pub period: Period,
}

/// The most sessions of one service a tier may give per period.
pub const MAX_FREE_PER_PERIOD: i64 = 100;

/// A tier's list as the owner may save it: each service once, 1 to 100 a period.
pub(crate) fn check(list: &[FreeService]) -> Result<()> {
    for (i, f) in list.iter().enumerate() {
        if !(1..=MAX_FREE_PER_PERIOD).contains(&f.count) {
            return Err(CoreError::validation(
                "freeServices",
                "a free service is given 1 to 100 times a period",
            ));
        }
        if list[..i].iter().any(|g| g.service_id == f.service_id) {
            return Err(CoreError::validation(
                "freeServices",
                "a service appears once in a tier's free services",
            ));
        }
    }
    Ok(())
}

/// The stored list (`tiers.free_services`): a list pulled from head office
/// that this build cannot read gives nothing rather than stopping checkout.
pub(crate) fn parse(json: &str) -> Vec<FreeService> {
    serde_json::from_str(json).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_named_by_month_quarter_and_year() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(Period::Month.key(d), "2026-11");
        assert_eq!(Period::Quarter.key(d), "2026-Q4", "November is in Q4");
        assert_eq!(Period::Year.key(d), "2026");
        let jan = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(Period::Quarter.key(jan), "2027-Q1");
    }
}
