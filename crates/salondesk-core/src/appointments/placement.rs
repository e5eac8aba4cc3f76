//! Where and with whom an appointment takes place: the beautician free, her
//! hours kept (unless the desk confirmed otherwise), and a room with a free
//! place of the kind the service needs. Shared by booking and moving.

use super::clash::{check_staff_free, room_clash, MAX_LENGTH_MIN};
use super::hours::check_within_hours;
use super::local::Offset;
use super::rooms::{list_rooms, load_room, ResourceKind, Room};
use crate::ids::StaffId;
use crate::staff::Staff;
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

/// Which room to use.
pub(crate) enum RoomChoice<'a> {
    /// This one, or refuse.
    Given(&'a str),
    /// Keep this one if it has a place, else another free one of its kind.
    Keep(&'a str),
    /// Pick a free one of the service's kind, if the store has any.
    Pick,
    /// No room.
    Without,
}

pub(crate) struct Slot<'a> {
    pub staff: &'a Staff,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The appointment being moved, which never clashes with itself.
    pub exclude: Option<&'a str>,
    pub allow_outside_hours: bool,
    pub service_kind: Option<ResourceKind>,
    pub offset: Offset,
}

pub(crate) fn active_staff(conn: &Connection, id: StaffId) -> Result<Staff> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT name, role FROM staff WHERE id = ?1 AND active = 1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (name, role) = row.ok_or(CoreError::NotFound { entity: "staff" })?;
    Ok(Staff {
        id,
        name,
        role: crate::staff::Role::parse(&role)?,
    })
}

pub(crate) fn check_span(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<()> {
    let minutes = (end - start).num_minutes();
    if end <= start {
        return Err(CoreError::validation(
            "end",
            "an appointment ends after it starts",
        ));
    }
    if minutes > MAX_LENGTH_MIN {
        return Err(CoreError::validation(
            "end",
            format!("an appointment lasts at most {} hours", MAX_LENGTH_MIN / 60),
        ));
    }
    Ok(())
}

/// Checks the beautician's hours and time, then settles the room. Returns the
/// room to use (none when the store has no room for the service).
pub(crate) fn place(
    conn: &Connection,
    slot: &Slot<'_>,
    choice: RoomChoice<'_>,
) -> Result<Option<Room>> {
    check_span(slot.start, slot.end)?;
    if !slot.allow_outside_hours {
        check_within_hours(conn, slot.staff, slot.start, slot.end, slot.offset)?;
    }
    check_staff_free(
        conn,
        slot.staff.id,
        slot.start,
        slot.end,
        slot.exclude,
        slot.offset,
    )?;
    let fits =
        |room: &Room| room_clash(conn, room, slot.start, slot.end, slot.exclude, slot.offset);
    match choice {
        RoomChoice::Given(id) => {
            let room = load_room(conn, id)?;
            if !room.active {
                return Err(CoreError::validation(
                    "roomId",
                    format!("{} is no longer in use", room.name),
                ));
            }
            if let Some(kind) = slot.service_kind {
                if room.kind != kind {
                    return Err(CoreError::validation(
                        "roomId",
                        format!(
                            "this service needs a {}; {} is a {}",
                            kind.as_str(),
                            room.name,
                            room.kind.as_str()
                        ),
                    ));
                }
            }
            match fits(&room)? {
                None => Ok(Some(room)),
                Some(clash) => Err(clash),
            }
        }
        RoomChoice::Keep(id) => {
            let room = load_room(conn, id)?;
            let clash = match fits(&room)? {
                None => return Ok(Some(room)),
                Some(clash) => clash,
            };
            pick(conn, room.kind, &fits)?.map(Some).ok_or(clash)
        }
        RoomChoice::Without => Ok(None),
        RoomChoice::Pick => match slot.service_kind {
            None => Ok(None),
            Some(kind) => {
                let any = list_rooms(conn)?.iter().any(|r| r.kind == kind);
                if !any {
                    return Ok(None);
                }
                match pick(conn, kind, &fits)? {
                    Some(room) => Ok(Some(room)),
                    None => Err(CoreError::Conflict(format!(
                        "no {} is free {}",
                        kind.as_str(),
                        slot.offset.span(slot.start, slot.end)
                    ))),
                }
            }
        },
    }
}

/// The first room of `kind` with a free place.
fn pick(
    conn: &Connection,
    kind: ResourceKind,
    fits: &dyn Fn(&Room) -> Result<Option<CoreError>>,
) -> Result<Option<Room>> {
    for room in list_rooms(conn)?.into_iter().filter(|r| r.kind == kind) {
        if fits(&room)?.is_none() {
            return Ok(Some(room));
        }
    }
    Ok(None)
}
