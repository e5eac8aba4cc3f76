//! The append-only ledgers and the balances summed from them. Nothing writes a
//! balance: a balance is always `SUM(delta)` over a member's (or package's)
//! rows, and a reversal is a new row. `expiry`: which points have expired.
//! SQLite's `sum()` of integers fails rather than wrap; a balance past `i64`
//! is refused as `amount_too_large` (`money::checked::sql`).

use crate::ids::{MemberId, StaffId};
use crate::money::{checked, Money};
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

mod expiry;

pub use expiry::points_expiring;
pub(crate) use expiry::{members_with_points_due, points_due};

/// A member's balances, as the desk shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Balances {
    pub points: i64,
    pub stored_value: Money,
    pub packages: Vec<PackageBalance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageBalance {
    pub package_id: String,
    pub service_id: String,
    pub name: String,
    pub sessions_left: i64,
    pub expires_on: NaiveDate,
}

pub fn points(conn: &Connection, member: MemberId) -> Result<i64> {
    conn.prepare_cached("SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE member_id = ?1")?
        .query_row([member], |r| r.get(0))
        .map_err(|e| checked::sql(e, "points"))
}

pub fn stored_value(conn: &Connection, member: MemberId) -> Result<Money> {
    Ok(Money(
        conn.prepare_cached(
            "SELECT coalesce(sum(delta), 0) FROM stored_value_ledger WHERE member_id = ?1",
        )?
        .query_row([member], |r| r.get(0))
        .map_err(|e| checked::sql(e, "storedValue"))?,
    ))
}

/// Sessions left on one package.
pub fn package_sessions(conn: &Connection, package_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(sum(delta), 0) FROM package_ledger WHERE package_id = ?1")?
        .query_row([package_id], |r| r.get(0))?)
}

/// A member's packages with sessions left, soonest expiry first (expired ones included:
/// the desk shows them greyed; redeeming one is refused).
pub fn packages(conn: &Connection, member: MemberId) -> Result<Vec<PackageBalance>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.service_id, p.name, p.expires_on,
                (SELECT coalesce(sum(delta), 0) FROM package_ledger l WHERE l.package_id = p.id)
         FROM packages p WHERE p.member_id = ?1 ORDER BY p.expires_on, p.id",
    )?;
    let rows = stmt.query_map([member], |r| {
        Ok(PackageBalance {
            package_id: r.get(0)?,
            service_id: r.get(1)?,
            name: r.get(2)?,
            expires_on: NaiveDate::parse_from_str(&r.get::<_, String>(3)?, "%Y-%m-%d")
                .unwrap_or_default(),
            sessions_left: r.get(4)?,
        })
    })?;
    Ok(rows
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|p| p.sessions_left > 0)
        .collect())
}

pub fn balances(conn: &Connection, member: MemberId) -> Result<Balances> {
    Ok(Balances {
        points: points(conn, member)?,
        stored_value: stored_value(conn, member)?,
        packages: packages(conn, member)?,
    })
}

/// A staff member's commission between two instants (ISO text, end exclusive).
pub fn commission(conn: &Connection, staff: StaffId, from: &str, to: &str) -> Result<Money> {
    Ok(Money(
        conn.prepare_cached(
            "SELECT coalesce(sum(amount), 0) FROM commission_ledger
             WHERE staff_id = ?1 AND created_at >= ?2 AND created_at < ?3",
        )?
        .query_row(params![staff, from, to], |r| r.get(0))
        .map_err(|e| checked::sql(e, "commission"))?,
    ))
}

/// Units of a product on hand: the sum of its stock moves, as SQLite keeps it
/// running in `stock_levels` (migration 0007) so a sale never re-reads a
/// product's whole history. `stock_from_ledger` sums the moves themselves.
pub fn stock(conn: &Connection, product_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce((SELECT on_hand FROM stock_levels WHERE product_id = ?1), 0)",
        )?
        .query_row([product_id], |r| r.get(0))?)
}

/// Units of a product on hand summed from its moves (what `stock` must equal).
pub fn stock_from_ledger(conn: &Connection, product_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(sum(qty), 0) FROM stock_moves WHERE product_id = ?1")?
        .query_row([product_id], |r| r.get(0))?)
}
