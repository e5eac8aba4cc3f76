//! The summaries reports read (per business day × store × staff × item, and
//! what the reports need besides) — SKELETON: the reports-sales part builds
//! them and keeps them here.
//!
//! The contract the other parts rely on: `record_sale` is the ONE place a
//! sale (refund, void) enters the summaries, from the `sale` sync payload
//! (the protocol's `sale` entity: lines with staff shares, tenders,
//! ledger). The till calls it for its own sales and for those of its store's
//! other tills as they are applied; a head-office device calls it for every
//! other store's sale it pulls (`store_id` = that store), without keeping
//! the sale itself. Summaries are derived: never synced, rebuildable.

use crate::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// Adds one sale to the summaries of `store_id`. Idempotent per `sale_id`
/// (a sale seen twice counts once).
pub fn record_sale(
    conn: &Connection,
    store_id: &str,
    _sale_id: &str,
    payload: &serde_json::Value,
) -> Result<()> {
    // The members report's visits (another store's, on a head office).
    super::visits::record_other_store_sale(conn, store_id, payload)
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
