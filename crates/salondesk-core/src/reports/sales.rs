//! The sales report — SKELETON: the reports-sales part builds it.

use super::{Report, ReportQuery};
use crate::store::Store;
use crate::Result;

pub(super) fn report(_store: &Store, _q: &ReportQuery) -> Result<Report> {
    Ok(Report::default())
}
