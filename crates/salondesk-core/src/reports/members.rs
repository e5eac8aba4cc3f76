//! The members report (会员分析): new, active, returning and churned members
//! with their rates (rules in `members_figures`), tiers and the moves between
//! them, retention cohorts, value classes (RFM) and how members moved between
//! them, and what the chain owes its members (stored value, points).
//!
//! Scope: members are the chain's; a store's report counts them by their
//! visits to that store (`visits`), the chain's by their visits anywhere. A
//! till that has not joined a chain is one store: every member who joined is
//! its new member. Value classes are the device's (set by its nightly job),
//! and the liability is the chain's (every device holds every member's
//! ledgers): both read the same on a store's report and the chain's.

use super::members_figures::{
    cohorts, figures, pct, Days, Joins, PeriodFigures, Visits, NOT_JOINED,
};
use super::visits::{self, day_no, month_start};
use super::{rfm_history, ColumnKind as K, Compare, Kpi, Report, ReportQuery, ReportTable};
use super::{ReportValue as V, ReportValue};
use crate::care::CareSettings;
use crate::member::Tier;
use crate::segments::RfmClass;
use crate::store::{meta_get, Store};
use crate::Result;
use chrono::{Duration, NaiveDate, NaiveTime};
use rusqlite::{params, Connection};
use std::collections::HashMap;

const TIERS: [Tier; 4] = [Tier::Standard, Tier::Silver, Tier::Gold, Tier::Platinum];
/// Retention cohorts: the join months shown, ending with the period's last.
const COHORT_MONTHS: u32 = 12;

fn days(q: &ReportQuery) -> Days {
    Days {
        from: day_no(q.from) as i32,
        to: day_no(q.to) as i32,
    }
}

/// Each member's tier index (0..3) by rid, 255 for a member not in the book
/// (archived, merged, erased), and the book's current value classes.
struct Book {
    tier: Vec<u8>,
    rfm: [i64; 6],
}

fn book(conn: &Connection) -> Result<Book> {
    let mut b = Book {
        tier: Vec::new(),
        rfm: [0; 6],
    };
    let mut stmt = conn.prepare_cached("SELECT rid, active, tier, rfm FROM member_summary")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let rid = r.get::<_, i64>(0)?.max(0) as usize;
        if b.tier.len() <= rid {
            b.tier.resize(rid + 1, 255);
        }
        if r.get::<_, i64>(1)? == 0 {
            continue;
        }
        let tier = r.get_ref(2)?.as_str().unwrap_or_default();
        b.tier[rid] = TIERS.iter().position(|t| t.as_str() == tier).unwrap_or(0) as u8;
        let class = r
            .get_ref(3)?
            .as_str_or_null()
            .ok()
            .flatten()
            .and_then(RfmClass::parse);
        let code = class.map_or(0, |c| {
            RfmClass::ALL.iter().position(|x| *x == c).unwrap_or(0) + 1
        });
        b.rfm[code] += 1;
    }
    Ok(b)
}

impl Book {
    fn tier_of(&self, rid: u32) -> usize {
        match self.tier.get(rid as usize) {
            Some(t) if *t < 4 => usize::from(*t),
            _ => 0,
        }
    }
}

/// The first instant of business day `d` as stored (UTC text).
fn day_start(d: NaiveDate, offset_min: i32) -> String {
    crate::time::iso(
        d.and_time(NaiveTime::MIN).and_utc() - Duration::minutes(i64::from(offset_min)),
    )
}

/// Members in the book (not archived, merged away or erased) who joined
/// from `first` to `last` (business days): their join days by rid. Read
/// from the index on `registered_at` alone (it holds the rid).
fn joined(
    conn: &Connection,
    book: &Book,
    offset: i32,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Joins> {
    let mut out = vec![NOT_JOINED; book.tier.len()];
    let mut stmt = conn.prepare_cached(
        "SELECT rid, registered_at FROM members WHERE registered_at >= ?1 AND registered_at < ?2",
    )?;
    let mut rows = stmt.query(params![
        day_start(first, offset),
        day_start(last + Duration::days(1), offset)
    ])?;
    while let Some(r) = rows.next()? {
        let rid = r.get::<_, i64>(0)?.max(0) as usize;
        if book.tier.get(rid).is_none_or(|t| *t > 3) {
            continue;
        }
        if let Some(d) = local_day(r.get_ref(1)?.as_str().unwrap_or_default(), offset) {
            out[rid] = d;
        }
    }
    Ok(out)
}

/// The business day (day number) of a stored instant `YYYY-MM-DDTHH:MM…Z`,
/// read by hand: a year's members would spend most of the report in a
/// general date parser.
fn local_day(at: &str, offset_min: i32) -> Option<i32> {
    let b = at.as_bytes();
    let n = |r: std::ops::Range<usize>| at.get(r).and_then(|x| x.parse::<u32>().ok());
    if b.len() < 16 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(n(0..4)? as i32, n(5..7)?, n(8..10)?)?;
    let minutes = (n(11..13)? * 60 + n(14..16)?) as i32 + offset_min;
    Some(day_no(date) as i32 + minutes.div_euclid(1440))
}

fn kpi(key: &str, kind: K, f: [i64; 3]) -> Kpi {
    Kpi {
        key: key.into(),
        kind,
        value: f[0],
        previous: Some(f[1]),
        last_year: Some(f[2]),
    }
}

fn each(f: &[PeriodFigures], get: impl Fn(&PeriodFigures) -> i64) -> [i64; 3] {
    [get(&f[0]), get(&f[1]), get(&f[2])]
}

/// (principal, bonus, points) owed at the end of business day `end`.
fn liability(conn: &Connection, end: i64) -> Result<(i64, i64, i64)> {
    conn.prepare_cached(
        "SELECT coalesce(sum(sv_principal), 0), coalesce(sum(sv_bonus), 0),
                coalesce(sum(points), 0)
           FROM report_liability_days WHERE day <= ?1",
    )?
    .query_row([end], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .map_err(|e| crate::money::checked::sql(e, "liability"))
}

pub(super) fn report(store: &Store, q: &ReportQuery) -> Result<Report> {
    let conn = store.conn();
    let settings = crate::checkout::settings_load(conn)?;
    let offset = settings.utc_offset_minutes;
    let keys = visits::store_keys(store, q)?;
    // One store with no chain: every member who joined is the store's.
    let all_joins = q.chain || meta_get(conn, "sync.store_id")?.is_none();
    let queries = [
        q.clone(),
        q.compared(Compare::PreviousPeriod),
        q.compared(Compare::LastYear),
    ];
    let periods: Vec<Days> = queries.iter().map(days).collect();
    let care = CareSettings::load(conn)?;
    let lapse: Vec<i32> = TIERS
        .iter()
        .map(|t| care.lapsed_days_for(*t) as i32)
        .collect();
    let cohort_first = month_start(q.to, COHORT_MONTHS - 1);
    let seen = visits::visits(conn, &keys)?;
    let book = book(conn)?;
    let first_join = queries
        .iter()
        .map(|x| x.from)
        .min()
        .unwrap_or(q.from)
        .min(cohort_first);
    let joins = joined(conn, &book, offset, first_join, q.to)?;
    let f = figures(
        &seen,
        &periods,
        |rid| lapse[book.tier_of(rid)],
        &joins,
        all_joins,
    );

    let mut kpis = vec![
        kpi("members_new", K::Count, each(&f, |x| x.new)),
        kpi("members_active", K::Count, each(&f, |x| x.active)),
        kpi(
            "members_returning_rate",
            K::Percent,
            each(&f, |x| x.returning_rate()),
        ),
        kpi("members_churned", K::Count, each(&f, |x| x.churned)),
        kpi(
            "members_churn_rate",
            K::Percent,
            each(&f, |x| x.churn_rate()),
        ),
    ];
    let owed: Vec<(i64, i64, i64)> = periods
        .iter()
        .map(|p| liability(conn, i64::from(p.to)))
        .collect::<Result<_>>()?;
    let sv = |i: usize| owed[i].0.saturating_add(owed[i].1);
    kpis.push(kpi("members_stored_value", K::Money, [sv(0), sv(1), sv(2)]));
    kpis.push(kpi(
        "members_points",
        K::Count,
        [owed[0].2, owed[1].2, owed[2].2],
    ));

    let mut r = Report {
        kpis,
        tables: Vec::new(),
    };
    let p = periods[0];
    let mut active = vec![false; book.tier.len()];
    for (rid, v) in &seen {
        if v.count(p.from, p.to) > 0 {
            if let Some(a) = active.get_mut(*rid as usize) {
                *a = true;
            }
        }
    }
    r.tables.push(tiers(&book, &active));
    r.tables.push(tier_moves(
        conn,
        q,
        offset,
        (!all_joins).then_some(&active),
    )?);
    r.tables
        .push(cohort_table(&seen, cohort_first, &joins, all_joins));
    r.tables.push(rfm_now(&book));
    r.tables.push(rfm_moves(conn, q)?);
    let (principal, bonus, points) = owed[0];
    let mut t = ReportTable::new(
        "members_liability",
        &[
            ("members_sv_principal", K::Money),
            ("members_sv_bonus", K::Money),
            ("members_sv_total", K::Money),
            ("members_points", K::Count),
            ("members_points_value", K::Money),
        ],
    );
    t.rows.push(vec![
        V::Int(principal),
        V::Int(bonus),
        V::Int(principal.saturating_add(bonus)),
        V::Int(points),
        V::Int(points.saturating_mul(settings.point_value_fen)),
    ]);
    r.tables.push(t);
    Ok(r)
}

fn code(s: &str) -> ReportValue {
    V::Text(s.to_string())
}

/// Members who came in the period by their tier now, beside the whole book.
fn tiers(book: &Book, active: &[bool]) -> ReportTable {
    let mut came = [0i64; 4];
    let mut all = [0i64; 4];
    for t in book.tier.iter().filter(|t| **t < 4) {
        all[usize::from(*t)] += 1;
    }
    for (t, _) in book.tier.iter().zip(active).filter(|(t, a)| **t < 4 && **a) {
        came[usize::from(*t)] += 1;
    }
    let mut t = ReportTable::new(
        "members_tiers",
        &[
            ("members_tier", K::Code),
            ("members_active", K::Count),
            ("members_all", K::Count),
        ],
    );
    for (i, tier) in TIERS.iter().enumerate() {
        t.rows
            .push(vec![code(tier.as_str()), V::Int(came[i]), V::Int(all[i])]);
    }
    t
}

/// Tier changes in the period, from → to (a store's: of the members who
/// came to it in the period).
fn tier_moves(
    conn: &Connection,
    q: &ReportQuery,
    offset: i32,
    only: Option<&[bool]>,
) -> Result<ReportTable> {
    let mut counts: HashMap<(String, String), i64> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT m.rid, c.from_tier, c.to_tier FROM tier_changes c JOIN members m ON m.id = c.member_id
          WHERE c.created_at >= ?1 AND c.created_at < ?2",
    )?;
    let mut rows = stmt.query(params![
        day_start(q.from, offset),
        day_start(q.to + Duration::days(1), offset)
    ])?;
    while let Some(r) = rows.next()? {
        let rid = r.get::<_, i64>(0)? as u32;
        if only.is_some_and(|s| !s.get(rid as usize).copied().unwrap_or(false)) {
            continue;
        }
        *counts.entry((r.get(1)?, r.get(2)?)).or_default() += 1;
    }
    let rank = |s: &str| TIERS.iter().position(|t| t.as_str() == s).unwrap_or(0);
    let mut pairs: Vec<((String, String), i64)> = counts.into_iter().collect();
    pairs.sort_by_key(|((a, b), _)| (rank(a), rank(b)));
    let mut t = ReportTable::new(
        "members_tier_moves",
        &[
            ("members_from_tier", K::Code),
            ("members_to_tier", K::Code),
            ("members_count", K::Count),
        ],
    );
    for ((a, b), n) in pairs {
        t.rows.push(vec![code(&a), code(&b), V::Int(n)]);
    }
    Ok(t)
}

/// Join month × months after: the cohort's size and the share who came.
fn cohort_table(
    seen: &[(u32, Visits)],
    first: NaiveDate,
    joins: &[i32],
    all_joins: bool,
) -> ReportTable {
    let n = COHORT_MONTHS as usize;
    let starts: Vec<NaiveDate> = (0..=n as u32)
        .map(|i| {
            first
                .checked_add_months(chrono::Months::new(i))
                .unwrap_or(first)
        })
        .collect();
    let bounds: Vec<i32> = starts.iter().map(|d| day_no(*d) as i32).collect();
    let rows = cohorts(seen, &bounds, joins, all_joins);
    let mut cols: Vec<(String, K)> = vec![
        ("members_cohort".into(), K::Month),
        ("members_joined".into(), K::Count),
    ];
    for k in 0..n {
        cols.push((format!("members_m{k}"), K::Percent));
    }
    let cols_ref: Vec<(&str, K)> = cols.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let mut t = ReportTable::new("members_cohorts", &cols_ref);
    for (c, (size, came)) in rows.iter().enumerate() {
        let mut row = vec![V::Text(starts[c].to_string()), V::Int(*size)];
        for k in 0..n {
            // Months not yet over by the period's end are left empty.
            row.push(match came.get(k) {
                Some(x) => V::Int(pct(*x, *size)),
                None => V::Null,
            });
        }
        t.rows.push(row);
    }
    t
}

fn class_code(code: usize) -> ReportValue {
    match rfm_history::class(code as u8) {
        Some(c) => V::Text(c.as_str().into()),
        None => V::Text("none".into()),
    }
}

/// The book's value classes now.
fn rfm_now(book: &Book) -> ReportTable {
    let mut t = ReportTable::new(
        "members_rfm",
        &[("members_rfm_class", K::Code), ("members_count", K::Count)],
    );
    for c in 1..=5 {
        t.rows.push(vec![class_code(c), V::Int(book.rfm[c])]);
    }
    t
}

/// How members moved between classes from the end of the month before the
/// period to the end of its last month (monthly snapshots; empty until the
/// nightly job has written one before the period).
fn rfm_moves(conn: &Connection, q: &ReportQuery) -> Result<ReportTable> {
    let mut t = ReportTable::new(
        "members_rfm_moves",
        &[
            ("members_from_class", K::Code),
            ("members_to_class", K::Code),
            ("members_count", K::Count),
        ],
    );
    let before = rfm_history::at(conn, rfm_history::month_key(month_start(q.from, 1)))?;
    let after = rfm_history::at(conn, rfm_history::month_key(q.to))?;
    if let (Some(a), Some(b)) = (before, after) {
        let m = rfm_history::moves(&a, &b);
        for (i, row) in m.iter().enumerate() {
            for (j, n) in row.iter().enumerate() {
                if *n > 0 {
                    t.rows.push(vec![class_code(i), class_code(j), V::Int(*n)]);
                }
            }
        }
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_s_business_day_is_read_in_the_store_s_zone() {
        let d = |s: &str| day_no(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()) as i32;
        assert_eq!(
            local_day("2026-11-22T16:00:00.000Z", 480),
            Some(d("2026-11-23")),
            "midnight in Shanghai"
        );
        assert_eq!(
            local_day("2026-11-22T15:59:59.999Z", 480),
            Some(d("2026-11-22")),
            "a minute before"
        );
        assert_eq!(
            local_day("2026-11-23T02:00:00.000Z", -300),
            Some(d("2026-11-22")),
            "west of UTC"
        );
        assert_eq!(local_day("garbage", 480), None);
    }
}
