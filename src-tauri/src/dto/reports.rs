//! A report's export on the wire: which report and table, the format and
//! language; where the file went.

use super::exports::ExportFormatInput;
use salondesk_core::reports::{ReportName, ReportQuery};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportExportInput {
    pub name: ReportName,
    pub query: ReportQuery,
    /// One table (`by_period`; `commission_lines@<staff id>`: one staff
    /// member's statement); none: every table of the report.
    pub table_id: Option<String>,
    pub format: ExportFormatInput,
    /// The UI's language: headers and coded values are written in it.
    pub lang: String,
}

/// A report's export: the files (full paths) and rows written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportExportView {
    pub files: Vec<String>,
    #[ts(type = "number")]
    pub rows: u64,
}
