//! Reports (报表, issue 18): the owner's view of the store and the chain.
//!
//! A report is a named set of tables (`ReportTable`: typed columns, rows of
//! integers or text) plus headline figures (`Kpi`) compared with the
//! previous period and the same period last year. The screen draws its
//! charts from the tables (every chart has its table beside it) and exports
//! any table through the one export writer (`export::Output`), so what is
//! shown, charted and exported is the same numbers.
//!
//! Reports read from summaries kept up to date as sales are written (per
//! business day × store × staff × item), never by scanning every sale line.
//!
//! Who may: `ViewReports` (owner, manager). A report of another store or of
//! the whole chain needs a head-office device that holds the chain's sales.
//!
//! Files: `query` (the period asked for and the periods it is compared
//! with), `table` (the report's shape), one file per report family:
//! `sales`, `staff` (sales and staff performance, with the summaries),
//! `members`, `campaigns`, `stock`; `ratings` (the staff report's ratings,
//! this store's and, on a head office, the other stores' summary);
//! `export` writes a report's table. The
//! members report's own summaries: `visits` (members' visit days per store,
//! and the stores a report covers), `rfm_history` (monthly value classes);
//! its rules, pure: `members_figures`.

mod campaigns;
mod export;
mod members;
mod members_figures;
mod months;
mod query;
mod ratings;
mod rfm_history;
pub mod sales;
mod sales_items;
mod scope;
pub mod staff;
mod stock;
mod store_names;
pub mod summary;
mod table;
mod visits;
pub mod words;

pub use export::ReportExport;
pub use query::{Compare, Granularity, ReportQuery};
pub use summary::ChainStore;
pub use table::{ColumnKind, Kpi, Report, ReportColumn, ReportTable, ReportValue};
pub use visits::record_other_store_sale;

pub(crate) use rfm_history::snapshot as rfm_snapshot;

use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::Result;
use serde::{Deserialize, Serialize};

/// The Reports screen's tabs, one report each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReportName {
    Sales,
    Staff,
    Members,
    Campaigns,
    Stock,
}

impl ReportName {
    pub const ALL: [ReportName; 5] = [
        ReportName::Sales,
        ReportName::Staff,
        ReportName::Members,
        ReportName::Campaigns,
        ReportName::Stock,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportName::Sales => "sales",
            ReportName::Staff => "staff",
            ReportName::Members => "members",
            ReportName::Campaigns => "campaigns",
            ReportName::Stock => "stock",
        }
    }
}

impl Store {
    /// One report for the period asked: refused without `ViewReports`; a
    /// malformed period (end before start, longer than allowed) is a
    /// validation error on its field.
    pub fn report(&self, who: &Staff, name: ReportName, q: &ReportQuery) -> Result<Report> {
        who.require(Permission::ViewReports)?;
        q.validate()?;
        match name {
            ReportName::Sales => sales::report(self, q),
            ReportName::Staff => staff::report(self, q),
            ReportName::Members => members::report(self, q),
            ReportName::Campaigns => campaigns::report(self, q),
            ReportName::Stock => stock::report(self, q),
        }
    }

    /// For the benchmark only (`bench reports` times a checkout both ways):
    /// a till that stops keeping the report summaries shows wrong reports.
    #[doc(hidden)]
    pub fn set_keeping_report_summaries(&mut self, on: bool) {
        self.keep_summaries = on;
    }

    /// Makes this store's summaries again from its sales and ledgers (they
    /// are derived: a rebuild equals what was kept, a test checks it).
    pub fn rebuild_report_summaries(&mut self) -> Result<()> {
        self.write(|w| summary::rebuild(w))
    }

    /// The stores a report may be asked for: this till's own store; on a
    /// head-office device every store of the chain (`chain::report_stores`).
    pub fn report_stores(&self, who: &Staff) -> Result<Vec<ChainStore>> {
        who.require(Permission::ViewReports)?;
        crate::chain::report_stores(self)
    }
}
