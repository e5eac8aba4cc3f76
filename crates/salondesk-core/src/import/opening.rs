//! Entering a member's opening balances: one ledger row per kind (reason
//! `opening`, or `opening_bonus` for bonus stored value), a package with its
//! sessions, and one chain-wide `member_opening` operation carrying them all,
//! so every store's balances add up to the file's.

use super::rows::Opening;
use crate::ids::{new_v7, MemberId};
use crate::write::{OpKind, Writer};
use crate::Result;
use chrono::NaiveDate;
use rusqlite::params;
use serde_json::{json, Value};

/// Enters `o` for `member` (nothing when it is empty). Opening points expire
/// on `points_expire_on`, as points earned today would.
pub(crate) fn enter(
    w: &mut Writer<'_>,
    member: MemberId,
    o: &Opening,
    points_expire_on: NaiveDate,
) -> Result<()> {
    if o.is_empty() {
        return Ok(());
    }
    let opening_id = new_v7(w.now()).to_string();
    let created = crate::time::iso(w.now());
    let mut ledger: Vec<Value> = Vec::new();
    let mut packages: Vec<Value> = Vec::new();
    for (delta, reason) in [(o.stored_value, "opening"), (o.bonus, "opening_bonus")] {
        if delta == 0 {
            continue;
        }
        let id = new_v7(w.now()).to_string();
        w.prepare_cached(
            "INSERT INTO stored_value_ledger (id, member_id, sale_id, delta, reason, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, member, opening_id, delta, reason, created])?;
        ledger.push(
            json!({ "ledger": "stored_value", "id": id, "memberId": member,
                            "delta": delta, "reason": reason }),
        );
    }
    if o.points != 0 {
        let id = new_v7(w.now()).to_string();
        let expires = points_expire_on.to_string();
        w.prepare_cached(
            "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at)
             VALUES (?1, ?2, ?3, ?4, 'opening', ?5, ?6)",
        )?
        .execute(params![id, member, opening_id, o.points, expires, created])?;
        ledger.push(json!({ "ledger": "points", "id": id, "memberId": member,
                            "delta": o.points, "reason": "opening", "expiresOn": expires }));
    }
    if let Some(p) = &o.package {
        let package_id = new_v7(w.now()).to_string();
        let expires = p.expires_on.to_string();
        w.prepare_cached(
            "INSERT INTO packages (id, member_id, plan_id, service_id, name, expires_on, sale_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            package_id,
            member,
            p.plan.id,
            p.plan.service_id,
            p.plan.name,
            expires,
            opening_id,
            created
        ])?;
        let id = new_v7(w.now()).to_string();
        w.prepare_cached(
            "INSERT INTO package_ledger (id, package_id, sale_id, delta, reason, created_at)
             VALUES (?1, ?2, ?3, ?4, 'opening', ?5)",
        )?
        .execute(params![id, package_id, opening_id, p.sessions, created])?;
        packages.push(
            json!({ "id": package_id, "memberId": member, "planId": p.plan.id,
                              "serviceId": p.plan.service_id, "name": p.plan.name,
                              "expiresOn": expires, "sessions": p.sessions }),
        );
        ledger.push(
            json!({ "ledger": "package", "id": id, "packageId": package_id,
                            "delta": p.sessions, "reason": "opening" }),
        );
    }
    w.emit(
        "member_opening",
        &opening_id,
        OpKind::Append,
        &json!({ "memberId": member, "ledger": ledger, "packages": packages }),
    )?;
    Ok(())
}
