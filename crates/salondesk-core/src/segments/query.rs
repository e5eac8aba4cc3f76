//! A `SegmentFilter` as SQL over `member_summary` (alias `s`): one
//! condition per filter set, ANDed, with its values bound (never spliced).
//! Dates become the instants and numbers the summary keeps: a last-visit day
//! is the store's midnight to midnight; an age band is a range of birthdays.

use super::SegmentFilter;
use crate::checkout::CheckoutSettings;
use crate::{CoreError, Result};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use rusqlite::types::Value;

/// At most this many values in one list filter (tags, regions).
const MAX_LIST: usize = 50;

/// The WHERE clause (without the word) and its values.
pub(crate) struct Where {
    pub sql: String,
    pub values: Vec<Value>,
}

impl Where {
    fn and(&mut self, cond: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(cond);
    }

    fn bind(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        format!("?{}", self.values.len())
    }

    fn one_of(&mut self, column: &str, words: Vec<String>) {
        if words.is_empty() {
            return;
        }
        let marks: Vec<String> = words.into_iter().map(|w| self.bind(w)).collect();
        self.and(&format!("{column} IN ({})", marks.join(", ")));
    }
}

/// Refuses a filter no member could match by mistake (a maximum under its
/// minimum, a thirteenth month), naming the field the screen marks.
pub(crate) fn validate(f: &SegmentFilter) -> Result<()> {
    let ordered = [
        (
            "lastVisitTo",
            f.last_visit_from.zip(f.last_visit_to).map(|(a, b)| a <= b),
        ),
        (
            "spendMax",
            f.spend_min.zip(f.spend_max).map(|(a, b)| a <= b),
        ),
        (
            "visitsMax",
            f.visits_min.zip(f.visits_max).map(|(a, b)| a <= b),
        ),
        ("ageMax", f.age_min.zip(f.age_max).map(|(a, b)| a <= b)),
    ];
    for (field, ok) in ordered {
        if ok == Some(false) {
            return Err(CoreError::validation(field, "is below the minimum"));
        }
    }
    if f.birthday_month.is_some_and(|m| !(1..=12).contains(&m)) {
        return Err(CoreError::validation("birthdayMonth", "a month is 1 to 12"));
    }
    if f.age_min.is_some_and(|a| a > 150) || f.age_max.is_some_and(|a| a > 150) {
        return Err(CoreError::validation("ageMax", "at most 150"));
    }
    if f.tags.len() > MAX_LIST || f.regions.len() > MAX_LIST {
        let field = if f.tags.len() > MAX_LIST {
            "tags"
        } else {
            "regions"
        };
        return Err(CoreError::validation(
            field,
            format!("at most {MAX_LIST} values"),
        ));
    }
    Ok(())
}

/// The store's midnight starting `d`, as unix seconds.
fn midnight(d: NaiveDate, cfg: &CheckoutSettings) -> i64 {
    (d.and_time(NaiveTime::MIN).and_utc() - Duration::minutes(i64::from(cfg.utc_offset_minutes)))
        .timestamp()
}

/// `YYYYMMDD` of the day `years` before `today` (29 February: the 28th in a
/// common year, so a leap-day birthday turns a year older on 1 March).
fn years_before(today: NaiveDate, years: u32) -> i64 {
    let y = today.year() - years as i32;
    let d = today
        .with_year(y)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(y, 2, 28).unwrap_or(today));
    i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day())
}

/// The conditions of `f` on the active members, as of business date `today`.
pub(crate) fn where_of(f: &SegmentFilter, today: NaiveDate, cfg: &CheckoutSettings) -> Where {
    let mut w = Where {
        sql: "s.active = 1".into(),
        values: Vec::new(),
    };
    w.one_of(
        "s.tier",
        f.tiers.iter().map(|t| t.as_str().into()).collect(),
    );
    if let Some(from) = f.last_visit_from {
        let at = w.bind(midnight(from, cfg));
        w.and(&format!("s.last_visit >= {at}"));
    }
    if let Some(to) = f.last_visit_to {
        let at = w.bind(midnight(to + Duration::days(1), cfg));
        w.and(&format!("s.last_visit < {at}"));
    }
    if let Some(v) = f.spend_min {
        let at = w.bind(v);
        w.and(&format!("s.spend_365 >= {at}"));
    }
    if let Some(v) = f.spend_max {
        let at = w.bind(v);
        w.and(&format!("s.spend_365 <= {at}"));
    }
    if let Some(v) = f.visits_min {
        let at = w.bind(i64::from(v));
        w.and(&format!("s.visits >= {at}"));
    }
    if let Some(v) = f.visits_max {
        let at = w.bind(i64::from(v));
        w.and(&format!("s.visits <= {at}"));
    }
    // Age N or more: born on or before this day N years ago; N or less:
    // born after this day N + 1 years ago.
    if let Some(a) = f.age_min {
        let at = w.bind(years_before(today, a));
        w.and(&format!("s.birth_ymd <= {at}"));
    }
    if let Some(a) = f.age_max {
        let at = w.bind(years_before(today, a + 1));
        w.and(&format!("s.birth_ymd > {at}"));
    }
    w.one_of(
        "s.gender",
        f.genders.iter().map(|g| g.as_str().into()).collect(),
    );
    w.one_of(
        "s.region",
        f.regions.iter().map(|r| r.trim().into()).collect(),
    );
    w.one_of(
        "s.skin_type",
        f.skin_types.iter().map(|t| t.as_str().into()).collect(),
    );
    if !f.tags.is_empty() {
        // Tags live in the member's row as a JSON list; only this filter reads it.
        let marks: Vec<String> = f.tags.iter().map(|t| w.bind(t.trim().to_owned())).collect();
        w.and(&format!(
            "EXISTS (SELECT 1 FROM members m, json_each(m.tags) j
                      WHERE m.rid = s.rid AND j.value IN ({}))",
            marks.join(", ")
        ));
    }
    if let Some(c) = f.consent {
        let at = w.bind(i64::from(c));
        w.and(&format!("s.consent = {at}"));
    }
    if let Some(m) = f.birthday_month {
        let at = w.bind(i64::from(m));
        w.and(&format!("s.birth_month = {at}"));
    }
    w.one_of("s.rfm", f.rfm.iter().map(|c| c.as_str().into()).collect());
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_band_is_a_range_of_birthdays_and_a_leap_day_birthday_ages_on_the_first_of_march() {
        let today = NaiveDate::from_ymd_opt(2027, 2, 28).unwrap();
        assert_eq!(
            years_before(today, 30),
            19970228,
            "born on 28 Feb 1997 she turns 30 today"
        );
        let leap = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(
            years_before(leap, 1),
            20270228,
            "2027 has no 29 February: the 28th stands in"
        );
    }
}
