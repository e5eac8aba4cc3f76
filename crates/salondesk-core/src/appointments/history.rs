//! The append-only history of an appointment: every booking, status change,
//! move and resize, with who did it, when and why.

use super::model::{HistoryAction, HistoryEntry};
use super::status::AppointmentStatus;
use crate::staff::Staff;
use crate::store::Store;
use crate::time::parse_iso;
use crate::write::{OpKind, Writer};
use crate::Result;
use rusqlite::params;
use serde_json::json;

/// One change to record.
pub(crate) struct Change<'a> {
    pub action: HistoryAction,
    pub from: Option<AppointmentStatus>,
    pub to: AppointmentStatus,
    pub reason: &'a str,
    pub detail: &'a str,
}

pub(crate) fn record(
    w: &mut Writer<'_>,
    appointment_id: &str,
    actor: &Staff,
    c: &Change<'_>,
) -> Result<()> {
    let id = crate::ids::new_v7(w.now()).to_string();
    let at = crate::time::iso(w.now());
    w.prepare_cached(
        "INSERT INTO appointment_history
             (id, appointment_id, action, from_status, to_status, reason, detail, staff_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        appointment_id,
        c.action.as_str(),
        c.from.map(AppointmentStatus::as_str),
        c.to.as_str(),
        c.reason,
        c.detail,
        actor.id,
        at
    ])?;
    w.emit(
        "appointment_history",
        &id,
        OpKind::Append,
        &json!({ "appointmentId": appointment_id, "action": c.action, "from": c.from,
                 "to": c.to, "reason": c.reason, "detail": c.detail, "staffId": actor.id,
                 "at": at }),
    )?;
    Ok(())
}

impl Store {
    /// An appointment's history, oldest first.
    pub fn appointment_history(&self, appointment_id: &str) -> Result<Vec<HistoryEntry>> {
        super::read::load(&self.conn, appointment_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.id, h.action, h.from_status, h.to_status, h.reason, h.detail, h.staff_id,
                    coalesce(s.name, ''), h.created_at
             FROM appointment_history h LEFT JOIN staff s ON s.id = h.staff_id
             WHERE h.appointment_id = ?1 ORDER BY h.created_at, h.rowid",
        )?;
        let rows = stmt.query_map([appointment_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?;
        rows.map(|row| {
            let (id, action, from, to, reason, detail, staff_id, staff_name, at) = row?;
            Ok(HistoryEntry {
                id,
                action: HistoryAction::parse(&action)?,
                from_status: from.as_deref().map(AppointmentStatus::parse).transpose()?,
                to_status: AppointmentStatus::parse(&to)?,
                reason,
                detail,
                staff_id,
                staff_name,
                at: parse_iso(&at).unwrap_or_default(),
            })
        })
        .collect()
    }
}
