//! The staff report: per staff member the revenue credited to her (her share
//! of each shared line), services done, products sold, commission earned
//! (from the summaries), her average satisfaction (`ratings`) and the
//! complaints naming her (from `feedback/`); and the commission statement: every commission
//! row of a period of at most a month with its date, receipt, item, her
//! share, the base it was paid on, the rate and the amount (the screen shows
//! one staff member's lines, prints and exports them).

use super::ratings::ratings;
use super::scope::{period, Scope, ITEM_NAME};
use super::{ColumnKind as K, Compare, Kpi, Report, ReportQuery, ReportTable, ReportValue as V};
use crate::checkout::settings;
use crate::store::Store;
use crate::Result;
use rusqlite::Connection;
use std::collections::HashMap;

/// The longest period the commission statement lists line by line (a month).
pub const STATEMENT_MAX_DAYS: i64 = 31;

pub(super) fn report(store: &Store, q: &ReportQuery) -> Result<Report> {
    let conn = store.conn();
    let scope = Scope::of(store, q)?;
    let mut tables = vec![by_staff(conn, &scope, q)?];
    tables.push(commission_lines(conn, &scope, q)?);
    Ok(Report {
        kpis: kpis(conn, &scope, q)?,
        tables,
    })
}

/// Each staff member's figures of the period's whole months and of its other days.
const STAFF_MONTHS: &str = "SELECT staff_id, revenue, services, products, commission
     FROM report_staff_m WHERE month BETWEEN ?1 AND ?2 AND {stores} AND staff_id <> ''";
const STAFF_DAYS: &str =
    "SELECT staff_id, CASE WHEN kind = 'top_up' THEN 0 ELSE amount END * {sign},
            services * {sign}, products * {sign}, commission * {sign}
     FROM report_items WHERE day BETWEEN {from} AND {to} AND {stores} AND staff_id <> ''";

/// (revenue credited, services, products, commission) over a period.
fn totals(conn: &Connection, scope: &Scope, q: &ReportQuery) -> Result<[i64; 4]> {
    let rows = scope.split_rows(
        conn,
        "SELECT coalesce(sum(revenue), 0), coalesce(sum(services), 0),
                coalesce(sum(products), 0), coalesce(sum(commission), 0) FROM ({rows})",
        STAFF_MONTHS,
        STAFF_DAYS,
        q,
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
    )?;
    Ok(rows[0])
}

fn kpis(conn: &Connection, scope: &Scope, q: &ReportQuery) -> Result<Vec<Kpi>> {
    let now = totals(conn, scope, q)?;
    let prev = totals(conn, scope, &q.compared(Compare::PreviousPeriod))?;
    let last = totals(conn, scope, &q.compared(Compare::LastYear))?;
    let keys = [
        ("staff_revenue", K::Money),
        ("services", K::Count),
        ("products", K::Count),
        ("commission", K::Money),
    ];
    Ok(keys
        .iter()
        .enumerate()
        .map(|(i, (key, kind))| Kpi {
            key: key.to_string(),
            kind: *kind,
            value: now[i],
            previous: Some(prev[i]),
            last_year: Some(last[i]),
        })
        .collect())
}

fn complaints(conn: &Connection, q: &ReportQuery) -> Result<HashMap<String, i64>> {
    let offset = settings::load(conn)?.utc_offset_minutes;
    let mut stmt = conn.prepare_cached(
        "SELECT staff_id, count(*) FROM complaints
         WHERE staff_id IS NOT NULL
           AND date(received_at, printf('%+d minutes', ?3)) BETWEEN ?1 AND ?2
         GROUP BY staff_id",
    )?;
    let (from, to) = period(q);
    let rows = stmt
        .query_map(rusqlite::params![from, to, offset], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(rows)
}

fn by_staff(conn: &Connection, scope: &Scope, q: &ReportQuery) -> Result<ReportTable> {
    let mut t = ReportTable::new(
        "by_staff",
        &[
            ("staff_id", K::Text),
            ("staff", K::Text),
            ("revenue", K::Money),
            ("services", K::Count),
            ("products", K::Count),
            ("commission", K::Money),
            ("rating", K::Rating),
            ("complaints", K::Count),
        ],
    );
    let figures = scope.split_rows(
        conn,
        "SELECT staff_id, coalesce((SELECT name FROM staff WHERE id = staff_id), staff_id),
                sum(revenue) AS r, sum(services), sum(products), sum(commission)
         FROM ({rows}) GROUP BY staff_id
         HAVING r <> 0 OR sum(services) <> 0 OR sum(products) <> 0 OR sum(commission) <> 0
         ORDER BY r DESC, staff_id",
        STAFF_MONTHS,
        STAFF_DAYS,
        q,
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            ))
        },
    )?;
    // Complaints are the chain's (every device holds them), so the chain's
    // view counts every store's staff; ratings are each store's own, a head
    // office's summary holding the other stores' (`ratings`).
    let (ratings, complaints) = (ratings(conn, scope, q)?, complaints(conn, q)?);
    t.rows = figures
        .into_iter()
        .map(|(id, name, f): (String, String, [i64; 4])| {
            let rating = ratings.get(&id).map_or(V::Null, |(avg, _)| V::Int(*avg));
            let complaints = complaints.get(&id).copied().unwrap_or(0);
            let mut row = vec![V::Text(id), V::Text(name)];
            row.extend(f.iter().map(|x| V::Int(*x)));
            row.push(rating);
            row.push(V::Int(complaints));
            row
        })
        .collect();
    Ok(t)
}

/// The commission statement's lines, every staff member's: read from the
/// sales themselves (a month of one store's lines), so only for the own
/// store and a period of at most `STATEMENT_MAX_DAYS` (else empty).
fn commission_lines(conn: &Connection, scope: &Scope, q: &ReportQuery) -> Result<ReportTable> {
    let mut t = ReportTable::new(
        "commission_lines",
        &[
            ("staff_id", K::Text),
            ("staff", K::Text),
            ("date", K::Date),
            ("receipt", K::Text),
            ("item", K::Text),
            ("share", K::Percent),
            ("base", K::Money),
            ("rate", K::Percent),
            ("commission", K::Money),
        ],
    );
    if scope.is_chain() || q.days() > STATEMENT_MAX_DAYS {
        return Ok(t);
    }
    let sql = format!(
        "SELECT staff_id, staff, day, receipt, {ITEM_NAME}, share, base, commission FROM (
            SELECT c.staff_id, coalesce(st.name, c.staff_id) AS staff, s.business_date AS day,
                   s.receipt_no AS receipt, l.kind AS k, l.item_id AS i,
                   coalesce(x.share_bp, 10000) AS share,
                   l.amount * coalesce(x.share_bp, 10000) / 10000 AS base,
                   sum(c.amount) AS commission, min(c.created_at) AS at
            FROM sales s
            JOIN commission_ledger c ON c.sale_id = s.id
            JOIN sale_lines l ON l.id = c.sale_line_id
            LEFT JOIN sale_line_staff x ON x.sale_line_id = l.id AND x.staff_id = c.staff_id
            LEFT JOIN staff st ON st.id = c.staff_id
            WHERE s.business_date BETWEEN ?1 AND ?2
            GROUP BY c.staff_id, l.id)
         ORDER BY staff, day, at, receipt"
    );
    let (from, to) = period(q);
    let mut stmt = conn.prepare_cached(&sql)?;
    t.rows = stmt
        .query_map(rusqlite::params![from, to], |r| {
            let base: i64 = r.get(6)?;
            let commission: i64 = r.get(7)?;
            // The rate paid: commission over base, in hundredths of a percent.
            let rate = if base == 0 {
                V::Null
            } else {
                V::Int((commission as i128 * 10_000 / base as i128) as i64)
            };
            Ok(vec![
                V::Text(r.get(0)?),
                V::Text(r.get(1)?),
                V::Text(r.get(2)?),
                V::Text(r.get(3)?),
                V::Text(r.get(4)?),
                V::Int(r.get(5)?),
                V::Int(base),
                rate,
                V::Int(commission),
            ])
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(t)
}
