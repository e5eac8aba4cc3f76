//! Which of a member's points have expired, read from her points ledger.
//!
//! Points come in batches, each with its expiry date (`expires_on` on the
//! earn and referral rows; a reversed earn carries the date of the batch it
//! takes back). Spending uses the oldest-expiring points first, so what has
//! expired by a date is what was due by then, less everything spent (net of
//! spending given back by refunds), less what has already been written off as
//! expired — never more than she holds.

use crate::ids::MemberId;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

/// The sums the rule needs, for rows due before `?1` (a `YYYY-MM-DD` date).
/// Undated negative rows (and undated give-backs of them) are spending; an
/// undated positive row that is not a give-back is never due.
const SUMS: &str = "
    coalesce(sum(CASE WHEN reason <> 'expire' AND expires_on < ?1 THEN delta END), 0),
    coalesce(sum(CASE WHEN reason <> 'expire' AND expires_on IS NULL
                       AND (delta < 0 OR reason = 'reverse_redeem') THEN -delta END), 0),
    coalesce(sum(CASE WHEN reason = 'expire' THEN -delta END), 0),
    coalesce(sum(delta), 0)";

/// A member's points as the expiry rule sees them at one cut-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PointsDue {
    /// Net points of the batches expiring before the cut-off.
    pub due: i64,
    /// Points spent, net of spending given back.
    pub spent: i64,
    /// Points already written off as expired.
    pub expired: i64,
    pub balance: i64,
}

impl PointsDue {
    fn from_row(r: &Row<'_>, first: usize) -> rusqlite::Result<PointsDue> {
        Ok(PointsDue {
            due: r.get(first)?,
            spent: r.get(first + 1)?,
            expired: r.get(first + 2)?,
            balance: r.get(first + 3)?,
        })
    }

    /// Points expired by the cut-off and not yet written off. Never more
    /// than the balance, so expiry cannot take a member below zero.
    pub fn unwritten(&self) -> i64 {
        (self.due - self.spent.max(0) - self.expired).clamp(0, self.balance.max(0))
    }
}

/// Member `member`'s points at cut-off `before` (batches expiring before it are due).
pub(crate) fn points_due(
    conn: &Connection,
    member: MemberId,
    before: NaiveDate,
) -> Result<PointsDue> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {SUMS} FROM points_ledger WHERE member_id = ?2"
        ))?
        .query_row(params![before.to_string(), member], |r| {
            PointsDue::from_row(r, 0)
        })?)
}

/// Every member with points expired before `before` and not yet written off.
pub(crate) fn members_with_points_due(
    conn: &Connection,
    before: NaiveDate,
) -> Result<Vec<MemberId>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT member_id, {SUMS} FROM points_ledger GROUP BY member_id"
    ))?;
    let rows = stmt.query_map([before.to_string()], |r| {
        Ok((r.get::<_, MemberId>(0)?, PointsDue::from_row(r, 1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (member, due) = row?;
        if due.unwritten() > 0 {
            out.push(member);
        }
    }
    Ok(out)
}

/// How many of a member's points will have expired by the end of `by`
/// (counting any already past their date that the daily job has not yet
/// written off). The profile shows it as "X points expire on `by`", with
/// `by` the 31 December the next batch expires on.
pub fn points_expiring(conn: &Connection, member: MemberId, by: NaiveDate) -> Result<i64> {
    let before = by.succ_opt().unwrap_or(by);
    Ok(points_due(conn, member, before)?.unwritten())
}

#[cfg(test)]
mod tests {
    use super::PointsDue;

    fn due(due: i64, spent: i64, expired: i64, balance: i64) -> PointsDue {
        PointsDue {
            due,
            spent,
            expired,
            balance,
        }
    }

    #[test]
    fn spending_comes_out_of_the_oldest_points_first() {
        assert_eq!(
            due(1000, 300, 0, 1500).unwritten(),
            700,
            "1000 due, 300 spent from them: 700 expire; the 500 not yet due stay"
        );
        assert_eq!(
            due(1000, 1200, 0, 300).unwritten(),
            0,
            "spending beyond the due batch leaves nothing of it to expire"
        );
    }

    #[test]
    fn what_was_written_off_is_not_written_off_again() {
        assert_eq!(due(1000, 300, 700, 800).unwritten(), 0);
        assert_eq!(
            due(1500, 300, 700, 800).unwritten(),
            500,
            "a second batch falling due expires on its own"
        );
    }

    #[test]
    fn expiry_never_takes_a_balance_below_zero() {
        assert_eq!(due(1000, 0, 0, 400).unwritten(), 400);
        assert_eq!(due(1000, 0, 0, -50).unwritten(), 0);
    }
}
