//! Reading the file a store brings from its old system into text cells: CSV
//! (UTF-8, UTF-8 with a BOM, or GB18030 — what Excel on a Chinese Windows
//! saves) with the `csv` crate, and Excel workbooks (.xlsx, .xls, .ods) with
//! calamine. Nothing here knows what the columns mean.

use crate::{CoreError, Result};
use std::io::Cursor;

/// The largest file an import takes (a store's whole member list fits many
/// times over; anything bigger is not a member list).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// A file as a table of text: the header row, then every row under it
/// (`rows[i]` is the file's row `i + 2`; blank rows are kept, so numbers match
/// what the owner sees in Excel).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// The row number the owner sees in her spreadsheet for `rows[i]`.
    pub fn row_no(i: usize) -> u32 {
        i as u32 + 2
    }
}

/// Reads `bytes` as a workbook when they look like one (a zip: .xlsx/.ods; an
/// OLE file: .xls), else as CSV.
pub fn read(bytes: &[u8]) -> Result<Sheet> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CoreError::validation(
            "file",
            format!("the file is over {} MB", MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let table = if zip || ole {
        workbook(bytes)?
    } else {
        csv_table(&decode(bytes))?
    };
    let mut rows = table.into_iter();
    let headers: Vec<String> = rows
        .next()
        .unwrap_or_default()
        .into_iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(CoreError::validation(
            "file",
            "the file is empty: its first row should name the columns",
        ));
    }
    Ok(Sheet {
        headers,
        rows: rows.collect(),
    })
}

/// The text of a CSV file: UTF-8 (a BOM, if any, dropped), or GB18030 when
/// the bytes are not UTF-8 (GB18030 decodes any byte string, so it goes last).
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

fn bad_file(e: impl std::fmt::Display) -> CoreError {
    CoreError::validation("file", format!("the file cannot be read: {e}"))
}

fn csv_table(text: &str) -> Result<Vec<Vec<String>>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(bad_file)?;
        out.push(record.iter().map(str::to_owned).collect());
    }
    Ok(out)
}

/// The first sheet of a workbook, each cell as the text the owner sees.
fn workbook(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(bad_file)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| bad_file("it has no sheet"))?
        .map_err(bad_file)?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

/// A cell as text: whole numbers without ".0" (phones and card numbers are
/// often stored as numbers), dates as `YYYY-MM-DD`.
fn cell_text(c: &calamine::Data) -> String {
    use calamine::Data;
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        Data::DateTime(d) => excel_date(d.as_f64()).unwrap_or_default(),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// Excel's serial day number (days since 1899-12-30) as a date.
fn excel_date(serial: f64) -> Option<String> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64))?;
    Some(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_in_gb18030_reads_as_the_same_text_as_in_utf8() {
        let text = "姓名,手机\n王丽,13800138000\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(
            decode(&gb),
            text,
            "GB18030 bytes are not UTF-8, so they decode as GB18030"
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(
            decode(&bom),
            text,
            "the BOM is not part of the first header"
        );
    }

    #[test]
    fn excel_serial_days_are_calendar_dates() {
        assert_eq!(
            excel_date(45000.0).as_deref(),
            Some("2023-03-15"),
            "Excel's day 45000"
        );
        assert_eq!(
            excel_date(1.0).as_deref(),
            Some("1899-12-31"),
            "the day after the epoch"
        );
    }
}
