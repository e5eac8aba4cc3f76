//! Members' visit days per store (`report_member_visits`, migration 0035:
//! a bitmap of days per store × member) and which stores a member, campaign
//! or stock report covers.
//!
//! Members are the chain's, so a report of one store counts them by the
//! store of their visits: her visit is a sale (kind `sale`) with her on it,
//! one per business day and store. This till's own sales enter by a trigger
//! on `sales` (store key 0: sales rung up here and those pulled from the
//! store's other tills). A head-office device is handed every other store's
//! sale (`summary::record_sale`), which calls `record_other_store_sale`.

use super::members_figures::Visits;
use super::ReportQuery;
use crate::store::{meta_get, Store};
use crate::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

/// This till's own store in the summaries.
pub(super) const OWN: i64 = 0;

/// Day numbers: days since 1970-01-01, as the summaries store them.
pub(super) fn day_no(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - 719_163
}

pub(super) fn day_of(n: i64) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt((n + 719_163) as i32).unwrap_or_default()
}

/// This till's store id: the chain's once enrolled, "local" before.
fn own_store_id(conn: &Connection) -> Result<String> {
    Ok(meta_get(conn, "sync.store_id")?.unwrap_or_else(|| "local".to_string()))
}

/// The store keys a query covers; `None`: every store this device knows
/// (the chain, on a head office; a till knows its own store only).
pub(super) fn store_keys(store: &Store, q: &ReportQuery) -> Result<Option<Vec<i64>>> {
    if q.chain {
        return Ok(None);
    }
    let conn = store.conn();
    let own = own_store_id(conn)?;
    Ok(Some(match &q.store_id {
        Some(id) if *id != own && id != "local" => conn
            .prepare_cached("SELECT key FROM report_store_keys WHERE store_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .into_iter()
            .collect(),
        _ => vec![OWN],
    }))
}

/// Every store key with visits (the chain).
fn all_keys(conn: &Connection) -> Result<Vec<i64>> {
    let mut keys: Vec<i64> = conn
        .prepare_cached("SELECT key FROM report_store_keys")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    keys.push(OWN);
    keys.sort_unstable();
    keys.dedup();
    Ok(keys)
}

/// Each member's visit days to the stores in `keys` (the chain: a day
/// whichever stores she went to), by member.
pub(super) fn visits(conn: &Connection, keys: &Option<Vec<i64>>) -> Result<Vec<(u32, Visits)>> {
    let keys = match keys {
        Some(k) => k.clone(),
        None => all_keys(conn)?,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT rid, first, days FROM report_member_visits WHERE store = ?1 ORDER BY rid",
    )?;
    let mut out: Vec<(u32, Visits)> = Vec::new();
    for key in &keys {
        let mut rows = stmt.query([key])?;
        while let Some(r) = rows.next()? {
            let rid = r.get::<_, i64>(0)? as u32;
            let digits = r.get_ref(2)?.as_bytes().unwrap_or_default();
            let v = Visits::from_digits(r.get::<_, i64>(1)? as i32, digits);
            out.push((rid, v));
        }
    }
    if keys.len() > 1 {
        // The same member at several stores: one member, her days or-ed.
        out.sort_by_key(|(rid, _)| *rid);
        let mut merged: Vec<(u32, Visits)> = Vec::with_capacity(out.len());
        for (rid, v) in out {
            match merged.last_mut() {
                Some((last, m)) if *last == rid => m.merge(&v),
                _ => merged.push((rid, v)),
            }
        }
        out = merged;
    }
    Ok(out)
}

/// Another store's sale, on a head-office device: her visit to that store.
/// `summary::record_sale` calls it once per sale (it skips a sale seen
/// before); this till's own sales are counted by the trigger on `sales`.
pub fn record_other_store_sale(
    conn: &Connection,
    store_id: &str,
    payload: &serde_json::Value,
) -> Result<()> {
    if store_id == own_store_id(conn)? || store_id == "local" {
        return Ok(());
    }
    let text = |k: &str| payload.get(k).and_then(serde_json::Value::as_str);
    let (Some(member), Some(day)) = (text("memberId"), text("businessDate")) else {
        return Ok(());
    };
    if text("kind").unwrap_or("sale") != "sale" {
        return Ok(());
    }
    let Ok(day) = NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
        return Ok(());
    };
    conn.prepare_cached("INSERT OR IGNORE INTO report_store_keys (store_id) VALUES (?1)")?
        .execute([store_id])?;
    conn.prepare_cached(
        "INSERT INTO report_visit_in (store, day, rid)
         SELECT k.key, ?3, coalesce((SELECT s.rid FROM members s WHERE s.id = m.merged_into), m.rid)
           FROM members m, report_store_keys k WHERE m.id = ?2 AND k.store_id = ?1",
    )?
    .execute(params![store_id, member, day_no(day)])?;
    Ok(())
}

/// The first day of the month `n` months before `d`'s.
pub(super) fn month_start(d: NaiveDate, back: u32) -> NaiveDate {
    let months = d.year() * 12 + d.month0() as i32 - back as i32;
    NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_from_1970() {
        let d = NaiveDate::from_ymd_opt(1970, 1, 2).unwrap();
        assert_eq!(day_no(d), 1, "the day after the epoch");
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(day_of(day_no(d)), d, "a round trip");
    }

    #[test]
    fn month_starts_step_back_across_years() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 17).unwrap();
        assert_eq!(
            month_start(d, 3),
            NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(),
            "three months before February is November of the year before"
        );
    }
}
