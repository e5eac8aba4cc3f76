//! The records an owner looks at (issue 14): the audit log (操作日志) and its
//! CSV export, past Z reports (日结) and the sales list with filters and
//! totals. Reading them needs `Permission::ViewRecords` (the sales of today
//! excepted: the desk finds a sale to refund or reprint), decided here.
//!
//! Every list is read newest first within a period of business dates and
//! paged by a keyset (the last row's time and id), never by OFFSET: a page
//! deep into a year of sales costs what the first one costs.
//! (`VACUUM` may renumber rowids: a cursor is for the next page, not to keep.)

mod audit_csv;
mod audit_log;
mod sales;
mod shifts;

pub use audit_csv::{audit_csv, CsvLang};
pub use audit_log::{AuditEntry, AuditFilter, AuditPage};
pub use sales::{SaleRow, SalesFilter, SalesPage, SalesTotals, StaffMatch, TenderTotal};
pub use shifts::ClosedShift;

use crate::checkout::CheckoutSettings;
use crate::{CoreError, Result};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// At most this many rows a page, whatever is asked.
pub const MAX_PAGE: usize = 200;

/// Business dates from `from` to `to`, both included; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    pub fn days(from: NaiveDate, to: NaiveDate) -> Period {
        Period {
            from: Some(from),
            to: Some(to),
        }
    }

    /// The period as instants, `[start, end)` in the stored ISO form: a
    /// business date runs from midnight to midnight in the store's time zone.
    pub(crate) fn instants(&self, cfg: &CheckoutSettings) -> Result<(String, String)> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if to < from {
                return Err(CoreError::validation(
                    "to",
                    "the period ends before it starts",
                ));
            }
        }
        let offset = Duration::minutes(i64::from(cfg.utc_offset_minutes));
        let at =
            |d: NaiveDate| crate::time::iso(d.and_time(chrono::NaiveTime::MIN).and_utc() - offset);
        let start = self.from.map(at).unwrap_or_default();
        // ISO text sorts as time: "~" is after every digit, so an open end is after everything.
        let end = match self.to {
            Some(to) => at(to.succ_opt().unwrap_or(to)),
            None => "~".to_owned(),
        };
        Ok((start, end))
    }

    /// Lies within one business date, `today`.
    pub(crate) fn within(&self, today: NaiveDate) -> bool {
        self.from == Some(today) && self.to == Some(today)
    }
}

/// Where the next page starts: the last row shown, by its time and its
/// rowid. Rows written in one millisecond share a time, and their UUID v7 ids
/// are random within it; the rowid is the order this till wrote them in (and
/// the last column of every index, so (time, rowid) is read straight off one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub at: String,
    pub seq: i64,
}

/// The keyset condition "before the cursor", in (time, rowid) order.
pub(crate) fn before(cursor: Option<&Cursor>) -> (String, i64) {
    match cursor {
        Some(c) => (c.at.clone(), c.seq),
        None => ("~".to_owned(), i64::MAX),
    }
}
