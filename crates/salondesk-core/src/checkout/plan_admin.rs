//! The back office's top-up and package plans: create, edit, end (never
//! deleted: sales and members' packages name them), each with how often it
//! was sold. A package already bought keeps its own sessions and expiry.

use super::plans::{package_plans, top_up_plans, PackagePlan, TopUpPlan};
use crate::catalog::{check_name, check_price, line_counts, WithUse};
use crate::ids::ServiceId;
use crate::money::Money;
use crate::staff::Staff;
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TopUpPlanInput {
    pub name: String,
    pub pay: Money,
    pub bonus: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackagePlanInput {
    pub service_id: ServiceId,
    pub name: String,
    pub sessions: i64,
    pub price: Money,
    pub valid_days: i64,
}

impl TopUpPlanInput {
    fn validate(&self) -> Result<()> {
        check_name("name", &self.name, 80)?;
        check_price("pay", self.pay)?;
        if self.bonus.is_negative() {
            return Err(CoreError::validation("bonus", "a bonus cannot be negative"));
        }
        if self.bonus.fen() > salondesk_protocol::limits::MAX_MONEY {
            return Err(CoreError::AmountTooLarge { field: "bonus" });
        }
        Ok(())
    }
}

impl PackagePlanInput {
    fn validate(&self, w: &Writer<'_>) -> Result<()> {
        check_name("name", &self.name, 80)?;
        if self.sessions <= 0 {
            return Err(CoreError::validation(
                "sessions",
                "a package has at least 1 session",
            ));
        }
        if self.sessions > 1000 {
            return Err(CoreError::validation("sessions", "at most 1000 sessions"));
        }
        check_price("price", self.price)?;
        if !(1..=3660).contains(&self.valid_days) {
            return Err(CoreError::validation(
                "validDays",
                "a package is valid for 1 to 3660 days",
            ));
        }
        let exists: bool = w.query_row(
            "SELECT EXISTS (SELECT 1 FROM services WHERE id = ?1)",
            [self.service_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(CoreError::validation("serviceId", "choose a service"));
        }
        Ok(())
    }
}

fn old_price(w: &Writer<'_>, sql: &str, id: &str, entity: &'static str) -> Result<Money> {
    w.prepare_cached(sql)?
        .query_row([id], |r| r.get(0))
        .optional()?
        .map(Money)
        .ok_or(CoreError::NotFound { entity })
}

impl Store {
    /// Adds a top-up plan without asking who (the demo data and test fixtures).
    pub fn add_top_up_plan(&mut self, name: &str, pay: Money, bonus: Money) -> Result<TopUpPlan> {
        let input = TopUpPlanInput {
            name: name.into(),
            pay,
            bonus,
        };
        input.validate()?;
        let id = self.write(|w| save_top_up(w, None, &input))?;
        self.top_up_plan(&id)
    }

    pub fn create_top_up_plan(
        &mut self,
        actor: &Staff,
        input: &TopUpPlanInput,
    ) -> Result<TopUpPlan> {
        self.may_edit_catalog(actor)?;
        input.validate()?;
        let id = self.write(|w| {
            let id = save_top_up(w, None, input)?;
            let name = input.name.trim();
            crate::catalog::audit::saved(
                w,
                actor,
                "top_up_plan",
                &id,
                name,
                Some(input.pay),
                true,
            )?;
            Ok(id)
        })?;
        self.top_up_plan(&id)
    }

    pub fn edit_top_up_plan(
        &mut self,
        actor: &Staff,
        id: &str,
        input: &TopUpPlanInput,
    ) -> Result<TopUpPlan> {
        self.may_edit_catalog(actor)?;
        input.validate()?;
        self.write(|w| {
            let old = old_price(
                w,
                "SELECT pay FROM top_up_plans WHERE id = ?1",
                id,
                "top_up_plan",
            )?;
            save_top_up(w, Some(id), input)?;
            let name = input.name.trim();
            crate::catalog::audit::saved(
                w,
                actor,
                "top_up_plan",
                id,
                name,
                Some(input.pay),
                false,
            )?;
            crate::catalog::record_price(w, actor, "top_up_plan", id, old, input.pay)
        })?;
        self.top_up_plan(id)
    }

    /// Ends (false) or brings back (true) a top-up plan.
    pub fn set_top_up_plan_active(
        &mut self,
        actor: &Staff,
        id: &str,
        active: bool,
    ) -> Result<TopUpPlan> {
        self.may_edit_catalog(actor)?;
        self.write(|w| {
            set_active(w, "top_up_plans", "top_up_plan", id, active)?;
            crate::catalog::audit::activity(w, actor, "top_up_plan", id, active)
        })?;
        self.top_up_plan(id)
    }

    pub fn top_up_plan(&self, id: &str) -> Result<TopUpPlan> {
        top_up_plans(&self.conn, false)?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(CoreError::NotFound {
                entity: "top_up_plan",
            })
    }

    /// Every top-up plan, ended ones too, with how often it was sold.
    pub fn top_up_plans_with_use(&self) -> Result<Vec<WithUse<TopUpPlan>>> {
        let counts = line_counts(&self.conn, "top_up")?;
        Ok(top_up_plans(&self.conn, false)?
            .into_iter()
            .map(|p| WithUse {
                used: counts.get(&p.id).copied().unwrap_or(0),
                item: p,
            })
            .collect())
    }

    /// Adds a package plan without asking who (the demo data and test fixtures).
    pub fn add_package_plan(
        &mut self,
        service_id: ServiceId,
        name: &str,
        sessions: i64,
        price: Money,
        valid_days: i64,
    ) -> Result<PackagePlan> {
        let input = PackagePlanInput {
            service_id,
            name: name.into(),
            sessions,
            price,
            valid_days,
        };
        let id = self.write(|w| {
            input.validate(w)?;
            save_package(w, None, &input)
        })?;
        self.package_plan(&id)
    }

    pub fn create_package_plan(
        &mut self,
        actor: &Staff,
        input: &PackagePlanInput,
    ) -> Result<PackagePlan> {
        self.may_edit_catalog(actor)?;
        let id = self.write(|w| {
            input.validate(w)?;
            let id = save_package(w, None, input)?;
            let name = input.name.trim();
            crate::catalog::audit::saved(
                w,
                actor,
                "package_plan",
                &id,
                name,
                Some(input.price),
                true,
            )?;
            Ok(id)
        })?;
        self.package_plan(&id)
    }

    pub fn edit_package_plan(
        &mut self,
        actor: &Staff,
        id: &str,
        input: &PackagePlanInput,
    ) -> Result<PackagePlan> {
        self.may_edit_catalog(actor)?;
        self.write(|w| {
            input.validate(w)?;
            let old = old_price(
                w,
                "SELECT price FROM package_plans WHERE id = ?1",
                id,
                "package_plan",
            )?;
            save_package(w, Some(id), input)?;
            let name = input.name.trim();
            crate::catalog::audit::saved(
                w,
                actor,
                "package_plan",
                id,
                name,
                Some(input.price),
                false,
            )?;
            crate::catalog::record_price(w, actor, "package_plan", id, old, input.price)
        })?;
        self.package_plan(id)
    }

    /// Ends (false) or brings back (true) a package plan; packages already
    /// bought are not touched.
    pub fn set_package_plan_active(
        &mut self,
        actor: &Staff,
        id: &str,
        active: bool,
    ) -> Result<PackagePlan> {
        self.may_edit_catalog(actor)?;
        self.write(|w| {
            set_active(w, "package_plans", "package_plan", id, active)?;
            crate::catalog::audit::activity(w, actor, "package_plan", id, active)
        })?;
        self.package_plan(id)
    }

    pub fn package_plan(&self, id: &str) -> Result<PackagePlan> {
        package_plans(&self.conn, false)?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(CoreError::NotFound {
                entity: "package_plan",
            })
    }

    /// Every package plan, ended ones too, with how often it was sold.
    pub fn package_plans_with_use(&self) -> Result<Vec<WithUse<PackagePlan>>> {
        let counts = line_counts(&self.conn, "package_purchase")?;
        Ok(package_plans(&self.conn, false)?
            .into_iter()
            .map(|p| WithUse {
                used: counts.get(&p.id).copied().unwrap_or(0),
                item: p,
            })
            .collect())
    }
}

/// Inserts (`id` None) or updates a top-up plan and emits all its fields.
fn save_top_up(w: &mut Writer<'_>, id: Option<&str>, p: &TopUpPlanInput) -> Result<String> {
    let name = p.name.trim();
    let id = match id {
        Some(id) => {
            w.execute(
                "UPDATE top_up_plans SET name = ?2, pay = ?3, bonus = ?4 WHERE id = ?1",
                params![id, name, p.pay.fen(), p.bonus.fen()],
            )?;
            id.to_owned()
        }
        None => {
            let id = crate::ids::new_v7(w.now()).to_string();
            w.execute(
                "INSERT INTO top_up_plans (id, name, pay, bonus, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, name, p.pay.fen(), p.bonus.fen(), crate::time::iso(w.now())],
            )?;
            id
        }
    };
    w.emit(
        "top_up_plan",
        &id,
        OpKind::Upsert,
        &json!({ "name": name, "pay": p.pay, "bonus": p.bonus }),
    )?;
    Ok(id)
}

/// Inserts (`id` None) or updates a package plan and emits all its fields.
fn save_package(w: &mut Writer<'_>, id: Option<&str>, p: &PackagePlanInput) -> Result<String> {
    let name = p.name.trim();
    let id = match id {
        Some(id) => {
            w.execute(
                "UPDATE package_plans SET service_id = ?2, name = ?3, sessions = ?4, price = ?5,
                        valid_days = ?6 WHERE id = ?1",
                params![
                    id,
                    p.service_id,
                    name,
                    p.sessions,
                    p.price.fen(),
                    p.valid_days
                ],
            )?;
            id.to_owned()
        }
        None => {
            let id = crate::ids::new_v7(w.now()).to_string();
            w.execute(
                "INSERT INTO package_plans (id, service_id, name, sessions, price, valid_days, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, p.service_id, name, p.sessions, p.price.fen(), p.valid_days, crate::time::iso(w.now())],
            )?;
            id
        }
    };
    w.emit(
        "package_plan",
        &id,
        OpKind::Upsert,
        &json!({ "serviceId": p.service_id, "name": name, "sessions": p.sessions,
                 "price": p.price, "validDays": p.valid_days }),
    )?;
    Ok(id)
}

fn set_active(
    w: &mut Writer<'_>,
    table: &str,
    entity: &'static str,
    id: &str,
    active: bool,
) -> Result<()> {
    let n = w.execute(
        &format!("UPDATE {table} SET active = ?2 WHERE id = ?1"),
        params![id, active],
    )?;
    if n == 0 {
        return Err(CoreError::NotFound { entity });
    }
    w.emit(entity, &id, OpKind::Upsert, &json!({ "active": active }))?;
    Ok(())
}
