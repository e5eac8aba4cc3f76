//! One table writer, two outputs. A dataset is written as sheets (a name,
//! headers, then rows of typed cells) without knowing the format: `Csv`
//! writes one file a sheet, `Xlsx` one workbook with a worksheet a sheet.
//! Rows go straight to the file as they come, so an export of a million
//! members holds one row in memory, not the table.

use super::csv_out::CsvOut;
use super::xlsx_out::XlsxOut;
use crate::money::Money;
use crate::{CoreError, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One cell, typed, so each format writes it as what it is: Excel gets real
/// numbers and dates, the CSV the same in text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// Fen, written in yuan with two decimals.
    Money(Money),
    Date(NaiveDate),
    /// An instant, written in the store's time zone.
    Time(DateTime<Utc>),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A stored ISO instant, or nothing.
    pub(crate) fn time_of(iso: Option<&str>) -> Cell {
        match iso.and_then(crate::time::parse_iso) {
            Some(t) => Cell::Time(t),
            None => Cell::Empty,
        }
    }

    /// A stored `YYYY-MM-DD`, or nothing.
    pub(crate) fn date_of(ymd: Option<&str>) -> Cell {
        match ymd.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
            Some(d) => Cell::Date(d),
            None => Cell::Empty,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// Where the rows go: the file(s) of one export.
pub enum Output {
    Csv(CsvOut),
    Xlsx(Box<XlsxOut>),
}

impl Output {
    /// An export named `base` (`members-2026-12-06`) in `dir`; times shift
    /// by `utc_offset_minutes` (the store's time zone).
    pub fn create(format: Format, dir: &Path, base: &str, utc_offset_minutes: i32) -> Output {
        match format {
            Format::Csv => Output::Csv(CsvOut::new(dir, base, utc_offset_minutes)),
            Format::Xlsx => Output::Xlsx(Box::new(XlsxOut::new(dir, base, utc_offset_minutes))),
        }
    }

    /// Starts a sheet: `key` names its CSV file (`members-2026-12-06-tenders.csv`
    /// for key "tenders"; none for a one-sheet export), `title` its worksheet.
    pub fn sheet(&mut self, key: Option<&str>, title: &str, headers: &[&str]) -> Result<()> {
        match self {
            Output::Csv(o) => o.sheet(key, headers),
            Output::Xlsx(o) => o.sheet(title, headers),
        }
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<()> {
        match self {
            Output::Csv(o) => o.row(cells),
            Output::Xlsx(o) => o.row(cells),
        }
    }

    /// Closes the files and returns them, first sheet first.
    pub fn finish(self) -> Result<Vec<PathBuf>> {
        match self {
            Output::Csv(o) => o.finish(),
            Output::Xlsx(o) => o.finish(),
        }
    }

    /// Removes whatever was written (an export that failed, or whose audit
    /// entry could not be written, leaves no file behind).
    pub fn discard(self) {
        match self {
            Output::Csv(o) => o.discard(),
            Output::Xlsx(o) => o.discard(),
        }
    }
}

/// An instant as the store's clock shows it.
pub(crate) fn local(t: DateTime<Utc>, utc_offset_minutes: i32) -> NaiveDateTime {
    (t + chrono::Duration::minutes(i64::from(utc_offset_minutes))).naive_utc()
}

pub(crate) fn io_error(path: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::ExportFailed {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}
