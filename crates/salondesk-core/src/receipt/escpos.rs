//! The receipt as ESC/POS bytes for a thermal printer: Chinese mode and GBK
//! for zh-CN; code page 437 for en, with Chinese mode cancelled so that a
//! printer sold in China does not read a byte above 0x7F as half of a GBK pair.

use super::layout::{compose, Align, Row, Size, Target};
use super::model::{PaperWidth, ReceiptDoc, ReceiptLang};
use encoding_rs::GBK;

/// Every command the receipt sends, in one place.
mod cmd {
    /// ESC @: reset the printer (sizes, bold, alignment, character set).
    pub const INIT: &[u8] = &[0x1B, b'@'];
    /// FS &: Chinese character mode, bytes read as GBK.
    pub const CHINESE_ON: &[u8] = &[0x1C, b'&'];
    /// FS .: leave Chinese mode, bytes read one a character.
    pub const CHINESE_OFF: &[u8] = &[0x1C, b'.'];
    /// ESC t 0: code page PC437 (USA, standard Europe).
    pub const CODE_PAGE_437: &[u8] = &[0x1B, b't', 0];
    /// ESC a n: 0 left, 1 centre.
    pub const ALIGN: &[u8] = &[0x1B, b'a'];
    pub const ALIGN_LEFT: u8 = 0;
    pub const ALIGN_CENTRE: u8 = 1;
    /// GS ! n: character size, high nibble width, low nibble height.
    pub const SIZE: &[u8] = &[0x1D, b'!'];
    pub const SIZE_NORMAL: u8 = 0x00;
    pub const SIZE_DOUBLE_HEIGHT: u8 = 0x01;
    pub const SIZE_DOUBLE: u8 = 0x11;
    /// ESC E n: bold off (0) or on (1).
    pub const BOLD: &[u8] = &[0x1B, b'E'];
    pub const LF: u8 = 0x0A;
    /// ESC d n: print and feed n lines, so the last row clears the cutter.
    pub const FEED: &[u8] = &[0x1B, b'd'];
    pub const FEED_BEFORE_CUT: u8 = 4;
    /// GS V 66 0: feed to the cutting position and cut partially.
    pub const PARTIAL_CUT: &[u8] = &[0x1D, b'V', 66, 0];
    /// The yen/yuan sign in code page 437.
    pub const CP437_YEN: u8 = 0x9D;
}

/// The receipt as the bytes a printer takes, from reset to cut.
pub fn render_escpos(doc: &ReceiptDoc, width: PaperWidth, lang: ReceiptLang) -> Vec<u8> {
    let target = target_for(lang);
    to_bytes(compose(doc, width, lang, target), target)
}

/// The printer's character set for a language: GBK in Chinese mode, or code page 437.
pub(super) fn target_for(lang: ReceiptLang) -> Target {
    match lang {
        ReceiptLang::ZhCn => Target::Gbk,
        ReceiptLang::En => Target::Cp437,
    }
}

/// Laid-out rows as the bytes a printer takes, from reset to cut.
pub(super) fn to_bytes(rows: Vec<Row>, target: Target) -> Vec<u8> {
    let mut out = Vec::with_capacity(2048);
    out.extend_from_slice(cmd::INIT);
    match target {
        Target::Gbk => out.extend_from_slice(cmd::CHINESE_ON),
        _ => {
            out.extend_from_slice(cmd::CHINESE_OFF);
            out.extend_from_slice(cmd::CODE_PAGE_437);
        }
    }
    let mut state = Style {
        align: Align::Left,
        size: Size::Normal,
        bold: false,
    };
    for row in rows {
        state = Style::of(&row).switch_from(state, &mut out);
        encode(target, &row.text, &mut out);
        out.push(cmd::LF);
    }
    Style {
        align: Align::Left,
        size: Size::Normal,
        bold: false,
    }
    .switch_from(state, &mut out);
    out.extend_from_slice(cmd::FEED);
    out.push(cmd::FEED_BEFORE_CUT);
    out.extend_from_slice(cmd::PARTIAL_CUT);
    out
}

/// The GBK double-byte code of `c`, if GBK has one. encoding_rs writes an
/// HTML entity for what it cannot map, which would print as "&#…;".
pub(super) fn gbk_pair(c: char) -> Option<[u8; 2]> {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = GBK.encode(c.encode_utf8(&mut buf));
    match (unmappable, bytes.as_ref()) {
        (false, &[a, b]) => Some([a, b]),
        _ => None,
    }
}

/// `text` has been through `Target::fit`, so every character has a byte
/// form; anything else would still come out as '?' rather than garbage.
fn encode(target: Target, text: &str, out: &mut Vec<u8>) {
    for c in text.chars() {
        match (target, c) {
            (_, ' '..='~') => out.push(c as u8),
            (Target::Cp437, '¥') => out.push(cmd::CP437_YEN),
            (Target::Gbk, _) => match gbk_pair(c) {
                Some(pair) => out.extend_from_slice(&pair),
                None => out.push(b'?'),
            },
            _ => out.push(b'?'),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Style {
    align: Align,
    size: Size,
    bold: bool,
}

impl Style {
    fn of(row: &Row) -> Style {
        Style {
            align: row.align,
            size: row.size,
            bold: row.bold,
        }
    }

    /// Sends only the commands that differ from `before`; returns the new state.
    fn switch_from(self, before: Style, out: &mut Vec<u8>) -> Style {
        if self.align != before.align {
            out.extend_from_slice(cmd::ALIGN);
            out.push(match self.align {
                Align::Left => cmd::ALIGN_LEFT,
                Align::Centre => cmd::ALIGN_CENTRE,
            });
        }
        if self.size != before.size {
            out.extend_from_slice(cmd::SIZE);
            out.push(match self.size {
                Size::Normal => cmd::SIZE_NORMAL,
                Size::DoubleHeight => cmd::SIZE_DOUBLE_HEIGHT,
                Size::Double => cmd::SIZE_DOUBLE,
            });
        }
        if self.bold != before.bold {
            out.extend_from_slice(cmd::BOLD);
            out.push(u8::from(self.bold));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::receipt::model::fixtures;

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    fn gbk(s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = GBK.encode(s);
        assert!(!unmappable, "test text {s:?} must be GBK");
        bytes.into_owned()
    }

    #[test]
    fn starts_with_reset_and_ends_with_feed_and_cut() {
        for lang in [ReceiptLang::ZhCn, ReceiptLang::En] {
            let out = render_escpos(&fixtures::sale(), PaperWidth::Mm58, lang);
            assert!(
                out.starts_with(cmd::INIT),
                "ESC @ first, or the last job's sizes leak into this one ({lang:?})"
            );
            assert!(
                out.ends_with(cmd::PARTIAL_CUT),
                "the slip must be cut last, after the feed ({lang:?})"
            );
            let feed = [cmd::FEED, &[cmd::FEED_BEFORE_CUT], cmd::PARTIAL_CUT].concat();
            assert!(
                out.ends_with(&feed),
                "feed before the cut, or the last rows stay inside the printer"
            );
        }
    }

    #[test]
    fn chinese_is_sent_as_gbk_in_chinese_mode() {
        let out = render_escpos(&fixtures::sale(), PaperWidth::Mm58, ReceiptLang::ZhCn);
        assert!(
            contains(&out, cmd::CHINESE_ON),
            "without FS & the printer reads GBK bytes as code page symbols"
        );
        assert_eq!(
            gbk("王丽娜"),
            [0xCD, 0xF5, 0xC0, 0xF6, 0xC4, 0xC8],
            "王丽娜 in GBK"
        );
        assert!(
            contains(&out, &gbk("王丽娜")),
            "the member's name must reach the printer as GBK"
        );
        assert!(
            !contains(&out, "王丽娜".as_bytes()),
            "UTF-8 would print as mojibake"
        );
        assert!(contains(&out, &gbk("合计")), "the total's label is printed");
        assert!(
            contains(&out, &gbk("￥566.00")),
            "the total is printed with the full-width sign GBK has"
        );
        assert!(
            contains(&out, &gbk("银行卡 ****1234")),
            "a tender prints with its reference"
        );
        assert!(
            !contains(&out, b"&#"),
            "nothing unmappable may come out as an HTML entity"
        );
    }

    #[test]
    fn english_is_code_page_437_with_chinese_mode_off() {
        let mut doc = fixtures::refund();
        doc.cashier = "王丽娜".into();
        let out = render_escpos(&doc, PaperWidth::Mm80, ReceiptLang::En);
        assert!(
            contains(&out, cmd::CHINESE_OFF),
            "a printer sold in China starts in Chinese mode"
        );
        assert!(
            contains(&out, b"Cashier: ???"),
            "what CP437 cannot print becomes '?', one per character"
        );
        assert!(
            contains(&out, &[b"-", &[cmd::CP437_YEN][..], b"268.00"].concat()),
            "the refunded total, negative, with ¥"
        );
        assert!(
            contains(&out, b"Original receipt no.: 001-01-000042"),
            "a refund names the sale it reverses"
        );
        assert!(
            contains(&out, b"Bank card ****1234"),
            "the tender and its reference are printed"
        );
    }

    #[test]
    fn control_characters_in_data_cannot_become_printer_commands() {
        let mut doc = fixtures::sale();
        doc.cashier = "A\u{1b}@B\u{1d}V".into();
        let out = render_escpos(&doc, PaperWidth::Mm58, ReceiptLang::ZhCn);
        assert!(
            !contains(&out, b"A\x1b@B"),
            "an ESC in a name would reset the printer mid-receipt"
        );
        assert!(
            contains(&out, b"A @B V"),
            "the control characters print as spaces instead"
        );
    }

    #[test]
    fn printed_rows_fit_the_paper_in_printer_columns() {
        for seed in 0..300 {
            let doc = fixtures::random(seed);
            for (lang, target) in [
                (ReceiptLang::ZhCn, Target::Gbk),
                (ReceiptLang::En, Target::Cp437),
            ] {
                for width in [PaperWidth::Mm58, PaperWidth::Mm80] {
                    for row in compose(&doc, width, lang, target) {
                        let mut bytes = Vec::new();
                        encode(target, &row.text, &mut bytes);
                        // The printer's own measure: one column a byte, doubled in double width.
                        let used = bytes.len() * if row.size == Size::Double { 2 } else { 1 };
                        assert!(
                            used <= width.columns(),
                            "seed {seed} {lang:?} {width:?}: {:?} takes {used} of {} columns and would wrap on paper",
                            row.text,
                            width.columns()
                        );
                        assert!(
                            !bytes.iter().any(|b| *b < 0x20),
                            "seed {seed}: a control byte in {:?} would be read as a command",
                            row.text
                        );
                    }
                }
            }
        }
    }
}
