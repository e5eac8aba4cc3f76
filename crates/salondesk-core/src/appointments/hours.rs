//! Staff working hours per weekday and single days off, and the check that a
//! booking falls inside them. A beautician whose hours were never set has no
//! hours to keep to: every time counts as working until a manager sets them.

use super::local::{hm, weekday_index, weekday_name, Offset};
use crate::ids::StaffId;
use crate::staff::Staff;
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde_json::json;

/// Working time on one day, in minutes after the store's local midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayHours {
    pub start_min: i64,
    pub end_min: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingHours {
    pub staff_id: StaffId,
    /// Monday first; None is a day off every week.
    pub week: [Option<DayHours>; 7],
    /// Single dates off (leave, holidays), store dates.
    pub days_off: Vec<NaiveDate>,
    /// False until a manager sets them.
    pub configured: bool,
}

/// What a beautician's hours say about one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPlan {
    /// No hours set: any time.
    Unset,
    Off,
    Works(DayHours),
}

impl DayHours {
    fn validate(self, day: usize) -> Result<()> {
        if self.start_min < 0 || self.end_min > 24 * 60 || self.end_min - self.start_min < 15 {
            return Err(CoreError::validation(
                "week",
                format!(
                    "{}: working hours run forwards within the day, at least 15 minutes",
                    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day]
                ),
            ));
        }
        Ok(())
    }
}

pub(crate) fn load_hours(conn: &Connection, staff: StaffId) -> Result<WorkingHours> {
    let mut week = [None; 7];
    let mut configured = false;
    let mut stmt = conn.prepare_cached(
        "SELECT weekday, start_min, end_min FROM staff_hours WHERE staff_id = ?1",
    )?;
    let rows = stmt.query_map([staff], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })?;
    for row in rows {
        let (day, start, end) = row?;
        configured = true;
        if let (Some(start_min), Some(end_min), Some(slot)) =
            (start, end, week.get_mut(day as usize))
        {
            *slot = Some(DayHours { start_min, end_min });
        }
    }
    let days_off = conn
        .prepare_cached("SELECT date FROM staff_days_off WHERE staff_id = ?1 ORDER BY date")?
        .query_map([staff], |r| r.get::<_, String>(0))?
        .filter_map(|d| {
            d.ok()
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        })
        .collect();
    Ok(WorkingHours {
        staff_id: staff,
        week,
        days_off,
        configured,
    })
}

impl WorkingHours {
    pub fn plan(&self, date: NaiveDate) -> DayPlan {
        if !self.configured {
            return DayPlan::Unset;
        }
        if self.days_off.contains(&date) {
            return DayPlan::Off;
        }
        match self.week[weekday_index(date)] {
            Some(h) => DayPlan::Works(h),
            None => DayPlan::Off,
        }
    }
}

/// Refuses with `OutsideHours` unless `[start, end)` lies within the
/// beautician's working hours of the day it starts on.
pub(crate) fn check_within_hours(
    conn: &Connection,
    staff: &Staff,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    offset: Offset,
) -> Result<()> {
    let hours = load_hours(conn, staff.id)?;
    let date = offset.date(start);
    let day = format!("{date} ({})", weekday_name(date));
    match hours.plan(date) {
        DayPlan::Unset => Ok(()),
        DayPlan::Off => Err(CoreError::OutsideHours(format!(
            "{} is off on {day}",
            staff.name
        ))),
        DayPlan::Works(h) => {
            let from = offset.minutes_into(date, start);
            let to = offset.minutes_into(date, end);
            if from >= h.start_min && to <= h.end_min {
                Ok(())
            } else {
                Err(CoreError::OutsideHours(format!(
                    "{} works {}–{} on {day}; {}–{} is outside her hours",
                    staff.name,
                    hm(h.start_min),
                    hm(h.end_min),
                    offset.time(start),
                    offset.time(end)
                )))
            }
        }
    }
}

impl Store {
    pub fn working_hours(&self, staff: StaffId) -> Result<WorkingHours> {
        self.staff(staff)?;
        load_hours(&self.conn, staff)
    }

    /// A manager sets a beautician's weekly hours and her single days off
    /// (the list replaces the one before).
    pub fn set_working_hours(&mut self, actor: &Staff, hours: &WorkingHours) -> Result<()> {
        actor.require(crate::staff::Permission::ManageSchedule)?;
        self.staff(hours.staff_id)?;
        for (day, h) in hours.week.iter().enumerate() {
            if let Some(h) = h {
                h.validate(day)?;
            }
        }
        let mut days_off = hours.days_off.clone();
        days_off.sort();
        days_off.dedup();
        self.write(|w| {
            let now = crate::time::iso(w.now());
            w.execute(
                "DELETE FROM staff_hours WHERE staff_id = ?1",
                [hours.staff_id],
            )?;
            for (day, h) in hours.week.iter().enumerate() {
                w.prepare_cached(
                    "INSERT INTO staff_hours (staff_id, weekday, start_min, end_min, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    hours.staff_id,
                    day as i64,
                    h.map(|h| h.start_min),
                    h.map(|h| h.end_min),
                    now
                ])?;
            }
            w.execute(
                "DELETE FROM staff_days_off WHERE staff_id = ?1",
                [hours.staff_id],
            )?;
            for d in &days_off {
                w.prepare_cached(
                    "INSERT INTO staff_days_off (staff_id, date, created_at) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![hours.staff_id, d.to_string(), now])?;
            }
            let off: Vec<String> = days_off.iter().map(|d| d.to_string()).collect();
            w.emit(
                "staff_hours",
                &hours.staff_id,
                OpKind::Upsert,
                &json!({ "week": hours.week, "daysOff": off }),
            )?;
            Ok(())
        })
    }
}
