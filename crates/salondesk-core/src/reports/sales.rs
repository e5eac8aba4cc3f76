//! The sales report: revenue (net of refunds, top-ups apart: a top-up is cash
//! in, not revenue), sales count and average ticket against the previous
//! period and last year; revenue by day/week/month, by hour × weekday, by
//! category, the top services and products (`sales_items`), by payment method (money
//! received vs value consumed), and for the chain the stores side by side.
//! Everything is read from the summaries (0033).

use super::scope::{period, Scope};
use super::store_names::StoreNames;
use super::ReportValue as V;
use super::{ColumnKind as K, Compare, Granularity, Kpi, Report, ReportQuery, ReportTable};
use crate::store::Store;
use crate::Result;
use rusqlite::Connection;

/// How many rows a top-N table shows.
pub const TOP_N: usize = 10;

/// Money received (cash, card, WeChat Pay, Alipay) vs value consumed
/// (stored value, points: paid for before, revenue now).
pub fn method_group(method: &str) -> &'static str {
    match method {
        "stored_value" | "points" => "consumed",
        _ => "received",
    }
}

/// The headline figures of one period.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub revenue: i64,
    pub sales: i64,
    pub refunds: i64,
    pub top_ups: i64,
    pub received: i64,
    pub consumed: i64,
}

impl Totals {
    /// Revenue per sale, rounded half away from zero; 0 without sales.
    pub fn average_ticket(&self) -> i64 {
        if self.sales == 0 {
            return 0;
        }
        let (r, n) = (self.revenue as i128, self.sales as i128);
        ((2 * r + r.signum() * n) / (2 * n)) as i64
    }
}

fn totals(conn: &Connection, scope: &Scope, q: &ReportQuery) -> Result<Totals> {
    let days = scope.split_rows(
        conn,
        "SELECT coalesce(sum(revenue), 0), coalesce(sum(sales), 0), coalesce(sum(refunds), 0),
                coalesce(sum(top_ups), 0) FROM ({rows})",
        "SELECT revenue, sales, refunds, top_ups FROM report_days_m
         WHERE month BETWEEN ?1 AND ?2 AND {stores}",
        "SELECT revenue * {sign}, sales * {sign}, refunds * {sign}, top_ups * {sign}
         FROM report_days WHERE day BETWEEN {from} AND {to} AND {stores}",
        q,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let (revenue, sales, refunds, top_ups) = days[0];
    let methods = payment_methods(conn, scope, q)?;
    let mut t = Totals {
        revenue,
        sales,
        refunds,
        top_ups,
        ..Totals::default()
    };
    for (m, amount) in methods {
        match method_group(&m) {
            "consumed" => t.consumed += amount,
            _ => t.received += amount,
        }
    }
    Ok(t)
}

/// What was paid each way over the period.
fn payment_methods(
    conn: &Connection,
    scope: &Scope,
    q: &ReportQuery,
) -> Result<Vec<(String, i64)>> {
    scope.split_rows(
        conn,
        "SELECT method, sum(amount) AS a FROM ({rows}) GROUP BY method HAVING a <> 0",
        "SELECT method, amount FROM report_tenders_m WHERE month BETWEEN ?1 AND ?2 AND {stores}",
        "SELECT method, amount * {sign} FROM report_tenders
         WHERE day BETWEEN {from} AND {to} AND {stores}",
        q,
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The headline figures with their comparisons.
pub(super) fn kpis(conn: &Connection, scope: &Scope, q: &ReportQuery) -> Result<Vec<Kpi>> {
    let now = totals(conn, scope, q)?;
    let prev = totals(conn, scope, &q.compared(Compare::PreviousPeriod))?;
    let last = totals(conn, scope, &q.compared(Compare::LastYear))?;
    let kpi = |key: &str, kind: K, f: &dyn Fn(&Totals) -> i64| Kpi {
        key: key.to_string(),
        kind,
        value: f(&now),
        previous: Some(f(&prev)),
        last_year: Some(f(&last)),
    };
    Ok(vec![
        kpi("revenue", K::Money, &|t| t.revenue),
        kpi("sales", K::Count, &|t| t.sales),
        kpi("avg_ticket", K::Money, &|t| t.average_ticket()),
        kpi("received", K::Money, &|t| t.received),
        kpi("consumed", K::Money, &|t| t.consumed),
        kpi("top_ups", K::Money, &|t| t.top_ups),
        kpi("refunds", K::Count, &|t| t.refunds),
    ])
}

pub(super) fn report(store: &Store, q: &ReportQuery) -> Result<Report> {
    let conn = store.conn();
    let scope = Scope::of(store, q)?;
    let mut tables = vec![by_period(conn, &scope, q)?, by_hour(conn, &scope, q)?];
    tables.extend(super::sales_items::tables(conn, &scope, q)?);
    tables.push(by_payment(conn, &scope, q)?);
    if scope.is_chain() {
        tables.push(by_store(store, &scope, q)?);
    }
    Ok(Report {
        kpis: kpis(conn, &scope, q)?,
        tables,
    })
}

/// The bucket's first day as SQL over the column `day`.
fn bucket(g: Granularity) -> &'static str {
    match g {
        Granularity::Day => "day",
        // ISO weeks start on Monday (%w: Sunday is 0).
        Granularity::Week => {
            "date(day, '-' || ((CAST(strftime('%w', day) AS INTEGER) + 6) % 7) || ' days')"
        }
        Granularity::Month => "strftime('%Y-%m-01', day)",
    }
}

fn by_period(conn: &Connection, scope: &Scope, q: &ReportQuery) -> Result<ReportTable> {
    let mut t = ReportTable::new(
        "by_period",
        &[
            ("date", K::Date),
            ("revenue", K::Money),
            ("sales", K::Count),
            ("avg_ticket", K::Money),
            ("top_ups", K::Money),
        ],
    );
    let f = |r: &rusqlite::Row<'_>| {
        let totals = Totals {
            revenue: r.get(1)?,
            sales: r.get(2)?,
            ..Totals::default()
        };
        Ok(vec![
            V::Text(r.get(0)?),
            V::Int(totals.revenue),
            V::Int(totals.sales),
            V::Int(totals.average_ticket()),
            V::Int(r.get(3)?),
        ])
    };
    if q.granularity == Granularity::Month {
        // Whole months from the rollup, the partial ones summed from days.
        t.rows = scope.split_rows(
            conn,
            "SELECT m || '-01' AS d, sum(revenue) AS r, sum(sales) AS n, sum(top_ups) AS u
             FROM ({rows}) GROUP BY d HAVING r <> 0 OR n <> 0 OR u <> 0 ORDER BY d",
            "SELECT month AS m, revenue, sales, top_ups FROM report_days_m
             WHERE month BETWEEN ?1 AND ?2 AND {stores}",
            "SELECT substr(day, 1, 7), revenue * {sign}, sales * {sign}, top_ups * {sign}
             FROM report_days WHERE day BETWEEN {from} AND {to} AND {stores}",
            q,
            f,
        )?;
        return Ok(t);
    }
    let sql = format!(
        "SELECT {b} AS d, sum(revenue), sum(sales), sum(top_ups) FROM report_days
         WHERE day BETWEEN ?1 AND ?2 AND {{stores}} GROUP BY d ORDER BY d",
        b = bucket(q.granularity)
    );
    t.rows = scope.rows(conn, &sql, &period(q), f)?;
    Ok(t)
}

/// Sales and revenue by weekday (1 Monday … 7 Sunday) × hour of the store's clock.
fn by_hour(conn: &Connection, scope: &Scope, q: &ReportQuery) -> Result<ReportTable> {
    let mut t = ReportTable::new(
        "by_hour",
        &[
            ("weekday", K::Code),
            ("hour", K::Count),
            ("sales", K::Count),
            ("revenue", K::Money),
        ],
    );
    t.rows = scope.split_rows(
        conn,
        "SELECT wd, hour, sum(sales) AS n, sum(revenue) AS r FROM ({rows})
         GROUP BY wd, hour HAVING n <> 0 OR r <> 0 ORDER BY wd, hour",
        "SELECT weekday AS wd, hour, sales, revenue FROM report_hours_m
         WHERE month BETWEEN ?1 AND ?2 AND {stores}",
        "SELECT (CAST(strftime('%w', day) AS INTEGER) + 6) % 7 + 1, hour, sales * {sign},
                revenue * {sign}
         FROM report_hours WHERE day BETWEEN {from} AND {to} AND {stores}",
        q,
        |r| {
            Ok(vec![
                V::Text(r.get::<_, i64>(0)?.to_string()),
                V::Int(r.get(1)?),
                V::Int(r.get(2)?),
                V::Int(r.get(3)?),
            ])
        },
    )?;
    Ok(t)
}

fn by_payment(conn: &Connection, scope: &Scope, q: &ReportQuery) -> Result<ReportTable> {
    let mut t = ReportTable::new(
        "by_payment",
        &[
            ("method", K::Code),
            ("group", K::Code),
            ("amount", K::Money),
        ],
    );
    let mut rows = payment_methods(conn, scope, q)?;
    // Money received first, then value consumed; the larger first within each.
    rows.sort_by_key(|(m, a)| (method_group(m) == "consumed", -a));
    t.rows = rows
        .into_iter()
        .map(|(m, a)| {
            let group = method_group(&m).to_string();
            vec![V::Text(m), V::Text(group), V::Int(a)]
        })
        .collect();
    Ok(t)
}

/// The chain's stores side by side, by name (this till's sales of before
/// it joined, "local", are its own store's).
fn by_store(store: &Store, scope: &Scope, q: &ReportQuery) -> Result<ReportTable> {
    let conn = store.conn();
    let mut t = ReportTable::new(
        "by_store",
        &[
            ("store", K::Store),
            ("revenue", K::Money),
            ("sales", K::Count),
            ("avg_ticket", K::Money),
            ("top_ups", K::Money),
        ],
    );
    let rows: Vec<(String, i64, i64, i64)> = scope.split_rows(
        conn,
        "SELECT store_id, sum(revenue) AS r, sum(sales) AS n, sum(top_ups) AS u FROM ({rows})
         GROUP BY store_id HAVING r <> 0 OR n <> 0 OR u <> 0",
        "SELECT store_id, revenue, sales, top_ups FROM report_days_m
         WHERE month BETWEEN ?1 AND ?2 AND {stores}",
        "SELECT store_id, revenue * {sign}, sales * {sign}, top_ups * {sign} FROM report_days
         WHERE day BETWEEN {from} AND {to} AND {stores}",
        q,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let own = super::summary::own_store_id(conn)?;
    let mut stores: Vec<(String, Totals)> = Vec::new();
    for (id, revenue, sales, top_ups) in rows {
        let id = if id == "local" { own.clone() } else { id };
        let i = match stores.iter().position(|(s, _)| *s == id) {
            Some(i) => i,
            None => {
                stores.push((id, Totals::default()));
                stores.len() - 1
            }
        };
        let t = &mut stores[i].1;
        t.revenue += revenue;
        t.sales += sales;
        t.top_ups += top_ups;
    }
    stores.sort_by(|(a, x), (b, y)| y.revenue.cmp(&x.revenue).then(a.cmp(b)));
    let mut names = StoreNames::of(store)?;
    t.rows = stores
        .into_iter()
        .map(|(id, totals)| {
            vec![
                names.name(&id),
                V::Int(totals.revenue),
                V::Int(totals.sales),
                V::Int(totals.average_ticket()),
                V::Int(totals.top_ups),
            ]
        })
        .collect();
    Ok(t)
}
