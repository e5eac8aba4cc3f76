//! Reading complaints: the back office's list (by status, newest first, with
//! the handling time), one complaint with its notes, and a member's open ones
//! (her profile's card and the warning at checkout).

use super::complaints::{ComplaintAction, ComplaintKind, ComplaintStatus};
use crate::ids::{MemberId, StaffId};
use crate::store::Store;
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

/// One complaint as the lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintRow {
    pub id: String,
    pub member_id: MemberId,
    pub member_name: String,
    pub kind: ComplaintKind,
    pub sale_id: Option<String>,
    pub receipt_no: Option<String>,
    pub staff_id: Option<StaffId>,
    pub staff_name: Option<String>,
    pub description: String,
    pub received_by: Option<StaffId>,
    pub received_by_name: Option<String>,
    pub received_at: DateTime<Utc>,
    pub status: ComplaintStatus,
    pub owner_id: Option<StaffId>,
    pub owner_name: Option<String>,
    pub satisfaction: Option<u8>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Received → resolved or closed; for one still open, how long it has
    /// waited so far (`now` is the store's clock).
    pub handling_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintDetail {
    pub complaint: ComplaintRow,
    pub actions: Vec<ComplaintAction>,
}

const SELECT: &str = "
    SELECT c.id, c.member_id, coalesce(m.name, ''), c.kind, c.sale_id, s.receipt_no,
           c.staff_id, st.name, c.description, c.received_by, rb.name, c.received_at,
           c.status, c.owner_id, o.name, c.satisfaction, c.resolved_at
    FROM complaints c
    LEFT JOIN members m ON m.id = c.member_id
    LEFT JOIN sales s ON s.id = c.sale_id
    LEFT JOIN staff st ON st.id = c.staff_id
    LEFT JOIN staff rb ON rb.id = c.received_by
    LEFT JOIN staff o ON o.id = c.owner_id";

fn row(r: &Row<'_>, now: DateTime<Utc>) -> rusqlite::Result<ComplaintRow> {
    let time = |s: Option<String>| s.as_deref().and_then(crate::time::parse_iso);
    let received_at = time(r.get(11)?).unwrap_or(now);
    let resolved_at = time(r.get(16)?);
    Ok(ComplaintRow {
        id: r.get(0)?,
        member_id: r.get(1)?,
        member_name: r.get(2)?,
        kind: ComplaintKind::parse(&r.get::<_, String>(3)?).unwrap_or(ComplaintKind::Other),
        sale_id: r.get(4)?,
        receipt_no: r.get(5)?,
        staff_id: r.get(6)?,
        staff_name: r.get(7)?,
        description: r.get(8)?,
        received_by: r.get(9)?,
        received_by_name: r.get(10)?,
        received_at,
        status: ComplaintStatus::parse(&r.get::<_, String>(12)?).unwrap_or(ComplaintStatus::Open),
        owner_id: r.get(13)?,
        owner_name: r.get(14)?,
        satisfaction: r.get(15)?,
        resolved_at,
        handling_minutes: (resolved_at.unwrap_or(now) - received_at)
            .num_minutes()
            .max(0),
    })
}

fn actions(conn: &Connection, id: &str) -> Result<Vec<ComplaintAction>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.staff_id, st.name, a.note, a.status, a.created_at
         FROM complaint_actions a LEFT JOIN staff st ON st.id = a.staff_id
         WHERE a.complaint_id = ?1 ORDER BY a.created_at, a.rowid",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(ComplaintAction {
            id: r.get(0)?,
            staff_id: r.get(1)?,
            staff_name: r.get(2)?,
            note: r.get(3)?,
            status: r
                .get::<_, Option<String>>(4)?
                .as_deref()
                .and_then(ComplaintStatus::parse),
            created_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The back office's list: with `status`, only those; newest first, at
    /// most `limit` (a salon's complaints are a few a month).
    pub fn complaints(
        &self,
        status: Option<ComplaintStatus>,
        limit: usize,
    ) -> Result<Vec<ComplaintRow>> {
        let now = self.clock.now();
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE (?1 IS NULL OR c.status = ?1)
             ORDER BY c.received_at DESC, c.id DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(
            rusqlite::params![status.map(ComplaintStatus::as_str), limit as i64],
            |r| row(r, now),
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A member's complaints still open or being handled, oldest first.
    pub fn member_open_complaints(&self, member: MemberId) -> Result<Vec<ComplaintRow>> {
        let now = self.clock.now();
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE c.member_id = ?1 AND c.status IN ('open', 'in_progress')
             ORDER BY c.received_at, c.id"
        ))?;
        let rows = stmt.query_map([member], |r| row(r, now))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn complaint(&self, id: &str) -> Result<ComplaintDetail> {
        let now = self.clock.now();
        let complaint = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?
            .query_row([id], |r| row(r, now))
            .optional()?
            .ok_or(CoreError::NotFound {
                entity: "complaint",
            })?;
        Ok(ComplaintDetail {
            complaint,
            actions: actions(&self.conn, id)?,
        })
    }
}
