//! The campaigns and coupons report (营销效果): each issued campaign whose
//! offer ran in the period with its results as its own results panel shows
//! them (`campaigns::results`, the one place they are computed: reached,
//! held out, coupons issued and redeemed, what redeemers spent, spend per
//! reached member against per held-out member, cost), and the coupons used
//! on this store's sales in the period with the discount they gave.
//!
//! Campaigns and their sales are the store's: the chain's view on a head
//! office reads what that device holds (its own store's).

use super::{ColumnKind as K, Compare, Kpi, Report, ReportQuery, ReportTable, ReportValue as V};
use crate::campaigns::{CampaignResults, CampaignStatus};
use crate::store::Store;
use crate::Result;

/// The issued campaigns whose offer window meets the period.
fn campaigns_in(
    store: &Store,
    q: &ReportQuery,
) -> Result<Vec<(crate::campaigns::Campaign, CampaignResults)>> {
    let mut out = Vec::new();
    for c in store.campaigns()? {
        if c.status != CampaignStatus::Issued
            || c.input.window_to < q.from
            || c.input.window_from > q.to
        {
            continue;
        }
        let r = crate::campaigns::results(store.conn(), &c.id)?;
        out.push((c, r));
    }
    out.sort_by(|a, b| {
        (a.0.input.window_from, &a.0.input.name).cmp(&(b.0.input.window_from, &b.0.input.name))
    });
    Ok(out)
}

/// Per coupon code: sales that used it (less those refunded whole or
/// voided: their discount comes back negative) and the discount given.
fn coupons(store: &Store, q: &ReportQuery) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT s.coupon_code, sum(CASE s.kind WHEN 'sale' THEN 1 ELSE 0 END),
                coalesce(sum((SELECT sum(l.coupon_discount) FROM sale_lines l WHERE l.sale_id = s.id)), 0)
           FROM sales s
          WHERE s.coupon_code IS NOT NULL AND s.business_date >= ?1 AND s.business_date <= ?2
          GROUP BY s.coupon_code ORDER BY 3 DESC, 1",
    )?;
    let rows = stmt.query_map([q.from.to_string(), q.to.to_string()], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Headline figures of one period: campaigns run, coupons issued, redeemed,
/// their cost, and the discount every coupon gave.
fn headline(store: &Store, q: &ReportQuery) -> Result<[i64; 5]> {
    let cs = campaigns_in(store, q)?;
    let sum = |f: fn(&CampaignResults) -> i64| cs.iter().map(|(_, r)| f(r)).sum::<i64>();
    let discount = coupons(store, q)?.iter().map(|c| c.2).sum::<i64>();
    Ok([
        cs.len() as i64,
        sum(|r| i64::from(r.coupons_issued)),
        sum(|r| i64::from(r.coupons_redeemed)),
        sum(|r| r.cost.0),
        discount,
    ])
}

pub(super) fn report(store: &Store, q: &ReportQuery) -> Result<Report> {
    let now = headline(store, q)?;
    let prev = headline(store, &q.compared(Compare::PreviousPeriod))?;
    let ly = headline(store, &q.compared(Compare::LastYear))?;
    let keys = [
        ("campaigns_run", K::Count),
        ("campaigns_issued", K::Count),
        ("campaigns_redeemed", K::Count),
        ("campaigns_cost", K::Money),
        ("campaigns_coupon_discount", K::Money),
    ];
    let mut r = Report {
        kpis: keys
            .iter()
            .enumerate()
            .map(|(i, (key, kind))| Kpi {
                key: key.to_string(),
                kind: *kind,
                value: now[i],
                previous: Some(prev[i]),
                last_year: Some(ly[i]),
            })
            .collect(),
        tables: Vec::new(),
    };
    let mut t = ReportTable::new(
        "campaigns_results",
        &[
            ("campaigns_name", K::Text),
            ("campaigns_from", K::Date),
            ("campaigns_to", K::Date),
            ("campaigns_reached", K::Count),
            ("campaigns_held_out", K::Count),
            ("campaigns_issued", K::Count),
            ("campaigns_redeemed", K::Count),
            ("campaigns_redeemer_revenue", K::Money),
            ("campaigns_per_reached", K::Money),
            ("campaigns_per_control", K::Money),
            ("campaigns_cost", K::Money),
        ],
    );
    for (c, x) in campaigns_in(store, q)? {
        t.rows.push(vec![
            V::Text(c.input.name.clone()),
            V::Text(c.input.window_from.to_string()),
            V::Text(c.input.window_to.to_string()),
            V::Int(i64::from(x.reached)),
            V::Int(i64::from(x.held_out)),
            V::Int(i64::from(x.coupons_issued)),
            V::Int(i64::from(x.coupons_redeemed)),
            V::Int(x.redeemer_revenue.0),
            V::Int(x.reached_revenue_per_member.0),
            V::Int(x.control_revenue_per_member.0),
            V::Int(x.cost.0),
        ]);
    }
    r.tables.push(t);
    let mut t = ReportTable::new(
        "campaigns_coupons",
        &[
            ("campaigns_coupon", K::Text),
            ("campaigns_uses", K::Count),
            ("campaigns_discount", K::Money),
        ],
    );
    for (code, uses, discount) in coupons(store, q)? {
        t.rows
            .push(vec![V::Text(code), V::Int(uses), V::Int(discount)]);
    }
    r.tables.push(t);
    Ok(r)
}
