//! Another store's rating, pulled by a head-office device, for the chain's
//! staff report. The server hands it only to a head office that asks, and
//! only what the summary needs (score, staff scores, when: `salondesk_protocol
//! ::chain::feedback_for_head_office`; never her comment or who she is). It
//! never enters `visit_feedback`, which stays the head office's own store's:
//! the rated visit is kept in `other_store_feedback` (migration 0041) and its
//! per-staff scores, by the rule the own store's report uses
//! (`feedback::staff_ratings`), are added into `report_ratings`.
//!
//! A rating is one per sale and can be given again (at the desk, then on the
//! follow-up call): its fields merge last-writer-wins by clock as at the
//! store, and what the visit counted before is taken out of the summary as
//! the new figures go in, so a corrected rating replaces and the same
//! operation twice counts once. Whom a visit's score counts for comes from
//! the sale (`other_store_sales.served`); a rating pulled before its sale is
//! counted again when the sale arrives (`settle`).

use crate::feedback::staff_ratings::{parse_staff_scores, staff_ratings};
use crate::sync::clocks::{Clocks, Stamp};
use crate::time::parse_iso;
use crate::write::Writer;
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};
use salondesk_protocol::chain::feedback_for_head_office;
use salondesk_protocol::Op;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The clocks of another store's rated visit (apart from this store's own
/// `visit_feedback` records).
const CLOCKS: &str = "other_store_feedback";

/// A rated visit as kept here.
struct Rated {
    day: String,
    score: u8,
    staff_scores: BTreeMap<String, u8>,
}

/// Applies `op` (a `visit_feedback` upsert of `store_id`); answers whether
/// it changed anything (false: this very operation was applied before).
pub(crate) fn other_store_feedback(
    w: &Writer<'_>,
    store_id: &str,
    op: &Op,
    stamp: &Stamp,
) -> Result<bool> {
    let sale_id = op.entity_id.as_str();
    // What a head office takes of a rating, by the server's one rule (a
    // server of this version has reduced it already; reducing again is a no-op).
    let fields: Map<String, Value> = match feedback_for_head_office(&op.payload) {
        Value::Object(fields) => fields,
        _ => {
            return Err(CoreError::validation(
                "payload",
                "the payload is not an object",
            ))
        }
    };
    let clocks = Clocks::load(w, CLOCKS, sale_id)?;
    let verdict = clocks.judge(fields.keys(), stamp);
    if verdict.winners.is_empty() {
        // Seen before, or older than what is here: the summary stays.
        return Ok(!verdict.seen);
    }
    let mut rated = load(w, sale_id)?.unwrap_or(Rated {
        // As the store fills a rating's missing fields (`sync::tables`).
        day: day_of(w, op.created_at)?,
        score: 3,
        staff_scores: BTreeMap::new(),
    });
    for f in &verdict.winners {
        match (f.as_str(), &fields[f]) {
            ("score", v) => {
                rated.score = v
                    .as_u64()
                    .and_then(|s| u8::try_from(s).ok())
                    .filter(|s| (1..=5).contains(s))
                    .ok_or_else(|| CoreError::validation("score", "a score is 1 to 5"))?;
            }
            ("staffScores", v) => rated.staff_scores = parse_staff_scores(v),
            ("recordedAt", v) => {
                let at = v.as_str().and_then(parse_iso).unwrap_or(op.created_at);
                rated.day = day_of(w, at)?;
            }
            _ => {}
        }
    }
    w.prepare_cached(
        "INSERT INTO other_store_feedback (sale_id, store_id, day, score, staff_scores)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (sale_id) DO UPDATE SET store_id = excluded.store_id, day = excluded.day,
            score = excluded.score, staff_scores = excluded.staff_scores",
    )?
    .execute(params![
        sale_id,
        store_id,
        rated.day,
        rated.score,
        serde_json::to_string(&rated.staff_scores)?
    ])?;
    clocks.record_remote(w, CLOCKS, sale_id, &fields, &verdict.winners, stamp)?;
    settle(w, sale_id)?;
    Ok(true)
}

/// The chain's calendar day at `at` (the store settings, time zone among
/// them, are the chain's: the store's own report counts it on the same day).
fn day_of(w: &Writer<'_>, at: chrono::DateTime<chrono::Utc>) -> Result<String> {
    Ok(crate::checkout::settings_load(w)?
        .business_date(at)
        .to_string())
}

fn load(w: &Writer<'_>, sale_id: &str) -> Result<Option<Rated>> {
    let row = w
        .prepare_cached(
            "SELECT day, score, staff_scores FROM other_store_feedback WHERE sale_id = ?1",
        )?
        .query_row([sale_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u8>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()?;
    Ok(row.map(|(day, score, scores)| Rated {
        day,
        score,
        staff_scores: parse_staff_scores(&serde_json::from_str(&scores).unwrap_or_default()),
    }))
}

/// Makes `report_ratings` hold what the rated visit `sale_id` counts now:
/// takes out what it counted before, adds its figures by the rule. Called
/// when its rating changes and when its sale arrives (who served is known).
pub(crate) fn settle(w: &Writer<'_>, sale_id: &str) -> Result<()> {
    let row = w
        .prepare_cached(
            "SELECT f.store_id, f.day, f.score, f.staff_scores, f.counted_day, f.counted, s.served
             FROM other_store_feedback f LEFT JOIN other_store_sales s ON s.sale_id = f.sale_id
             WHERE f.sale_id = ?1",
        )?
        .query_row([sale_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u8>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .optional()?;
    let Some((store, day, score, scores, counted_day, counted, served)) = row else {
        return Ok(());
    };
    let json = |s: &str| serde_json::from_str::<Value>(s).unwrap_or_default();
    let served: Vec<String> = served
        .map(|s| serde_json::from_str(&s).unwrap_or_default())
        .unwrap_or_default();
    let now = staff_ratings(score, &parse_staff_scores(&json(&scores)), &served);
    let before = parse_staff_scores(&json(&counted));
    if now == before && day == counted_day {
        return Ok(());
    }
    if !counted_day.is_empty() {
        add(w, &store, &counted_day, &before, -1)?;
    }
    add(w, &store, &day, &now, 1)?;
    w.prepare_cached(
        "UPDATE other_store_feedback SET counted_day = ?2, counted = ?3 WHERE sale_id = ?1",
    )?
    .execute(params![sale_id, day, serde_json::to_string(&now)?])?;
    Ok(())
}

/// Adds (`sign` 1) or takes out (-1) one visit's per-staff scores on `day`.
fn add(
    w: &Writer<'_>,
    store: &str,
    day: &str,
    scores: &BTreeMap<String, u8>,
    sign: i64,
) -> Result<()> {
    let mut stmt = w.prepare_cached(
        "INSERT INTO report_ratings (store_id, day, staff_id, score_sum, scores)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT DO UPDATE SET score_sum = score_sum + excluded.score_sum,
            scores = scores + excluded.scores",
    )?;
    for (staff, s) in scores {
        stmt.execute(params![store, day, staff, i64::from(*s) * sign, sign])?;
    }
    // A staff member's day that no longer counts any score goes.
    w.prepare_cached("DELETE FROM report_ratings WHERE store_id = ?1 AND day = ?2 AND scores = 0")?
        .execute(params![store, day])?;
    Ok(())
}
