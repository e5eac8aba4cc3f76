//! Export (Back office → Export data) on the wire: what to export, the
//! progress events while it is written, and where it went.

use super::records::PeriodInput;
use crate::error::ApiError;
use salondesk_core::export::{Dataset, ExportDone, ExportRequest, Format};
use salondesk_core::records::CsvLang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportDatasetInput {
    Members,
    Sales,
    Ledgers,
    Stock,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormatInput {
    Xlsx,
    Csv,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportInput {
    pub dataset: ExportDatasetInput,
    pub format: ExportFormatInput,
    /// Business dates; ignored for members (as of now).
    pub period: PeriodInput,
    /// The UI's language: headers and coded values are written in it.
    pub lang: String,
}

impl TryFrom<&ExportInput> for ExportRequest {
    type Error = ApiError;
    fn try_from(i: &ExportInput) -> Result<Self, ApiError> {
        Ok(ExportRequest {
            dataset: match i.dataset {
                ExportDatasetInput::Members => Dataset::Members,
                ExportDatasetInput::Sales => Dataset::Sales,
                ExportDatasetInput::Ledgers => Dataset::Ledgers,
                ExportDatasetInput::Stock => Dataset::Stock,
            },
            format: match i.format {
                ExportFormatInput::Xlsx => Format::Xlsx,
                ExportFormatInput::Csv => Format::Csv,
            },
            period: (&i.period).try_into()?,
            lang: CsvLang::of(&i.lang),
        })
    }
}

/// Sent as the `export-progress` event while an export is written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// A finished export.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResultView {
    /// The folder the files are in (`exports/` beside the database).
    pub folder: String,
    /// Full paths, first sheet first (a CSV of sales: lines, then tenders).
    pub files: Vec<String>,
    #[ts(type = "number")]
    pub rows: u64,
    /// Phones were masked or sensitive notes left out for this role.
    pub masked: bool,
}

impl ExportResultView {
    pub fn new(folder: &std::path::Path, done: &ExportDone) -> Self {
        ExportResultView {
            folder: folder.display().to_string(),
            files: done.files.iter().map(|p| p.display().to_string()).collect(),
            rows: done.rows,
            masked: done.masked,
        }
    }
}
