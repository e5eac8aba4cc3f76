//! Receipts (小票): the checkout's `ReceiptDoc` printed as ESC/POS bytes for a
//! 58 or 80 mm thermal printer, or as plain text, in zh-CN or en.
//!
//! `model` (what a receipt says), `labels` (its words and number formats),
//! `layout` (rows by display width, shared by text and printer), `escpos`
//! (bytes and the printer's commands), `output` (writing to a device or file), `spooler` (a Windows printer by name).

mod escpos;
mod from_sale;
mod labels;
mod layout;
mod model;
mod output;
mod printer;
#[cfg(windows)]
mod spooler;
mod z_report;

pub use escpos::render_escpos;
pub use model::{
    PaperWidth, ReceiptDoc, ReceiptKind, ReceiptLang, ReceiptLine, ReceiptMember, ReceiptTender,
};
pub use output::{destination, write_receipt, Destination, PRINTER_PREFIX};
pub use printer::PrinterSettings;
pub use z_report::{render_z_escpos, render_z_text};

use layout::{compose, Align, Target};

/// The receipt as lines of text, none wider than the paper's columns (CJK
/// characters count two), each ending in '\n'.
pub fn render_text(doc: &ReceiptDoc, width: PaperWidth, lang: ReceiptLang) -> String {
    lines_of(compose(doc, width, lang, Target::Text), width)
}

/// Rows as text lines, centred rows padded to the middle of the paper.
fn lines_of(rows: Vec<layout::Row>, width: PaperWidth) -> String {
    let cols = width.columns();
    let mut out = String::new();
    for row in rows {
        if row.align == Align::Centre {
            let pad = cols.saturating_sub(Target::Text.width(&row.text)) / 2;
            out.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(&row.text);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::model::fixtures;
    use super::*;
    use crate::money::Money;
    use unicode_width::UnicodeWidthStr;

    const LANGS: [ReceiptLang; 2] = [ReceiptLang::ZhCn, ReceiptLang::En];
    const WIDTHS: [PaperWidth; 2] = [PaperWidth::Mm58, PaperWidth::Mm80];

    #[test]
    fn no_text_line_is_wider_than_the_paper() {
        for seed in 0..400 {
            let doc = fixtures::random(seed);
            for lang in LANGS {
                for width in WIDTHS {
                    let text = render_text(&doc, width, lang);
                    for line in text.lines() {
                        let (narrow, wide) = (line.width(), line.width_cjk());
                        assert!(
                            narrow <= width.columns() && wide <= width.columns(),
                            "seed {seed} {lang:?} {width:?}: {line:?} takes {narrow} (CJK: {wide}) of {} columns and would wrap",
                            width.columns()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_amount_and_field_of_a_sale_is_printed() {
        let text = render_text(&fixtures::sale(), PaperWidth::Mm58, ReceiptLang::ZhCn);
        for expected in [
            "销售",
            "单号：001-01-000042",
            "收银员：张敏",
            "会员：王丽娜 (金卡会员)",
            "¥566.00",
            "合计",
            "银行卡 ****1234",
            "现金",
            "找零",
            "¥34.00",
            "+566",
            "12,566",
            "¥1,200.00",
            "谢谢惠顾",
        ] {
            assert!(
                text.contains(expected),
                "a sale receipt must show {expected:?}:\n{text}"
            );
        }
        // Discounts read as money taken off; every other amount of a sale
        // (lines, total, tenders, change) is positive.
        for line in text.lines().filter(|l| l.contains("-¥")) {
            assert!(
                line.contains("折扣") || line.contains("优惠"),
                "only a discount reads negative on a sale, not {line:?}:\n{text}"
            );
        }
        assert!(
            text.contains("-¥30.00"),
            "the tier discount is shown:\n{text}"
        );
    }

    #[test]
    fn a_long_name_wraps_without_losing_or_cutting_a_character() {
        let doc = fixtures::sale();
        let text = render_text(&doc, PaperWidth::Mm58, ReceiptLang::ZhCn);
        let joined: String = text.lines().map(str::trim).collect();
        assert!(
            joined.contains("玻尿酸深层补水保湿焕颜护理（90分钟疗程）"),
            "the wrapped name reads whole when its rows are joined:\n{text}"
        );
    }

    #[test]
    fn a_refund_names_the_original_and_reads_negative() {
        let text = render_text(&fixtures::refund(), PaperWidth::Mm80, ReceiptLang::En);
        for expected in [
            "Refund",
            "** REPRINT **",
            "Original receipt no.: 001-01-000042",
            "-¥268.00",
            "-¥298.00",
        ] {
            assert!(
                text.contains(expected),
                "a refund receipt must show {expected:?}:\n{text}"
            );
        }
        let mut positive = fixtures::refund();
        positive.total = Money(26_800);
        let text = render_text(&positive, PaperWidth::Mm80, ReceiptLang::En);
        assert!(
            text.contains("-¥268.00"),
            "a refund total given as positive still prints as money going back:\n{text}"
        );
        let zh = render_text(&fixtures::refund(), PaperWidth::Mm58, ReceiptLang::ZhCn);
        assert!(
            zh.contains("退款") && zh.contains("原单号：001-01-000042"),
            "the zh refund too:\n{zh}"
        );
        assert!(
            zh.contains("重打 REPRINT"),
            "a reprint is marked so it is not taken for a second sale:\n{zh}"
        );
    }

    #[test]
    #[ignore = "prints samples: cargo test -p salondesk-core receipt::tests::samples -- --ignored --nocapture"]
    fn samples() {
        println!(
            "{}",
            render_text(&fixtures::sale(), PaperWidth::Mm58, ReceiptLang::ZhCn)
        );
        println!(
            "{}",
            render_text(&fixtures::refund(), PaperWidth::Mm80, ReceiptLang::En)
        );
    }
}
