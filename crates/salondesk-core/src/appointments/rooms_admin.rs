//! Rooms in the back office: every room including those taken out of use,
//! editing one, and taking one out of use (never deleted: past appointments
//! name it).

use super::rooms::{load_room, ResourceKind, Room};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::json;

fn check(name: &str, capacity: i64) -> Result<()> {
    if name.is_empty() || name.chars().count() > 30 {
        return Err(CoreError::validation(
            "name",
            "a room name is 1 to 30 characters",
        ));
    }
    if !(1..=20).contains(&capacity) {
        return Err(CoreError::validation(
            "capacity",
            "a room holds 1 to 20 clients at once",
        ));
    }
    Ok(())
}

impl Store {
    /// Every room, in use first, by kind then name.
    pub fn all_rooms(&self) -> Result<Vec<Room>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM rooms ORDER BY active DESC, kind, name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| load_room(&self.conn, id)).collect()
    }

    /// Renames a room, or changes its kind or how many it holds.
    pub fn update_room(
        &mut self,
        actor: &Staff,
        id: &str,
        name: &str,
        kind: ResourceKind,
        capacity: i64,
    ) -> Result<Room> {
        actor.require(Permission::ManageSchedule)?;
        let name = name.trim();
        check(name, capacity)?;
        self.write(|w| {
            load_room(w, id)?;
            let taken: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM rooms WHERE name = ?1 AND active = 1 AND id <> ?2)",
                [name, id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(CoreError::validation(
                    "name",
                    format!("there is already a room called {name}"),
                ));
            }
            w.execute(
                "UPDATE rooms SET name = ?2, kind = ?3, capacity = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, name, kind.as_str(), capacity, crate::time::iso(w.now())],
            )?;
            w.emit(
                "room",
                &id,
                OpKind::Upsert,
                &json!({ "name": name, "kind": kind, "capacity": capacity }),
            )?;
            load_room(w, id)
        })
    }

    /// Takes a room out of use (no new bookings) or back into use.
    pub fn set_room_active(&mut self, actor: &Staff, id: &str, active: bool) -> Result<Room> {
        actor.require(Permission::ManageSchedule)?;
        self.write(|w| {
            let room = load_room(w, id)?;
            if active && !room.active {
                let taken: bool = w.query_row(
                    "SELECT EXISTS (SELECT 1 FROM rooms WHERE name = ?1 AND active = 1)",
                    [&room.name],
                    |r| r.get(0),
                )?;
                if taken {
                    return Err(CoreError::validation(
                        "name",
                        format!("there is already a room called {} in use", room.name),
                    ));
                }
            }
            w.execute(
                "UPDATE rooms SET active = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, active, crate::time::iso(w.now())],
            )?;
            w.emit("room", &id, OpKind::Upsert, &json!({ "active": active }))?;
            load_room(w, id)
        })
    }
}
