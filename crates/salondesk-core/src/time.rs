//! How instants and dates are stored: ISO-8601 UTC text with milliseconds
//! (sorts as text), dates as `YYYY-MM-DD`.

use chrono::{DateTime, SecondsFormat, Utc};

pub fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_iso(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
