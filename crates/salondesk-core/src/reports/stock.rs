//! The stock report (库存分析): what is on hand and its value at cost (now),
//! units sold in the period (from the store's stock ledger, kept per day in
//! `report_stock_days`), the slow movers and the products low on stock (the
//! back office's rule, `StockRow::is_low`).
//!
//! Slow movers: products with stock on hand, those that sold least in the
//! period for what they hold first (turnover = sold ÷ on hand; none sold
//! comes first, the longest unsold before the others), at most `SLOW`.
//! Stock is each store's: the report reads this device's store.

use super::visits::{day_no, day_of};
use super::{ColumnKind as K, Compare, Kpi, Report, ReportQuery, ReportTable, ReportValue as V};
use crate::stock::StockRow;
use crate::store::Store;
use crate::Result;
use std::collections::HashMap;

/// How many slow movers the report lists.
pub const SLOW: usize = 10;

/// Units sold per product in a period.
fn sold(store: &Store, q: &ReportQuery) -> Result<HashMap<String, i64>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT product_id, sum(sold) FROM report_stock_days
          WHERE day BETWEEN ?1 AND ?2 GROUP BY product_id",
    )?;
    let rows = stmt.query_map([day_no(q.from), day_no(q.to)], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The last day each product sold on or before `to`.
fn last_sold(store: &Store, p: &str, to: i64) -> Result<Option<i64>> {
    Ok(store
        .conn()
        .prepare_cached(
            "SELECT max(day) FROM report_stock_days WHERE product_id = ?1 AND day <= ?2 AND sold > 0",
        )?
        .query_row(rusqlite::params![p, to], |r| r.get(0))?)
}

fn cost_of(store: &Store) -> Result<HashMap<String, i64>> {
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT id, cost FROM products WHERE active = 1")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn report(store: &Store, q: &ReportQuery) -> Result<Report> {
    let rows: Vec<StockRow> = crate::stock::all_rows(store.conn())?;
    let cost = cost_of(store)?;
    let sold_now = sold(store, q)?;
    let total = |m: &HashMap<String, i64>| m.values().sum::<i64>();
    let sold_prev = total(&sold(store, &q.compared(Compare::PreviousPeriod))?);
    let sold_ly = total(&sold(store, &q.compared(Compare::LastYear))?);
    let unit_cost = |r: &StockRow| {
        cost.get(r.product.to_string().as_str())
            .copied()
            .unwrap_or(0)
    };
    let on_hand: i64 = rows.iter().map(|r| r.on_hand.max(0)).sum();
    let value: i64 = rows
        .iter()
        .map(|r| r.on_hand.max(0).saturating_mul(unit_cost(r)))
        .fold(0i64, i64::saturating_add);
    let low: Vec<&StockRow> = rows.iter().filter(|r| r.is_low()).collect();
    let only_now = |key: &str, kind: K, value: i64| Kpi {
        key: key.into(),
        kind,
        value,
        previous: None,
        last_year: None,
    };
    let mut r = Report {
        kpis: vec![
            only_now("stock_on_hand", K::Count, on_hand),
            only_now("stock_value", K::Money, value),
            Kpi {
                key: "stock_sold".into(),
                kind: K::Count,
                value: total(&sold_now),
                previous: Some(sold_prev),
                last_year: Some(sold_ly),
            },
            only_now("stock_low_count", K::Count, low.len() as i64),
        ],
        tables: Vec::new(),
    };
    let sold_of = |r: &StockRow| {
        sold_now
            .get(r.product.to_string().as_str())
            .copied()
            .unwrap_or(0)
    };
    let mut t = ReportTable::new(
        "stock_products",
        &[
            ("stock_product", K::Text),
            ("stock_sku", K::Text),
            ("stock_category", K::Text),
            ("stock_on_hand", K::Count),
            ("stock_unit_cost", K::Money),
            ("stock_value", K::Money),
            ("stock_sold", K::Count),
        ],
    );
    for p in &rows {
        t.rows.push(vec![
            V::Text(p.name.clone()),
            V::Text(p.sku.clone()),
            V::Text(p.category.clone()),
            V::Int(p.on_hand),
            V::Int(unit_cost(p)),
            V::Int(p.on_hand.max(0).saturating_mul(unit_cost(p))),
            V::Int(sold_of(p)),
        ]);
    }
    r.tables.push(t);
    r.tables.push(slow_movers(store, q, &rows, &sold_of)?);
    let mut t = ReportTable::new(
        "stock_low",
        &[
            ("stock_product", K::Text),
            ("stock_on_hand", K::Count),
            ("stock_low_level", K::Count),
        ],
    );
    for p in low {
        t.rows.push(vec![
            V::Text(p.name.clone()),
            V::Int(p.on_hand),
            V::Int(p.low_stock),
        ]);
    }
    r.tables.push(t);
    Ok(r)
}

fn slow_movers(
    store: &Store,
    q: &ReportQuery,
    rows: &[StockRow],
    sold_of: &dyn Fn(&StockRow) -> i64,
) -> Result<ReportTable> {
    let to = day_no(q.to);
    let mut held: Vec<(&StockRow, i64, Option<i64>)> = Vec::new();
    for p in rows.iter().filter(|p| p.on_hand > 0) {
        let last = last_sold(store, &p.product.to_string(), to)?;
        held.push((p, sold_of(p), last));
    }
    // Lowest turnover first (sold/on hand compared without division), then
    // the longest unsold, then by name.
    held.sort_by(|a, b| {
        (a.1 * b.0.on_hand)
            .cmp(&(b.1 * a.0.on_hand))
            .then(a.2.unwrap_or(i64::MIN).cmp(&b.2.unwrap_or(i64::MIN)))
            .then(a.0.name.cmp(&b.0.name))
    });
    let mut t = ReportTable::new(
        "stock_slow_movers",
        &[
            ("stock_product", K::Text),
            ("stock_on_hand", K::Count),
            ("stock_sold", K::Count),
            ("stock_last_sold", K::Date),
            ("stock_days_unsold", K::Count),
        ],
    );
    for (p, sold, last) in held.into_iter().take(SLOW) {
        t.rows.push(vec![
            V::Text(p.name.clone()),
            V::Int(p.on_hand),
            V::Int(sold),
            last.map_or(V::Null, |d| V::Text(day_of(d).to_string())),
            last.map_or(V::Null, |d| V::Int(to - d)),
        ]);
    }
    Ok(t)
}
