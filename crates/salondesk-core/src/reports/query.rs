//! The period a report covers, the stores it covers and what it is compared
//! with. Business dates (the store's time zone), both ends included.

use crate::{CoreError, Result};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The longest period one report reads: five years (a year compared with
/// the year before is the longest the screen asks for).
pub const MAX_DAYS: i64 = 5 * 366;

/// How a time series is bucketed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    Week,
    Month,
}

/// What the headline figures are compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Compare {
    /// The same number of days just before.
    PreviousPeriod,
    /// The same dates one year earlier (Feb 29 → Feb 28).
    LastYear,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReportQuery {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: NaiveDate,
    /// One store; `None`: this till's own store. On a head-office device
    /// `chain` reads every store instead.
    pub store_id: Option<String>,
    /// The whole chain, stores side by side (head office only).
    #[serde(default)]
    pub chain: bool,
    pub granularity: Granularity,
}

impl ReportQuery {
    pub fn validate(&self) -> Result<()> {
        if self.to < self.from {
            return Err(CoreError::validation(
                "to",
                "the period ends before it starts",
            ));
        }
        if self.days() > MAX_DAYS {
            return Err(CoreError::validation(
                "from",
                format!("a report covers at most {MAX_DAYS} days"),
            ));
        }
        Ok(())
    }

    /// Days in the period, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period it is compared with, as a query of its own.
    pub fn compared(&self, with: Compare) -> ReportQuery {
        let (from, to) = match with {
            Compare::PreviousPeriod => {
                let n = self.days();
                (self.from - Duration::days(n), self.from - Duration::days(1))
            }
            Compare::LastYear => (year_before(self.from), year_before(self.to)),
        };
        ReportQuery {
            from,
            to,
            ..self.clone()
        }
    }
}

/// The same date a year earlier; Feb 29 becomes Feb 28.
pub fn year_before(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() - 1)
        .or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), 28))
        .unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn q(from: &str, to: &str) -> ReportQuery {
        ReportQuery {
            from: d(from),
            to: d(to),
            store_id: None,
            chain: false,
            granularity: Granularity::Day,
        }
    }

    #[test]
    fn the_previous_period_is_as_long_and_ends_the_day_before() {
        let p = q("2026-03-01", "2026-03-31").compared(Compare::PreviousPeriod);
        assert_eq!(
            (p.from, p.to),
            (d("2026-01-29"), d("2026-02-28")),
            "31 days back"
        );
    }

    #[test]
    fn last_year_of_a_leap_day_is_the_28th() {
        let p = q("2024-02-29", "2024-02-29").compared(Compare::LastYear);
        assert_eq!(p.from, d("2023-02-28"), "2023 has no Feb 29");
    }

    #[test]
    fn a_period_ending_before_it_starts_is_refused_on_its_end() {
        let e = q("2026-03-02", "2026-03-01").validate().unwrap_err();
        assert_eq!(e.field(), Some("to"), "the field the screen marks");
    }
}
