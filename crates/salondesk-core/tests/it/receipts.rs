//! After the sale: the quote the desk showed is what the sale charged; the
//! sale reads back with its lines and tenders; refunded lines say so; the
//! receipt carries every figure; printing goes to the configured file.

use crate::checkout_fixture::salon;
use crate::support::boss;
use salondesk_core::checkout::{Cart, CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::receipt::{
    render_escpos, render_text, write_receipt, PaperWidth, PrinterSettings, ReceiptLang,
};
use salondesk_core::Money;

#[test]
fn the_quote_is_what_the_sale_charges_and_the_sale_reads_back_whole() {
    let mut s = salon();
    s.top_up();
    s.set_tier("gold");
    let lines = vec![
        CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })
        .by(s.beautician.id),
        CartLine::new(LineItem::Product {
            product_id: s.serum,
            qty: 2,
        }),
    ];
    let cart = Cart {
        member_id: Some(s.member),
        lines: lines.clone(),
        ..Cart::default()
    };
    let quote = s.t.store.quote(&cart).expect("a quote");
    // 金卡 10% off 268 + 2 × 368 = 1004 → 903.60
    assert_eq!(quote.subtotal, Money::yuan(1004));
    assert_eq!(quote.tier_discount, Money(10_040));
    assert_eq!(quote.total, Money(90_360));
    assert_eq!(quote.points_to_earn, 1355, "1.5 points per yuan of 903.60");
    let sale = s
        .sell(
            lines,
            &[
                Tender::StoredValue {
                    amount: Money::yuan(500),
                },
                Tender::Cash {
                    amount: Money::yuan(500),
                },
            ],
        )
        .expect("the sale completes");
    assert_eq!(sale.total, quote.total, "the sale charges what was quoted");
    assert_eq!(sale.points_earned, quote.points_to_earn);

    let read = s.t.store.sale(&sale.sale_id).expect("the sale reads back");
    assert_eq!(read.receipt_no, sale.receipt_no);
    assert_eq!(read.member_name.as_deref(), Some("王丽娜"));
    assert_eq!(read.lines.len(), 2);
    assert_eq!(read.lines[0].staff, vec!["王芳".to_string()]);
    assert_eq!(read.tenders.len(), 2);
    assert_eq!(read.change, Money(9_640), "1000 tendered on 903.60");
    assert!(read.lines.iter().all(|l| !l.refunded));
    let by_no = s.t.store.sale_by_receipt_no(&sale.receipt_no).unwrap();
    assert_eq!(by_no.id, sale.sale_id);

    // Printed before the refund: the tier is the one the discount came from.
    let doc =
        s.t.store
            .receipt_doc(&sale.sale_id, ReceiptLang::En, true)
            .unwrap();
    let text = render_text(&doc, PaperWidth::Mm80, ReceiptLang::En);
    for expected in [
        sale.receipt_no.as_str(),
        "** REPRINT **",
        "Gold",
        "Stored value",
        "Cash",
        "Member discount",
        "903.60",
        "+1,355",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    let approval = s.approval();
    let serum = read.lines[1].id.clone();
    let refund =
        s.t.store
            .refund(
                &s.cashier,
                Some(&approval),
                &RefundRequest {
                    original_sale_id: sale.sale_id.clone(),
                    line_ids: Some(vec![serum.clone()]),
                    void: false,
                },
            )
            .unwrap();
    let tier: String =
        s.t.store
            .conn()
            .query_row("SELECT tier FROM members WHERE id = ?1", [s.member], |r| {
                r.get(0)
            })
            .unwrap();
    assert_eq!(
        tier, "gold",
        "a refund takes back only what its sale gave: an assigned tier stays"
    );
    let after = s.t.store.sale(&sale.sale_id).unwrap();
    assert!(after.lines[1].refunded && !after.lines[0].refunded);
    let recent = s.t.store.recent_sales(Some(s.member), 10).unwrap();
    assert_eq!(recent[0].receipt_no, refund.receipt_no, "newest first");
    assert!(recent.iter().all(|r| !r.fully_refunded));

    let doc =
        s.t.store
            .receipt_doc(&refund.sale_id, ReceiptLang::ZhCn, false)
            .unwrap();
    assert_eq!(
        doc.original_receipt_no.as_deref(),
        Some(sale.receipt_no.as_str())
    );
    let text = render_text(&doc, PaperWidth::Mm58, ReceiptLang::ZhCn);
    assert!(
        text.contains("退款") && text.contains("玻尿酸精华"),
        "{text}"
    );
}

#[test]
fn a_receipt_prints_to_the_configured_file_and_printer_settings_are_checked() {
    let mut s = salon();
    let sale = s
        .sell(
            vec![CartLine::new(LineItem::Service {
                service_id: s.facial,
                qty: 1,
            })],
            &[Tender::Cash {
                amount: Money::yuan(300),
            }],
        )
        .unwrap();
    let st = &mut s.t.store;
    assert_eq!(st.printer_settings().unwrap(), PrinterSettings::default());
    let bad = PrinterSettings {
        paper_mm: 76,
        ..PrinterSettings::default()
    };
    let err = st.save_printer_settings(&boss(), &bad).unwrap_err();
    assert_eq!(err.field(), Some("paperMm"));
    let dir = tempfile::tempdir().unwrap();
    let chosen = PrinterSettings {
        path: dir.path().display().to_string(),
        paper_mm: 58,
        lang: "zh-CN".into(),
        auto_print: true,
    };
    st.save_printer_settings(&boss(), &chosen).unwrap();
    let printer = st.printer_settings().unwrap();
    assert_eq!(printer, chosen, "kept on this device");
    let target = printer.target(&sale.receipt_no).expect("a folder target");
    assert!(target.ends_with(format!("{}.escpos", sale.receipt_no)));
    let doc = st
        .receipt_doc(&sale.sale_id, printer.receipt_lang(), false)
        .unwrap();
    let bytes = render_escpos(&doc, printer.paper(), printer.receipt_lang());
    write_receipt(&target, &bytes).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), bytes);
    assert!(
        bytes.starts_with(b"\x1b@"),
        "ESC @ resets the printer first"
    );
}
