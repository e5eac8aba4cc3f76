//! Looking up each cart line in the catalog and the member's packages, and
//! refusing what cannot be sold: inactive items, stock or sessions not there,
//! prepaid items without a member, a typed price without a manager.

use super::cart::{CartLine, LineItem};
use super::pricing::{LineKind, ResolvedLine};
use crate::ids::{MemberId, ServiceId};
use crate::money::{checked, Money};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

fn not_found(what: &str) -> CoreError {
    CoreError::validation("lines", format!("{what} is not in the catalog"))
}

pub(crate) fn resolve(
    conn: &Connection,
    lines: &[CartLine],
    member: Option<MemberId>,
    today: NaiveDate,
    approved: bool,
) -> Result<Vec<ResolvedLine>> {
    if lines.is_empty() {
        return Err(CoreError::validation(
            "lines",
            "a sale needs at least one line",
        ));
    }
    let mut sessions_wanted: HashMap<String, i64> = HashMap::new();
    let mut stock_wanted: HashMap<String, i64> = HashMap::new();
    let mut free_wanted: HashMap<String, i64> = HashMap::new();
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let needs_member = |what: &str| {
            member
                .ok_or_else(|| CoreError::validation("memberId", format!("{what} needs a member")))
        };
        let mut free_period = None;
        // The service performed (a service line, a package session): her rate for it.
        let mut performed: Option<ServiceId> = None;
        let (kind, item_id, name, qty, price, commission_bp, commission_unit) = match &line.item {
            LineItem::FreeService { service_id } => {
                let member = needs_member("a free service")?;
                performed = Some(*service_id);
                let (name, price, bp): (String, i64, i64) = conn
                    .prepare_cached("SELECT name, price, commission_bp FROM services WHERE id = ?1 AND active = 1")?
                    .query_row([service_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?
                    .ok_or_else(|| not_found("the service"))?;
                let wanted = free_wanted.entry(service_id.to_string()).or_default();
                free_period = Some(super::tiers::check_free_service(
                    conn,
                    member,
                    *service_id,
                    *wanted,
                    today,
                )?);
                *wanted += 1;
                (
                    LineKind::Service,
                    service_id.to_string(),
                    name,
                    1,
                    Money::ZERO,
                    bp,
                    Money(price),
                )
            }
            LineItem::Service { service_id, qty } => {
                performed = Some(*service_id);
                let (name, price, bp): (String, i64, i64) = conn
                    .prepare_cached("SELECT name, price, commission_bp FROM services WHERE id = ?1 AND active = 1")?
                    .query_row([service_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?
                    .ok_or_else(|| not_found("the service"))?;
                (
                    LineKind::Service,
                    service_id.to_string(),
                    name,
                    *qty,
                    Money(price),
                    bp,
                    Money(price),
                )
            }
            LineItem::Product { product_id, qty } => {
                let (name, price, bp): (String, i64, i64) = conn
                    .prepare_cached("SELECT name, price, commission_bp FROM products WHERE id = ?1 AND active = 1")?
                    .query_row([product_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?
                    .ok_or_else(|| not_found("the product"))?;
                let id = product_id.to_string();
                let wanted = stock_wanted.entry(id.clone()).or_default();
                *wanted = checked::add(*wanted, *qty, "qty")?;
                let on_hand = crate::ledger::stock(conn, &id)?;
                if *wanted > on_hand {
                    return Err(CoreError::validation(
                        "lines",
                        format!("only {on_hand} of {name} in stock"),
                    ));
                }
                (
                    LineKind::Product,
                    id,
                    name,
                    *qty,
                    Money(price),
                    bp,
                    Money(price),
                )
            }
            LineItem::PackagePurchase { plan_id } => {
                needs_member("a package")?;
                let (name, price, bp): (String, i64, i64) = conn
                    .prepare_cached(
                        "SELECT p.name, p.price, s.commission_bp FROM package_plans p
                         JOIN services s ON s.id = p.service_id WHERE p.id = ?1 AND p.active = 1",
                    )?
                    .query_row([plan_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?
                    .ok_or_else(|| not_found("the package"))?;
                (
                    LineKind::PackagePurchase,
                    plan_id.clone(),
                    name,
                    1,
                    Money(price),
                    bp,
                    Money(price),
                )
            }
            LineItem::TopUp { plan_id } => {
                needs_member("a top-up")?;
                let (name, pay): (String, i64) = conn
                    .prepare_cached(
                        "SELECT name, pay FROM top_up_plans WHERE id = ?1 AND active = 1",
                    )?
                    .query_row([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
                    .ok_or_else(|| not_found("the top-up plan"))?;
                (
                    LineKind::TopUp,
                    plan_id.clone(),
                    name,
                    1,
                    Money(pay),
                    0,
                    Money::ZERO,
                )
            }
            LineItem::PackageRedemption { package_id } => {
                let member = needs_member("a package session")?;
                let (owner, name, expires, price, sessions, bp, service): (MemberId, String, String, i64, i64, i64, ServiceId) = conn
                    .prepare_cached(
                        "SELECT k.member_id, k.name, k.expires_on, p.price, p.sessions, s.commission_bp, s.id
                         FROM packages k JOIN package_plans p ON p.id = k.plan_id
                         JOIN services s ON s.id = k.service_id WHERE k.id = ?1",
                    )?
                    .query_row([package_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
                    .optional()?
                    .ok_or_else(|| not_found("the package"))?;
                performed = Some(service);
                if owner != member {
                    return Err(CoreError::validation(
                        "lines",
                        format!("{name} belongs to another member"),
                    ));
                }
                if expires.as_str() < today.to_string().as_str() {
                    return Err(CoreError::validation(
                        "lines",
                        format!("{name} expired on {expires}"),
                    ));
                }
                let wanted = sessions_wanted.entry(package_id.clone()).or_default();
                *wanted += 1;
                let left = crate::ledger::package_sessions(conn, package_id)?;
                if *wanted > left {
                    return Err(CoreError::validation(
                        "lines",
                        format!("{name} has {left} session(s) left"),
                    ));
                }
                let per_session = Money(price / sessions.max(1));
                (
                    LineKind::PackageRedemption,
                    package_id.clone(),
                    name,
                    1,
                    Money::ZERO,
                    bp,
                    per_session,
                )
            }
        };
        if !(1..=999).contains(&qty) {
            return Err(CoreError::validation("qty", "a quantity is 1 to 999"));
        }
        let (unit_price, overridden) = match line.price_override {
            Some(p) if !approved => {
                let _ = p;
                return Err(CoreError::Forbidden(
                    "a price override needs a manager's approval".into(),
                ));
            }
            Some(p)
                if p.is_negative()
                    || free_period.is_some()
                    || !matches!(kind, LineKind::Service | LineKind::Product) =>
            {
                return Err(CoreError::validation(
                    "priceOverride",
                    "only service and product prices can be overridden, and not below 0",
                ));
            }
            Some(p) => (p, true),
            None => (price, false),
        };
        check_staff(conn, &line.staff)?;
        let staff_bp = line
            .staff
            .iter()
            .map(|(id, _)| {
                Ok(crate::staff::commission::load(conn, *id)?.rate_for(
                    kind,
                    performed,
                    commission_bp,
                ))
            })
            .collect::<Result<Vec<i64>>>()?;
        out.push(ResolvedLine {
            kind,
            item_id,
            name,
            qty,
            unit_price,
            overridden,
            staff: line.staff.clone(),
            commission_bp,
            staff_bp,
            commission_unit: if overridden {
                unit_price
            } else {
                commission_unit
            },
            free_period,
        });
    }
    Ok(out)
}

fn check_staff(conn: &Connection, staff: &[(crate::ids::StaffId, i64)]) -> Result<()> {
    if staff.is_empty() {
        return Ok(());
    }
    let total = checked::sum(staff.iter().map(|(_, s)| *s), "staff")?;
    if total != 10_000 || staff.iter().any(|(_, s)| *s <= 0) {
        return Err(CoreError::validation(
            "staff",
            "the credited staff's shares must add up to 100%",
        ));
    }
    for (id, _) in staff {
        let active: Option<bool> = conn
            .prepare_cached("SELECT active FROM staff WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if active != Some(true) {
            return Err(CoreError::validation(
                "staff",
                "a credited staff member does not exist",
            ));
        }
    }
    Ok(())
}
