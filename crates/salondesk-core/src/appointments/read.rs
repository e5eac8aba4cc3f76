//! Reading appointments back, with the names the calendar shows.

use super::model::Appointment;
use super::status::AppointmentStatus;
use crate::member::Tier;
use crate::store::Store;
use crate::time::parse_iso;
use crate::types::Phone;
use crate::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension, Row};

/// The columns `from_row` reads, over `appointments a` joined with its names.
pub(crate) const SELECT: &str = "SELECT a.id, a.member_id, coalesce(m.name, a.walk_in_name, ''),
        coalesce(m.phone, a.walk_in_phone), m.tier, a.service_id, s.name, a.staff_id, st.name,
        a.room_id, r.name, a.start_at, a.end_at, a.status, a.notes, a.cancel_reason, a.sale_id,
        a.created_by, a.created_at
    FROM appointments a
    JOIN services s ON s.id = a.service_id
    JOIN staff st ON st.id = a.staff_id
    LEFT JOIN members m ON m.id = a.member_id
    LEFT JOIN rooms r ON r.id = a.room_id";

fn bad(i: usize, e: CoreError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

fn instant(r: &Row<'_>, i: usize) -> rusqlite::Result<chrono::DateTime<chrono::Utc>> {
    let s: String = r.get(i)?;
    parse_iso(&s).ok_or_else(|| bad(i, CoreError::Internal(format!("bad instant {s:?}"))))
}

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Appointment> {
    let tier: Option<String> = r.get(4)?;
    let status: String = r.get(13)?;
    Ok(Appointment {
        id: r.get(0)?,
        member_id: r.get(1)?,
        client_name: r.get(2)?,
        phone: r.get::<_, Option<String>>(3)?.map(Phone::from_stored),
        member_tier: tier
            .map(|t| Tier::parse(&t))
            .transpose()
            .map_err(|e| bad(4, e))?,
        service_id: r.get(5)?,
        service_name: r.get(6)?,
        staff_id: r.get(7)?,
        staff_name: r.get(8)?,
        room_id: r.get(9)?,
        room_name: r.get(10)?,
        start: instant(r, 11)?,
        end: instant(r, 12)?,
        status: AppointmentStatus::parse(&status).map_err(|e| bad(13, e))?,
        notes: r.get(14)?,
        cancel_reason: r.get(15)?,
        sale_id: r.get(16)?,
        created_by: r.get(17)?,
        created_at: instant(r, 18)?,
    })
}

pub(crate) fn load(conn: &Connection, id: &str) -> Result<Appointment> {
    conn.prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound {
            entity: "appointment",
        })
}

impl Store {
    pub fn appointment(&self, id: &str) -> Result<Appointment> {
        load(&self.conn, id)
    }

    /// How many times a member did not come (爽约): shown on her record.
    pub fn member_no_shows(&self, member: crate::ids::MemberId) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM appointments WHERE member_id = ?1 AND status = 'no_show'",
            )?
            .query_row([member], |r| r.get(0))?)
    }
}
