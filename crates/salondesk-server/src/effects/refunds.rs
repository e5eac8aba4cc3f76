//! Double refunds: two tills of a store, both offline, refund the same sold
//! line. Each till saw it unrefunded, so each paid it back (cash out of the
//! drawer, stored value credited); together they paid it twice. Neither can
//! know, so the server does: it keeps what each refund took back per line
//! (`refunded_lines`) and, when a refund would take back more than the line
//! sold (read from the sale in the log), raises a `double_refund` conflict
//! naming the receipts and the money paid twice, for the store's manager to
//! recover. Both refunds stay: they happened, and the ledgers say so.

use super::conflicts::{self, NewConflict};
use crate::auth::Device;
use salondesk_protocol::Op;
use serde_json::{json, Map, Value};
use sqlx::PgConnection;
use std::collections::HashMap;
use uuid::Uuid;

/// One line a refund takes back.
struct Taken {
    line: Uuid,
    qty: i64,
    amount: i64,
}

/// A refund or void of the batch, read from its payload.
struct Refund<'a> {
    id: Uuid,
    original: Uuid,
    receipt_no: String,
    lines: Vec<Taken>,
    op: &'a Op,
}

/// A refund already recorded against a line.
struct Earlier {
    refund: Uuid,
    store: Uuid,
    receipt_no: String,
    qty: i64,
}

fn uuid_at(o: &Map<String, Value>, k: &str) -> Option<Uuid> {
    o.get(k)
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
}

fn text_at(o: &Map<String, Value>, k: &str) -> String {
    o.get(k)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .chars()
        .take(64)
        .collect()
}

fn refunds<'a>(accepted: &[&'a Op]) -> Vec<Refund<'a>> {
    let mut out = Vec::new();
    for op in accepted.iter().filter(|o| o.entity == "sale") {
        let Some(p) = op.payload.as_object() else {
            continue;
        };
        let kind = p.get("kind").and_then(Value::as_str).unwrap_or("sale");
        let (true, Some(original), Ok(id)) = (
            kind == "refund" || kind == "void",
            uuid_at(p, "originalSaleId"),
            Uuid::parse_str(&op.entity_id),
        ) else {
            continue;
        };
        // A refund line carries the sold line's negation: qty and amount below zero.
        let lines: Vec<Taken> = p
            .get("lines")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .filter_map(|l| {
                Some(Taken {
                    line: uuid_at(l, "originalLineId")?,
                    qty: l.get("qty")?.as_i64()?.checked_neg()?,
                    amount: l.get("amount")?.as_i64()?.checked_neg()?,
                })
            })
            .filter(|t| t.qty > 0)
            .collect();
        if !lines.is_empty() {
            out.push(Refund {
                id,
                original,
                receipt_no: text_at(p, "receiptNo"),
                lines,
                op,
            });
        }
    }
    out
}

/// What each line of the original sales sold, and each sale's receipt number,
/// from the sales in the log (this batch's included: it is logged first).
async fn sold(
    conn: &mut PgConnection,
    device: &Device,
    sales: &[Uuid],
) -> Result<(HashMap<Uuid, i64>, HashMap<Uuid, String>), sqlx::Error> {
    let ids: Vec<String> = sales.iter().map(Uuid::to_string).collect();
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT entity_id, payload FROM ops
         WHERE tenant_id = $1 AND entity = 'sale' AND entity_id = ANY($2)",
    )
    .bind(device.tenant_id)
    .bind(&ids)
    .fetch_all(conn)
    .await?;
    let mut qty = HashMap::new();
    let mut receipts = HashMap::new();
    for (id, payload) in rows {
        let Ok(Value::Object(p)) = serde_json::from_str::<Value>(&payload) else {
            continue;
        };
        if p.get("kind").and_then(Value::as_str).unwrap_or("sale") != "sale" {
            continue;
        }
        if let Ok(id) = Uuid::parse_str(&id) {
            receipts.insert(id, text_at(&p, "receiptNo"));
        }
        for l in p
            .get("lines")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            if let (Some(line), Some(q)) = (uuid_at(l, "id"), l.get("qty").and_then(Value::as_i64))
            {
                qty.insert(line, q);
            }
        }
    }
    Ok((qty, receipts))
}

async fn earlier(
    conn: &mut PgConnection,
    device: &Device,
    lines: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Earlier>>, sqlx::Error> {
    let rows: Vec<(Uuid, Uuid, Uuid, String, i64)> = sqlx::query_as(
        "SELECT line_id, refund_id, store_id, receipt_no, qty FROM refunded_lines
         WHERE tenant_id = $1 AND line_id = ANY($2)",
    )
    .bind(device.tenant_id)
    .bind(lines)
    .fetch_all(conn)
    .await?;
    let mut out: HashMap<Uuid, Vec<Earlier>> = HashMap::new();
    for (line, refund, store, receipt_no, qty) in rows {
        out.entry(line).or_default().push(Earlier {
            refund,
            store,
            receipt_no,
            qty,
        });
    }
    Ok(out)
}

/// Records the batch's refunds per line and returns a `double_refund`
/// conflict for each refund that took back more than its lines sold.
pub async fn apply(
    conn: &mut PgConnection,
    device: &Device,
    accepted: &[&Op],
) -> Result<Vec<NewConflict>, sqlx::Error> {
    let batch = refunds(accepted);
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let mut originals: Vec<Uuid> = batch.iter().map(|r| r.original).collect();
    originals.sort();
    originals.dedup();
    let (sold_qty, receipts) = sold(conn, device, &originals).await?;
    let mut lines: Vec<Uuid> = batch
        .iter()
        .flat_map(|r| r.lines.iter().map(|t| t.line))
        .collect();
    lines.sort();
    lines.dedup();
    let mut before = earlier(conn, device, &lines).await?;

    let mut found = Vec::new();
    for r in &batch {
        let mut twice: i128 = 0;
        let mut over_lines = Vec::new();
        let mut others: Vec<&Earlier> = Vec::new();
        for t in &r.lines {
            let prior = before.get(&t.line).map(Vec::as_slice).unwrap_or_default();
            let prior_qty: i128 = prior.iter().map(|e| i128::from(e.qty)).sum();
            // A line whose sale is not in the log cannot be judged: nothing raised.
            let Some(&sold) = sold_qty.get(&t.line) else {
                continue;
            };
            let excess = (prior_qty + i128::from(t.qty) - i128::from(sold)).min(i128::from(t.qty));
            if excess > 0 {
                // The part of this line's money that paid back what was already paid back.
                twice += i128::from(t.amount) * excess / i128::from(t.qty);
                over_lines.push(t.line);
                others.extend(prior.iter().filter(|e| e.refund != r.id));
            }
        }
        if !over_lines.is_empty() {
            found.push(conflict(r, device, &receipts, &over_lines, &others, twice));
        }
        for t in &r.lines {
            before.entry(t.line).or_default().push(Earlier {
                refund: r.id,
                store: device.store_id,
                receipt_no: r.receipt_no.clone(),
                qty: t.qty,
            });
        }
    }
    save(conn, device, &batch).await?;
    Ok(found)
}

fn conflict(
    r: &Refund<'_>,
    device: &Device,
    receipts: &HashMap<Uuid, String>,
    over_lines: &[Uuid],
    others: &[&Earlier],
    twice: i128,
) -> NewConflict {
    let mut refunds: Vec<(Uuid, &str)> = others
        .iter()
        .map(|e| (e.refund, e.receipt_no.as_str()))
        .collect();
    refunds.sort();
    refunds.dedup();
    refunds.push((r.id, r.receipt_no.as_str()));
    let mut stores: Vec<Uuid> = others.iter().map(|e| e.store).collect();
    stores.push(device.store_id);
    // How this refund paid back (its tenders, as positive amounts): where the
    // money paid twice went (cash out of the drawer, stored value credited …).
    let tenders: Vec<Value> =
        r.op.payload
            .get("tenders")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| {
                let kind = t.get("kind")?.as_str()?;
                let amount = t.get("amount")?.as_i64()?.checked_neg()?;
                Some(json!({ "kind": kind.chars().take(32).collect::<String>(), "amount": amount }))
            })
            .collect();
    let mut entity_ids = vec![r.original.to_string()];
    entity_ids.extend(refunds.iter().map(|(id, _)| id.to_string()));
    NewConflict {
        id: Uuid::now_v7(),
        kind: conflicts::DOUBLE_REFUND,
        entity: "sale",
        entity_ids,
        store_ids: conflicts::dedup(stores),
        detail: json!({
            "originalSaleId": r.original,
            "originalReceiptNo": receipts.get(&r.original),
            "refunds": refunds.iter().map(|(id, no)| json!({ "saleId": id, "receiptNo": no })).collect::<Vec<_>>(),
            "lineIds": over_lines,
            "amountTwice": i64::try_from(twice).unwrap_or(i64::MAX),
            "tenders": tenders,
        }),
        // One conflict per refund that went too far, however often it is seen.
        pair_key: Some(format!("{}:{}", conflicts::DOUBLE_REFUND, r.id)),
    }
}

async fn save(
    conn: &mut PgConnection,
    device: &Device,
    batch: &[Refund<'_>],
) -> Result<(), sqlx::Error> {
    let mut lines = Vec::new();
    let mut refunds = Vec::new();
    let mut receipts = Vec::new();
    let mut qty = Vec::new();
    let mut amounts = Vec::new();
    for r in batch {
        for t in &r.lines {
            lines.push(t.line);
            refunds.push(r.id);
            receipts.push(r.receipt_no.as_str());
            qty.push(t.qty);
            amounts.push(t.amount);
        }
    }
    sqlx::query(
        "INSERT INTO refunded_lines (tenant_id, line_id, refund_id, store_id, receipt_no, qty, amount)
         SELECT $1, u.line_id, u.refund_id, $2, u.receipt_no, u.qty, u.amount
         FROM UNNEST($3::uuid[], $4::uuid[], $5::text[], $6::int8[], $7::int8[])
              AS u(line_id, refund_id, receipt_no, qty, amount)
         ON CONFLICT DO NOTHING",
    )
    .bind(device.tenant_id)
    .bind(device.store_id)
    .bind(&lines)
    .bind(&refunds)
    .bind(&receipts)
    .bind(&qty)
    .bind(&amounts)
    .execute(conn)
    .await?;
    Ok(())
}
