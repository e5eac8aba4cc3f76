//! How a period is read from the summaries: its whole months from the
//! monthly rollups (migration 0038), only its partial months' days from the
//! daily rows (0033). Every report reading sales summaries goes through
//! `Scope::split_rows`, which runs a query over the union of both; the
//! previous period and last year are split the same way.

use super::ReportQuery;
use chrono::{Datelike, Duration, NaiveDate};

/// A range that matches nothing (its start sorts after its end).
const NONE: (&str, &str) = ("9", "0");

/// A period as the rollups read it: whole months `months` ('YYYY-MM', both
/// ends included), and the days before (`head`) and after (`tail`) them.
/// An unused part is an empty range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub months: (String, String),
    pub head: (String, String),
    pub tail: (String, String),
}

fn first_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn last_of(d: NaiveDate) -> NaiveDate {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    next.map_or(d, |n| n - Duration::days(1))
}

fn none() -> (String, String) {
    (NONE.0.to_string(), NONE.1.to_string())
}

fn month(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// Splits `from..=to` into whole months and the days around them.
pub fn split_period(from: NaiveDate, to: NaiveDate) -> Split {
    // The first day of the first whole month, the last of the last one.
    let start = if from.day() == 1 {
        from
    } else {
        last_of(from) + Duration::days(1)
    };
    let end = if to == last_of(to) {
        to
    } else {
        first_of(to) - Duration::days(1)
    };
    if start > end {
        return Split {
            months: none(),
            head: (from.to_string(), to.to_string()),
            tail: none(),
        };
    }
    let part = |a: NaiveDate, b: NaiveDate| {
        if a > b {
            none()
        } else {
            (a.to_string(), b.to_string())
        }
    };
    Split {
        months: (month(start), month(end)),
        head: part(from, start - Duration::days(1)),
        tail: part(end + Duration::days(1), to),
    }
}

pub fn split(q: &ReportQuery) -> Split {
    split_period(q.from, q.to)
}

/// The SQL of the rows of a split period: `monthly` (its condition on
/// `month BETWEEN ?1 AND ?2`) and `daily` twice (`day BETWEEN {from} AND
/// {to}`, given ?3/?4 then ?5/?6), as one UNION ALL; `{stores}` stays for
/// the scope to fill.
pub(super) fn union(monthly: &str, daily: &str) -> String {
    let head = daily.replace("{from}", "?3").replace("{to}", "?4");
    let tail = daily.replace("{from}", "?5").replace("{to}", "?6");
    format!("{monthly} UNION ALL {head} UNION ALL {tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn r(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn a_period_from_mid_month_to_mid_month_reads_the_months_between_whole() {
        let s = split_period(d("2025-12-08"), d("2026-12-07"));
        assert_eq!(
            s.months,
            r("2026-01", "2026-11"),
            "January to November are whole"
        );
        assert_eq!(
            s.head,
            r("2025-12-08", "2025-12-31"),
            "December 2025's part by day"
        );
        assert_eq!(
            s.tail,
            r("2026-12-01", "2026-12-07"),
            "December 2026's part by day"
        );
    }

    #[test]
    fn whole_months_need_no_days() {
        let s = split_period(d("2024-02-01"), d("2024-02-29"));
        assert_eq!(s.months, r("2024-02", "2024-02"), "a leap February, whole");
        assert!(
            s.head.0 > s.head.1 && s.tail.0 > s.tail.1,
            "no day ranges: {s:?}"
        );
    }

    #[test]
    fn a_period_inside_one_month_is_read_by_day() {
        let s = split_period(d("2026-03-02"), d("2026-03-30"));
        assert!(s.months.0 > s.months.1, "no whole month");
        assert_eq!(s.head, r("2026-03-02", "2026-03-30"), "all of it by day");
    }

    #[test]
    fn a_period_across_new_year_without_a_whole_month_is_read_by_day() {
        let s = split_period(d("2025-12-15"), d("2026-01-15"));
        assert!(s.months.0 > s.months.1, "neither month is whole");
        assert_eq!(s.head, r("2025-12-15", "2026-01-15"), "one day range");
    }
}
