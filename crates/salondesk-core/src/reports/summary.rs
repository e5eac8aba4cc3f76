//! The summaries reports read (tables in migration 0033: per business day ×
//! store × staff × item, per hour, per payment method, per day), kept as
//! sales are written.
//!
//! `record_sale` is the ONE place a sale (refund, void) enters them, from the
//! `sale` sync payload (the protocol's `sale` entity: lines with staff
//! shares, tenders, ledger). The till calls it for its own sales and for
//! those of its store's other tills as they are applied, in the sale's own
//! transaction; a head-office device calls it for every other store's sale it
//! pulls (`store_id` = that store), without keeping the sale itself.
//! Summaries are derived: never synced, rebuildable (`rebuild`, the same
//! rules written as SQL over the sales and ledgers: 0034).

use crate::checkout::settings;
use crate::store::meta_get;
use crate::Result;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// This till's store as the summaries name it: the chain's id once
/// enrolled, "local" before (reports of the own store read both).
pub fn own_store_id(conn: &Connection) -> Result<String> {
    Ok(meta_get(conn, "sync.store_id")?.unwrap_or_else(|| "local".to_string()))
}

fn text<'a>(p: &'a Map<String, Value>, k: &str) -> Option<&'a str> {
    p.get(k).and_then(Value::as_str)
}

fn int(p: &Map<String, Value>, k: &str) -> i64 {
    p.get(k).and_then(Value::as_i64).unwrap_or(0)
}

fn list<'a>(p: &'a Map<String, Value>, k: &str) -> impl Iterator<Item = &'a Map<String, Value>> {
    p.get(k)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

/// One row of `report_items` being added to.
#[derive(Default)]
struct ItemFigures {
    amount: i64,
    qty: i64,
    services: i64,
    products: i64,
    commission: i64,
}

/// (staff, line kind, item) → figures.
type Items<'a> = BTreeMap<(&'a str, &'a str, &'a str), ItemFigures>;

/// Each staff member's part of a line's amount: her share, truncated, and
/// the remainder to the first staff id (so the parts add up to the line).
pub fn split_amount(amount: i64, shares: &[(&str, i64)]) -> Vec<i64> {
    let parts: Vec<i64> = shares.iter().map(|(_, bp)| amount * bp / 10_000).collect();
    let first = shares.iter().map(|(s, _)| *s).min();
    let rest = amount - parts.iter().sum::<i64>();
    shares
        .iter()
        .zip(parts)
        .map(|((s, _), p)| if Some(*s) == first { p + rest } else { p })
        .collect()
}

/// What the write path calls for each sale: `record_sale`, unless the store
/// was told not to keep summaries (`Store::set_keeping_report_summaries`).
pub(crate) fn record(
    w: &crate::write::Writer<'_>,
    store_id: &str,
    sale_id: &str,
    payload: &serde_json::Value,
) -> Result<()> {
    if !w.keeps_summaries() {
        return Ok(());
    }
    record_sale(w, store_id, sale_id, payload)
}

/// Adds one sale to the summaries of `store_id`. Idempotent per `sale_id`
/// (a sale seen twice counts once).
pub fn record_sale(
    conn: &Connection,
    store_id: &str,
    sale_id: &str,
    payload: &serde_json::Value,
) -> Result<()> {
    let Some(p) = payload.as_object() else {
        return Ok(());
    };
    let first = conn
        .prepare_cached(
            "INSERT INTO report_sales_seen (sale_id, store_id) VALUES (?1, ?2)
             ON CONFLICT (sale_id) DO NOTHING",
        )?
        .execute([sale_id, store_id])?
        == 1;
    if !first {
        return Ok(());
    }
    // The members report's visits (another store's, on a head office).
    super::visits::record_other_store_sale(conn, store_id, payload)?;
    let day = text(p, "businessDate").unwrap_or_default();
    let kind = text(p, "kind").unwrap_or("sale");
    // A sale counts when it sold something: a top-up alone is money in, not a sale.
    let is_sale = kind == "sale" && list(p, "lines").any(|l| text(l, "kind") != Some("top_up"));
    let is_refund = kind != "sale";
    let mut items: Items = BTreeMap::new();
    let mut line_item = BTreeMap::new();
    let (mut revenue, mut top_ups) = (0i64, 0i64);
    for l in list(p, "lines") {
        let kind = text(l, "kind").unwrap_or_default();
        let item = text(l, "itemId").unwrap_or_default();
        let (amount, qty) = (int(l, "amount"), int(l, "qty"));
        if kind == "top_up" {
            top_ups += amount;
        } else {
            revenue += amount;
        }
        if let Some(id) = text(l, "id") {
            line_item.insert(id, (kind, item));
        }
        let shares: Vec<(&str, i64)> = list(l, "staff")
            .map(|s| {
                let bp = s.get("shareBp").and_then(Value::as_i64).unwrap_or(10_000);
                (text(s, "staffId").unwrap_or_default(), bp)
            })
            .collect();
        let shares = if shares.is_empty() {
            vec![("", 10_000)]
        } else {
            shares
        };
        let first = shares.iter().map(|(s, _)| *s).min();
        let parts = if shares[0].0.is_empty() {
            vec![amount]
        } else {
            split_amount(amount, &shares)
        };
        for ((staff, _), part) in shares.iter().zip(parts) {
            let f = items.entry((staff, kind, item)).or_default();
            f.amount += part;
            if Some(*staff) == first {
                f.qty += qty;
            }
            if !staff.is_empty() {
                match kind {
                    "service" | "package_redemption" => f.services += qty,
                    "product" => f.products += qty,
                    _ => {}
                }
            }
        }
    }
    for e in list(p, "ledger").filter(|e| text(e, "ledger") == Some("commission")) {
        let line = text(e, "lineId").unwrap_or_default();
        if let Some((kind, item)) = line_item.get(line) {
            let staff = text(e, "staffId").unwrap_or_default();
            items.entry((staff, kind, item)).or_default().commission += int(e, "amount");
        }
    }
    let mut add_item = conn.prepare_cached(
        "INSERT INTO report_items (store_id, day, staff_id, kind, item_id, amount, qty, services, products, commission)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT DO UPDATE SET amount = amount + excluded.amount, qty = qty + excluded.qty,
            services = services + excluded.services, products = products + excluded.products,
            commission = commission + excluded.commission",
    )?;
    for ((staff, kind, item), f) in &items {
        add_item.execute(params![
            store_id,
            day,
            staff,
            kind,
            item,
            f.amount,
            f.qty,
            f.services,
            f.products,
            f.commission
        ])?;
    }
    let mut methods: BTreeMap<&str, i64> = BTreeMap::new();
    for t in list(p, "tenders") {
        *methods
            .entry(text(t, "kind").unwrap_or_default())
            .or_default() += int(t, "amount");
    }
    let change = int(p, "change");
    if change != 0 {
        *methods.entry("cash").or_default() -= change;
    }
    let mut add_tender = conn.prepare_cached(
        "INSERT INTO report_tenders (store_id, day, method, amount) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO UPDATE SET amount = amount + excluded.amount",
    )?;
    for (method, amount) in &methods {
        add_tender.execute(params![store_id, day, method, amount])?;
    }
    let offset = settings::load(conn)?.utc_offset_minutes;
    let hour = text(p, "createdAt")
        .and_then(crate::time::parse_iso)
        .map(|t| {
            use chrono::Timelike;
            (t + chrono::Duration::minutes(i64::from(offset))).hour()
        })
        .unwrap_or(0);
    conn.prepare_cached(
        "INSERT INTO report_hours (store_id, day, hour, sales, revenue) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, revenue = revenue + excluded.revenue",
    )?
    .execute(params![store_id, day, hour, i64::from(is_sale), revenue])?;
    conn.prepare_cached(
        "INSERT INTO report_days (store_id, day, sales, refunds, revenue, top_ups) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT DO UPDATE SET sales = sales + excluded.sales, refunds = refunds + excluded.refunds,
            revenue = revenue + excluded.revenue, top_ups = top_ups + excluded.top_ups",
    )?
    .execute(params![
        store_id,
        day,
        i64::from(is_sale),
        i64::from(is_refund),
        revenue,
        top_ups
    ])?;
    Ok(())
}

/// Makes this store's summaries again from its sales and their ledgers (the
/// statements of migration 0034, which backfilled them). The monthly
/// rollups (0038) are emptied first: the daily rows 0034 inserts fill them
/// again through their triggers.
pub fn rebuild(conn: &Connection) -> Result<()> {
    for table in [
        "report_items_m",
        "report_staff_m",
        "report_hours_m",
        "report_tenders_m",
        "report_days_m",
    ] {
        conn.execute(
            &format!(
                "DELETE FROM {table} WHERE store_id IN (
                    coalesce((SELECT value FROM meta WHERE key = 'sync.store_id'), 'local'), 'local')"
            ),
            [],
        )?;
    }
    conn.execute_batch(include_str!("../db/sql/0034_report_backfill.sql"))?;
    Ok(())
}

/// A store of the chain as the report's store picker lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChainStore {
    pub id: String,
    pub name: String,
    /// This till's own store.
    pub own: bool,
}
