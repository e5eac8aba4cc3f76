//! Another store's sale, pulled by a head-office device (the server hands
//! them only to a head office that asks, each marked with its store): it
//! enters this device's report summaries for that store, once, and nothing
//! else. It is never written to `sales`, so the head office's Sales screen,
//! shift and Z report stay its own store's; the member ledgers it moved
//! come separately, as for every store (`sync::sale::member_ledger`). Who
//! served on it is kept, for its rating (`ratings`).

use crate::feedback::staff_ratings::served_on;
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
    // Whom its visit's rating counts for (the sale itself is not kept).
    let served = serde_json::to_string(&served_on(&op.payload))?;
    let first = w
        .prepare_cached(
            "INSERT INTO other_store_sales (sale_id, store_id, business_date, total, pulled_seq, served)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (sale_id) DO NOTHING",
        )?
        .execute(params![op.entity_id, store_id, business_date, total, seq, served])?
        == 1;
    if first {
        crate::reports::summary::record(w, store_id, &op.entity_id, &op.payload)?;
        // Its rating, if it came first, now counts for who served (`ratings`).
        super::ratings::settle(w, &op.entity_id)?;
    }
    Ok(first)
}
