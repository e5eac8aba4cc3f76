//! The CSV side of the table writer: one file a sheet, UTF-8 with a
//! byte-order mark (Excel on a Chinese Windows reads a file without one as
//! GBK and garbles every name), fields quoted as RFC 4180 says, CRLF line
//! ends. A text cell that starts with = + - or @ gets a leading apostrophe,
//! so Excel shows it instead of running it as a formula (a member named
//! "=HYPERLINK(…)" is text, not a link); numbers are written bare, so a
//! refund's -35.00 stays a number.

use super::table::{io_error, local, Cell};
use crate::Result;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub struct CsvOut {
    dir: PathBuf,
    base: String,
    utc_offset_minutes: i32,
    open: Option<(PathBuf, BufWriter<File>)>,
    done: Vec<PathBuf>,
}

impl CsvOut {
    pub(crate) fn new(dir: &Path, base: &str, utc_offset_minutes: i32) -> CsvOut {
        CsvOut {
            dir: dir.to_path_buf(),
            base: base.to_owned(),
            utc_offset_minutes,
            open: None,
            done: Vec::new(),
        }
    }

    pub(crate) fn sheet(&mut self, key: Option<&str>, headers: &[&str]) -> Result<()> {
        self.close()?;
        let name = match key {
            Some(k) => format!("{}-{k}.csv", self.base),
            None => format!("{}.csv", self.base),
        };
        let path = self.dir.join(name);
        std::fs::create_dir_all(&self.dir).map_err(|e| io_error(&self.dir, e))?;
        let file = File::create(&path).map_err(|e| io_error(&path, e))?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        out.write_all(head_text(headers).as_bytes())
            .map_err(|e| io_error(&path, e))?;
        self.open = Some((path, out));
        Ok(())
    }

    pub(crate) fn row(&mut self, cells: &[Cell]) -> Result<()> {
        let offset = self.utc_offset_minutes;
        let (path, out) = self
            .open
            .as_mut()
            .ok_or_else(|| crate::CoreError::Internal("a CSV row before its sheet".into()))?;
        let line = row_text(cells, offset);
        out.write_all(line.as_bytes())
            .map_err(|e| io_error(path, e))
    }

    fn close(&mut self) -> Result<()> {
        if let Some((path, mut out)) = self.open.take() {
            out.flush().map_err(|e| io_error(&path, e))?;
            out.get_ref().sync_all().map_err(|e| io_error(&path, e))?;
            self.done.push(path);
        }
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<Vec<PathBuf>> {
        self.close()?;
        Ok(std::mem::take(&mut self.done))
    }

    pub(crate) fn discard(mut self) {
        if let Some((path, out)) = self.open.take() {
            drop(out);
            self.done.push(path);
        }
        for p in &self.done {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// The start of a CSV file: the byte-order mark and the header line.
pub(crate) fn head_text(headers: &[&str]) -> String {
    let head: Vec<Cow<str>> = headers.iter().map(|h| field(h)).collect();
    format!("\u{feff}{}\r\n", head.join(","))
}

/// One row as a CSV line (CRLF included), times shifted to the store's zone.
pub(crate) fn row_text(cells: &[Cell], utc_offset_minutes: i32) -> String {
    let mut line = String::with_capacity(128);
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        match cell {
            Cell::Empty => {}
            Cell::Text(s) => line.push_str(&field(s)),
            Cell::Int(n) => line.push_str(&n.to_string()),
            Cell::Money(m) => line.push_str(&m.to_string()),
            Cell::Date(d) => line.push_str(&d.format("%Y-%m-%d").to_string()),
            Cell::Time(t) => line.push_str(
                &local(*t, utc_offset_minutes)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
            ),
        }
    }
    line.push_str("\r\n");
    line
}

/// One CSV field: quoted when it must be, and never read by Excel as a formula.
pub(crate) fn field(text: &str) -> Cow<'_, str> {
    let text: Cow<str> = if text.starts_with(['=', '+', '-', '@']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    };
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::{field, row_text};
    use crate::export::Cell;
    use crate::money::Money;

    #[test]
    fn fields_are_quoted_when_needed_and_never_read_as_formulas() {
        assert_eq!(field("a,b"), "\"a,b\"", "a comma needs quotes");
        assert_eq!(
            field("say \"hi\""),
            "\"say \"\"hi\"\"\"",
            "quotes are doubled"
        );
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)", "a formula is defused");
    }

    #[test]
    fn numbers_are_written_bare_so_a_negative_amount_stays_a_number() {
        assert_eq!(
            row_text(
                &[Cell::Money(Money(-36_800)), Cell::Int(-2), Cell::text("-2")],
                0
            ),
            "-368.00,-2,'-2\r\n",
            "only text is guarded against formulas"
        );
    }
}
