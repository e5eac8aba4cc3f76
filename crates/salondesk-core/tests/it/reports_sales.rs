//! The sales and staff reports against figures worked out by hand on a
//! small fixed day (a top-up, a sale paid with stored value and cash with a
//! split-shared service, a refund of one line, a sale late in the evening
//! and one just after midnight in the store's time zone, +08:00), the
//! summaries kept as sales are written against a rebuild from the sales,
//! and the report's export.

use crate::checkout_fixture::{salon, Salon};
use chrono::{NaiveDate, TimeZone, Utc};
use salondesk_core::checkout::{CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::export::Format;
use salondesk_core::records::CsvLang;
use salondesk_core::reports::{Granularity, Report, ReportName, ReportQuery, ReportValue as V};
use salondesk_core::Money;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn query(from: &str, to: &str) -> ReportQuery {
    ReportQuery {
        from: day(from),
        to: day(to),
        store_id: None,
        chain: false,
        granularity: Granularity::Day,
    }
}

fn at(s: &Salon, h: u32, m: u32, d: u32) {
    s.t.clock
        .set(Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap());
}

/// The fixed day. Times in UTC; the store's clock is 8 hours ahead.
fn the_day() -> Salon {
    let mut s = salon();
    // 10:00 local, Monday 2026-11-23: a top-up of 1000 in cash (bonus 200).
    at(&s, 2, 0, 23);
    s.top_up();
    // 10:30: a facial by 王芳, a facial shared 60/40 by 王芳 and 李静, two
    // serums nobody is credited with: 268 + 268 + 736 = 1272, paid 1000
    // from stored value and 300 in cash (28 change).
    at(&s, 2, 30, 23);
    let (a, b) = (s.beautician.id, s.beautician2.id);
    let service_id = s.facial;
    let facial = || LineItem::Service { service_id, qty: 1 };
    let mut shared = CartLine::new(facial());
    shared.staff = vec![(a, 6000), (b, 4000)];
    let serums = CartLine::new(LineItem::Product {
        product_id: s.serum,
        qty: 2,
    });
    let sale = s
        .sell(
            vec![CartLine::new(facial()).by(a), shared, serums],
            &[
                Tender::StoredValue {
                    amount: Money::yuan(1000),
                },
                Tender::Cash {
                    amount: Money::yuan(300),
                },
            ],
        )
        .expect("the sale");
    assert_eq!(
        sale.total,
        Money::yuan(1272),
        "a standard member pays list prices"
    );
    // 11:15: the serums are refunded.
    at(&s, 3, 15, 23);
    let serum_line: String =
        s.t.store
            .conn()
            .query_row(
                "SELECT id FROM sale_lines WHERE sale_id = ?1 AND kind = 'product'",
                [&sale.sale_id],
                |r| r.get(0),
            )
            .unwrap();
    let approval = s.approval();
    s.t.store
        .refund(
            &s.cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: sale.sale_id.clone(),
                line_ids: Some(vec![serum_line]),
                void: false,
            },
        )
        .expect("the refund");
    // 23:30 local: one serum, 400 cash (32 change).
    at(&s, 15, 30, 23);
    s.sell(
        vec![CartLine::new(LineItem::Product {
            product_id: s.serum,
            qty: 1,
        })],
        &[Tender::Cash {
            amount: Money::yuan(400),
        }],
    )
    .expect("the late sale");
    // 00:30 local, Tuesday 11-24 (still the 23rd in UTC): a facial by 李静, in cash.
    at(&s, 16, 30, 23);
    s.sell(
        vec![CartLine::new(facial()).by(b)],
        &[Tender::Cash {
            amount: Money::yuan(268),
        }],
    )
    .expect("the sale after midnight");
    s
}

fn report(s: &Salon, name: ReportName, q: &ReportQuery) -> Report {
    s.t.store
        .report(&s.manager, name, q)
        .expect("the manager reads reports")
}

fn kpi(r: &Report, key: &str) -> i64 {
    r.kpis.iter().find(|k| k.key == key).unwrap().value
}

fn rows(r: &Report, table: &str) -> Vec<Vec<V>> {
    r.table(table).expect(table).rows.clone()
}

fn t(s: &str) -> V {
    V::Text(s.into())
}

#[test]
fn the_days_figures_are_the_hand_computed_ones_with_a_refund_a_top_up_and_midnight() {
    let s = the_day();
    let r = report(&s, ReportName::Sales, &query("2026-11-23", "2026-11-23"));
    assert_eq!(
        kpi(&r, "revenue"),
        Money::yuan(268 + 268 + 736 - 736 + 368).0,
        "the lines net of the refund; the top-up is not revenue; 00:30 is the next day"
    );
    assert_eq!(
        kpi(&r, "sales"),
        2,
        "the top-up alone is not a sale, the refund is not one"
    );
    assert_eq!(kpi(&r, "refunds"), 1, "one refund");
    assert_eq!(
        kpi(&r, "avg_ticket"),
        Money::yuan(452).0,
        "904 over 2 sales"
    );
    assert_eq!(kpi(&r, "top_ups"), Money::yuan(1000).0, "cash in, apart");
    assert_eq!(
        kpi(&r, "received") + kpi(&r, "consumed"),
        kpi(&r, "revenue") + kpi(&r, "top_ups"),
        "every fen paid is revenue or a top-up"
    );
    let sv_back: i64 =
        s.t.store
            .conn()
            .query_row(
                "SELECT amount FROM sale_tenders t JOIN sales s ON s.id = t.sale_id
             WHERE s.kind = 'refund' AND t.kind = 'stored_value'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(
        kpi(&r, "consumed"),
        Money::yuan(1000).0 + sv_back,
        "stored value used, less what the refund gave back"
    );
    assert_eq!(
        rows(&r, "by_period"),
        vec![vec![
            t("2026-11-23"),
            V::Int(90_400),
            V::Int(2),
            V::Int(45_200),
            V::Int(100_000)
        ]],
        "one day"
    );
    assert_eq!(
        rows(&r, "by_hour"),
        vec![
            vec![t("1"), V::Int(10), V::Int(1), V::Int(127_200)],
            vec![t("1"), V::Int(11), V::Int(0), V::Int(-73_600)],
            vec![t("1"), V::Int(23), V::Int(1), V::Int(36_800)],
        ],
        "Monday 10:00 (the top-up, then the sale), 11:15 the refund, 23:30 the late sale"
    );
    assert_eq!(
        rows(&r, "top_services"),
        vec![vec![t("深层清洁"), V::Int(2), V::Int(53_600)]],
        "two facials, the shared one counted once"
    );
    assert_eq!(
        rows(&r, "top_products"),
        vec![vec![t("玻尿酸精华"), V::Int(1), V::Int(36_800)]],
        "two sold, two refunded, one sold late"
    );
    assert_eq!(
        rows(&r, "by_category"),
        vec![
            vec![t("service"), t("面部护理"), V::Int(2), V::Int(53_600)],
            vec![t("product"), t(""), V::Int(1), V::Int(36_800)],
        ],
        "the facial's category from the catalog; the serum has none"
    );
    let next = report(&s, ReportName::Sales, &query("2026-11-24", "2026-11-24"));
    assert_eq!(
        kpi(&next, "revenue"),
        Money::yuan(268).0,
        "00:30 local is Tuesday's"
    );
    assert_eq!(
        rows(&next, "by_hour"),
        vec![vec![t("2"), V::Int(0), V::Int(1), V::Int(26_800)]],
        "Tuesday, hour 0 of the store's clock (16:30 UTC)"
    );
    assert_eq!(
        next.kpis
            .iter()
            .find(|k| k.key == "revenue")
            .unwrap()
            .previous,
        Some(90_400),
        "the previous period of one day is the day before"
    );
}

#[test]
fn the_staff_report_credits_split_shares_services_and_commission() {
    let s = the_day();
    let r = report(&s, ReportName::Staff, &query("2026-11-23", "2026-11-24"));
    let by_staff = rows(&r, "by_staff");
    let row = |id: &str| {
        by_staff
            .iter()
            .find(|r| r[0] == t(id))
            .unwrap_or_else(|| panic!("{id} in {by_staff:?}"))
            .clone()
    };
    let a = row(&s.beautician.id.to_string());
    assert_eq!(
        a[1..7],
        [
            t("王芳"),
            V::Int(26_800 + 16_080),
            V::Int(2),
            V::Int(0),
            V::Int(2_680 + 1_608),
            V::Null
        ],
        "her facial and 60% of the shared one; 10% commission on each; no rating"
    );
    let b = row(&s.beautician2.id.to_string());
    assert_eq!(
        b[2..6],
        [
            V::Int(10_720 + 26_800),
            V::Int(2),
            V::Int(0),
            V::Int(1_072 + 2_680)
        ],
        "40% of the shared facial and her own after midnight"
    );
    assert_eq!(by_staff.len(), 2, "the serums credit nobody");
    let lines = rows(&r, "commission_lines");
    let hers: Vec<_> = lines.iter().filter(|l| l[0] == a[0]).collect();
    assert_eq!(hers.len(), 2, "two lines of commission for 王芳");
    let shared = hers
        .iter()
        .find(|l| l[5] == V::Int(6000))
        .expect("the shared line");
    assert_eq!(
        shared[6..9],
        [V::Int(16_080), V::Int(1000), V::Int(1_608)],
        "base: her 60% of 268; rate 10.00%; commission 16.08"
    );
}

/// The summaries as rows, to compare two states.
fn summaries(s: &Salon) -> Vec<String> {
    let c = s.t.store.conn();
    let mut out = Vec::new();
    for sql in [
        "SELECT store_id || day || staff_id || kind || item_id || '|' || amount || '|' || qty || '|' || services || '|' || products || '|' || commission FROM report_items ORDER BY 1",
        "SELECT store_id || day || hour || '|' || sales || '|' || revenue FROM report_hours ORDER BY 1",
        "SELECT store_id || day || method || '|' || amount FROM report_tenders ORDER BY 1",
        "SELECT store_id || day || '|' || sales || '|' || refunds || '|' || revenue || '|' || top_ups FROM report_days ORDER BY 1",
        "SELECT sale_id || store_id FROM report_sales_seen ORDER BY 1",
        // The monthly rollups (0038).
        "SELECT store_id || month || kind || item_id || '|' || amount || '|' || qty FROM report_items_m ORDER BY 1",
        "SELECT store_id || month || staff_id || '|' || revenue || '|' || services || '|' || products || '|' || commission FROM report_staff_m ORDER BY 1",
        "SELECT store_id || month || weekday || hour || '|' || sales || '|' || revenue FROM report_hours_m ORDER BY 1",
        "SELECT store_id || month || method || '|' || amount FROM report_tenders_m ORDER BY 1",
        "SELECT store_id || month || '|' || sales || '|' || refunds || '|' || revenue || '|' || top_ups FROM report_days_m ORDER BY 1",
    ] {
        let mut stmt = c.prepare(sql).unwrap();
        out.extend(stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap));
    }
    out
}

#[test]
fn a_rebuild_from_the_sales_and_ledgers_equals_the_kept_summaries() {
    let mut s = the_day();
    let kept = summaries(&s);
    assert!(kept.len() > 10, "the day left summaries: {kept:?}");
    s.t.store.rebuild_report_summaries().unwrap();
    assert_eq!(
        summaries(&s),
        kept,
        "record_sale (from the payload) and the SQL rebuild follow the same rules, by day and by month"
    );
    crate::reports_months::rollups_match_the_days(&s);
}

#[test]
fn a_sale_handed_over_twice_counts_once() {
    let s = the_day();
    let before = summaries(&s);
    let c = s.t.store.conn();
    let (id, payload): (String, String) = c
        .query_row(
            "SELECT entity_id, payload FROM outbox WHERE entity = 'sale' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    salondesk_core::reports::summary::record_sale(c, "local", &id, &payload).unwrap();
    assert_eq!(summaries(&s), before, "idempotent per sale id");
}

#[test]
fn reports_and_their_export_are_refused_to_a_cashier() {
    let mut s = the_day();
    let q = query("2026-11-23", "2026-11-23");
    let e =
        s.t.store
            .report(&s.cashier, ReportName::Sales, &q)
            .unwrap_err();
    assert_eq!(e.code(), "forbidden", "a cashier has no ViewReports");
    let dir = tempfile::tempdir().unwrap();
    let cashier = s.cashier.clone();
    let e =
        s.t.store
            .export_report(
                &cashier,
                ReportName::Sales,
                &q,
                None,
                Format::Csv,
                CsvLang::ZhCn,
                dir.path(),
            )
            .unwrap_err();
    assert_eq!(e.code(), "forbidden", "a cashier has no Export");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file written"
    );
}

#[test]
fn a_reports_table_exports_to_csv_with_a_bom_and_chinese_intact_and_is_audited() {
    let mut s = the_day();
    let q = query("2026-11-23", "2026-11-23");
    let dir = tempfile::tempdir().unwrap();
    let manager = s.manager.clone();
    let done =
        s.t.store
            .export_report(
                &manager,
                ReportName::Sales,
                &q,
                Some("top_services"),
                Format::Csv,
                CsvLang::ZhCn,
                dir.path(),
            )
            .expect("the manager exports");
    assert_eq!(done.files.len(), 1, "one table, one file");
    let bytes = std::fs::read(&done.files[0]).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a BOM for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("项目,数量,营业额"),
        "headers in Chinese: {text}"
    );
    assert!(
        text.contains("深层清洁,2,536.00"),
        "the row, money in yuan: {text}"
    );
    let detail: String =
        s.t.store
            .conn()
            .query_row(
                "SELECT detail FROM audit_log WHERE action = 'export' ORDER BY rowid DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert!(
        detail.contains("report:sales"),
        "audited as the report's export: {detail}"
    );

    let all =
        s.t.store
            .export_report(
                &manager,
                ReportName::Staff,
                &q,
                None,
                Format::Xlsx,
                CsvLang::En,
                dir.path(),
            )
            .expect("the whole staff report to Excel");
    assert_eq!(all.files.len(), 1, "one workbook, a sheet a table");
    assert!(all.files[0].extension().is_some_and(|e| e == "xlsx"));
}
