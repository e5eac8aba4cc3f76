//! A member's points history: every ledger row, newest first, with its
//! reason and what it came from (the sale's receipt, who wrote it by hand
//! and why, the exchange item).

use crate::ids::{MemberId, StaffId};
use crate::store::Store;
use crate::Result;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PointsEntry {
    pub id: String,
    pub delta: i64,
    /// earn, redeem, reverse_earn, reverse_redeem, referral, expire, adjust,
    /// opening, exchange, birthday, campaign.
    pub reason: String,
    pub sale_id: Option<String>,
    pub receipt_no: Option<String>,
    pub staff_id: Option<StaffId>,
    pub staff_name: Option<String>,
    pub note: Option<String>,
    pub expires_on: Option<String>,
    pub created_at: String,
    /// Her balance just after this entry (entries in the order written).
    pub balance: i64,
}

impl Store {
    /// Her points history, newest first, at most `limit` rows.
    pub fn points_history(&self, member: MemberId, limit: usize) -> Result<Vec<PointsEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.delta, p.reason, p.sale_id, s.receipt_no, p.staff_id, st.name,
                    p.note, p.expires_on, p.created_at,
                    sum(p.delta) OVER (ORDER BY p.created_at, p.id) AS balance
             FROM points_ledger p
             LEFT JOIN sales s ON s.id = p.sale_id
             LEFT JOIN staff st ON st.id = p.staff_id
             WHERE p.member_id = ?1
             ORDER BY p.created_at DESC, p.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![member, limit as i64], |r| {
            Ok(PointsEntry {
                id: r.get(0)?,
                delta: r.get(1)?,
                reason: r.get(2)?,
                sale_id: r.get(3)?,
                receipt_no: r.get(4)?,
                staff_id: r.get(5)?,
                staff_name: r.get(6)?,
                note: r.get(7)?,
                expires_on: r.get(8)?,
                created_at: r.get(9)?,
                balance: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
