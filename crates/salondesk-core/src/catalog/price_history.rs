//! Every price change, kept (append-only, synced with the catalog): who
//! changed what, when, from what to what. A sale line stores the unit price it
//! was sold at, so a past sale never reads today's price; this history is for
//! the owner ("when did the facial go up?").

use crate::ids::StaffId;
use crate::money::Money;
use crate::staff::Staff;
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::Result;
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriceChange {
    /// `service`, `product`, `top_up_plan` or `package_plan`.
    pub item_kind: String,
    pub item_id: String,
    pub old_price: Money,
    pub new_price: Money,
    pub staff_id: Option<StaffId>,
    /// Who changed it, as the staff list names her (None: unknown here).
    pub staff_name: Option<String>,
    pub at: DateTime<Utc>,
}

/// Keeps one change, unless the price did not move.
pub(crate) fn record(
    w: &mut Writer<'_>,
    actor: &Staff,
    item_kind: &'static str,
    item_id: &str,
    old: Money,
    new: Money,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    let id = crate::ids::new_v7(w.now()).to_string();
    w.prepare_cached(
        "INSERT INTO price_changes (id, item_kind, item_id, old_price, new_price, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        item_kind,
        item_id,
        old.fen(),
        new.fen(),
        actor.id,
        crate::time::iso(w.now())
    ])?;
    w.emit(
        "price_change",
        &id,
        OpKind::Append,
        &json!({ "itemKind": item_kind, "itemId": item_id, "oldPrice": old,
                 "newPrice": new, "staffId": actor.id }),
    )?;
    Ok(())
}

impl Store {
    /// The price changes of one item, newest first.
    pub fn price_history(&self, item_id: &str) -> Result<Vec<PriceChange>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.item_kind, p.item_id, p.old_price, p.new_price, p.staff_id, s.name, p.created_at
             FROM price_changes p LEFT JOIN staff s ON s.id = p.staff_id
             WHERE p.item_id = ?1 ORDER BY p.created_at DESC, p.id DESC",
        )?;
        let rows = stmt.query_map([item_id], |r| {
            Ok(PriceChange {
                item_kind: r.get(0)?,
                item_id: r.get(1)?,
                old_price: Money(r.get(2)?),
                new_price: Money(r.get(3)?),
                staff_id: r.get(4)?,
                staff_name: r.get(5)?,
                at: crate::time::parse_iso(&r.get::<_, String>(6)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
