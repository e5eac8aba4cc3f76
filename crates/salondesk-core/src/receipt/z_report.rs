//! The day-end report (日结报表) on the receipt printer, and as text: the
//! shift's times, what it took per payment method against what was counted.

use super::escpos::{target_for, to_bytes};
use super::labels::{self, Labels};
use super::layout::{Align, Row, Sheet, Size, Target};
use super::model::{PaperWidth, ReceiptLang};
use crate::money::Money;
use crate::shift::ZReport;

struct Words {
    title: &'static str,
    opened: &'static str,
    closed: &'static str,
    still_open: &'static str,
    opened_by: &'static str,
    float: &'static str,
    sales: &'static str,
    refunds: &'static str,
    discounts: &'static str,
    pay_ins: &'static str,
    pay_outs: &'static str,
    expected: &'static str,
    counted: &'static str,
    difference: &'static str,
}

const ZH: Words = Words {
    title: "日结报表",
    opened: "开班",
    closed: "交班",
    still_open: "班次进行中",
    opened_by: "开班人",
    float: "备用金",
    sales: "销售",
    refunds: "退款",
    discounts: "优惠合计",
    pay_ins: "存入",
    pay_outs: "取出",
    expected: "应有",
    counted: "实点",
    difference: "差额",
};

const EN: Words = Words {
    title: "Day-end report",
    opened: "Opened",
    closed: "Closed",
    still_open: "Shift still open",
    opened_by: "Opened by",
    float: "Opening float",
    sales: "Sales",
    refunds: "Refunds",
    discounts: "Discounts",
    pay_ins: "Pay-ins",
    pay_outs: "Pay-outs",
    expected: "Expected",
    counted: "Counted",
    difference: "Difference",
};

/// The report's rows. Times are the stored UTC instants shown in the store's zone.
fn compose(
    z: &ZReport,
    store_name: &str,
    utc_offset_minutes: i32,
    width: PaperWidth,
    lang: ReceiptLang,
    target: Target,
) -> Vec<Row> {
    let (w, l) = match lang {
        ReceiptLang::ZhCn => (&ZH, Labels::of(lang)),
        ReceiptLang::En => (&EN, Labels::of(lang)),
    };
    let cur = target.currency();
    let money = |m: Money| labels::money(cur, m.is_negative(), m.fen().unsigned_abs());
    let local = |iso: &str| super::from_sale::local_time(iso, utc_offset_minutes);
    let mut s = Sheet::new(target, width);
    s.wrapped(0, store_name, Align::Centre, Size::Double, true);
    s.wrapped(0, w.title, Align::Centre, Size::Normal, true);
    s.rule();
    s.field(l, w.opened, &local(&z.opened_at));
    match &z.closed_at {
        Some(c) => s.field(l, w.closed, &local(c)),
        None => s.left(0, w.still_open),
    }
    s.field(l, w.opened_by, &z.opened_by);
    s.rule();
    s.pair(0, w.float, &money(z.float), Size::Normal, false);
    s.pair(
        0,
        &format!("{} ×{}", w.sales, z.sales),
        &money(z.sales_total),
        Size::Normal,
        false,
    );
    s.pair(
        0,
        &format!("{} ×{}", w.refunds, z.refunds),
        &money(z.refunds_total),
        Size::Normal,
        false,
    );
    s.pair(
        0,
        w.discounts,
        &money(z.discounts_total),
        Size::Normal,
        false,
    );
    s.pair(0, w.pay_ins, &money(z.pay_ins), Size::Normal, false);
    s.pair(0, w.pay_outs, &money(z.pay_outs), Size::Normal, false);
    for t in &z.tenders {
        s.rule();
        s.wrapped(0, l.tender(&t.kind), Align::Left, Size::Normal, true);
        s.pair(2, w.expected, &money(t.expected), Size::Normal, false);
        if let (Some(counted), Some(diff)) = (t.counted, t.difference) {
            s.pair(2, w.counted, &money(counted), Size::Normal, false);
            s.pair(2, w.difference, &money(diff), Size::Normal, true);
        }
    }
    s.rule();
    s.rows
}

/// The report as ESC/POS bytes for the receipt printer.
pub fn render_z_escpos(
    z: &ZReport,
    store_name: &str,
    utc_offset_minutes: i32,
    width: PaperWidth,
    lang: ReceiptLang,
) -> Vec<u8> {
    let target = target_for(lang);
    to_bytes(
        compose(z, store_name, utc_offset_minutes, width, lang, target),
        target,
    )
}

/// The report as lines of text no wider than the paper.
pub fn render_z_text(
    z: &ZReport,
    store_name: &str,
    utc_offset_minutes: i32,
    width: PaperWidth,
    lang: ReceiptLang,
) -> String {
    let rows = compose(z, store_name, utc_offset_minutes, width, lang, Target::Text);
    super::lines_of(rows, width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shift::TenderTotal;

    fn report() -> ZReport {
        ZReport {
            shift_id: "s1".into(),
            opened_at: "2026-11-23T01:00:00.000Z".into(),
            closed_at: Some("2026-11-23T11:30:00.000Z".into()),
            opened_by: "陈晓雨".into(),
            float: Money(50_000),
            sales: 12,
            refunds: 1,
            sales_total: Money(456_780),
            refunds_total: Money(-11_520),
            discounts_total: Money(23_000),
            pay_ins: Money(10_000),
            pay_outs: Money(-5_000),
            tenders: vec![TenderTotal {
                kind: "cash".into(),
                expected: Money(123_400),
                counted: Some(Money(123_000)),
                difference: Some(Money(-400)),
            }],
        }
    }

    #[test]
    fn the_report_shows_each_figure_in_the_store_zone() {
        let text = render_z_text(
            &report(),
            "丽人美容",
            480,
            PaperWidth::Mm58,
            ReceiptLang::ZhCn,
        );
        for expected in [
            "日结报表",
            "开班：2026-11-23 09:00",
            "交班：2026-11-23 19:30",
            "销售 ×12",
            "¥4,567.80",
            "-¥115.20",
            "现金",
            "应有",
            "¥1,234.00",
            "实点",
            "-¥4.00",
        ] {
            assert!(text.contains(expected), "{expected:?} missing:\n{text}");
        }
        let en = render_z_escpos(&report(), "Lily", 480, PaperWidth::Mm80, ReceiptLang::En);
        assert!(en.starts_with(b"\x1b@") && en.ends_with(&[0x1D, b'V', 66, 0]));
    }
}
