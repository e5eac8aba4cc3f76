//! Laying a receipt out in rows of at most the paper's columns, measured by
//! display width: a Chinese character takes two columns, and a line never
//! ends in half of one. One layout serves plain text and both printer
//! character sets; only how a character is measured, and what the printer
//! cannot print, differ between them.

use super::escpos::gbk_pair;
use super::labels::{self, Labels};
use super::model::{PaperWidth, ReceiptDoc, ReceiptKind, ReceiptLang};
use crate::money::Money;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Where the rows go, which decides how wide a character is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Plain text: unicode-width, counting East Asian "ambiguous" characters
    /// (×, ·, é…) as two so that no line overflows a CJK terminal either.
    Text,
    /// ESC/POS in Chinese mode: a GBK double-byte character prints two
    /// columns wide, a byte below 0x80 one.
    Gbk,
    /// ESC/POS code page 437: one column a byte; ASCII and ¥ only.
    Cp437,
}

impl Target {
    /// The text as this target can show it: control characters (a newline in
    /// a name, an ESC that would reach the printer as a command) become
    /// spaces, and what the printer has no glyph for becomes '?'.
    pub fn fit(self, s: &str) -> String {
        s.chars()
            .map(|c| match c {
                c if c.is_control() => ' ',
                ' '..='~' => c,
                _ => match self {
                    Target::Text => c,
                    Target::Gbk if c == '¥' => '￥',
                    Target::Gbk if gbk_pair(c).is_some() => c,
                    Target::Cp437 if c == '¥' => c,
                    Target::Gbk | Target::Cp437 => '?',
                },
            })
            .collect()
    }

    fn char_width(self, c: char) -> usize {
        match self {
            Target::Text => c.width_cjk().unwrap_or(0),
            Target::Gbk if !c.is_ascii() => 2,
            Target::Gbk | Target::Cp437 => 1,
        }
    }

    /// Columns `s` (already `fit`) takes. Text is measured as a whole string,
    /// since an emoji sequence can be wider than its characters summed.
    pub fn width(self, s: &str) -> usize {
        match self {
            Target::Text => s.width_cjk(),
            _ => s.chars().map(|c| self.char_width(c)).sum(),
        }
    }

    /// GBK has no U+00A5, only the full-width sign; CP437 has ¥ at 0x9D.
    pub(super) fn currency(self) -> &'static str {
        match self {
            Target::Gbk => "￥",
            Target::Text | Target::Cp437 => "¥",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Centre,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Size {
    Normal,
    /// Same width, twice as tall: fits the same columns.
    DoubleHeight,
    /// Twice as wide and tall: half the columns on a printer.
    Double,
}

/// One printed line, its text already fitted to the columns it may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub text: String,
    pub align: Align,
    pub size: Size,
    pub bold: bool,
}

/// Rows being laid out for one paper width and target.
pub(super) struct Sheet {
    target: Target,
    cols: usize,
    pub rows: Vec<Row>,
}

impl Sheet {
    pub(super) fn new(target: Target, width: PaperWidth) -> Self {
        Sheet {
            target,
            cols: width.columns(),
            rows: Vec::new(),
        }
    }

    /// Columns a row of `size` may take: a printer's double width halves them,
    /// plain text has no sizes.
    fn span(&self, size: Size) -> usize {
        match (size, self.target) {
            (Size::Double, Target::Gbk | Target::Cp437) => self.cols / 2,
            _ => self.cols,
        }
    }

    /// `text` wrapped to the row's span, each row after `indent` spaces.
    pub(super) fn wrapped(
        &mut self,
        indent: usize,
        text: &str,
        align: Align,
        size: Size,
        bold: bool,
    ) {
        let text = self.target.fit(text);
        for line in self.wrap(&text, self.span(size).saturating_sub(indent)) {
            let text = format!("{:indent$}{line}", "");
            self.rows.push(Row {
                text,
                align,
                size,
                bold,
            });
        }
    }

    pub(super) fn left(&mut self, indent: usize, text: &str) {
        self.wrapped(indent, text, Align::Left, Size::Normal, false);
    }

    pub(super) fn centre(&mut self, text: &str) {
        self.wrapped(0, text, Align::Centre, Size::Normal, false);
    }

    pub(super) fn field(&mut self, words: &Labels, name: &str, value: &str) {
        self.left(0, &format!("{name}{}{value}", words.colon));
    }

    pub(super) fn rule(&mut self) {
        let text = "-".repeat(self.cols);
        self.rows.push(Row {
            text,
            align: Align::Left,
            size: Size::Normal,
            bold: false,
        });
    }

    /// `left` (after `indent` spaces) then `right` flush with the right edge on
    /// the same row when both fit with a space between, else `right` on a row
    /// of its own.
    pub(super) fn pair(&mut self, indent: usize, left: &str, right: &str, size: Size, bold: bool) {
        let (cols, t) = (self.span(size), self.target);
        let right = t.fit(right);
        let rw = t.width(&right);
        let first = self.rows.len();
        self.wrapped(indent, left, Align::Left, size, bold);
        let lw = match self.rows.last() {
            Some(last) if self.rows.len() > first => t.width(&last.text),
            _ => cols,
        };
        if lw + 1 + rw <= cols {
            if let Some(last) = self.rows.last_mut() {
                last.text = format!("{}{:pad$}{right}", last.text, "", pad = cols - lw - rw);
            }
        } else if rw <= cols {
            let text = format!("{:pad$}{right}", "", pad = cols - rw);
            self.rows.push(Row {
                text,
                align: Align::Left,
                size,
                bold,
            });
        } else {
            self.wrapped(0, &right, Align::Left, size, bold);
        }
    }

    /// Breaks between words where it can, and between any two characters of a
    /// word too long for a row; every wide (CJK) character is a place to break.
    /// A character is never split; zero-width marks stay with the one before.
    fn wrap(&self, text: &str, cols: usize) -> Vec<String> {
        let t = self.target;
        let mut tokens: Vec<String> = Vec::new();
        let mut open = false; // the last token is a word still taking letters
        for c in text.chars() {
            let w = t.char_width(c);
            let last = tokens.last_mut().filter(|last| last.as_str() != " ");
            match last {
                Some(last) if c != ' ' && (w == 0 || (open && w == 1)) => last.push(c),
                _ => {
                    tokens.push(c.into());
                    open = c != ' ' && w < 2;
                }
            }
        }
        let mut lines = Vec::new();
        let mut line = String::new();
        for token in tokens {
            if token == " " && line.is_empty() {
                continue;
            }
            if t.width(&format!("{line}{token}")) <= cols {
                line.push_str(&token);
                continue;
            }
            flush(&mut lines, &mut line);
            if token == " " {
                continue;
            }
            for c in token.chars() {
                line.push(c);
                if t.width(&line) > cols && line.chars().count() > 1 {
                    line.pop();
                    flush(&mut lines, &mut line);
                    line.push(c);
                }
            }
        }
        flush(&mut lines, &mut line);
        lines
    }
}

fn flush(lines: &mut Vec<String>, line: &mut String) {
    let done = std::mem::take(line);
    if !done.trim_end().is_empty() {
        lines.push(done.trim_end().to_string());
    }
}

/// The receipt, top to bottom, as rows for `target`.
pub(crate) fn compose(
    doc: &ReceiptDoc,
    width: PaperWidth,
    lang: ReceiptLang,
    target: Target,
) -> Vec<Row> {
    let words = Labels::of(lang);
    let cur = target.currency();
    let mut s = Sheet {
        target,
        cols: width.columns(),
        rows: Vec::new(),
    };
    // Money going back reads as negative whatever sign the caller used, so a
    // refund slip can never be mistaken for a sale.
    let back = doc.kind != ReceiptKind::Sale;
    let flow = |m: Money| labels::money(cur, back || m.is_negative(), m.fen().unsigned_abs());
    let plain = |m: Money| labels::money(cur, !back && m.is_negative(), m.fen().unsigned_abs());

    s.wrapped(0, &doc.store_name, Align::Centre, Size::Double, true);
    s.centre(&doc.store_address);
    if !doc.store_phone.trim().is_empty() {
        s.centre(&format!("{} {}", words.phone, doc.store_phone));
    }
    for line in doc.header.lines().filter(|l| !l.trim().is_empty()) {
        s.centre(line);
    }
    s.rule();
    s.wrapped(0, words.kind(doc.kind), Align::Centre, Size::Normal, true);
    if doc.reprint {
        s.wrapped(0, words.reprint, Align::Centre, Size::Normal, true);
    }
    s.field(words, words.receipt_no, &doc.receipt_no);
    if let Some(original) = &doc.original_receipt_no {
        s.field(words, words.original_no, original);
    }
    s.field(words, words.time, &doc.issued_at);
    s.field(words, words.cashier, &doc.cashier);
    if let Some(m) = &doc.member {
        let tier = if m.tier.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", m.tier)
        };
        s.field(words, words.member, &format!("{}{tier}", m.name));
        s.field(words, words.member_no, &m.member_no);
    }
    s.rule();
    for line in &doc.lines {
        s.left(0, &line.name);
        let qty = if back {
            line.qty.unsigned_abs().to_string()
        } else {
            line.qty.to_string()
        };
        s.pair(
            2,
            &format!("{qty} x {}", plain(line.unit_price)),
            &flow(line.amount),
            Size::Normal,
            false,
        );
        let mut notes = Vec::new();
        if line.discount != Money::ZERO {
            let off = labels::money(cur, false, line.discount.fen().unsigned_abs());
            notes.push(format!("{} {off}", words.discount));
        }
        if let Some(staff) = line.staff.as_deref().filter(|n| !n.trim().is_empty()) {
            notes.push(format!("{}{}{staff}", words.staff, words.colon));
        }
        if !notes.is_empty() {
            s.left(2, &notes.join("  "));
        }
    }
    s.rule();
    s.pair(0, words.subtotal, &flow(doc.subtotal), Size::Normal, false);
    for (name, amount) in &doc.discounts {
        // Money off a sale is taken away; on a refund it is given back to the total.
        let shown = labels::money(cur, !back && amount.fen() > 0, amount.fen().unsigned_abs());
        s.pair(0, name, &shown, Size::Normal, false);
    }
    s.pair(0, words.total, &flow(doc.total), Size::DoubleHeight, true);
    s.rule();
    for tender in &doc.tenders {
        let reference = tender.reference.as_deref().filter(|r| !r.trim().is_empty());
        let name = match reference {
            Some(r) => format!("{} {r}", tender.label),
            None => tender.label.clone(),
        };
        s.pair(0, &name, &flow(tender.amount), Size::Normal, false);
    }
    if doc.kind == ReceiptKind::Sale || doc.change != Money::ZERO {
        s.pair(0, words.change, &plain(doc.change), Size::Normal, false);
    }
    if let Some(m) = &doc.member {
        s.rule();
        s.pair(
            0,
            words.points_earned,
            &labels::points_delta(m.points_earned),
            Size::Normal,
            false,
        );
        s.pair(
            0,
            words.points_balance,
            &labels::points(m.points_balance),
            Size::Normal,
            false,
        );
        let balance = labels::money(
            cur,
            m.stored_value_balance.is_negative(),
            m.stored_value_balance.fen().unsigned_abs(),
        );
        s.pair(0, words.stored_value, &balance, Size::Normal, false);
    }
    if !doc.footer.trim().is_empty() {
        s.rule();
        for paragraph in doc.footer.lines() {
            s.centre(paragraph);
        }
    }
    s.rows
}
