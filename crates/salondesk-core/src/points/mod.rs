//! Points (积分) in the member's hands, issue 17: her history with every
//! entry and its reason (`history`), a manager's adjustment by hand with a
//! reason (`adjust`), and the store's exchange list and redeeming one item
//! for her points (`exchange`). Every change is a row of the append-only
//! `points_ledger`; a balance never goes below zero by hand or by exchange.

mod adjust;
mod exchange;
mod history;

pub use exchange::{ExchangeItem, ExchangeItemInput, ExchangeKind, Exchanged};
pub use history::PointsEntry;

use crate::ids::{new_v7, MemberId, StaffId};
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::json;

/// The most points one entry by hand may move (the protocol's bound on a delta).
pub const MAX_POINTS: i64 = 100_000_000;

/// A row written by hand (`adjust`, `exchange`): who, why, what it refers to.
struct HandRow<'a> {
    member: MemberId,
    delta: i64,
    reason: &'static str,
    expires_on: Option<chrono::NaiveDate>,
    staff: StaffId,
    note: &'a str,
    ref_id: Option<&'a str>,
}

/// Appends the row after checking the balance stays at zero or above
/// (read inside the write's transaction). Returns the new balance and the row's id.
fn append(w: &mut Writer<'_>, row: &HandRow<'_>) -> Result<(i64, String)> {
    let exists: bool = w
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)")?
        .query_row([row.member], |r| r.get(0))?;
    if !exists {
        return Err(CoreError::NotFound { entity: "member" });
    }
    let before = crate::ledger::points(w, row.member)?;
    let after = before
        .checked_add(row.delta)
        .ok_or(CoreError::AmountTooLarge { field: "delta" })?;
    if after < 0 {
        return Err(CoreError::validation(
            if row.reason == "exchange" {
                "points"
            } else {
                "delta"
            },
            format!("she has {before} points: a balance never goes below zero"),
        ));
    }
    let id = new_v7(w.now()).to_string();
    w.prepare_cached(
        "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at,
                                    staff_id, note, ref_id)
         VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id,
        row.member,
        row.delta,
        row.reason,
        row.expires_on.map(|d| d.to_string()),
        crate::time::iso(w.now()),
        row.staff,
        row.note,
        row.ref_id
    ])?;
    w.emit(
        "points_ledger",
        &id,
        OpKind::Append,
        &json!({ "memberId": row.member, "delta": row.delta, "reason": row.reason,
                 "expiresOn": row.expires_on, "staffId": row.staff, "note": row.note,
                 "refId": row.ref_id }),
    )?;
    Ok((after, id))
}
