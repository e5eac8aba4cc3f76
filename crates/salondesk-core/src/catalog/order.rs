//! The display order the owner sets (up / down in the back office), which the
//! checkout grid follows. Items that were never ordered share 0 and fall back
//! to their name, so a move renumbers the whole list 1, 2, 3 … and emits the
//! positions that changed: every till then sorts the same way.

use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::json;

/// An orderable table and its synced entity.
#[derive(Clone, Copy)]
pub(crate) struct Ordered {
    pub table: &'static str,
    pub entity: &'static str,
    /// What ties are broken by (the grid's own order before any move).
    pub tie: &'static str,
}

pub(crate) const SERVICES: Ordered = Ordered {
    table: "services",
    entity: "service",
    tie: "category, name",
};
pub(crate) const PRODUCTS: Ordered = Ordered {
    table: "products",
    entity: "product",
    tie: "name",
};

/// The next position at the end of the list, for a new item.
pub(crate) fn next_position(w: &Writer<'_>, o: Ordered) -> Result<i64> {
    Ok(w.query_row(
        &format!("SELECT coalesce(max(sort_order), 0) + 1 FROM {}", o.table),
        [],
        |r| r.get(0),
    )?)
}

/// Moves `id` one place up or down (nothing at either end).
pub(crate) fn move_item(w: &mut Writer<'_>, o: Ordered, id: &str, up: bool) -> Result<()> {
    let mut rows: Vec<(String, i64)> = {
        let mut stmt = w.prepare(&format!(
            "SELECT id, sort_order FROM {} ORDER BY sort_order, {}, id",
            o.table, o.tie
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let at = rows
        .iter()
        .position(|(i, _)| i == id)
        .ok_or(CoreError::NotFound { entity: o.entity })?;
    let other = if up { at.checked_sub(1) } else { Some(at + 1) };
    match other {
        Some(j) if j < rows.len() => rows.swap(at, j),
        _ => return Ok(()),
    }
    for (pos, (item, old)) in rows.iter().enumerate() {
        let pos = pos as i64 + 1;
        if pos != *old {
            w.execute(
                &format!("UPDATE {} SET sort_order = ?1 WHERE id = ?2", o.table),
                params![pos, item],
            )?;
            w.emit(o.entity, item, OpKind::Upsert, &json!({ "sortOrder": pos }))?;
        }
    }
    Ok(())
}
