//! Double-booking checks, run inside the write transaction that books or
//! moves: a beautician serves one client at a time, and a room holds at most
//! its capacity. Only occupying appointments count (not cancelled or no-show).
//! Both reads are bounded by `MAX_LENGTH`, so each looks at a handful of index
//! entries however long the history is.

use super::local::Offset;
use super::rooms::Room;
use super::status::OCCUPYING_SQL;
use crate::ids::StaffId;
use crate::time::{iso, parse_iso};
use crate::{CoreError, Result};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection};

/// No appointment is longer than this (a full day's treatment at most).
pub const MAX_LENGTH_MIN: i64 = 12 * 60;

/// An occupying appointment overlapping a time span.
struct Overlap {
    client: String,
    service: String,
    staff: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

fn overlapping(
    conn: &Connection,
    column: &str,
    key: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    exclude: Option<&str>,
) -> Result<Vec<Overlap>> {
    let sql = format!(
        "SELECT coalesce(m.name, a.walk_in_name, ''), s.name, st.name, a.start_at, a.end_at
         FROM appointments a
         JOIN services s ON s.id = a.service_id
         JOIN staff st ON st.id = a.staff_id
         LEFT JOIN members m ON m.id = a.member_id
         WHERE a.{column} = ?1 AND a.start_at < ?2 AND a.start_at > ?3 AND a.end_at > ?4
           AND a.status IN {OCCUPYING_SQL} AND a.id <> ?5
         ORDER BY a.start_at"
    );
    let earliest = start - Duration::minutes(MAX_LENGTH_MIN);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            key,
            iso(end),
            iso(earliest),
            iso(start),
            exclude.unwrap_or("")
        ],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        },
    )?;
    rows.map(|row| {
        let (client, service, staff, s, e) = row?;
        Ok(Overlap {
            client,
            service,
            staff,
            start: parse_iso(&s).unwrap_or_default(),
            end: parse_iso(&e).unwrap_or_default(),
        })
    })
    .collect()
}

/// Refuses with a `Conflict` naming the clash if the beautician already has
/// an occupying appointment overlapping `[start, end)`.
pub(crate) fn check_staff_free(
    conn: &Connection,
    staff: StaffId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    exclude: Option<&str>,
    offset: Offset,
) -> Result<()> {
    let found = overlapping(conn, "staff_id", &staff.to_string(), start, end, exclude)?;
    match found.first() {
        None => Ok(()),
        Some(o) => Err(CoreError::Conflict(format!(
            "{} already has {} {} ({})",
            o.staff,
            o.client,
            offset.span(o.start, o.end),
            o.service
        ))),
    }
}

/// The most clients in the room at once during `[start, end)`, and who they are.
fn peak(found: &[Overlap], start: DateTime<Utc>, end: DateTime<Utc>) -> (usize, Vec<&Overlap>) {
    // The count only rises at a start, so the peak is at `start` or at one of the starts.
    let mut best: (usize, Vec<&Overlap>) = (0, Vec::new());
    let instants = std::iter::once(start).chain(found.iter().map(|o| o.start.max(start)));
    for t in instants.filter(|t| *t < end) {
        let here: Vec<&Overlap> = found.iter().filter(|o| o.start <= t && t < o.end).collect();
        if here.len() > best.0 {
            best = (here.len(), here);
        }
    }
    best
}

/// Whether the room has a free place throughout `[start, end)`; if not, the
/// `Conflict` that names who fills it.
pub(crate) fn room_clash(
    conn: &Connection,
    room: &Room,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    exclude: Option<&str>,
    offset: Offset,
) -> Result<Option<CoreError>> {
    let found = overlapping(conn, "room_id", &room.id, start, end, exclude)?;
    let (most, who) = peak(&found, start, end);
    if (most as i64) < room.capacity {
        return Ok(None);
    }
    let names: Vec<String> = who
        .iter()
        .take(3)
        .map(|o| {
            format!(
                "{} {} ({}, {})",
                o.client,
                offset.span(o.start, o.end),
                o.service,
                o.staff
            )
        })
        .collect();
    Ok(Some(CoreError::Conflict(format!(
        "{} is full (holds {}): {}",
        room.name,
        room.capacity,
        names.join("; ")
    ))))
}
