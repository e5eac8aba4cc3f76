//! Another store's sale, pulled by a head-office device (the server hands
//! them only to a head office that asks, each marked with its store): it
//! enters this device's report summaries for that store, once, and nothing
//! else. It is never written to `sales`, so the head office's Sales screen,
//! shift and Z report stay its own store's; the member ledgers it moved
//! come separately, as for every store (`sync::sale::member_ledger`).

use crate::write::Writer;
use crate::Result;
use rusqlite::params;
use salondesk_protocol::Op;

/// Enters `op` (a `sale` of `store_id`) into the summaries unless it was
/// before; answers whether it did.
pub(crate) fn other_store_sale(w: &Writer<'_>, store_id: &str, op: &Op, seq: i64) -> Result<bool> {
    let text = |k: &str| op.payload.get(k).and_then(serde_json::Value::as_str);
    let business_date = text("businessDate").unwrap_or_default();
    let total = op
        .payload
        .get("total")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(0);
    let first = w
        .prepare_cached(
            "INSERT INTO other_store_sales (sale_id, store_id, business_date, total, pulled_seq)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sale_id) DO NOTHING",
        )?
        .execute(params![op.entity_id, store_id, business_date, total, seq])?
        == 1;
    if first {
        crate::reports::summary::record(w, store_id, &op.entity_id, &op.payload)?;
    }
    Ok(first)
}
