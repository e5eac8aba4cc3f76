//! Each member's value class (RFM) at the end of each month (`rfm_history`,
//! migration 0035): one byte per member, indexed by her `rid`, so the
//! members report compares two months in a pass over two blobs. The nightly
//! RFM job writes the current month's after it re-classes everyone
//! (`segments::summary`); the last night of a month leaves that month's.

use crate::segments::RfmClass;
use crate::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

fn code(c: Option<RfmClass>) -> u8 {
    match c {
        None => 0,
        Some(c) => RfmClass::ALL.iter().position(|x| *x == c).unwrap_or(0) as u8 + 1,
    }
}

pub(super) fn class(code: u8) -> Option<RfmClass> {
    RfmClass::ALL
        .get(usize::from(code).checked_sub(1)?)
        .copied()
}

pub(super) fn month_key(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 100 + i64::from(d.month())
}

/// Writes the classes as they are now as `today`'s month's snapshot.
pub(crate) fn snapshot(conn: &Connection, today: NaiveDate) -> Result<()> {
    let mut bytes: Vec<u8> = Vec::new();
    let mut stmt = conn.prepare_cached("SELECT rid, rfm FROM member_summary WHERE active = 1")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let rid = r.get::<_, i64>(0)?.max(0) as usize;
        let c = r
            .get::<_, Option<String>>(1)?
            .as_deref()
            .and_then(RfmClass::parse);
        if bytes.len() <= rid {
            bytes.resize(rid + 1, 0);
        }
        bytes[rid] = code(c);
    }
    conn.prepare_cached(
        "INSERT INTO rfm_history (month, as_of, classes) VALUES (?1, ?2, ?3)
         ON CONFLICT (month) DO UPDATE SET as_of = excluded.as_of, classes = excluded.classes",
    )?
    .execute(params![month_key(today), today.to_string(), bytes])?;
    Ok(())
}

/// The latest snapshot of a month up to `month` (inclusive), if any.
pub(super) fn at(conn: &Connection, month: i64) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached(
            "SELECT classes FROM rfm_history WHERE month <= ?1 ORDER BY month DESC LIMIT 1",
        )?
        .query_row([month], |r| r.get(0))
        .optional()?)
}

/// How many members went from each class to each (stays included), between
/// two snapshots: `[from][to]` by code (0 = no class).
pub(super) fn moves(before: &[u8], after: &[u8]) -> [[i64; 6]; 6] {
    let mut m = [[0i64; 6]; 6];
    for i in 0..before.len().max(after.len()) {
        let a = usize::from(before.get(i).copied().unwrap_or(0)).min(5);
        let b = usize::from(after.get(i).copied().unwrap_or(0)).min(5);
        if a != 0 || b != 0 {
            m[a][b] += 1;
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_moves_count_pairs() {
        for c in RfmClass::ALL {
            assert_eq!(class(code(Some(c))), Some(c), "{c:?} keeps its code");
        }
        assert_eq!(class(0), None, "0 is no class");
        // rid 1 high → at risk, rid 2 stays low, rid 3 new (none → medium).
        let m = moves(&[0, 1, 3], &[0, 4, 3, 2]);
        assert_eq!(m[1][4], 1, "high to at risk");
        assert_eq!(m[3][3], 1, "low stays low");
        assert_eq!(m[0][2], 1, "a member classed for the first time");
        assert_eq!(m[0][0], 0, "rid 0 (no member) counts nowhere");
    }
}
