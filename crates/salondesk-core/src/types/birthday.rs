//! A birthday: a real calendar date, not in the future, not before 1900.

use crate::{CoreError, Result};
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Birthday(NaiveDate);

impl Birthday {
    /// `today` is the store's current date (time is handed in).
    pub fn parse(input: &str, today: NaiveDate) -> Result<Birthday> {
        let date = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| {
            CoreError::validation("birthday", "a birthday is a date like 1990-05-20")
        })?;
        Self::new(date, today)
    }

    pub fn new(date: NaiveDate, today: NaiveDate) -> Result<Birthday> {
        if date > today {
            return Err(CoreError::validation(
                "birthday",
                "a birthday cannot be in the future",
            ));
        }
        if date.year() < 1900 {
            return Err(CoreError::validation(
                "birthday",
                "a birthday cannot be before 1900",
            ));
        }
        Ok(Birthday(date))
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }

    pub fn to_iso(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::Birthday;
    use chrono::NaiveDate;

    #[test]
    fn refuses_impossible_and_future_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert!(Birthday::parse("1990-05-20", today).is_ok());
        assert!(
            Birthday::parse("1990-02-30", today).is_err(),
            "no 30 February"
        );
        assert!(
            Birthday::parse("2027-01-01", today).is_err(),
            "not born yet"
        );
        assert!(
            Birthday::parse("20/05/1990", today).is_err(),
            "ISO dates only on the wire"
        );
    }
}
