//! The conflicts inbox: what the server found could not merge silently (an
//! overdraft from two offline stores, a double booking, one phone registered
//! twice), pulled like any record; a manager or the owner resolves each.

use super::Conflict;
use crate::staff::Staff;
use crate::store::Store;
use crate::time::{iso, parse_iso};
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

impl Store {
    /// Conflicts, newest first; only the unresolved ones with `open_only`.
    pub fn conflicts(&self, open_only: bool) -> Result<Vec<Conflict>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, entity, entity_ids, store_ids, detail, detected_at, resolved_at,
                    resolved_by, resolution
             FROM conflicts WHERE resolved_at IS NULL OR NOT ?1
             ORDER BY detected_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([open_only], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        })?;
        rows.map(|row| {
            let (
                id,
                kind,
                entity,
                ids,
                stores,
                detail,
                detected,
                resolved_at,
                resolved_by,
                resolution,
            ) = row?;
            Ok(Conflict {
                id,
                kind,
                entity,
                entity_ids: serde_json::from_str(&ids).unwrap_or_default(),
                store_ids: serde_json::from_str(&stores).unwrap_or_default(),
                detail: serde_json::from_str(&detail).unwrap_or_default(),
                detected_at: parse_iso(&detected).unwrap_or_default(),
                resolved_at: resolved_at.as_deref().and_then(parse_iso),
                resolved_by,
                resolution,
            })
        })
        .collect()
    }

    /// A manager or the owner marks a conflict resolved, saying how; the
    /// resolution syncs to every device of the chain.
    pub fn resolve_conflict(&mut self, staff: &Staff, id: &str, resolution: &str) -> Result<()> {
        staff.require(crate::staff::Permission::ResolveConflicts)?;
        let resolution = resolution.trim();
        if resolution.is_empty() || resolution.chars().count() > 500 {
            return Err(CoreError::validation(
                "resolution",
                "say in 1 to 500 characters how it was resolved",
            ));
        }
        self.write(|w| {
            let resolved: Option<bool> = w
                .prepare_cached("SELECT resolved_at IS NOT NULL FROM conflicts WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            match resolved {
                None => return Err(CoreError::NotFound { entity: "conflict" }),
                Some(true) => {
                    return Err(CoreError::Conflict(
                        "this conflict has already been resolved".into(),
                    ))
                }
                Some(false) => {}
            }
            let at = iso(w.now());
            w.prepare_cached(
                "UPDATE conflicts SET resolution = ?2, resolved_by = ?3, resolved_at = ?4 WHERE id = ?1",
            )?
            .execute(params![id, resolution, staff.id, at])?;
            w.emit(
                "conflict",
                &id,
                OpKind::Upsert,
                &json!({ "resolution": resolution, "resolvedBy": staff.id, "resolvedAt": at }),
            )?;
            Ok(())
        })
    }
}
