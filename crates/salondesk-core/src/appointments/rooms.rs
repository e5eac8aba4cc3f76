//! Rooms and resources (房间/床位): beds, chairs and rooms, each holding up to
//! `capacity` clients at once, and the kind of resource each service needs.

use crate::ids::ServiceId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Bed,
    Chair,
    Room,
}

impl ResourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bed => "bed",
            Self::Chair => "chair",
            Self::Room => "room",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "bed" => Self::Bed,
            "chair" => Self::Chair,
            "room" => Self::Room,
            other => {
                return Err(CoreError::validation(
                    "kind",
                    format!("unknown resource kind {other:?}"),
                ))
            }
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub id: String,
    pub name: String,
    pub kind: ResourceKind,
    /// How many clients it holds at once.
    pub capacity: i64,
    pub active: bool,
}

pub(crate) fn load_room(conn: &Connection, id: &str) -> Result<Room> {
    conn.prepare_cached("SELECT id, name, kind, capacity, active FROM rooms WHERE id = ?1")?
        .query_row([id], room_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "room" })
        .and_then(room_from)
}

type RoomRow = (String, String, String, i64, bool);

fn room_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RoomRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn room_from(row: RoomRow) -> Result<Room> {
    let (id, name, kind, capacity, active) = row;
    Ok(Room {
        id,
        name,
        kind: ResourceKind::parse(&kind)?,
        capacity,
        active,
    })
}

pub(crate) fn list_rooms(conn: &Connection) -> Result<Vec<Room>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, capacity, active FROM rooms WHERE active = 1 ORDER BY kind, name",
    )?;
    let rows = stmt.query_map([], room_row)?;
    rows.map(|r| room_from(r?)).collect()
}

/// The kind of resource a service needs, if any.
pub(crate) fn service_resource_kind(
    conn: &Connection,
    service: ServiceId,
) -> Result<Option<ResourceKind>> {
    let kind: Option<Option<String>> = conn
        .prepare_cached("SELECT resource_kind FROM services WHERE id = ?1")?
        .query_row([service], |r| r.get(0))
        .optional()?;
    match kind {
        None => Err(CoreError::NotFound { entity: "service" }),
        Some(k) => k.as_deref().map(ResourceKind::parse).transpose(),
    }
}

/// A service as the booking form needs it: its length and the room it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookableService {
    pub id: ServiceId,
    pub name: String,
    pub category: String,
    pub duration_min: i64,
    pub price: crate::money::Money,
    pub resource_kind: Option<ResourceKind>,
}

impl Store {
    /// Active services with their duration and the resource kind they need.
    pub fn bookable_services(&self) -> Result<Vec<BookableService>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, category, duration_min, price, resource_kind FROM services
             WHERE active = 1 ORDER BY category, name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, ServiceId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (id, name, category, duration_min, price, kind) = row?;
            Ok(BookableService {
                id,
                name,
                category,
                duration_min,
                price: crate::money::Money(price),
                resource_kind: kind.as_deref().map(ResourceKind::parse).transpose()?,
            })
        })
        .collect()
    }

    /// Active rooms, by kind then name.
    pub fn rooms(&self) -> Result<Vec<Room>> {
        list_rooms(&self.conn)
    }

    /// A manager adds a room, bed or chair.
    pub fn add_room(
        &mut self,
        actor: &Staff,
        name: &str,
        kind: ResourceKind,
        capacity: i64,
    ) -> Result<Room> {
        actor.require(Permission::ManageSchedule)?;
        let name = name.trim();
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
        self.write(|w| {
            let taken: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM rooms WHERE name = ?1 AND active = 1)",
                [name],
                |r| r.get(0),
            )?;
            if taken {
                return Err(CoreError::validation(
                    "name",
                    format!("there is already a room called {name}"),
                ));
            }
            let id = crate::ids::new_v7(w.now()).to_string();
            let now = crate::time::iso(w.now());
            w.execute(
                "INSERT INTO rooms (id, name, kind, capacity, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id, name, kind.as_str(), capacity, now],
            )?;
            w.emit(
                "room",
                &id,
                OpKind::Upsert,
                &json!({ "name": name, "kind": kind, "capacity": capacity, "active": true }),
            )?;
            Ok(Room {
                id,
                name: name.to_owned(),
                kind,
                capacity,
                active: true,
            })
        })
    }

    /// Sets (or clears) the kind of resource a service needs.
    pub fn set_service_resource_kind(
        &mut self,
        actor: &Staff,
        service: ServiceId,
        kind: Option<ResourceKind>,
    ) -> Result<()> {
        // The room kind is part of the service's record: the chain's catalog.
        actor.require(Permission::EditCatalog)?;
        self.check_head_office()?;
        self.write(|w| {
            let n = w.execute(
                "UPDATE services SET resource_kind = ?2, updated_at = ?3 WHERE id = ?1",
                params![
                    service,
                    kind.map(ResourceKind::as_str),
                    crate::time::iso(w.now())
                ],
            )?;
            if n == 0 {
                return Err(CoreError::NotFound { entity: "service" });
            }
            w.emit(
                "service",
                &service,
                OpKind::Upsert,
                &json!({ "resourceKind": kind }),
            )?;
            Ok(())
        })
    }
}
