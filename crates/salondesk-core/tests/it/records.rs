//! Records an owner looks at: the audit log (filters, keyset paging, the CSV
//! export), past Z reports by date, and who may read them. The sales list's
//! filters and totals are in `records_sales`.

use crate::checkout_fixture::{salon, Salon};
use chrono::{Duration, NaiveDate};
use salondesk_core::checkout::{CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::records::{AuditFilter, CsvLang, Period, SalesFilter};
use salondesk_core::Money;
use std::collections::BTreeMap;

/// The fixture's clock starts on 2026-11-23 at 10:00 in the store (UTC+8).
pub(crate) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

pub(crate) fn next_day(s: &Salon) {
    s.t.clock.advance(Duration::days(1));
}

pub(crate) fn cash(fen: i64) -> Tender {
    Tender::Cash { amount: Money(fen) }
}

fn actions(s: &Salon, f: &AuditFilter) -> Vec<(String, String)> {
    let page =
        s.t.store
            .audit_log(&s.owner, f, None, 200)
            .expect("the owner reads the log");
    page.entries
        .into_iter()
        .map(|e| (e.action, e.staff_name))
        .collect()
}

#[test]
fn the_audit_log_filters_by_period_staff_and_kind_newest_first() {
    let mut s = salon();
    s.t.store.open_drawer(&s.cashier, "换零钱").unwrap();
    next_day(&s);
    s.t.store
        .pay_in_out(&s.manager, Money::yuan(100), "补零钱", None)
        .unwrap();
    let on_24 = AuditFilter {
        period: Period::days(day(24), day(24)),
        ..AuditFilter::default()
    };
    assert_eq!(
        actions(&s, &on_24),
        vec![
            ("drawer_open".to_owned(), "周店长".to_owned()),
            ("pay_in".to_owned(), "周店长".to_owned())
        ],
        "the 24th holds the manager's pay-in and the drawer it opened (same instant: id order)"
    );
    let cashiers = AuditFilter {
        staff: Some(s.cashier.id),
        ..AuditFilter::default()
    };
    assert_eq!(
        actions(&s, &cashiers),
        vec![("drawer_open".to_owned(), "陈晓雨".to_owned())],
        "the staff filter keeps what she did, whatever day"
    );
    let drawer = AuditFilter {
        action: Some("drawer_open".into()),
        ..AuditFilter::default()
    };
    let opened = actions(&s, &drawer);
    assert_eq!(opened.len(), 2, "both drawer openings: {opened:?}");
    assert_eq!(opened[0].1, "周店长", "newest first");
    let before_23 = AuditFilter {
        period: Period::days(day(20), day(22)),
        ..AuditFilter::default()
    };
    assert!(
        actions(&s, &before_23).is_empty(),
        "nothing happened before the 23rd"
    );
    let backwards = AuditFilter {
        period: Period::days(day(24), day(23)),
        ..AuditFilter::default()
    };
    let err =
        s.t.store
            .audit_log(&s.owner, &backwards, None, 10)
            .unwrap_err();
    assert_eq!(
        err.field(),
        Some("to"),
        "a period ending before it starts names its end"
    );
}

#[test]
fn the_audit_log_pages_by_keyset_without_gaps_or_repeats_and_names_the_approver() {
    let mut s = salon();
    // Seven entries at one instant: paging must break ties by id.
    for i in 0..7 {
        s.t.store
            .open_drawer(&s.cashier, &format!("第{i}次"))
            .unwrap();
    }
    let sale = s
        .sell(
            vec![CartLine::new(LineItem::Service {
                service_id: s.facial,
                qty: 1,
            })],
            &[cash(26_800)],
        )
        .unwrap();
    let approval = s.approval();
    let refund =
        s.t.store
            .refund(
                &s.cashier,
                Some(&approval),
                &RefundRequest {
                    original_sale_id: sale.sale_id,
                    line_ids: None,
                    void: false,
                },
            )
            .unwrap();
    let f = AuditFilter::default();
    let all =
        s.t.store
            .audit_log(&s.owner, &f, None, 200)
            .unwrap()
            .entries;
    let mut paged = Vec::new();
    let mut cursor = None;
    loop {
        let page =
            s.t.store
                .audit_log(&s.owner, &f, cursor.as_ref(), 3)
                .unwrap();
        assert!(
            page.entries.len() <= 3,
            "a page holds at most what was asked"
        );
        paged.extend(page.entries);
        match page.next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    let ids = |v: &[salondesk_core::records::AuditEntry]| {
        v.iter().map(|e| e.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&paged),
        ids(&all),
        "pages of 3 read the same entries in the same order as one page"
    );
    let first = &all[0];
    assert_eq!(first.action, "refund", "the refund is the newest entry");
    assert_eq!(
        first.approver_name.as_deref(),
        Some("周店长"),
        "the manager approved it"
    );
    assert_eq!(
        first.receipt_no.as_deref(),
        Some(refund.receipt_no.as_str()),
        "it names the refund's receipt"
    );
}

#[test]
fn the_export_is_utf8_with_a_bom_a_header_no_member_data_and_is_audited() {
    let mut s = salon();
    s.t.store
        .conn()
        .execute(
            "UPDATE members SET notes = '对芒果过敏' WHERE id = ?1",
            [s.member.to_string()],
        )
        .unwrap();
    s.t.store
        .open_drawer(&s.cashier, "客户13812345678要零钱")
        .unwrap();
    let sale = s
        .sell(
            vec![CartLine::new(LineItem::Product {
                product_id: s.serum,
                qty: 1,
            })],
            &[cash(36_800)],
        )
        .unwrap();
    let approval = s.approval();
    s.t.store
        .refund(
            &s.cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: sale.sale_id,
                line_ids: None,
                void: false,
            },
        )
        .unwrap();
    let dir = s.t._dir.path().join("exports");
    let path =
        s.t.store
            .export_audit_csv(&s.manager, &AuditFilter::default(), CsvLang::ZhCn, &dir)
            .expect("a manager exports");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        &bytes[..3],
        b"\xEF\xBB\xBF",
        "a UTF-8 byte-order mark, so Excel reads Chinese"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("时间,操作,操作人,审批人,单号/对象,金额,详情"),
        "the header in the chosen language"
    );
    assert!(text.contains("退款"), "the refund in words: {text}");
    assert!(
        text.contains(",368.00,"),
        "its amount as a number of its own: {text}"
    );
    assert!(
        !text.contains("13812345678"),
        "a phone typed into a reason is masked: {text}"
    );
    assert!(
        text.contains("138****5678"),
        "masked as the desk masks phones: {text}"
    );
    assert!(!text.contains("王丽娜"), "no member's name: {text}");
    assert!(!text.contains("芒果"), "no member's notes: {text}");
    let exports = AuditFilter {
        action: Some("export".into()),
        ..AuditFilter::default()
    };
    assert_eq!(
        actions(&s, &exports),
        vec![("export".to_owned(), "周店长".to_owned())],
        "the export itself is in the log"
    );
    let err =
        s.t.store
            .export_audit_csv(&s.cashier, &AuditFilter::default(), CsvLang::En, &dir)
            .unwrap_err();
    assert_eq!(err.code(), "forbidden", "a cashier may not export");
}

#[test]
fn past_z_reports_are_listed_by_the_date_they_closed() {
    let mut s = salon();
    s.sell(
        vec![CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })],
        &[cash(26_800)],
    )
    .unwrap();
    let counted = |fen: i64| BTreeMap::from([("cash".to_owned(), Money(fen))]);
    s.t.store
        .close_shift(&s.cashier, &counted(50_000 + 26_800))
        .unwrap();
    next_day(&s);
    s.t.store.open_shift(&s.cashier, Money::yuan(500)).unwrap();
    s.t.store.close_shift(&s.manager, &counted(49_000)).unwrap();
    let (both, next) =
        s.t.store
            .closed_shifts(&s.owner, &Period::days(day(23), day(24)), None, 50)
            .unwrap();
    assert!(next.is_none(), "two shifts fit one page");
    assert_eq!(both.len(), 2, "one shift closed each day");
    assert_eq!(
        both[0].closed_by, "周店长",
        "newest first: the 24th's, closed by the manager"
    );
    assert_eq!(
        both[0].cash_difference,
        Some(Money(-1_000)),
        "¥10 short on the 24th"
    );
    assert_eq!(both[1].net, Money(26_800), "the 23rd sold one facial");
    assert_eq!(
        both[1].cash_expected,
        Money(76_800),
        "float and the facial's cash"
    );
    assert_eq!(
        both[1].cash_difference,
        Some(Money(0)),
        "the 23rd's count was even"
    );
    let (only, _) =
        s.t.store
            .closed_shifts(&s.owner, &Period::days(day(23), day(23)), None, 50)
            .unwrap();
    assert_eq!(only.len(), 1, "the 23rd alone");
    assert_eq!(only[0].shift_id, both[1].shift_id);
    let z = s.t.store.z_report(&only[0].shift_id).unwrap();
    assert_eq!(z.sales, 1, "its full Z report is there to view and reprint");
}

#[test]
fn roles_without_view_records_are_refused_the_records_but_keep_todays_sales() {
    let s = salon();
    for who in [&s.cashier, &s.beautician] {
        let refused =
            s.t.store
                .audit_log(who, &AuditFilter::default(), None, 10)
                .unwrap_err();
        assert_eq!(
            refused.code(),
            "forbidden",
            "{} may not read the audit log",
            who.name
        );
        let refused =
            s.t.store
                .closed_shifts(who, &Period::default(), None, 10)
                .unwrap_err();
        assert_eq!(
            refused.code(),
            "forbidden",
            "{} may not read past Z reports",
            who.name
        );
        let week = SalesFilter {
            period: Period::days(day(17), day(23)),
            ..SalesFilter::default()
        };
        let refused = s.t.store.sales_list(who, &week, None, 10).unwrap_err();
        assert_eq!(
            refused.code(),
            "forbidden",
            "{} may not list a week of sales",
            who.name
        );
        let today = SalesFilter {
            period: Period::days(day(23), day(23)),
            ..SalesFilter::default()
        };
        assert!(
            s.t.store.sales_list(who, &today, None, 10).is_ok(),
            "today's sales stay open to the desk"
        );
    }
    assert!(s
        .t
        .store
        .audit_log(&s.manager, &AuditFilter::default(), None, 10)
        .is_ok());
}
