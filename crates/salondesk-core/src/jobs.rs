//! Work that falls due with the calendar: each month's end (tiers are
//! re-evaluated) and each day's points expiry. This device remembers, in its
//! own `meta`, what it has done; both jobs change nothing when run twice, so
//! two tills of one store doing the same month agree.

use crate::store::{meta_get, Store};
use crate::Result;
use chrono::{Datelike, NaiveDate};

const MONTH_END: &str = "jobs.month_end";
const POINTS_EXPIRY: &str = "jobs.points_expiry";
/// A till switched off for longer catches up on at most this many months.
const MAX_MONTHS: usize = 12;

fn month_of(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn month_before(d: NaiveDate) -> NaiveDate {
    d.with_day(1).and_then(|d| d.pred_opt()).unwrap_or(d)
}

impl Store {
    /// The store's calendar date now.
    pub fn business_date(&self) -> Result<NaiveDate> {
        Ok(self.checkout_settings()?.business_date(self.now()))
    }

    /// Months that have ended since the last month's end this device ran,
    /// oldest first. A new store starts from last month: nothing happened before it.
    pub fn due_month_ends(&mut self) -> Result<Vec<String>> {
        let last_ended = month_before(self.business_date()?);
        let Some(done) = meta_get(self.conn(), MONTH_END)? else {
            self.mark_month_end_done(&month_of(last_ended))?;
            return Ok(Vec::new());
        };
        let mut due = Vec::new();
        let mut m = last_ended;
        while month_of(m) > done && due.len() < MAX_MONTHS {
            due.push(month_of(m));
            m = month_before(m);
        }
        due.reverse();
        Ok(due)
    }

    pub fn mark_month_end_done(&mut self, month: &str) -> Result<()> {
        self.write(|w| w.set_meta(MONTH_END, month))
    }

    /// Today, if points expiry has not run today on this device.
    pub fn points_expiry_due(&self) -> Result<Option<NaiveDate>> {
        let today = self.business_date()?;
        let done = meta_get(self.conn(), POINTS_EXPIRY)?;
        Ok((done.as_deref() != Some(today.to_string().as_str())).then_some(today))
    }

    pub fn mark_points_expiry_done(&mut self, day: NaiveDate) -> Result<()> {
        self.write(|w| w.set_meta(POINTS_EXPIRY, &day.to_string()))
    }
}
