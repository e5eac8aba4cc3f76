//! What the desk sells besides services and products: top-up plans (pay X, get
//! X + bonus in stored value), package plans (N sessions of a service, valid
//! for D days) and coupons.

use crate::ids::ServiceId;
use crate::money::Money;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopUpPlan {
    pub id: String,
    pub name: String,
    pub pay: Money,
    pub bonus: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackagePlan {
    pub id: String,
    pub service_id: ServiceId,
    pub name: String,
    pub sessions: i64,
    pub price: Money,
    pub valid_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CouponKind {
    /// `value` fen off.
    Fixed,
    /// `value` basis points off (1000 = 10%).
    Percent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coupon {
    pub code: String,
    pub kind: CouponKind,
    pub value: i64,
    pub min_spend: Money,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub max_uses: Option<i64>,
}

impl Store {
    pub fn add_top_up_plan(
        &mut self,
        actor: &Staff,
        name: &str,
        pay: Money,
        bonus: Money,
    ) -> Result<TopUpPlan> {
        actor.require(Permission::EditCatalog)?;
        self.check_head_office()?;
        if name.trim().is_empty() || pay.fen() <= 0 || bonus.is_negative() {
            return Err(CoreError::validation(
                "pay",
                "a top-up plan needs a name, a positive amount and no negative bonus",
            ));
        }
        self.write(|w| {
            let id = crate::ids::new_v7(w.now()).to_string();
            w.execute(
                "INSERT INTO top_up_plans (id, name, pay, bonus, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, name.trim(), pay.fen(), bonus.fen(), crate::time::iso(w.now())],
            )?;
            w.emit("top_up_plan", &id, OpKind::Upsert, &json!({ "name": name.trim(), "pay": pay, "bonus": bonus }))?;
            Ok(TopUpPlan { id, name: name.trim().into(), pay, bonus })
        })
    }

    pub fn top_up_plans(&self) -> Result<Vec<TopUpPlan>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, pay, bonus FROM top_up_plans WHERE active = 1 ORDER BY pay",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TopUpPlan {
                id: r.get(0)?,
                name: r.get(1)?,
                pay: Money(r.get(2)?),
                bonus: Money(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_package_plan(
        &mut self,
        actor: &Staff,
        service_id: ServiceId,
        name: &str,
        sessions: i64,
        price: Money,
        valid_days: i64,
    ) -> Result<PackagePlan> {
        actor.require(Permission::EditCatalog)?;
        self.check_head_office()?;
        if name.trim().is_empty() || sessions <= 0 || price.is_negative() || valid_days <= 0 {
            return Err(CoreError::validation(
                "sessions",
                "a package needs a name, sessions, a price and a validity",
            ));
        }
        self.write(|w| {
            let exists: bool = w.query_row("SELECT EXISTS (SELECT 1 FROM services WHERE id = ?1)", [service_id], |r| r.get(0))?;
            if !exists {
                return Err(CoreError::validation("serviceId", "no such service"));
            }
            let id = crate::ids::new_v7(w.now()).to_string();
            w.execute(
                "INSERT INTO package_plans (id, service_id, name, sessions, price, valid_days, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, service_id, name.trim(), sessions, price.fen(), valid_days, crate::time::iso(w.now())],
            )?;
            w.emit(
                "package_plan",
                &id,
                OpKind::Upsert,
                &json!({ "serviceId": service_id, "name": name.trim(), "sessions": sessions, "price": price, "validDays": valid_days }),
            )?;
            Ok(PackagePlan { id, service_id, name: name.trim().into(), sessions, price, valid_days })
        })
    }

    pub fn package_plans(&self) -> Result<Vec<PackagePlan>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, service_id, name, sessions, price, valid_days FROM package_plans WHERE active = 1 ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PackagePlan {
                id: r.get(0)?,
                service_id: r.get(1)?,
                name: r.get(2)?,
                sessions: r.get(3)?,
                price: Money(r.get(4)?),
                valid_days: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_coupon(&mut self, actor: &Staff, c: &Coupon) -> Result<()> {
        actor.require(Permission::EditCatalog)?;
        self.check_head_office()?;
        let code = c.code.trim().to_ascii_uppercase();
        let ok_code =
            (3..=20).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ok_code {
            return Err(CoreError::validation(
                "code",
                "a coupon code is 3 to 20 letters or digits",
            ));
        }
        let ok_value = match c.kind {
            CouponKind::Fixed => c.value > 0,
            CouponKind::Percent => (1..=10_000).contains(&c.value),
        };
        if !ok_value || c.min_spend.is_negative() || c.valid_to < c.valid_from {
            return Err(CoreError::validation(
                "value",
                "check the coupon's value, minimum spend and dates",
            ));
        }
        self.write(|w| {
            w.execute(
                "INSERT INTO coupons (code, kind, value, min_spend, valid_from, valid_to, max_uses, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    code,
                    if c.kind == CouponKind::Fixed { "fixed" } else { "percent" },
                    c.value,
                    c.min_spend.fen(),
                    c.valid_from.to_string(),
                    c.valid_to.to_string(),
                    c.max_uses,
                    crate::time::iso(w.now())
                ],
            )?;
            w.emit("coupon", &code, OpKind::Upsert, c)?;
            Ok(())
        })
    }
}

/// A coupon by code, with how many sales have used it.
pub(crate) fn coupon(conn: &rusqlite::Connection, code: &str) -> Result<Option<(Coupon, i64)>> {
    use rusqlite::OptionalExtension;
    let code = code.trim().to_ascii_uppercase();
    let row = conn
        .prepare_cached(
            "SELECT code, kind, value, min_spend, valid_from, valid_to, max_uses,
                    (SELECT count(*) FROM sales s WHERE s.coupon_code = c.code AND s.kind = 'sale'
                       AND NOT EXISTS (SELECT 1 FROM sales v WHERE v.original_sale_id = s.id AND v.kind = 'void'))
             FROM coupons c WHERE code = ?1",
        )?
        .query_row([&code], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .optional()?;
    Ok(
        row.map(|(code, kind, value, min_spend, from, to, max_uses, used)| {
            let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
            (
                Coupon {
                    code,
                    kind: if kind == "fixed" {
                        CouponKind::Fixed
                    } else {
                        CouponKind::Percent
                    },
                    value,
                    min_spend: Money(min_spend),
                    valid_from: date(&from),
                    valid_to: date(&to),
                    max_uses,
                },
                used,
            )
        }),
    )
}
