//! Store-local time for the calendar: the store's fixed offset from UTC
//! (`CheckoutSettings::utc_offset_minutes`), days from local midnight, and
//! times written the way the desk reads them.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// The store's offset from UTC, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offset(pub i64);

impl Offset {
    pub(crate) fn of(settings: &crate::checkout::CheckoutSettings) -> Offset {
        Offset(i64::from(settings.utc_offset_minutes))
    }

    /// The store's offset as its checkout settings say (China's +08:00 by default).
    pub(crate) fn load(conn: &rusqlite::Connection) -> crate::Result<Offset> {
        use rusqlite::OptionalExtension;
        let raw: Option<String> = conn
            .prepare_cached("SELECT value FROM store_settings WHERE key = 'checkout'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        let settings: crate::checkout::CheckoutSettings = match raw {
            Some(s) => serde_json::from_str(&s)?,
            None => Default::default(),
        };
        Ok(Offset::of(&settings))
    }

    /// The store's calendar date at instant `t`.
    pub fn date(self, t: DateTime<Utc>) -> NaiveDate {
        (t + Duration::minutes(self.0)).date_naive()
    }

    /// The instant the store's day `date` begins.
    pub fn day_start(self, date: NaiveDate) -> DateTime<Utc> {
        date.and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            - Duration::minutes(self.0)
    }

    /// Minutes from the start of the store's day `date` to `t` (may be
    /// negative, or past 1440 for the next day).
    pub fn minutes_into(self, date: NaiveDate, t: DateTime<Utc>) -> i64 {
        (t - self.day_start(date)).num_minutes()
    }

    /// "2026-11-24 10:00", store time.
    pub fn date_time(self, t: DateTime<Utc>) -> String {
        (t + Duration::minutes(self.0))
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    /// "10:00", store time.
    pub fn time(self, t: DateTime<Utc>) -> String {
        (t + Duration::minutes(self.0)).format("%H:%M").to_string()
    }

    /// "2026-11-24 10:00–11:15" (the end's date too when it differs).
    pub fn span(self, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
        if self.date(start) == self.date(end) {
            format!("{}–{}", self.date_time(start), self.time(end))
        } else {
            format!("{}–{}", self.date_time(start), self.date_time(end))
        }
    }
}

/// "10:00" for minutes after midnight (1440 is "24:00").
pub fn hm(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Monday 0 … Sunday 6.
pub fn weekday_index(date: NaiveDate) -> usize {
    date.weekday().num_days_from_monday() as usize
}

pub fn weekday_name(date: NaiveDate) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday_index(date)]
}

/// Parses "YYYY-MM-DD".
pub fn parse_date(field: &'static str, s: &str) -> crate::Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| crate::CoreError::validation(field, format!("not a date (YYYY-MM-DD): {s:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn china_days_start_at_16_utc_the_day_before() {
        let o = Offset(480);
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(
            o.day_start(d),
            Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap()
        );
        let ten = Utc.with_ymd_and_hms(2026, 11, 24, 2, 0, 0).unwrap();
        assert_eq!(o.minutes_into(d, ten), 600);
        assert_eq!(o.date_time(ten), "2026-11-24 10:00");
        assert_eq!(hm(1290), "21:30");
        assert_eq!(weekday_name(d), "Tue");
    }
}
