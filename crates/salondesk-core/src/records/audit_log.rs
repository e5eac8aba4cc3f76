//! Reading the audit log: newest first, filtered by period, who did it and
//! kind (action), a page at a time, with who approved and what it was about.

use super::{before, Cursor, Period, MAX_PAGE};
use crate::ids::StaffId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::Result;
use rusqlite::types::Value;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub period: Period,
    /// Who did it (not who approved it).
    pub staff: Option<StaffId>,
    /// One action of `checkout::audit::ACTIONS` (or one a newer till wrote).
    pub action: Option<String>,
}

/// One entry, with names resolved. `detail` is the action's own JSON (amount,
/// reason, from/to …): it never holds a member's personal data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Its place in this till's log (the paging key after its time).
    pub seq: i64,
    pub id: String,
    pub at: String,
    pub action: String,
    pub staff_name: String,
    pub approver_name: Option<String>,
    pub entity_id: Option<String>,
    /// The receipt number when the entry is about a sale, refund or void.
    pub receipt_no: Option<String>,
    /// The staff member's name when the entry is about one (added, role …).
    pub subject_staff: Option<String>,
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

impl Store {
    /// The audit log as `filter` says, newest first, `limit` entries after
    /// `cursor`. Needs `ViewRecords`.
    pub fn audit_log(
        &self,
        actor: &Staff,
        filter: &AuditFilter,
        cursor: Option<&Cursor>,
        limit: usize,
    ) -> Result<AuditPage> {
        actor.require(Permission::ViewRecords)?;
        let limit = limit.clamp(1, MAX_PAGE);
        let mut entries = self.audit_rows(filter, cursor, Some(limit + 1))?;
        let next = if entries.len() > limit {
            entries.truncate(limit);
            entries.last().map(|e| Cursor {
                at: e.at.clone(),
                seq: e.seq,
            })
        } else {
            None
        };
        Ok(AuditPage { entries, next })
    }

    /// Every entry `filter` matches (the export), or the first `limit`.
    pub(crate) fn audit_rows(
        &self,
        filter: &AuditFilter,
        cursor: Option<&Cursor>,
        limit: Option<usize>,
    ) -> Result<Vec<AuditEntry>> {
        let (start, end) = filter.period.instants(&self.checkout_settings()?)?;
        let (at, id) = before(cursor);
        // Only the conditions in use are in the SQL, so the planner picks the
        // index that serves them: (staff, time), (action, time) or (time).
        let mut sql = String::from(
            "SELECT a.rowid, a.id, a.created_at, a.action, s.name, p.name, a.entity_id,
                    x.receipt_no, e.name, a.detail
             FROM audit_log a
             JOIN staff s ON s.id = a.staff_id
             LEFT JOIN staff p ON p.id = a.approver_id
             LEFT JOIN sales x ON x.id = a.entity_id
             LEFT JOIN staff e ON e.id = a.entity_id
             WHERE a.created_at >= ?1 AND a.created_at < ?2 AND (a.created_at, a.rowid) < (?3, ?4)",
        );
        let mut args: Vec<Value> = vec![start.into(), end.into(), at.into(), id.into()];
        if let Some(staff) = filter.staff {
            args.push(staff.to_string().into());
            sql += &format!(" AND a.staff_id = ?{}", args.len());
        }
        if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
            args.push(action.to_owned().into());
            sql += &format!(" AND a.action = ?{}", args.len());
        }
        // SQLite reads LIMIT -1 as no limit.
        args.push(limit.map_or(-1, |n| n as i64).into());
        sql += &format!(
            " ORDER BY a.created_at DESC, a.rowid DESC LIMIT ?{}",
            args.len()
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            let detail: String = r.get(9)?;
            Ok(AuditEntry {
                seq: r.get(0)?,
                id: r.get(1)?,
                at: r.get(2)?,
                action: r.get(3)?,
                staff_name: r.get(4)?,
                approver_name: r.get(5)?,
                entity_id: r.get(6)?,
                receipt_no: r.get(7)?,
                subject_staff: r.get(8)?,
                // A detail a newer till wrote in a form this one cannot read
                // is shown as text rather than failing the page.
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
