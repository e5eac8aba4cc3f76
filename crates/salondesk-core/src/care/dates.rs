//! Calendar arithmetic the care rules need, on store dates: a month later
//! clamped to the month's end (the 31st → the 30th, Feb 28/29), and a
//! birthday's date in a given year (Feb 29 → Feb 28 in a common year).

use chrono::{Datelike, Duration, NaiveDate};

fn days_in_month(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

/// `d` plus `months` months, on the same day of the month or the month's
/// last day if it is shorter.
pub fn add_months_clamped(d: NaiveDate, months: u32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + months as i32;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let day = d.day().min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(d)
}

/// Whole months from `from` to `to` by the calendar (Jan 31 → Mar 1 is 2).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    (to.year() * 12 + to.month0() as i32) - (from.year() * 12 + from.month0() as i32)
}

/// The day she celebrates in `year`: her birthday, or Feb 28 when she was
/// born on Feb 29 and `year` is not a leap year.
pub fn birthday_in(birthday: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, birthday.month(), birthday.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .unwrap_or(birthday)
}

pub fn plus_days(d: NaiveDate, days: u32) -> NaiveDate {
    d + Duration::days(i64::from(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_month_after_the_31st_is_the_last_day_of_a_shorter_month() {
        assert_eq!(
            add_months_clamped(d(2026, 1, 31), 1),
            d(2026, 2, 28),
            "Feb 2026 has 28 days"
        );
        assert_eq!(
            add_months_clamped(d(2028, 1, 31), 1),
            d(2028, 2, 29),
            "2028 is a leap year"
        );
        assert_eq!(
            add_months_clamped(d(2026, 3, 31), 1),
            d(2026, 4, 30),
            "April has 30 days"
        );
        assert_eq!(
            add_months_clamped(d(2026, 1, 31), 2),
            d(2026, 3, 31),
            "March has its 31st again"
        );
        assert_eq!(
            add_months_clamped(d(2026, 11, 30), 3),
            d(2027, 2, 28),
            "across the year's end"
        );
    }

    #[test]
    fn a_feb_29_birthday_is_kept_on_feb_28_in_a_common_year() {
        assert_eq!(birthday_in(d(1996, 2, 29), 2027), d(2027, 2, 28));
        assert_eq!(
            birthday_in(d(1996, 2, 29), 2028),
            d(2028, 2, 29),
            "a leap year has her day"
        );
        assert_eq!(birthday_in(d(1990, 12, 31), 2026), d(2026, 12, 31));
    }
}
