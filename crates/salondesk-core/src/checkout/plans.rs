//! What the desk sells besides services and products: top-up plans (pay X, get
//! X + bonus in stored value), package plans (N sessions of a service, valid
//! for D days) and coupons. The back office edits them (`plan_admin`,
//! `coupon_admin`); the rules a coupon sets at checkout are `coupon_rules`.

use crate::ids::{MemberId, ServiceId};
use crate::member::Tier;
use crate::money::Money;

use crate::store::Store;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopUpPlan {
    pub id: String,
    pub name: String,
    pub pay: Money,
    pub bonus: Money,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackagePlan {
    pub id: String,
    pub service_id: ServiceId,
    pub name: String,
    pub sessions: i64,
    pub price: Money,
    pub valid_days: i64,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CouponKind {
    /// `value` fen off.
    #[default]
    Fixed,
    /// `value` basis points off (1000 = 10%).
    Percent,
}

/// A coupon as the back office sets it; serialized as its sync payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coupon {
    pub code: String,
    pub kind: CouponKind,
    pub value: i64,
    pub min_spend: Money,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    /// Uses in all (None: no limit).
    pub max_uses: Option<i64>,
    /// Uses per member (None: no limit; a limit needs a member at checkout).
    #[serde(default)]
    pub per_member: Option<i64>,
    /// The tiers that may use it (empty: everyone, walk-ins too).
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// False once ended: no longer accepted, still named by past sales.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl Default for Coupon {
    fn default() -> Self {
        Coupon {
            code: String::new(),
            kind: CouponKind::Fixed,
            value: 0,
            min_spend: Money::ZERO,
            valid_from: NaiveDate::default(),
            valid_to: NaiveDate::default(),
            max_uses: None,
            per_member: None,
            tiers: Vec::new(),
            active: true,
        }
    }
}

/// How often a coupon was used by sales that stand: in all, and by one member.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CouponUse {
    pub total: i64,
    pub by_member: i64,
}

impl Store {
    /// Active top-up plans, cheapest first (the checkout grid).
    pub fn top_up_plans(&self) -> Result<Vec<TopUpPlan>> {
        top_up_plans(&self.conn, true)
    }

    /// Active package plans by name (the checkout grid).
    pub fn package_plans(&self) -> Result<Vec<PackagePlan>> {
        package_plans(&self.conn, true)
    }
}

pub(crate) fn top_up_plans(conn: &Connection, active_only: bool) -> Result<Vec<TopUpPlan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, pay, bonus, active FROM top_up_plans
         WHERE active = 1 OR ?1 = 0 ORDER BY active DESC, pay",
    )?;
    let rows = stmt.query_map([active_only], |r| {
        Ok(TopUpPlan {
            id: r.get(0)?,
            name: r.get(1)?,
            pay: Money(r.get(2)?),
            bonus: Money(r.get(3)?),
            active: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn package_plans(conn: &Connection, active_only: bool) -> Result<Vec<PackagePlan>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, service_id, name, sessions, price, valid_days, active FROM package_plans
         WHERE active = 1 OR ?1 = 0 ORDER BY active DESC, name",
    )?;
    let rows = stmt.query_map([active_only], |r| {
        Ok(PackagePlan {
            id: r.get(0)?,
            service_id: r.get(1)?,
            name: r.get(2)?,
            sessions: r.get(3)?,
            price: Money(r.get(4)?),
            valid_days: r.get(5)?,
            active: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const COUPON_COLUMNS: &str =
    "code, kind, value, min_spend, valid_from, valid_to, max_uses, per_member, tiers, active";

/// Sales that stand (not voided) with this coupon, of `member` when given.
const USES: &str = "SELECT count(*) FROM sales s WHERE s.coupon_code = ?1 AND s.kind = 'sale'
    AND (?2 IS NULL OR s.member_id = ?2)
    AND NOT EXISTS (SELECT 1 FROM sales v WHERE v.original_sale_id = s.id AND v.kind = 'void')";

fn coupon_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Coupon> {
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or_default();
    let kind: String = r.get(1)?;
    let tiers: String = r.get(8)?;
    Ok(Coupon {
        code: r.get(0)?,
        kind: if kind == "fixed" {
            CouponKind::Fixed
        } else {
            CouponKind::Percent
        },
        value: r.get(2)?,
        min_spend: Money(r.get(3)?),
        valid_from: date(r.get(4)?),
        valid_to: date(r.get(5)?),
        max_uses: r.get(6)?,
        per_member: r.get(7)?,
        // A list this build cannot read limits the coupon to nobody rather than everybody.
        tiers: serde_json::from_str(&tiers).unwrap_or_else(|_| vec![Tier::Platinum]),
        active: r.get(9)?,
    })
}

/// A coupon by code, with how often it has been used (by `member`, too).
pub(crate) fn coupon(
    conn: &Connection,
    code: &str,
    member: Option<MemberId>,
) -> Result<Option<(Coupon, CouponUse)>> {
    let code = code.trim().to_ascii_uppercase();
    let Some(c) = conn
        .prepare_cached(&format!(
            "SELECT {COUPON_COLUMNS} FROM coupons WHERE code = ?1"
        ))?
        .query_row([&code], coupon_from_row)
        .optional()?
    else {
        return Ok(None);
    };
    let uses = |m: Option<MemberId>| -> Result<i64> {
        Ok(conn
            .prepare_cached(USES)?
            .query_row(params![c.code, m], |r| r.get(0))?)
    };
    let used = CouponUse {
        total: uses(None)?,
        by_member: match member {
            Some(m) => uses(Some(m))?,
            None => 0,
        },
    };
    Ok(Some((c, used)))
}

/// Every coupon, active ones first, with its uses in all.
pub(crate) fn coupons(conn: &Connection) -> Result<Vec<(Coupon, i64)>> {
    let list: Vec<Coupon> = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COUPON_COLUMNS} FROM coupons ORDER BY active DESC, valid_to DESC, code"
        ))?;
        let rows = stmt.query_map([], coupon_from_row)?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    list.into_iter()
        .map(|c| {
            let used = conn
                .prepare_cached(USES)?
                .query_row(params![c.code, None::<String>], |r| r.get(0))?;
            Ok((c, used))
        })
        .collect()
}
