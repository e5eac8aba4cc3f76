//! Saved segments (客户分群): a name and a filter, kept so a campaign picks
//! one by name and the member list opens on it again. Synced within the
//! store (`segment`); removing one sets it inactive (a campaign that used it
//! still names it). Who may: `ManageCampaigns`; a filter by skin type also
//! needs `SeeSensitiveNotes`, as in the list.

use super::query::validate;
use super::SegmentFilter;
use crate::ids::new_v7;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

const MAX_NAME: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SavedSegment {
    pub id: String,
    pub name: String,
    pub filter: SegmentFilter,
}

fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::validation("name", "a segment needs a name"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(CoreError::validation(
            "name",
            format!("at most {MAX_NAME} characters"),
        ));
    }
    Ok(name.to_owned())
}

impl Store {
    /// Saves `filter` under `name`: a new segment (`id` None) or a change to
    /// one. A name another active segment has is refused (`name`).
    pub fn save_segment(
        &mut self,
        actor: &Staff,
        id: Option<&str>,
        name: &str,
        filter: &SegmentFilter,
    ) -> Result<SavedSegment> {
        actor.require(Permission::ManageCampaigns)?;
        if !filter.skin_types.is_empty() {
            actor.require(Permission::SeeSensitiveNotes)?;
        }
        validate(filter)?;
        let name = checked_name(name)?;
        self.write(|w| {
            let id = match id {
                Some(id) => {
                    let known: bool = w.query_row(
                        "SELECT EXISTS (SELECT 1 FROM segments WHERE id = ?1 AND active = 1)",
                        [id],
                        |r| r.get(0),
                    )?;
                    if !known {
                        return Err(CoreError::NotFound { entity: "segment" });
                    }
                    id.to_owned()
                }
                None => new_v7(w.now()).to_string(),
            };
            let taken: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM segments WHERE name = ?1 AND active = 1 AND id <> ?2)",
                params![name, id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(CoreError::validation("name", "another segment has this name"));
            }
            let now = crate::time::iso(w.now());
            w.execute(
                "INSERT INTO segments (id, name, filter, active, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 1, ?4, ?4)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, filter = excluded.filter,
                                                updated_at = excluded.updated_at",
                params![id, name, serde_json::to_string(filter)?, now],
            )?;
            w.emit(
                "segment",
                &id,
                OpKind::Upsert,
                &json!({ "name": name, "filter": filter, "active": true }),
            )?;
            Ok(SavedSegment {
                id,
                name,
                filter: filter.clone(),
            })
        })
    }

    /// Removes a saved segment from the list (kept, inactive).
    pub fn remove_segment(&mut self, actor: &Staff, id: &str) -> Result<()> {
        actor.require(Permission::ManageCampaigns)?;
        self.write(|w| {
            let n = w.execute(
                "UPDATE segments SET active = 0, updated_at = ?2 WHERE id = ?1 AND active = 1",
                params![id, crate::time::iso(w.now())],
            )?;
            if n == 0 {
                return Err(CoreError::NotFound { entity: "segment" });
            }
            w.emit("segment", &id, OpKind::Upsert, &json!({ "active": false }))?;
            Ok(())
        })
    }

    /// The active saved segments, by name. A filter this version cannot read
    /// (written by a newer one) comes back as the fields it knows.
    pub fn saved_segments(&self) -> Result<Vec<SavedSegment>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, filter FROM segments WHERE active = 1 ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, filter) = row?;
            out.push(SavedSegment {
                id,
                name,
                filter: serde_json::from_str(&filter).unwrap_or_default(),
            });
        }
        Ok(out)
    }

    /// One saved segment (active or not: a campaign names the one it used).
    pub fn saved_segment(&self, id: &str) -> Result<SavedSegment> {
        let row: Option<(String, String)> = self
            .conn()
            .prepare_cached("SELECT name, filter FROM segments WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (name, filter) = row.ok_or(CoreError::NotFound { entity: "segment" })?;
        Ok(SavedSegment {
            id: id.to_owned(),
            name,
            filter: serde_json::from_str(&filter).unwrap_or_default(),
        })
    }
}
