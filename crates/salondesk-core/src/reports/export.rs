//! A report's tables to CSV (UTF-8 with BOM, one file a table) or .xlsx (one
//! sheet a table) through the one export writer (`export::Output`), headers
//! and codes in the chosen language (`words`). Needs `ViewReports` (to read
//! it) and `Export`; audited as `export` with `what: "report:<name>"`.
//!
//! `table_id` picks one table; `commission_lines@<staff id>` is one staff
//! member's commission statement.

use super::{words, ColumnKind, ReportName, ReportQuery, ReportTable, ReportValue};
use crate::checkout::audit;
use crate::export::{Cell, Format, Output};
use crate::money::Money;
use crate::records::CsvLang;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::{Path, PathBuf};

/// What an export of a report wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportExport {
    /// The files, first table first (one .xlsx, or one .csv a table).
    pub files: Vec<PathBuf>,
    pub rows: u64,
}

/// Hundredths (of a percent, of a point) as text: 1234 → "12.34".
fn hundredths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", (v / 100).abs(), (v % 100).abs())
}

fn cell(lang: CsvLang, key: &str, kind: ColumnKind, v: &ReportValue) -> Cell {
    match (kind, v) {
        (_, ReportValue::Null) => Cell::Empty,
        (ColumnKind::Money, ReportValue::Int(n)) => Cell::Money(Money(*n)),
        (ColumnKind::Percent, ReportValue::Int(n)) => Cell::text(format!("{}%", hundredths(*n))),
        (ColumnKind::Rating, ReportValue::Int(n)) => Cell::text(hundredths(*n)),
        (ColumnKind::Store, ReportValue::Int(n)) => Cell::text(words::store_no(lang, *n)),
        (_, ReportValue::Int(n)) => Cell::Int(*n),
        (ColumnKind::Date, ReportValue::Text(s)) => Cell::date_of(Some(s)),
        // "2026-01": a month, not its first day.
        (ColumnKind::Month, ReportValue::Text(s)) => Cell::text(s.get(..7).unwrap_or(s).to_owned()),
        (ColumnKind::Code, ReportValue::Text(s)) => Cell::text(words::code(lang, key, s)),
        (_, ReportValue::Text(s)) => Cell::text(s.clone()),
    }
}

/// The table asked for, with its rows of one staff member when named so.
fn pick(tables: Vec<ReportTable>, table_id: Option<&str>) -> Result<Vec<ReportTable>> {
    let Some(id) = table_id else {
        return Ok(tables);
    };
    let (id, staff) = match id.split_once('@') {
        Some((t, s)) => (t, Some(s)),
        None => (id, None),
    };
    let mut t = tables.into_iter().find(|t| t.id == id).ok_or_else(|| {
        CoreError::validation("tableId", format!("no table {id:?} in this report"))
    })?;
    if let Some(staff) = staff {
        let col = t.columns.iter().position(|c| c.key == "staff_id");
        t.rows
            .retain(|r| col.is_some_and(|c| matches!(&r[c], ReportValue::Text(s) if s == staff)));
    }
    Ok(vec![t])
}

impl Store {
    /// Writes a report's tables (all, or `table_id`) into `dir`, then audits it.
    #[allow(clippy::too_many_arguments)]
    pub fn export_report(
        &mut self,
        who: &Staff,
        name: ReportName,
        q: &ReportQuery,
        table_id: Option<&str>,
        format: Format,
        lang: CsvLang,
        dir: &Path,
    ) -> Result<ReportExport> {
        who.require(Permission::Export)?;
        let report = self.report(who, name, q)?;
        let tables = pick(report.tables, table_id)?;
        let offset = self.checkout_settings()?.utc_offset_minutes;
        let what = match table_id {
            Some(t) => format!("{}-{}", name.as_str(), t.replace('@', "-")),
            None => name.as_str().to_string(),
        };
        let stem = format!("report-{what}-{}_{}", q.from, q.to);
        let mut base = stem.clone();
        let mut n = 1;
        while std::fs::read_dir(dir).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{base}."))
                    || e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("{base}-"))
            })
        }) {
            n += 1;
            base = format!("{stem}-{n}");
        }
        let mut out = Output::create(format, dir, &base, offset);
        let mut rows = 0u64;
        let written = (|| -> Result<()> {
            for t in &tables {
                let heads: Vec<String> = t
                    .columns
                    .iter()
                    .map(|c| words::column(lang, &c.key))
                    .collect();
                let heads: Vec<&str> = heads.iter().map(String::as_str).collect();
                let key = (tables.len() > 1).then_some(t.id.as_str());
                out.sheet(key, &words::table(lang, &t.id), &heads)?;
                for r in &t.rows {
                    let cells: Vec<Cell> = t
                        .columns
                        .iter()
                        .zip(r)
                        .map(|(c, v)| cell(lang, &c.key, c.kind, v))
                        .collect();
                    out.row(&cells)?;
                    rows += 1;
                }
            }
            Ok(())
        })();
        if let Err(e) = written {
            out.discard();
            return Err(e);
        }
        let files = out.finish()?;
        let names: Vec<String> = files
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let detail = json!({
            "what": format!("report:{}", name.as_str()), "format": format.as_str(),
            "from": q.from, "to": q.to, "rows": rows, "masked": false, "file": names.join(", "),
        });
        if let Err(e) = self.write(|w| audit::record(w, who.id, None, "export", None, &detail)) {
            for f in &files {
                let _ = std::fs::remove_file(f);
            }
            return Err(e);
        }
        Ok(ReportExport { files, rows })
    }
}
