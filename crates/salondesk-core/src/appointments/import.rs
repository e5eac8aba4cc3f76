//! Bringing in appointments in bulk — history from another system, or a
//! benchmark's two years — in one write-path transaction per batch, each row
//! with its outbox operation. No rule is checked (hours, clashes, tiers): the
//! caller vouches that the rows are consistent. Nothing at the desk uses it.

use super::status::AppointmentStatus;
use crate::ids::{MemberId, ServiceId, StaffId};
use crate::store::Store;
use crate::time::iso;
use crate::write::OpKind;
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedAppointment {
    pub member_id: Option<MemberId>,
    /// Required when there is no member.
    pub walk_in_name: Option<String>,
    pub service_id: ServiceId,
    pub staff_id: StaffId,
    pub room_id: Option<String>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: AppointmentStatus,
    pub created_by: StaffId,
}

impl Store {
    /// Inserts `rows` as they are, in one transaction; returns how many.
    pub fn import_appointments(&mut self, rows: &[ImportedAppointment]) -> Result<usize> {
        for r in rows {
            if r.end <= r.start {
                return Err(CoreError::validation(
                    "end",
                    "an appointment ends after it starts",
                ));
            }
            if r.member_id.is_none() && r.walk_in_name.is_none() {
                return Err(CoreError::validation(
                    "memberId",
                    "a member or a walk-in's name",
                ));
            }
        }
        self.write(|w| {
            let now = iso(w.now());
            for r in rows {
                let id = crate::ids::new_v7(w.now()).to_string();
                let (start, end) = (iso(r.start), iso(r.end));
                w.prepare_cached(
                    "INSERT INTO appointments (id, member_id, walk_in_name, service_id, staff_id, room_id,
                         start_at, end_at, status, created_by, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                )?
                .execute(params![
                    id,
                    r.member_id,
                    r.walk_in_name,
                    r.service_id,
                    r.staff_id,
                    r.room_id,
                    start,
                    end,
                    r.status.as_str(),
                    r.created_by,
                    now
                ])?;
                w.emit(
                    "appointment",
                    &id,
                    OpKind::Upsert,
                    &json!({ "memberId": r.member_id, "walkInName": r.walk_in_name,
                             "serviceId": r.service_id, "staffId": r.staff_id, "roomId": r.room_id,
                             "start": start, "end": end, "status": r.status, "notes": "",
                             "createdBy": r.created_by }),
                )?;
            }
            Ok(rows.len())
        })
    }
}
