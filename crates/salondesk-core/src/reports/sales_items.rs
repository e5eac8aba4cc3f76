//! The sales report's item tables: revenue by category, the top services
//! (with package sessions used of them apart) and the top products, from
//! one read of the period's items (the chain's biggest read: three tables
//! from one pass over the rollups and the partial months' days).

use super::sales::TOP_N;
use super::scope::{Scope, ITEM_CATEGORY, ITEM_NAME};
use super::ReportValue as V;
use super::{ColumnKind as K, ReportQuery, ReportTable};
use crate::Result;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// One item's figures over the period.
struct Item {
    kind: String,
    id: String,
    name: String,
    category: String,
    qty: i64,
    amount: i64,
}

/// `by_category`, `top_services`, `top_products`, in that order.
pub(super) fn tables(
    conn: &Connection,
    scope: &Scope,
    q: &ReportQuery,
) -> Result<Vec<ReportTable>> {
    // Each item that did not net to nothing, with its name and category.
    let sql = format!(
        "SELECT k, i, {ITEM_NAME}, {ITEM_CATEGORY}, qty, amount FROM (
            SELECT k, i, sum(qty) AS qty, sum(amount) AS amount FROM ({{rows}}) GROUP BY k, i
            HAVING qty <> 0 OR amount <> 0)"
    );
    let items = scope.split_rows(
        conn,
        &sql,
        "SELECT kind AS k, item_id AS i, qty, amount FROM report_items_m
         WHERE month BETWEEN ?1 AND ?2 AND {stores} AND kind <> 'top_up'",
        "SELECT kind, item_id, qty * {sign}, amount * {sign} FROM report_items
         WHERE day BETWEEN {from} AND {to} AND {stores} AND kind <> 'top_up'",
        q,
        |r| {
            Ok(Item {
                kind: r.get(0)?,
                id: r.get(1)?,
                name: r.get(2)?,
                category: r.get(3)?,
                qty: r.get(4)?,
                amount: r.get(5)?,
            })
        },
    )?;
    Ok(vec![
        by_category(&items),
        top(&items, "service"),
        top(&items, "product"),
    ])
}

/// Revenue by line kind × category, the larger first (then kind, category).
fn by_category(items: &[Item]) -> ReportTable {
    let mut t = ReportTable::new(
        "by_category",
        &[
            ("kind", K::Code),
            ("category", K::Text),
            ("qty", K::Count),
            ("revenue", K::Money),
        ],
    );
    let mut groups: BTreeMap<(&str, &str), (i64, i64)> = BTreeMap::new();
    for i in items {
        let g = groups.entry((&i.kind, &i.category)).or_default();
        g.0 += i.qty;
        g.1 += i.amount;
    }
    let mut rows: Vec<_> = groups.into_iter().collect();
    rows.sort_by(|(ka, a), (kb, b)| b.1.cmp(&a.1).then(ka.cmp(kb)));
    t.rows = rows
        .into_iter()
        .map(|((k, c), (n, a))| vec![V::Text(k.into()), V::Text(c.into()), V::Int(n), V::Int(a)])
        .collect();
    t
}

/// The top `kind` items by revenue (then quantity, then id).
fn top(items: &[Item], kind: &str) -> ReportTable {
    let id = if kind == "service" {
        "top_services"
    } else {
        "top_products"
    };
    let mut t = ReportTable::new(
        id,
        &[("item", K::Text), ("qty", K::Count), ("revenue", K::Money)],
    );
    let mut rows: Vec<&Item> = items.iter().filter(|i| i.kind == kind).collect();
    rows.sort_by(|a, b| {
        b.amount
            .cmp(&a.amount)
            .then(b.qty.cmp(&a.qty))
            .then(a.id.cmp(&b.id))
    });
    t.rows = rows
        .into_iter()
        .take(TOP_N)
        .map(|i| vec![V::Text(i.name.clone()), V::Int(i.qty), V::Int(i.amount)])
        .collect();
    t
}
