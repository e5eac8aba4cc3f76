//! Booking (预约): for a member or a walk-in, with a beautician, at a time,
//! in a room. Every rule is checked inside the write transaction, so two
//! desks booking the same slot cannot both succeed.

use super::history::{record, Change};
use super::local::Offset;
use super::model::{Appointment, BookingInput, Client, HistoryAction};
use super::placement::{active_staff, place, RoomChoice, Slot};
use super::rooms::service_resource_kind;
use super::status::AppointmentStatus;
use super::window::check_booking_window;
use crate::member::Tier;
use crate::staff::Staff;
use crate::store::Store;
use crate::types::{PersonName, Phone};
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::Duration;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

pub(crate) const MAX_NOTES: usize = 500;

/// The client as stored: a member, or a walk-in's checked name and phone.
enum Who {
    Member(crate::ids::MemberId, Tier),
    WalkIn(PersonName, Option<Phone>),
}

fn check_notes(notes: &str) -> Result<()> {
    if notes.chars().count() > MAX_NOTES {
        return Err(CoreError::validation(
            "notes",
            format!("notes are at most {MAX_NOTES} characters"),
        ));
    }
    Ok(())
}

fn who(w: &Writer<'_>, client: &Client) -> Result<Who> {
    match client {
        Client::Member(id) => {
            let (m, _) = crate::member::load_member(w, *id)?;
            if m.archived {
                return Err(CoreError::validation("memberId", "this member is archived"));
            }
            Ok(Who::Member(m.id, m.tier))
        }
        Client::WalkIn { name, phone } => {
            let name = PersonName::parse(name).map_err(|e| match e {
                CoreError::Validation { message, .. } => {
                    CoreError::validation("walkInName", message)
                }
                e => e,
            })?;
            let phone = match phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
                Some(p) => Some(Phone::parse(p).map_err(|e| match e {
                    CoreError::Validation { message, .. } => {
                        CoreError::validation("walkInPhone", message)
                    }
                    e => e,
                })?),
                None => None,
            };
            Ok(Who::WalkIn(name, phone))
        }
    }
}

fn book(w: &mut Writer<'_>, actor: &Staff, input: &BookingInput) -> Result<Appointment> {
    check_notes(&input.notes)?;
    let offset = Offset::load(w)?;
    let who = who(w, &input.client)?;
    let (duration, active): (i64, bool) = w
        .prepare_cached("SELECT duration_min, active FROM services WHERE id = ?1")?
        .query_row([input.service_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(CoreError::NotFound { entity: "service" })?;
    if !active {
        return Err(CoreError::validation(
            "serviceId",
            "this service is no longer offered",
        ));
    }
    let staff = active_staff(w, input.staff_id)?;
    let end = input
        .end
        .unwrap_or(input.start + Duration::minutes(duration));
    let tier = match &who {
        Who::Member(_, t) => *t,
        Who::WalkIn(..) => Tier::Standard,
    };
    check_booking_window(w, tier, input.start, w.now(), offset)?;
    let slot = Slot {
        staff: &staff,
        start: input.start,
        end,
        exclude: None,
        allow_outside_hours: input.allow_outside_hours,
        service_kind: service_resource_kind(w, input.service_id)?,
        offset,
    };
    let choice = match input.room_id.as_deref().filter(|r| !r.is_empty()) {
        Some(id) => RoomChoice::Given(id),
        None => RoomChoice::Pick,
    };
    let room = place(w, &slot, choice)?;
    let id = crate::ids::new_v7(w.now()).to_string();
    let now = crate::time::iso(w.now());
    let (member_id, walk_in_name, walk_in_phone) = match &who {
        Who::Member(id, _) => (Some(*id), None, None),
        Who::WalkIn(name, phone) => (
            None,
            Some(name.as_str().to_owned()),
            phone.as_ref().map(|p| p.e164().to_owned()),
        ),
    };
    let room_id = room.as_ref().map(|r| r.id.clone());
    let (start, end) = (crate::time::iso(input.start), crate::time::iso(end));
    let notes = input.notes.trim();
    w.prepare_cached(
        "INSERT INTO appointments (id, member_id, walk_in_name, walk_in_phone, service_id, staff_id,
             room_id, start_at, end_at, status, notes, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'booked', ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        id,
        member_id,
        walk_in_name,
        walk_in_phone,
        input.service_id,
        staff.id,
        room_id,
        start,
        end,
        notes,
        actor.id,
        now
    ])?;
    w.emit(
        "appointment",
        &id,
        OpKind::Upsert,
        &json!({ "memberId": member_id, "walkInName": walk_in_name, "walkInPhone": walk_in_phone,
                 "serviceId": input.service_id, "staffId": staff.id, "roomId": room_id,
                 "start": start, "end": end, "status": AppointmentStatus::Booked, "notes": notes,
                 "createdBy": actor.id }),
    )?;
    let detail = format!(
        "{} {}{}",
        offset.span(input.start, slot.end),
        staff.name,
        room.as_ref()
            .map(|r| format!(" {}", r.name))
            .unwrap_or_default()
    );
    record(
        w,
        &id,
        actor,
        &Change {
            action: HistoryAction::Booked,
            from: None,
            to: AppointmentStatus::Booked,
            reason: "",
            detail: &detail,
        },
    )?;
    super::read::load(w, &id)
}

impl Store {
    /// Books an appointment. Refused, with nothing written, if the beautician
    /// or the room is taken (the error names the clash), if it falls outside
    /// her hours (`OutsideHours`, unless `allow_outside_hours`), or if it is
    /// further ahead than the member's tier may book.
    pub fn book_appointment(&mut self, actor: &Staff, input: &BookingInput) -> Result<Appointment> {
        self.write(|w| book(w, actor, input))
    }
}
