//! The monthly rollups (migration 0038) against the daily summaries: a
//! period split into whole months and partial days reads the same figures
//! as its days alone, the rollups are what the daily rows add up to (kept
//! and rebuilt), a refund in a later month lands in its own month, and a
//! sale just after midnight in the store's zone (+08:00) on the first of a
//! month is that month's.

use crate::checkout_fixture::{salon, Salon};
use chrono::{NaiveDate, TimeZone, Utc};
use salondesk_core::checkout::{CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::reports::{Granularity, Report, ReportName, ReportQuery, ReportValue as V};
use salondesk_core::Money;

fn query(from: &str, to: &str) -> ReportQuery {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    ReportQuery {
        from: day(from),
        to: day(to),
        store_id: None,
        chain: false,
        granularity: Granularity::Month,
    }
}

/// Sets the clock in UTC (the store's clock is 8 hours ahead).
fn at(s: &Salon, month: u32, d: u32, h: u32) {
    s.t.clock
        .set(Utc.with_ymd_and_hms(2026, month, d, h, 0, 0).unwrap());
}

fn facial_by(s: &mut Salon, who: salondesk_core::ids::StaffId) -> String {
    let service_id = s.facial;
    s.sell(
        vec![CartLine::new(LineItem::Service { service_id, qty: 1 }).by(who)],
        &[Tender::Cash {
            amount: Money::yuan(268),
        }],
    )
    .expect("a facial in cash")
    .sale_id
}

fn serum(s: &mut Salon) -> String {
    let product_id = s.serum;
    s.sell(
        vec![CartLine::new(LineItem::Product { product_id, qty: 1 })],
        &[Tender::Cash {
            amount: Money::yuan(400),
        }],
    )
    .expect("a serum in cash")
    .sale_id
}

/// October to December: facials and serums on days in each month (a serum
/// on October 10: a report from the 15th takes October's first days away), a top-up,
/// the October 30 serum refunded on November 2, and a facial at 00:30 on
/// December 1 local (16:30 UTC on November 30).
fn three_months() -> Salon {
    let mut s = salon();
    let (a, b) = (s.beautician.id, s.beautician2.id);
    at(&s, 10, 10, 3);
    serum(&mut s);
    at(&s, 10, 20, 3);
    facial_by(&mut s, a);
    at(&s, 10, 30, 4);
    let refunded = serum(&mut s);
    at(&s, 11, 2, 5);
    let approval = s.approval();
    s.t.store
        .refund(
            &s.cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: refunded,
                line_ids: None,
                void: false,
            },
        )
        .expect("the refund a month later");
    at(&s, 11, 5, 2);
    s.top_up();
    at(&s, 11, 18, 6);
    facial_by(&mut s, b);
    serum(&mut s);
    at(&s, 11, 30, 16);
    facial_by(&mut s, a);
    at(&s, 12, 3, 7);
    facial_by(&mut s, b);
    at(&s, 12, 20, 7);
    serum(&mut s);
    s
}

fn report(s: &Salon, name: ReportName, q: &ReportQuery) -> Report {
    s.t.store.report(&s.manager, name, q).expect("a report")
}

fn kpi(r: &Report, key: &str) -> i64 {
    r.kpis.iter().find(|k| k.key == key).unwrap().value
}

/// A table's amounts by its key columns, to add periods together.
fn by_key(r: &Report, table: &str, keys: usize) -> Vec<(String, Vec<i64>)> {
    let mut out: Vec<(String, Vec<i64>)> = Vec::new();
    for row in &r.table(table).unwrap().rows {
        let key = format!("{:?}", &row[..keys]);
        let nums: Vec<i64> = row[keys..]
            .iter()
            .map(|v| if let V::Int(n) = v { *n } else { 0 })
            .collect();
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, acc)) => acc.iter_mut().zip(nums).for_each(|(a, n)| *a += n),
            None => out.push((key, nums)),
        }
    }
    out.sort();
    out
}

fn add(a: &mut Vec<(String, Vec<i64>)>, b: Vec<(String, Vec<i64>)>) {
    for (k, nums) in b {
        match a.iter_mut().find(|(x, _)| *x == k) {
            Some((_, acc)) => acc.iter_mut().zip(nums).for_each(|(a, n)| *a += n),
            None => a.push((k, nums)),
        }
    }
    a.sort();
}

#[test]
fn a_period_from_mid_month_to_mid_month_equals_its_days_summed_alone() {
    let s = three_months();
    // Read as October whole less its first 14 days, November whole, and
    // December's first 10 days.
    let whole = query("2026-10-15", "2026-12-10");
    // The same days in pieces each at most half its month: all read by day.
    let pieces = [
        query("2026-10-15", "2026-10-22"),
        query("2026-10-23", "2026-10-31"),
        query("2026-11-01", "2026-11-15"),
        query("2026-11-16", "2026-11-29"),
        query("2026-11-30", "2026-11-30"),
        query("2026-12-01", "2026-12-10"),
    ];
    let sales = report(&s, ReportName::Sales, &whole);
    for key in [
        "revenue", "sales", "refunds", "top_ups", "received", "consumed",
    ] {
        let summed: i64 = pieces
            .iter()
            .map(|q| kpi(&report(&s, ReportName::Sales, q), key))
            .sum();
        assert_eq!(
            kpi(&sales, key),
            summed,
            "{key}: months + days = days alone"
        );
    }
    assert!(kpi(&sales, "revenue") > 0, "the period sold something");
    for (table, keys) in [
        ("by_hour", 2),
        ("by_category", 2),
        ("top_services", 1),
        ("top_products", 1),
        ("by_payment", 2),
    ] {
        let mut summed = Vec::new();
        for q in &pieces {
            add(
                &mut summed,
                by_key(&report(&s, ReportName::Sales, q), table, keys),
            );
        }
        assert_eq!(
            by_key(&sales, table, keys),
            summed,
            "{table}: the split read adds up the same"
        );
    }
    let staff = report(&s, ReportName::Staff, &whole);
    for key in ["staff_revenue", "services", "products", "commission"] {
        let summed: i64 = pieces
            .iter()
            .map(|q| kpi(&report(&s, ReportName::Staff, q), key))
            .sum();
        assert_eq!(
            kpi(&staff, key),
            summed,
            "staff {key}: months + days = days alone"
        );
    }
    let mut summed = Vec::new();
    for q in &pieces {
        add(
            &mut summed,
            by_key(&report(&s, ReportName::Staff, q), "by_staff", 2),
        );
    }
    assert_eq!(
        by_key(&staff, "by_staff", 2),
        summed,
        "each staff member's figures add up the same"
    );
}

/// Each monthly rollup against the daily rows grouped by month.
pub fn rollups_match_the_days(s: &Salon) {
    let c = s.t.store.conn();
    for (rollup, days) in [
        (
            "SELECT store_id, month, kind, item_id, amount, qty FROM report_items_m",
            "SELECT store_id, substr(day, 1, 7) AS m, kind, item_id, sum(amount), sum(qty)
             FROM report_items GROUP BY 1, 2, 3, 4",
        ),
        (
            "SELECT store_id, month, staff_id, revenue, services, products, commission FROM report_staff_m",
            "SELECT store_id, substr(day, 1, 7), staff_id,
                    sum(CASE WHEN kind = 'top_up' THEN 0 ELSE amount END), sum(services),
                    sum(products), sum(commission)
             FROM report_items GROUP BY 1, 2, 3",
        ),
        (
            "SELECT store_id, month, weekday, hour, sales, revenue FROM report_hours_m",
            "SELECT store_id, substr(day, 1, 7), (CAST(strftime('%w', day) AS INTEGER) + 6) % 7 + 1,
                    hour, sum(sales), sum(revenue)
             FROM report_hours GROUP BY 1, 2, 3, 4",
        ),
        (
            "SELECT store_id, month, method, amount FROM report_tenders_m",
            "SELECT store_id, substr(day, 1, 7), method, sum(amount) FROM report_tenders GROUP BY 1, 2, 3",
        ),
        (
            "SELECT store_id, month, sales, refunds, revenue, top_ups FROM report_days_m",
            "SELECT store_id, substr(day, 1, 7), sum(sales), sum(refunds), sum(revenue), sum(top_ups)
             FROM report_days GROUP BY 1, 2",
        ),
    ] {
        let sql = format!("SELECT count(*) FROM (SELECT * FROM ({rollup}) EXCEPT SELECT * FROM ({days}))");
        let extra: i64 = c.query_row(&sql, [], |r| r.get(0)).unwrap();
        let sql = format!("SELECT count(*) FROM (SELECT * FROM ({days}) EXCEPT SELECT * FROM ({rollup}))");
        let missing: i64 = c.query_row(&sql, [], |r| r.get(0)).unwrap();
        assert_eq!(
            (extra, missing),
            (0, 0),
            "the rollup `{rollup}` is its daily rows summed by month"
        );
    }
}

#[test]
fn the_kept_and_the_rebuilt_monthly_rollups_are_the_daily_rows_by_month() {
    let mut s = three_months();
    rollups_match_the_days(&s);
    let months: i64 =
        s.t.store
            .conn()
            .query_row("SELECT count(*) FROM report_days_m", [], |r| r.get(0))
            .unwrap();
    assert_eq!(months, 3, "October, November and December");
    s.t.store.rebuild_report_summaries().unwrap();
    rollups_match_the_days(&s);
}

#[test]
fn a_refund_in_a_later_month_lands_in_its_own_month() {
    let s = three_months();
    let october = report(&s, ReportName::Sales, &query("2026-10-01", "2026-10-31"));
    assert_eq!(
        kpi(&october, "revenue"),
        Money::yuan(368 + 268 + 368).0,
        "October keeps the serum sold on the 30th: the refund is not October's"
    );
    assert_eq!(kpi(&october, "refunds"), 0, "no refund in October");
    let november = report(&s, ReportName::Sales, &query("2026-11-01", "2026-11-30"));
    assert_eq!(kpi(&november, "refunds"), 1, "the refund on November 2");
    assert_eq!(
        kpi(&november, "revenue"),
        Money::yuan(268 + 368 - 368).0,
        "November's facial and serum less the refunded serum; the top-up is not revenue"
    );
}

#[test]
fn a_sale_after_midnight_on_the_first_is_the_new_months() {
    let s = three_months();
    let november = report(&s, ReportName::Staff, &query("2026-11-01", "2026-11-30"));
    assert_eq!(
        kpi(&november, "services"),
        1,
        "16:30 UTC on November 30 is 00:30 on December 1 in the store"
    );
    let december = report(&s, ReportName::Staff, &query("2026-12-01", "2026-12-31"));
    assert_eq!(
        kpi(&december, "services"),
        2,
        "December 1 00:30 and December 3"
    );
    let by_month = report(&s, ReportName::Sales, &query("2026-10-01", "2026-12-31"));
    assert_eq!(
        by_month.table("by_period").unwrap().rows,
        vec![
            vec![
                V::Text("2026-10-01".into()),
                V::Int(100_400),
                V::Int(3),
                V::Int(33_467),
                V::Int(0)
            ],
            vec![
                V::Text("2026-11-01".into()),
                V::Int(26_800),
                V::Int(2),
                V::Int(13_400),
                V::Int(100_000)
            ],
            vec![
                V::Text("2026-12-01".into()),
                V::Int(90_400),
                V::Int(3),
                V::Int(30_133),
                V::Int(0)
            ],
        ],
        "by month: the refund in November, the 00:30 facial in December"
    );
}

#[test]
fn a_store_told_not_to_keep_summaries_leaves_them_and_no_other_store_is_affected() {
    let days = |s: &Salon| -> i64 {
        s.t.store
            .conn()
            .query_row("SELECT count(*) FROM report_days", [], |r| r.get(0))
            .unwrap()
    };
    let (mut off, mut on) = (salon(), salon());
    off.t.store.set_keeping_report_summaries(false);
    let (a, b) = (off.beautician.id, on.beautician.id);
    facial_by(&mut off, a);
    facial_by(&mut on, b);
    assert_eq!(days(&off), 0, "the bench's switch: no summary written");
    assert_eq!(
        days(&on),
        1,
        "the switch is the store's own, not the process's"
    );
}
