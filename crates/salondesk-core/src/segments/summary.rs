//! The kept per-member summary (`member_summary`, migration 0028): its
//! nightly slide (the 365-day window moves on a day; RFM classes move with
//! recency) and the check that what the triggers kept equals what the sales
//! say. The nightly job is idempotent: run twice for one date, the second
//! run finds the same window and changes nothing.
//!
//! Why the night slides instead of re-summing: the triggers keep each row's
//! spend and visits since `starts_at` as sales are written, so moving the
//! start on only takes off what falls out (a day's sales, found by
//! `sales_time`), where re-summing read the year's sales (750,000 at 200,000
//! members: 3 s holding the store). The sums are taken afresh (`rebuild`)
//! only where the slide cannot answer: the first night (every sale was
//! counted, no start yet) and a start that moved back (a changed time zone).

use super::rfm::{class_text, classify, RfmThresholds};
use crate::store::Store;
use crate::write::Writer;
use crate::Result;
use chrono::{Duration, NaiveDate, NaiveTime};
use rusqlite::{params, OptionalExtension};
use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

/// Each member's (or, merged, her survivor's) spend and visits since `?1`:
/// the sales of this store (a refund's spend is negative; a sale is a
/// visit) and her visits in other stores. Grouped by member first, then
/// each member looked up once (a lookup per sale was twice as slow).
const WINDOW_SUMS: &str = "
    SELECT coalesce(t.rid, m.rid) AS rid, sum(g.spend) AS spend, sum(g.visits) AS visits
      FROM (SELECT member_id, sum(spend) AS spend, sum(visit) AS visits
              FROM (SELECT member_id, spend, (kind = 'sale') AS visit
                      FROM sales WHERE member_id IS NOT NULL AND created_at >= ?1
                    UNION ALL
                    SELECT member_id, 0, 1 FROM pulled_visits WHERE visited_at >= ?1)
             GROUP BY member_id) g
      JOIN members m ON m.id = g.member_id
      LEFT JOIN members t ON t.id = m.merged_into
     GROUP BY 1";

/// What falls out when the window's start moves from `?1` on to `?2`: the
/// sales and pulled visits in between, per member (or, merged, her
/// survivor), as the triggers counted them in.
const FALLING_OUT: &str = "
    SELECT coalesce(t.rid, m.rid) AS rid, sum(g.spend) AS spend, sum(g.visits) AS visits
      FROM (SELECT member_id, spend, (kind = 'sale') AS visits
              FROM sales WHERE member_id IS NOT NULL AND created_at >= ?1 AND created_at < ?2
            UNION ALL
            SELECT member_id, 0, 1 FROM pulled_visits WHERE visited_at >= ?1 AND visited_at < ?2) g
      JOIN members m ON m.id = g.member_id
      LEFT JOIN members t ON t.id = m.merged_into
     GROUP BY 1";

/// How the night brought the window's figures up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NightlyWay {
    /// Took off what fell out of the window since the last night.
    Slide,
    /// Summed the window afresh from the sales (the first night, or the
    /// start moved back).
    Rebuild,
}

/// What one nightly run did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NightlyRun {
    /// Members whose value class changed.
    pub reclassed: usize,
    /// Members whose spend or visits in the window changed.
    pub moved: usize,
    pub way: NightlyWay,
    pub seconds: f64,
}

/// The first instant of the 365 business days ending `today`, stored form.
fn window_start(w: &Writer<'_>, today: NaiveDate) -> Result<String> {
    let cfg = crate::checkout::settings_load(w)?;
    let first = today - Duration::days(364);
    let at = first.and_time(NaiveTime::MIN).and_utc()
        - Duration::minutes(i64::from(cfg.utc_offset_minutes));
    Ok(crate::time::iso(at))
}

/// A member's row as kept: rid, last visit, visits and spend in the window, class.
type Kept = (i64, Option<i64>, i64, i64, Option<String>);

/// Sets each active member's class from her kept figures as of `today`;
/// returns how many changed.
pub(crate) fn reclassify(w: &Writer<'_>, t: &RfmThresholds, today: NaiveDate) -> Result<usize> {
    let cfg = crate::checkout::settings_load(w)?;
    let offset = i64::from(cfg.utc_offset_minutes) * 60;
    let today_days = today
        .signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(today))
        .num_days();
    let rows: Vec<Kept> = w
        .prepare(
            "SELECT rid, last_visit, visits_365, spend_365, rfm FROM member_summary WHERE active = 1",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set = w.prepare_cached("UPDATE member_summary SET rfm = ?2 WHERE rid = ?1")?;
    let mut changed = 0;
    for (rid, last, visits, spend, kept) in rows {
        // Days between the store dates of her last visit and today.
        let days = last.map(|s| today_days - (s + offset).div_euclid(86_400));
        let class = class_text(classify(t, days, visits, spend));
        if class != kept.as_deref() {
            set.execute(params![rid, class])?;
            changed += 1;
        }
    }
    Ok(changed)
}

impl Store {
    /// Today, if the member summary has not been rebuilt for today on this device.
    pub fn segments_nightly_due(&self) -> Result<Option<NaiveDate>> {
        let today = self.business_date()?;
        let done: String = self.conn().query_row(
            "SELECT as_of FROM member_summary_window WHERE one = 1",
            [],
            |r| r.get(0),
        )?;
        Ok((done != today.to_string()).then_some(today))
    }

    /// Slides the 365-day window to end `today` (what fell out of it taken
    /// off every member's spend and visits, or the window summed afresh when
    /// it cannot slide: see the module doc) and re-classes everyone.
    pub fn run_segments_nightly(&mut self, today: NaiveDate) -> Result<NightlyRun> {
        self.segments_nightly_as(today, None)
    }

    /// `run_segments_nightly`, the way forced (tests and the benchmark
    /// compare a slide with a rebuild).
    #[doc(hidden)]
    pub fn segments_nightly_as(
        &mut self,
        today: NaiveDate,
        way: Option<NightlyWay>,
    ) -> Result<NightlyRun> {
        let started = Instant::now();
        let t = self.rfm_thresholds()?;
        let (reclassed, moved, way) = self.write(|w| {
            let start = window_start(w, today)?;
            let kept: String = w.query_row(
                "SELECT starts_at FROM member_summary_window WHERE one = 1",
                [],
                |r| r.get(0),
            )?;
            // '' is the first night: every sale ever was counted in.
            let slides = !kept.is_empty() && kept <= start;
            let way = way.unwrap_or(if slides {
                NightlyWay::Slide
            } else {
                NightlyWay::Rebuild
            });
            let changes = match way {
                NightlyWay::Slide if slides => falling_out(w, &kept, &start)?,
                _ => rebuild(w, &start)?,
            };
            // Only the rows whose figures moved are written: a night rewrites
            // a few rows, not all.
            let mut set = w.prepare_cached(
                "UPDATE member_summary SET spend_365 = ?2, visits_365 = ?3 WHERE rid = ?1",
            )?;
            for (rid, (spend, visits)) in &changes {
                set.execute(params![rid, spend, visits])?;
            }
            w.execute(
                "UPDATE member_summary_window SET starts_at = ?1, as_of = ?2 WHERE one = 1",
                params![start, today.to_string()],
            )?;
            let changed = reclassify(w, &t, today)?;
            // The month's classes as they stand tonight, for the members
            // report's moves between classes.
            crate::reports::rfm_snapshot(w, today)?;
            Ok((changed, changes.len(), way))
        })?;
        Ok(NightlyRun {
            reclassed,
            moved,
            way,
            seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// The members (rids) whose kept summary differs from one computed afresh
    /// from their records and the sales in the current window: empty when the
    /// triggers kept it right. The value class is left out (it moves at night).
    pub fn member_summary_drift(&self) -> Result<Vec<i64>> {
        let conn = self.conn();
        let start: String = conn.query_row(
            "SELECT starts_at FROM member_summary_window WHERE one = 1",
            [],
            |r| r.get(0),
        )?;
        // The profile columns: a join on the row number, both sides in full.
        let fresh = "SELECT m.rid, (m.archived_at IS NULL AND m.merged_into IS NULL AND m.erased_at IS NULL),
                            m.tier, m.gender, m.consent_marketing,
                            CAST(replace(m.birthday, '-', '') AS INTEGER),
                            CAST(substr(m.birthday, 6, 2) AS INTEGER), m.region, m.skin_type,
                            CAST(strftime('%s', m.last_visit_at) AS INTEGER), m.visit_count
                       FROM members m";
        let kept = "SELECT rid, active, tier, gender, consent, birth_ymd, birth_month, region,
                           skin_type, last_visit, visits FROM member_summary";
        let sql = format!(
            "SELECT rid FROM ({fresh} EXCEPT {kept}) UNION SELECT rid FROM ({kept} EXCEPT {fresh})"
        );
        let mut rids: BTreeSet<i64> = conn
            .prepare(&sql)?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        rids.extend(moved(conn, &start)?.into_iter().map(|(rid, _)| rid));
        Ok(rids.into_iter().collect())
    }
}

/// The rows whose kept (spend, visits) differ from the sums of the window
/// starting `start`, with the sums they should hold (the night's rebuild).
fn rebuild(conn: &rusqlite::Connection, start: &str) -> Result<Vec<(i64, (i64, i64))>> {
    moved(conn, start)
}

/// The rows the sales and visits between `from` and `to` (the old and new
/// window starts) were counted in, with their figures less those: the
/// night's slide. Read in Rust and written row by row, as `moved` does.
fn falling_out(
    conn: &rusqlite::Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(i64, (i64, i64))>> {
    if from >= to {
        return Ok(Vec::new());
    }
    let out: Vec<(i64, i64, i64)> = conn
        .prepare(FALLING_OUT)?
        .query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut kept =
        conn.prepare_cached("SELECT spend_365, visits_365 FROM member_summary WHERE rid = ?1")?;
    let mut changes = Vec::with_capacity(out.len());
    for (rid, spend, visits) in out {
        let Some((s, v)) = kept
            .query_row([rid], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
            .optional()?
        else {
            continue;
        };
        if (spend, visits) != (0, 0) {
            let spend = crate::money::checked::sub(s, spend, "spend_365")?;
            changes.push((rid, (spend, v - visits)));
        }
    }
    Ok(changes)
}

/// The rows whose kept (spend, visits) differ from the sums of the window
/// starting `start`, with the sums they should hold. In Rust, not one SQL
/// join: SQLite joined the grouped sums to every row by scanning them
/// (20,000 members: 29 s); a map is one pass over each.
fn moved(conn: &rusqlite::Connection, start: &str) -> Result<Vec<(i64, (i64, i64))>> {
    let sums: HashMap<i64, (i64, i64)> = conn
        .prepare(WINDOW_SUMS)?
        .query_map([start], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare("SELECT rid, spend_365, visits_365 FROM member_summary")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let rid: i64 = r.get(0)?;
        let kept: (i64, i64) = (r.get(1)?, r.get(2)?);
        let want = sums.get(&rid).copied().unwrap_or((0, 0));
        if kept != want {
            out.push((rid, want));
        }
    }
    Ok(out)
}
