//! Moving an appointment (a new start, beautician or room; the length kept)
//! and resizing it (a new end). The same checks as booking, inside the write
//! transaction; the appointment never clashes with itself.

use super::history::{record, Change};
use super::local::Offset;
use super::model::{Appointment, HistoryAction, MoveInput};
use super::placement::{active_staff, place, RoomChoice, Slot};
use super::rooms::service_resource_kind;
use super::window::check_booking_window;
use crate::member::Tier;
use crate::staff::Staff;
use crate::store::Store;
use crate::time::iso;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde_json::json;

/// Where an appointment stands, for the history's "before → after".
fn describe(offset: Offset, a: &Appointment) -> String {
    format!(
        "{} {}{}",
        offset.span(a.start, a.end),
        a.staff_name,
        a.room_name
            .as_ref()
            .map(|r| format!(" {r}"))
            .unwrap_or_default()
    )
}

struct Target<'a> {
    staff: &'a Staff,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    room: RoomChoice<'a>,
    allow_outside_hours: bool,
    action: HistoryAction,
}

fn reschedule(w: &mut Writer<'_>, actor: &Staff, id: &str, t: Target<'_>) -> Result<Appointment> {
    let before = super::read::load(w, id)?;
    let ok = match t.action {
        HistoryAction::Resized => before.status.resizable(),
        _ => before.status.movable(),
    };
    if !ok {
        return Err(CoreError::Conflict(format!(
            "a {} appointment cannot be {}",
            before.status.as_str().replace('_', " "),
            if t.action == HistoryAction::Resized {
                "resized"
            } else {
                "moved"
            }
        )));
    }
    let offset = Offset::load(w)?;
    if t.start != before.start {
        let tier = before.member_tier.unwrap_or(Tier::Standard);
        check_booking_window(w, tier, t.start, w.now(), offset)?;
    }
    let slot = Slot {
        staff: t.staff,
        start: t.start,
        end: t.end,
        exclude: Some(id),
        allow_outside_hours: t.allow_outside_hours,
        service_kind: service_resource_kind(w, before.service_id)?,
        offset,
    };
    let room = place(w, &slot, t.room)?;
    let room_id = room.as_ref().map(|r| r.id.clone());
    let (start, end) = (iso(t.start), iso(t.end));
    w.prepare_cached(
        "UPDATE appointments SET start_at = ?2, end_at = ?3, staff_id = ?4, room_id = ?5, updated_at = ?6
         WHERE id = ?1",
    )?
    .execute(params![id, start, end, t.staff.id, room_id, iso(w.now())])?;
    w.emit(
        "appointment",
        &id,
        OpKind::Upsert,
        &json!({ "start": start, "end": end, "staffId": t.staff.id, "roomId": room_id }),
    )?;
    let after = super::read::load(w, id)?;
    let detail = format!(
        "{} → {}",
        describe(offset, &before),
        describe(offset, &after)
    );
    record(
        w,
        id,
        actor,
        &Change {
            action: t.action,
            from: Some(before.status),
            to: before.status,
            reason: "",
            detail: &detail,
        },
    )?;
    super::reminders::follow_change(w, &after, offset)?;
    Ok(after)
}

impl Store {
    /// Moves an appointment to `to.start` (its length kept), and to another
    /// beautician or room if given. Without a room given, her room is kept if it
    /// has a place then, else another free one of its kind is taken.
    pub fn move_appointment(
        &mut self,
        actor: &Staff,
        id: &str,
        to: &MoveInput,
    ) -> Result<Appointment> {
        self.write(|w| {
            let a = super::read::load(w, id)?;
            let staff = active_staff(w, to.staff_id.unwrap_or(a.staff_id))?;
            let room = match (
                to.room_id.as_deref().filter(|r| !r.is_empty()),
                a.room_id.as_deref(),
            ) {
                (Some(r), _) => RoomChoice::Given(r),
                (None, Some(r)) => RoomChoice::Keep(r),
                (None, None) => RoomChoice::Pick,
            };
            reschedule(
                w,
                actor,
                id,
                Target {
                    staff: &staff,
                    start: to.start,
                    end: to.start + (a.end - a.start),
                    room,
                    allow_outside_hours: to.allow_outside_hours,
                    action: HistoryAction::Moved,
                },
            )
        })
    }

    /// Gives an appointment a new end (dragging its bottom edge, or a
    /// treatment running over).
    pub fn resize_appointment(
        &mut self,
        actor: &Staff,
        id: &str,
        end: DateTime<Utc>,
        allow_outside_hours: bool,
    ) -> Result<Appointment> {
        self.write(|w| {
            let a = super::read::load(w, id)?;
            let staff = active_staff(w, a.staff_id)?;
            // A treatment running over stays where it is: its room or none.
            let room = match a.room_id.as_deref() {
                Some(r) => RoomChoice::Given(r),
                None => RoomChoice::Without,
            };
            reschedule(
                w,
                actor,
                id,
                Target {
                    staff: &staff,
                    start: a.start,
                    end,
                    room,
                    allow_outside_hours,
                    action: HistoryAction::Resized,
                },
            )
        })
    }
}
