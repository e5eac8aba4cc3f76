//! When each kind of care task falls due on a store date `day`: pure
//! functions over a member's dates, tested with hand-worked calendars. Each
//! returns the task's *period* (what makes it this task and not another: the
//! birthday's year, the lapse's last visit), or `None` if nothing is due.
//! The daily job asks them for one day at a time, so a task falls due on one
//! day only and a till that was off catches up day by day.

use super::dates::{add_months_clamped, birthday_in, months_between, plus_days};
use chrono::NaiveDate;

/// Cadence: weekly (days 7, 14, …) within her first `first_days` days, then
/// monthly on the day of the month she joined (clamped at month ends).
pub fn cadence_period(registered: NaiveDate, day: NaiveDate, first_days: u32) -> Option<String> {
    let age = (day - registered).num_days();
    if age <= 0 {
        return None;
    }
    if age <= i64::from(first_days) {
        return (age % 7 == 0).then(|| format!("week-{}", age / 7));
    }
    let months = months_between(registered, day);
    let monthly = months >= 1
        && add_months_clamped(registered, months as u32) == day
        && (day - registered).num_days() > i64::from(first_days);
    monthly.then(|| format!("month-{months}"))
}

/// Birthday: `days_before` days before the day she celebrates; the period is
/// that day (so one task per birthday, a Feb 29 one included).
pub fn birthday_due(birthday: NaiveDate, day: NaiveDate, days_before: u32) -> Option<NaiveDate> {
    let target = plus_days(day, days_before);
    let celebrated = birthday_in(birthday, chrono::Datelike::year(&target));
    (celebrated == target).then_some(celebrated)
}

/// Lapsed: exactly `days` days after her last visit (one task per lapse; a
/// new visit starts a new count).
pub fn lapsed_due(last_visit: NaiveDate, day: NaiveDate, days: u32) -> bool {
    plus_days(last_visit, days) == day
}

/// Her usual interval between visits for one service: the median gap over
/// her last visits (at most the last 6), once she has at least 3 (two gaps).
/// Visits on one day count once. `visits` sorted oldest first.
pub fn usual_interval(visits: &[NaiveDate]) -> Option<i64> {
    let mut days: Vec<NaiveDate> = visits.to_vec();
    days.dedup();
    if days.len() < 3 {
        return None;
    }
    let recent = &days[days.len().saturating_sub(6)..];
    let mut gaps: Vec<i64> = recent
        .windows(2)
        .map(|w| (w[1] - w[0]).num_days())
        .collect();
    gaps.sort_unstable();
    let mid = gaps.len() / 2;
    let median = if gaps.len() % 2 == 0 {
        (gaps[mid - 1] + gaps[mid]) / 2
    } else {
        gaps[mid]
    };
    (median > 0).then_some(median)
}

/// Cycle: her usual interval plus `grace` days have passed since her last
/// visit of the service, today. Returns (last visit, usual interval).
pub fn cycle_due(visits: &[NaiveDate], day: NaiveDate, grace: u32) -> Option<(NaiveDate, i64)> {
    let last = *visits.last()?;
    let interval = usual_interval(visits)?;
    (last + chrono::Duration::days(interval + i64::from(grace)) == day).then_some((last, interval))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_new_member_is_called_weekly_then_monthly_on_her_joining_day() {
        let joined = d(2026, 1, 31);
        assert_eq!(
            cadence_period(joined, d(2026, 2, 7), 28).as_deref(),
            Some("week-1")
        );
        assert_eq!(
            cadence_period(joined, d(2026, 2, 28), 28).as_deref(),
            Some("week-4")
        );
        assert_eq!(
            cadence_period(joined, d(2026, 2, 8), 28),
            None,
            "not a week's end"
        );
        assert_eq!(
            cadence_period(joined, d(2026, 3, 31), 28).as_deref(),
            Some("month-2"),
            "after the first month: the 31st again in March"
        );
        assert_eq!(
            cadence_period(joined, d(2026, 4, 30), 28).as_deref(),
            Some("month-3"),
            "April has no 31st: its last day"
        );
        assert_eq!(cadence_period(joined, d(2026, 5, 1), 28), None);
    }

    #[test]
    fn a_birthday_task_falls_n_days_before_even_for_feb_29_in_a_common_year() {
        let leap = d(2000, 2, 29);
        assert_eq!(birthday_due(leap, d(2027, 2, 21), 7), Some(d(2027, 2, 28)));
        assert_eq!(birthday_due(leap, d(2027, 2, 22), 7), None, "one day only");
        assert_eq!(birthday_due(leap, d(2028, 2, 22), 7), Some(d(2028, 2, 29)));
        assert_eq!(
            birthday_due(d(1990, 1, 3), d(2026, 12, 27), 7),
            Some(d(2027, 1, 3)),
            "a January birthday is seen from the year before"
        );
    }

    #[test]
    fn her_usual_interval_is_the_median_gap_of_at_least_three_visits() {
        let two = [d(2026, 1, 1), d(2026, 1, 29)];
        assert_eq!(usual_interval(&two), None, "two visits are not a habit");
        let three = [d(2026, 1, 1), d(2026, 1, 29), d(2026, 2, 28)];
        assert_eq!(
            usual_interval(&three),
            Some(29),
            "gaps 28 and 31: their middle"
        );
        let four = [d(2026, 1, 1), d(2026, 1, 22), d(2026, 2, 12), d(2026, 5, 1)];
        assert_eq!(
            usual_interval(&four),
            Some(21),
            "gaps 21, 21, 78: the median ignores the long one"
        );
        assert_eq!(
            cycle_due(&four, d(2026, 5, 25), 3),
            Some((d(2026, 5, 1), 21)),
            "21 days after May 1 plus 3 days of grace"
        );
    }

    #[test]
    fn a_member_lapses_once_per_last_visit() {
        assert!(lapsed_due(d(2026, 1, 1), d(2026, 4, 1), 90));
        assert!(
            !lapsed_due(d(2026, 1, 1), d(2026, 4, 2), 90),
            "the day after: already listed"
        );
    }
}
