//! The import from the store's old system, on the wire: the staged file's
//! preview with the guessed mapping, the dry run's (or the import's) counts
//! and refused rows, and the progress event.

use salondesk_core::import::{Field, ImportKind, ImportPreview, ImportReport, Reason, Refusal};
use serde::Serialize;
use ts_rs::TS;

/// A file staged for import: how big it is.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StagedFileView {
    pub name: String,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub columns: u64,
}

/// The mapping screen: the file's headers, its first rows, and which field
/// each column is guessed to be (null: left out).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreviewView {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    #[ts(type = "number")]
    pub total_rows: u64,
    pub mapping: Vec<Option<Field>>,
    /// The fields this kind of file may map to, in the order to offer them.
    pub fields: Vec<Field>,
    /// Those it cannot do without.
    pub required: Vec<Field>,
}

impl ImportPreviewView {
    pub fn new(kind: ImportKind, p: ImportPreview) -> Self {
        ImportPreviewView {
            headers: p.headers,
            rows: p.rows,
            total_rows: p.total_rows,
            mapping: p.mapping,
            fields: kind.fields().to_vec(),
            required: kind.required().to_vec(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RefusalView {
    pub row: u32,
    pub reason: Reason,
    pub field: Field,
}

impl From<&Refusal> for RefusalView {
    fn from(r: &Refusal) -> Self {
        RefusalView {
            row: r.row,
            reason: r.reason,
            field: r.field,
        }
    }
}

/// What an import would do (dry run) or did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReportView {
    pub kind: ImportKind,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub added: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    pub refused: Vec<RefusalView>,
}

impl From<&ImportReport> for ImportReportView {
    fn from(r: &ImportReport) -> Self {
        ImportReportView {
            kind: r.kind,
            rows: r.rows,
            added: r.added,
            updated: r.updated,
            unchanged: r.unchanged,
            refused: r.refused.iter().map(Into::into).collect(),
        }
    }
}

/// Sent as the `import-progress` event while an import writes.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}
