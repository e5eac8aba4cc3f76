//! Reminders (预约提醒): the day before an appointment, a message for the
//! client goes into the outbox, once per appointment (its id derives from the
//! appointment's, so running this again — or on another desk — adds nothing).
//!
//! Which appointments: booked or confirmed, starting between an hour from now
//! and the end of tomorrow (store time), booked at least 12 hours before they
//! start (no reminder for a booking made at the desk for this afternoon), and
//! with a phone to send to. A moved appointment's unsent reminder is rewritten;
//! one cancelled (or already arrived) is withdrawn.

use super::local::Offset;
use super::model::Appointment;
use super::status::AppointmentStatus;
use super::templates::{reminder_text, MessageLang, ReminderFacts};
use crate::store::Store;
use crate::time::iso;
use crate::write::{OpKind, Writer};
use crate::Result;
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use serde_json::json;

const KIND: &str = "appointment_reminder";

fn message_id(appointment_id: &str) -> String {
    format!("reminder-{appointment_id}")
}

fn store_name(w: &Writer<'_>) -> Result<String> {
    use rusqlite::OptionalExtension;
    let raw: Option<String> = w
        .prepare_cached("SELECT value FROM store_settings WHERE key = 'checkout'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let settings: crate::checkout::CheckoutSettings = match raw {
        Some(s) => serde_json::from_str(&s)?,
        None => Default::default(),
    };
    Ok(settings.store_name)
}

fn text(a: &Appointment, lang: MessageLang, offset: Offset, store: &str) -> String {
    reminder_text(
        lang,
        &ReminderFacts {
            name: &a.client_name,
            start: (a.start + Duration::minutes(offset.0)).naive_utc(),
            service: &a.service_name,
            staff: &a.staff_name,
            store,
        },
    )
}

fn create_due(w: &mut Writer<'_>, now: DateTime<Utc>) -> Result<usize> {
    let offset = Offset::load(w)?;
    let lang = super::reminder_settings::load(w)?.lang;
    let store = store_name(w)?;
    let from = now + Duration::hours(1);
    let until = offset.day_start(offset.date(now) + Duration::days(2));
    let due: Vec<Appointment> = {
        let mut stmt = w.prepare_cached(&format!(
            "{} WHERE a.start_at >= ?1 AND a.start_at < ?2 AND a.status IN ('booked', 'confirmed')
               AND coalesce(m.phone, a.walk_in_phone) IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM messages g WHERE g.kind = ?3 AND g.appointment_id = a.id)
             ORDER BY a.start_at",
            super::read::SELECT
        ))?;
        let rows = stmt.query_map(params![iso(from), iso(until), KIND], super::read::from_row)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut made = 0;
    for a in due
        .iter()
        .filter(|a| a.start - a.created_at >= Duration::hours(12))
    {
        let Some(phone) = &a.phone else { continue };
        let id = message_id(&a.id);
        let body = text(a, lang, offset, &store);
        let at = iso(w.now());
        let inserted = w
            .prepare_cached(
                "INSERT OR IGNORE INTO messages (id, kind, appointment_id, recipient_name, phone, lang,
                     body, status, next_attempt_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?8)",
            )?
            .execute(params![id, KIND, a.id, a.client_name, phone.e164(), lang.as_str(), body, at])?;
        if inserted == 1 {
            w.emit(
                "message",
                &id,
                OpKind::Upsert,
                &json!({ "kind": KIND, "appointmentId": a.id, "lang": lang, "body": body,
                         "status": "pending" }),
            )?;
            made += 1;
        }
    }
    Ok(made)
}

/// After a move or a status change: an unsent reminder follows the appointment.
pub(crate) fn follow_change(w: &mut Writer<'_>, a: &Appointment, offset: Offset) -> Result<()> {
    use rusqlite::OptionalExtension;
    let id = message_id(&a.id);
    let pending: Option<(String, String)> = w
        .prepare_cached(
            "SELECT lang, body FROM messages WHERE id = ?1 AND status IN ('pending', 'failed')",
        )?
        .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((lang, old)) = pending else {
        return Ok(());
    };
    if matches!(
        a.status,
        AppointmentStatus::Booked | AppointmentStatus::Confirmed
    ) {
        let body = text(a, MessageLang::parse(&lang)?, offset, &store_name(w)?);
        if body == old {
            return Ok(());
        }
        w.prepare_cached("UPDATE messages SET body = ?2 WHERE id = ?1")?
            .execute(params![id, body])?;
        w.emit("message", &id, OpKind::Upsert, &json!({ "body": body }))?;
    } else {
        // Cancelled or no-show, or she is already here: nothing to remind.
        w.prepare_cached("UPDATE messages SET status = 'cancelled' WHERE id = ?1")?
            .execute([&id])?;
        w.emit(
            "message",
            &id,
            OpKind::Upsert,
            &json!({ "status": "cancelled" }),
        )?;
    }
    Ok(())
}

impl Store {
    /// Puts the reminders that are due at `now` into the outbox; returns how
    /// many were added. Idempotent: one reminder per appointment, ever.
    pub fn due_reminders(&mut self, now: DateTime<Utc>) -> Result<usize> {
        self.write(|w| create_due(w, now))
    }
}
