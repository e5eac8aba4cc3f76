//! The calendar's reads: the day view (a column per beautician with her hours
//! and appointments) and the week view of one beautician. One indexed range
//! read of the day's appointments, plus the day's hours and days off.

use super::hours::{load_hours, DayHours, DayPlan};
use super::local::{weekday_index, Offset};
use super::model::Appointment;
use super::rooms::{list_rooms, Room};
use crate::ids::StaffId;
use crate::staff::Role;
use crate::store::Store;
use crate::time::iso;
use crate::Result;
use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffColumn {
    pub staff_id: StaffId,
    pub staff_name: String,
    pub role: Role,
    /// Her calendar colour (a word of `staff::STAFF_COLORS`), if she has one.
    pub color: Option<String>,
    /// Her hours that day; none when she is off or has no hours set.
    pub hours: Option<DayHours>,
    pub day_off: bool,
    pub appointments: Vec<Appointment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayView {
    pub date: NaiveDate,
    pub utc_offset_minutes: i64,
    pub columns: Vec<StaffColumn>,
    pub rooms: Vec<Room>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekDay {
    pub date: NaiveDate,
    pub hours: Option<DayHours>,
    pub day_off: bool,
    pub appointments: Vec<Appointment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekView {
    pub staff_id: StaffId,
    pub staff_name: String,
    pub week_start: NaiveDate,
    pub utc_offset_minutes: i64,
    pub days: Vec<WeekDay>,
}

/// Every appointment starting in `[from, to)` store days, optionally one beautician's.
fn appointments_between(
    conn: &Connection,
    offset: Offset,
    from: NaiveDate,
    to: NaiveDate,
    staff: Option<StaffId>,
) -> Result<Vec<Appointment>> {
    let (lo, hi) = (iso(offset.day_start(from)), iso(offset.day_start(to)));
    let rows = match staff {
        Some(s) => {
            let mut stmt = conn.prepare_cached(&format!(
                "{} WHERE a.staff_id = ?1 AND a.start_at >= ?2 AND a.start_at < ?3 ORDER BY a.start_at",
                super::read::SELECT
            ))?;
            let v = stmt
                .query_map(rusqlite::params![s, lo, hi], super::read::from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            v
        }
        None => {
            let mut stmt = conn.prepare_cached(&format!(
                "{} WHERE a.start_at >= ?1 AND a.start_at < ?2 ORDER BY a.start_at",
                super::read::SELECT
            ))?;
            let v = stmt
                .query_map(rusqlite::params![lo, hi], super::read::from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            v
        }
    };
    Ok(rows)
}

/// Everyone's plan for one date: (staff → hours or off); staff without hours set are absent.
fn plans_on(conn: &Connection, date: NaiveDate) -> Result<HashMap<StaffId, DayPlan>> {
    let mut plans = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT staff_id, start_min, end_min FROM staff_hours WHERE weekday = ?1",
    )?;
    let rows = stmt.query_map([weekday_index(date) as i64], |r| {
        Ok((
            r.get::<_, StaffId>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })?;
    for row in rows {
        let (staff, start, end) = row?;
        let plan = match (start, end) {
            (Some(start_min), Some(end_min)) => DayPlan::Works(DayHours { start_min, end_min }),
            _ => DayPlan::Off,
        };
        plans.insert(staff, plan);
    }
    let mut stmt = conn.prepare_cached("SELECT staff_id FROM staff_days_off WHERE date = ?1")?;
    let off = stmt.query_map([date.to_string()], |r| r.get::<_, StaffId>(0))?;
    for staff in off {
        plans.insert(staff?, DayPlan::Off);
    }
    Ok(plans)
}

fn split(plan: Option<DayPlan>) -> (Option<DayHours>, bool) {
    match plan {
        Some(DayPlan::Works(h)) => (Some(h), false),
        Some(DayPlan::Off) => (None, true),
        Some(DayPlan::Unset) | None => (None, false),
    }
}

impl Store {
    /// The day calendar for a store date: a column for every active
    /// beautician (and anyone else with an appointment that day), each with her
    /// hours and the appointments starting that day, cancelled ones included.
    pub fn day_view(&self, date: NaiveDate) -> Result<DayView> {
        let offset = Offset::load(&self.conn)?;
        let appointments =
            appointments_between(&self.conn, offset, date, date + Duration::days(1), None)?;
        let plans = plans_on(&self.conn, date)?;
        let busy: HashSet<StaffId> = appointments.iter().map(|a| a.staff_id).collect();
        let mut colors = self.staff_colors()?;
        let mut columns: Vec<StaffColumn> = self
            .list_staff()?
            .into_iter()
            .filter(|s| s.role == Role::Beautician || busy.contains(&s.id))
            .map(|s| {
                let (hours, day_off) = split(plans.get(&s.id).copied());
                StaffColumn {
                    staff_id: s.id,
                    staff_name: s.name,
                    role: s.role,
                    color: colors.remove(&s.id),
                    hours,
                    day_off,
                    appointments: Vec::new(),
                }
            })
            .collect();
        // Beauticians first (by name, as listed), then the others who serve that day.
        columns.sort_by_key(|c| c.role != Role::Beautician);
        let index: HashMap<StaffId, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.staff_id, i))
            .collect();
        for a in appointments {
            if let Some(&i) = index.get(&a.staff_id) {
                columns[i].appointments.push(a);
            }
        }
        Ok(DayView {
            date,
            utc_offset_minutes: offset.0,
            columns,
            rooms: list_rooms(&self.conn)?,
        })
    }

    /// One beautician's week from `week_start` (seven days).
    pub fn week_view(&self, staff: StaffId, week_start: NaiveDate) -> Result<WeekView> {
        let person = self.staff(staff)?;
        let offset = Offset::load(&self.conn)?;
        let hours = load_hours(&self.conn, staff)?;
        let end = week_start + Duration::days(7);
        let mut all = appointments_between(&self.conn, offset, week_start, end, Some(staff))?;
        let days = (0..7)
            .map(|i| {
                let date = week_start + Duration::days(i);
                let (h, day_off) = split(Some(hours.plan(date)));
                let (mine, rest): (Vec<_>, Vec<_>) =
                    all.drain(..).partition(|a| offset.date(a.start) == date);
                all = rest;
                WeekDay {
                    date,
                    hours: h,
                    day_off,
                    appointments: mine,
                }
            })
            .collect();
        Ok(WeekView {
            staff_id: staff,
            staff_name: person.name,
            week_start,
            utc_offset_minutes: offset.0,
            days,
        })
    }
}
