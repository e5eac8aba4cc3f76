//! Archiving and restoring a catalog item, the same for services and
//! products: the row's flag, its sync operation and the audit entry, in the
//! caller's one write.

use crate::staff::Staff;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::json;

/// What is archived: the sync entity and audit kind (`product`), and its table.
pub(crate) struct Item {
    pub entity: &'static str,
    pub table: &'static str,
}

pub(crate) const PRODUCT: Item = Item {
    entity: "product",
    table: "products",
};
pub(crate) const SERVICE: Item = Item {
    entity: "service",
    table: "services",
};

/// Sets `item`'s row `id` active (restored) or not (archived): `NotFound`
/// when there is no such row.
pub(crate) fn set_active(
    w: &mut Writer<'_>,
    actor: &Staff,
    item: &Item,
    id: &str,
    active: bool,
) -> Result<()> {
    let n = w.execute(
        &format!(
            "UPDATE {} SET active = ?2, updated_at = ?3 WHERE id = ?1",
            item.table
        ),
        params![id, active, crate::time::iso(w.now())],
    )?;
    if n == 0 {
        return Err(CoreError::NotFound {
            entity: item.entity,
        });
    }
    w.emit(
        item.entity,
        &id,
        OpKind::Upsert,
        &json!({ "active": active }),
    )?;
    super::audit::activity(w, actor, item.entity, id, active)
}
