//! Single days off (休假) with a reason: leave, training, a holiday. The
//! weekly hours say which weekdays she works; these dates override them.
//! Synced with the hours (`staff_hours`: `daysOff` and, in the same order,
//! `dayOffReasons`), each list replaced whole.

use crate::ids::StaffId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde_json::json;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    pub date: NaiveDate,
    pub reason: String,
}

/// Each day off's reason by date (`YYYY-MM-DD`).
pub(crate) fn reasons(conn: &Connection, staff: StaffId) -> Result<HashMap<String, String>> {
    let mut stmt =
        conn.prepare_cached("SELECT date, reason FROM staff_days_off WHERE staff_id = ?1")?;
    let rows = stmt.query_map([staff], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn list(conn: &Connection, staff: StaffId) -> Result<Vec<DayOff>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, reason FROM staff_days_off WHERE staff_id = ?1 ORDER BY date",
    )?;
    let rows = stmt.query_map([staff], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (date, reason) = row?;
        if let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
            out.push(DayOff { date, reason });
        }
    }
    Ok(out)
}

/// Sends the whole list, as the hours do.
fn emit_days_off(w: &mut Writer<'_>, staff: StaffId) -> Result<()> {
    let days = list(w, staff)?;
    let off: Vec<String> = days.iter().map(|d| d.date.to_string()).collect();
    let why: Vec<&str> = days.iter().map(|d| d.reason.as_str()).collect();
    w.emit(
        "staff_hours",
        &staff,
        OpKind::Upsert,
        &json!({ "daysOff": off, "dayOffReasons": why }),
    )?;
    Ok(())
}

impl Store {
    /// A beautician's days off, by date.
    pub fn days_off(&self, staff: StaffId) -> Result<Vec<DayOff>> {
        self.staff(staff)?;
        list(&self.conn, staff)
    }

    /// Gives her a day off (or changes the reason of one she has).
    pub fn add_day_off(
        &mut self,
        actor: &Staff,
        staff: StaffId,
        date: NaiveDate,
        reason: &str,
    ) -> Result<()> {
        actor.require(Permission::ManageSchedule)?;
        self.staff(staff)?;
        let reason = reason.trim();
        if reason.chars().count() > 60 {
            return Err(CoreError::validation(
                "reason",
                "a reason is at most 60 characters",
            ));
        }
        self.write(|w| {
            w.prepare_cached(
                "INSERT INTO staff_days_off (staff_id, date, reason, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (staff_id, date) DO UPDATE SET reason = excluded.reason",
            )?
            .execute(params![staff, date.to_string(), reason, crate::time::iso(w.now())])?;
            emit_days_off(w, staff)
        })
    }

    /// Takes a day off back: she works that day as her weekly hours say.
    pub fn remove_day_off(&mut self, actor: &Staff, staff: StaffId, date: NaiveDate) -> Result<()> {
        actor.require(Permission::ManageSchedule)?;
        self.write(|w| {
            let n = w
                .prepare_cached("DELETE FROM staff_days_off WHERE staff_id = ?1 AND date = ?2")?
                .execute(params![staff, date.to_string()])?;
            if n == 0 {
                return Err(CoreError::NotFound { entity: "day off" });
            }
            emit_days_off(w, staff)
        })
    }
}
