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
/// ends included), and the days `head` and `tail`, each added (sign 1) or
/// taken away (sign -1). A partial month is read by its days, or as the
/// whole month less the days outside the period when those are fewer (a
/// year from the 8th reads December whole less its first 7 days, not its
/// other 24). An unused part is an empty range. Every summary is a sum, so
/// taking days away is exact; a row that nets to nothing is not shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub months: (String, String),
    pub head: (String, String),
    pub head_sign: i64,
    pub tail: (String, String),
    pub tail_sign: i64,
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

/// `a..=b`, or the empty range when `a` is after `b`.
fn range(a: NaiveDate, b: NaiveDate) -> (String, String) {
    if a > b {
        none()
    } else {
        (a.to_string(), b.to_string())
    }
}

fn days(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days() + 1
}

/// Splits `from..=to` into whole months and the days around them.
pub fn split_period(from: NaiveDate, to: NaiveDate) -> Split {
    let (before, after) = (from - Duration::days(1), to + Duration::days(1));
    let (m_first, m_last) = (first_of(from), last_of(to));
    if first_of(from) == first_of(to) {
        // One month: its days, or the month less the days around them.
        let outside = days(m_first, before).max(0) + days(after, m_last).max(0);
        if outside == 0 || outside < days(from, to) {
            return Split {
                months: (month(from), month(from)),
                head: range(m_first, before),
                head_sign: -1,
                tail: range(after, m_last),
                tail_sign: -1,
            };
        }
        return Split {
            months: none(),
            head: range(from, to),
            head_sign: 1,
            tail: none(),
            tail_sign: 1,
        };
    }
    // The first month: whole (less its days before `from`) or by day.
    let (start, head, head_sign) = if days(m_first, before) < days(from, last_of(from)) {
        (m_first, range(m_first, before), -1)
    } else {
        (
            last_of(from) + Duration::days(1),
            range(from, last_of(from)),
            1,
        )
    };
    // The last month likewise, with its days after `to`.
    let (end, tail, tail_sign) = if days(after, m_last) < days(first_of(to), to) {
        (m_last, range(after, m_last), -1)
    } else {
        (first_of(to) - Duration::days(1), range(first_of(to), to), 1)
    };
    Split {
        months: if start > end {
            none()
        } else {
            (month(start), month(end))
        },
        head,
        head_sign,
        tail,
        tail_sign,
    }
}

pub fn split(q: &ReportQuery) -> Split {
    split_period(q.from, q.to)
}

/// The SQL of the rows of a split period: `monthly` (its condition on
/// `month BETWEEN ?1 AND ?2`) and `daily` twice (`day BETWEEN {from} AND
/// {to}`, its figures times `{sign}`: ?3/?4/?7 then ?5/?6/?8), as one
/// UNION ALL; `{stores}` stays for the scope to fill (from ?9).
pub(super) fn union(monthly: &str, daily: &str) -> String {
    let part = |from: &str, to: &str, sign: &str| {
        daily
            .replace("{from}", from)
            .replace("{to}", to)
            .replace("{sign}", sign)
    };
    format!(
        "{monthly} UNION ALL {} UNION ALL {}",
        part("?3", "?4", "?7"),
        part("?5", "?6", "?8")
    )
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

    fn empty(x: &(String, String)) -> bool {
        x.0 > x.1
    }

    #[test]
    fn a_year_from_the_8th_reads_its_first_december_whole_less_seven_days() {
        let s = split_period(d("2025-12-08"), d("2026-12-07"));
        assert_eq!(
            s.months,
            r("2025-12", "2026-11"),
            "December 2025 to November 2026 by month"
        );
        assert_eq!(
            (s.head.clone(), s.head_sign),
            (r("2025-12-01", "2025-12-07"), -1),
            "less December's first week"
        );
        assert_eq!(
            (s.tail.clone(), s.tail_sign),
            (r("2026-12-01", "2026-12-07"), 1),
            "December 2026's week by day"
        );
    }

    #[test]
    fn whole_months_need_no_days() {
        let s = split_period(d("2024-02-01"), d("2024-02-29"));
        assert_eq!(s.months, r("2024-02", "2024-02"), "a leap February, whole");
        assert!(empty(&s.head) && empty(&s.tail), "no day ranges: {s:?}");
    }

    #[test]
    fn most_of_one_month_is_the_month_less_the_days_around() {
        let s = split_period(d("2026-03-02"), d("2026-03-30"));
        assert_eq!(s.months, r("2026-03", "2026-03"), "March read whole");
        assert_eq!(
            (s.head.clone(), s.head_sign),
            (r("2026-03-01", "2026-03-01"), -1),
            "less the 1st"
        );
        assert_eq!(
            (s.tail.clone(), s.tail_sign),
            (r("2026-03-31", "2026-03-31"), -1),
            "less the 31st"
        );
    }

    #[test]
    fn a_few_days_of_one_month_are_read_by_day() {
        let s = split_period(d("2026-03-10"), d("2026-03-12"));
        assert!(empty(&s.months) && empty(&s.tail), "no month: {s:?}");
        assert_eq!(
            (s.head.clone(), s.head_sign),
            (r("2026-03-10", "2026-03-12"), 1),
            "three days"
        );
    }

    #[test]
    fn a_period_across_new_year_without_a_whole_month_is_read_by_day() {
        let s = split_period(d("2025-12-20"), d("2026-01-10"));
        assert!(empty(&s.months), "neither month is read whole: {s:?}");
        assert_eq!(
            (s.head.clone(), s.head_sign),
            (r("2025-12-20", "2025-12-31"), 1),
            "December's days"
        );
        assert_eq!(
            (s.tail.clone(), s.tail_sign),
            (r("2026-01-01", "2026-01-10"), 1),
            "January's days"
        );
    }
}
