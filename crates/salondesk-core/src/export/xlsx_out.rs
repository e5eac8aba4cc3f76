//! The Excel side of the table writer: one workbook, a worksheet a sheet, in
//! rust_xlsxwriter's constant-memory mode (each row goes to a temporary file
//! as it is written, so a million members do not sit in memory). Money is a
//! number in yuan with a ¥ format (Excel sums it), dates and times are real
//! Excel dates in the store's time zone, text is always a string cell (never
//! a formula, whatever it starts with). A sheet longer than Excel's
//! 1,048,576 rows goes on in a second worksheet ("会员 2") with the headers.

use super::table::{io_error, local, Cell};
use crate::Result;
use chrono::{Datelike, NaiveDateTime, Timelike};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use std::path::{Path, PathBuf};

/// Excel's last row index (rows are counted from 0).
const MAX_ROW: u32 = 1_048_575;

pub struct XlsxOut {
    path: PathBuf,
    utc_offset_minutes: i32,
    /// The last data row of a worksheet (`MAX_ROW`; smaller in a test).
    max_row: u32,
    book: Workbook,
    /// The sheet being written: its title, headers, the next row, its part.
    title: String,
    headers: Vec<String>,
    next_row: u32,
    part: u32,
    sheets: usize,
    bold: Format,
    money: Format,
    date: Format,
    time: Format,
}

impl XlsxOut {
    pub(crate) fn new(dir: &Path, base: &str, utc_offset_minutes: i32) -> XlsxOut {
        XlsxOut {
            path: dir.join(format!("{base}.xlsx")),
            utc_offset_minutes,
            max_row: MAX_ROW,
            book: Workbook::new(),
            title: String::new(),
            headers: Vec::new(),
            next_row: 0,
            part: 0,
            sheets: 0,
            bold: Format::new().set_bold(),
            money: Format::new().set_num_format("¥#,##0.00;-¥#,##0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            time: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        }
    }

    fn err(&self, e: XlsxError) -> crate::CoreError {
        io_error(&self.path, e)
    }

    pub(crate) fn sheet(&mut self, title: &str, headers: &[&str]) -> Result<()> {
        self.title = title.to_owned();
        self.headers = headers.iter().map(|h| (*h).to_owned()).collect();
        self.part = 1;
        self.start_sheet().map_err(|e| self.err(e))
    }

    fn start_sheet(&mut self) -> std::result::Result<(), XlsxError> {
        let name = if self.part == 1 {
            self.title.clone()
        } else {
            format!("{} {}", self.title, self.part)
        };
        let ws = self.book.add_worksheet_with_constant_memory();
        ws.set_name(name)?;
        for (col, h) in self.headers.iter().enumerate() {
            let col = col as u16;
            ws.write_string_with_format(0, col, h, &self.bold)?;
            ws.set_column_width(col, (h.chars().count() as f64 * 2.2).max(12.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
        self.sheets += 1;
        self.next_row = 1;
        Ok(())
    }

    pub(crate) fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.write_row(cells).map_err(|e| self.err(e))
    }

    fn write_row(&mut self, cells: &[Cell]) -> std::result::Result<(), XlsxError> {
        if self.next_row > self.max_row {
            self.part += 1;
            self.start_sheet()?;
        }
        let row = self.next_row;
        let offset = self.utc_offset_minutes;
        let ws = self.book.worksheet_from_index(self.sheets - 1)?;
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string(row, col, s)?;
                }
                Cell::Int(n) => {
                    ws.write_number(row, col, *n as f64)?;
                }
                Cell::Money(m) => {
                    ws.write_number_with_format(row, col, m.0 as f64 / 100.0, &self.money)?;
                }
                Cell::Date(d) => {
                    let d =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(row, col, &d, &self.date)?;
                }
                Cell::Time(t) => {
                    let t = excel_time(local(*t, offset))?;
                    ws.write_datetime_with_format(row, col, &t, &self.time)?;
                }
            }
        }
        self.next_row += 1;
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<Vec<PathBuf>> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        }
        let path = self.path.clone();
        self.book.save(&path).map_err(|e| io_error(&path, e))?;
        Ok(vec![path])
    }

    pub(crate) fn discard(self) {
        // Nothing is on disk before `finish` but rust_xlsxwriter's temporary
        // files, which go with the workbook; a saved file is removed.
        let _ = std::fs::remove_file(&self.path);
    }
}

fn excel_time(t: NaiveDateTime) -> std::result::Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)?.and_hms(
        t.hour() as u16,
        t.minute() as u8,
        t.second() as f64,
    )
}

#[cfg(test)]
mod tests {
    use super::XlsxOut;
    use crate::export::Cell;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    #[test]
    fn a_sheet_longer_than_excel_allows_goes_on_in_a_second_worksheet_with_its_headers() {
        let tmp = tempfile::tempdir().unwrap();
        let mut out = XlsxOut::new(tmp.path(), "members", 480);
        out.max_row = 2; // Excel's 1,048,575, made small
        out.sheet("会员", &["姓名", "积分"]).unwrap();
        for (i, name) in ["甲", "乙", "丙"].iter().enumerate() {
            out.row(&[Cell::text(*name), Cell::Int(i as i64)]).unwrap();
        }
        let path = out.finish().unwrap().remove(0);
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(
            book.sheet_names(),
            vec!["会员".to_owned(), "会员 2".to_owned()],
            "the rows past the limit are in a second worksheet"
        );
        let second = book.worksheet_range("会员 2").unwrap();
        assert_eq!(
            second.get((0, 0)),
            Some(&Data::String("姓名".into())),
            "which starts with the headers"
        );
        assert_eq!(
            second.get((1, 0)),
            Some(&Data::String("丙".into())),
            "and goes on where the first stopped"
        );
    }
}
