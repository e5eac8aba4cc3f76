//! The staff report's ratings: each staff member's average score over the
//! period in the report's stores. This till's own store's rated visits are
//! read from `visit_feedback` with who served from the sale's lines; the
//! other stores' (a head office's chain view) from `report_ratings`, kept as
//! their ratings were pulled (`chain::ratings`). Both count a visit by the
//! one rule (`feedback::staff_ratings`), so a store's own report and the
//! chain's show the same average for her.

use super::scope::{period, Scope};
use super::summary::own_store_id;
use super::ReportQuery;
use crate::checkout::settings_load;
use crate::feedback::staff_ratings::{parse_staff_scores, staff_ratings, SERVED_KINDS};
use crate::Result;
use rusqlite::Connection;
use std::collections::HashMap;

/// Each staff member's average score (hundredths of a point, rounded) and
/// how many scores it is of.
pub(super) fn ratings(
    conn: &Connection,
    scope: &Scope,
    q: &ReportQuery,
) -> Result<HashMap<String, (i64, i64)>> {
    // (sum of scores, how many) per staff member, over every store read.
    let mut sums: HashMap<String, (i64, i64)> = HashMap::new();
    if scope.covers(&own_store_id(conn)?) {
        for (staff, score) in own_store(conn, q)? {
            let e = sums.entry(staff).or_default();
            e.0 += i64::from(score);
            e.1 += 1;
        }
    }
    let other = scope.rows(
        conn,
        "SELECT staff_id, sum(score_sum), sum(scores) FROM report_ratings
         WHERE day BETWEEN ?1 AND ?2 AND {stores} GROUP BY staff_id",
        &period(q),
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    )?;
    for (staff, sum, n) in other {
        let e = sums.entry(staff).or_default();
        e.0 += sum;
        e.1 += n;
    }
    Ok(sums
        .into_iter()
        .filter(|(_, (_, n))| *n > 0)
        .map(|(staff, (sum, n))| (staff, ((sum * 100 + n / 2) / n, n)))
        .collect())
}

/// Every per-staff score of this store's visits rated in the period (on the
/// store's calendar).
fn own_store(conn: &Connection, q: &ReportQuery) -> Result<Vec<(String, u8)>> {
    let offset = settings_load(conn)?.utc_offset_minutes;
    let kinds = SERVED_KINDS.map(|k| format!("'{k}'")).join(", ");
    let sql = format!(
        "SELECT f.score, f.staff_scores,
                (SELECT json_group_array(DISTINCT x.staff_id)
                 FROM sale_lines l JOIN sale_line_staff x ON x.sale_line_id = l.id
                 WHERE l.sale_id = f.sale_id AND l.kind IN ({kinds}))
         FROM visit_feedback f
         WHERE date(f.recorded_at, printf('%+d minutes', ?3)) BETWEEN ?1 AND ?2"
    );
    let (from, to) = period(q);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params![from, to, offset])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let score: u8 = r.get(0)?;
        let scores: String = r.get(1)?;
        let served: Option<String> = r.get(2)?;
        let scores = parse_staff_scores(&serde_json::from_str(&scores).unwrap_or_default());
        let served: Vec<String> = served
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        out.extend(staff_ratings(score, &scores, &served));
    }
    Ok(out)
}
