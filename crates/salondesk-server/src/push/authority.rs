//! Authority: whether the pushing device may write this record at all, beyond
//! the ids it names (`owners`).
//!
//! A till's credential proves which store it is, not who stands at it: anyone
//! holding a till can push whatever the wire allows. So what binds the whole
//! chain is accepted only from a **head-office device** (marked so by the
//! chain's admin, who holds the admin token: an enrolment code made with
//! `headOffice`, or the flag on an enrolled device):
//! - the catalog and its prices, tiers, coupons, top-up and package plans and
//!   chain settings (`HEAD_OFFICE_ONLY`): every till applies them;
//! - staff of another store or of the whole chain (`storeId`; without it,
//!   staff a head-office device adds belong to its own store).
//!
//! An ordinary till writes only its own store's staff: a staff record it
//! writes first belongs to its store (`staff_homes`), and it may change only
//! staff whose home is its store. So its first-run owner is that store's
//! owner, and a chain owner (home: the chain) is out of its reach: it cannot
//! deactivate her, take her role or set her PIN. A staff member's PIN hash is
//! handed only to the tills of her home (`pull`).
//!
//! Every accepted change of a staff member's role, standing or PIN is kept in
//! `staff_changes` for the chain's owner (`GET /v1/admin/tenants/{id}/staff-changes`).

use super::check::Refusal;
use crate::auth::Device;
use salondesk_protocol::Op;
use serde_json::Value;
use sqlx::PgConnection;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Chain-wide records that set prices, benefits or rules in every store.
pub const HEAD_OFFICE_ONLY: &[&str] = &[
    "service",
    "product",
    "tier",
    "coupon",
    "top_up_plan",
    "package_plan",
    "store_settings",
    "price_change",
];

const ROLES: &[&str] = &["owner", "manager", "cashier", "beautician"];

/// Where a staff member belongs: a store, or the whole chain (None).
pub type Home = Option<Uuid>;

/// What `judge` decided: refusals by index, and the home of each staff
/// operation it let through (for `record`).
#[derive(Debug, Default)]
pub struct Judged {
    pub refused: Vec<(usize, Refusal)>,
    pub homes: HashMap<usize, Home>,
}

pub async fn is_head_office(conn: &mut PgConnection, device: &Device) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT head_office FROM devices WHERE id = $1")
        .bind(device.id)
        .fetch_one(conn)
        .await
}

/// Judges the pending operations `(index, op)`, in order. Looks nothing up
/// unless the batch holds staff or head-office-only records.
pub async fn judge(
    conn: &mut PgConnection,
    device: &Device,
    pending: &[(usize, &Op)],
) -> sqlx::Result<Judged> {
    let mut out = Judged::default();
    let relevant: Vec<&(usize, &Op)> = pending
        .iter()
        .filter(|(_, op)| op.entity == "staff" || HEAD_OFFICE_ONLY.contains(&op.entity.as_str()))
        .collect();
    if relevant.is_empty() {
        return Ok(out);
    }
    let head_office = is_head_office(conn, device).await?;
    let staff_ids: Vec<Uuid> = relevant
        .iter()
        .filter(|(_, op)| op.entity == "staff")
        .filter_map(|(_, op)| Uuid::parse_str(&op.entity_id).ok())
        .collect();
    let mut homes = homes(conn, device.tenant_id, &staff_ids).await?;
    let stores: HashSet<Uuid> = sqlx::query_scalar("SELECT id FROM stores WHERE tenant_id = $1")
        .bind(device.tenant_id)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
    for (i, op) in relevant {
        if op.entity != "staff" {
            if !head_office {
                out.refused.push((*i, head_office_only(&op.entity)));
            }
            continue;
        }
        match judge_staff(op, device, head_office, &homes, &stores) {
            Ok(home) => {
                let id = Uuid::parse_str(&op.entity_id).expect("checked: a UUID");
                // A later operation of the batch on her sees this one's home.
                homes.insert(id, home);
                out.homes.insert(*i, home);
            }
            Err(r) => out.refused.push((*i, r)),
        }
    }
    Ok(out)
}

fn head_office_only(entity: &str) -> Refusal {
    Refusal::new(
        "head_office_only",
        format!("{entity} is the whole chain's: only a head-office device may write it"),
    )
}

/// May `device` write this staff operation? Ok carries her home after it.
fn judge_staff(
    op: &Op,
    device: &Device,
    head_office: bool,
    homes: &HashMap<Uuid, Home>,
    stores: &HashSet<Uuid>,
) -> Result<Home, Refusal> {
    let p = op.payload.as_object().expect("schema::check: an object");
    if let Some(role) = p.get("role") {
        if !role.as_str().is_some_and(|r| ROLES.contains(&r)) {
            return Err(Refusal::new(
                "bad_payload",
                "payload.role must be owner, manager, cashier or beautician",
            ));
        }
    }
    if p.get("active").is_some_and(|a| !a.is_boolean()) {
        return Err(Refusal::new(
            "bad_payload",
            "payload.active must be true or false",
        ));
    }
    // `storeId`: absent keeps her home; null is the whole chain; else a store of this chain.
    let asked: Option<Home> = match p.get("storeId") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(Value::String(s)) => match Uuid::parse_str(s) {
            Ok(id) if stores.contains(&id) => Some(Some(id)),
            _ => {
                return Err(Refusal::new(
                    "bad_payload",
                    "payload.storeId must be a store of this chain, or null",
                ))
            }
        },
        Some(_) => {
            return Err(Refusal::new(
                "bad_payload",
                "payload.storeId must be a store of this chain, or null",
            ))
        }
    };
    let id = Uuid::parse_str(&op.entity_id).expect("checked: a UUID");
    let current: Option<Home> = homes.get(&id).copied();
    if head_office {
        // New staff from head office belong to its own store unless another
        // store, or the whole chain (`storeId: null`), is named: a head-office
        // till also sells at its desk, and the staff it adds must log in at
        // its store's other tills (a PIN hash goes only to her home's tills).
        return Ok(asked.or(current).unwrap_or(Some(device.store_id)));
    }
    let mine = Some(device.store_id);
    let not_yours = || {
        Refusal::new(
            "not_your_store_staff",
            "a store's till may write only its own store's staff; the chain's staff and \
             other stores' are written from a head-office device",
        )
    };
    if current.is_some_and(|h| h != mine) || asked.is_some_and(|h| h != mine) {
        return Err(not_yours());
    }
    Ok(mine)
}

async fn homes(
    conn: &mut PgConnection,
    tenant: Uuid,
    staff: &[Uuid],
) -> sqlx::Result<HashMap<Uuid, Home>> {
    if staff.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, Option<Uuid>)> = sqlx::query_as(
        "SELECT staff_id, store_id FROM staff_homes WHERE tenant_id = $1 AND staff_id = ANY($2)",
    )
    .bind(tenant)
    .bind(staff)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

/// After the batch is logged: keeps each accepted staff operation's home, role
/// and standing, audits what changed, and takes the PIN hashes her newer PIN
/// replaced out of the log (a copy of the log then holds one hash per person).
pub async fn record(
    conn: &mut PgConnection,
    device: &Device,
    accepted: &[(&Op, Home)],
) -> sqlx::Result<()> {
    for (op, home) in accepted {
        let id = Uuid::parse_str(&op.entity_id).expect("checked: a UUID");
        let p = op.payload.as_object().expect("schema::check: an object");
        let role = p.get("role").and_then(Value::as_str);
        let active = p.get("active").and_then(Value::as_bool);
        let pin_changed = p
            .get("pinHash")
            .is_some_and(|h| h.as_str().is_some_and(|s| !s.is_empty()));
        let before: Option<(Option<String>, Option<bool>)> = sqlx::query_as(
            "SELECT role, active FROM staff_homes WHERE tenant_id = $1 AND staff_id = $2",
        )
        .bind(device.tenant_id)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let (from_role, from_active) = before.clone().unwrap_or((None, None));
        sqlx::query(
            "INSERT INTO staff_homes (tenant_id, staff_id, store_id, role, active)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (tenant_id, staff_id) DO UPDATE
             SET store_id = excluded.store_id,
                 role = coalesce(excluded.role, staff_homes.role),
                 active = coalesce(excluded.active, staff_homes.active)",
        )
        .bind(device.tenant_id)
        .bind(id)
        .bind(home)
        .bind(role)
        .bind(active)
        .execute(&mut *conn)
        .await?;
        let changed = before.is_none()
            || role.is_some_and(|r| from_role.as_deref() != Some(r))
            || active.is_some_and(|a| from_active != Some(a))
            || pin_changed;
        if changed {
            sqlx::query(
                "INSERT INTO staff_changes (tenant_id, staff_id, home_store_id, device_id,
                     device_store_id, from_role, to_role, from_active, to_active, pin_changed,
                     op_id, hlc)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            )
            .bind(device.tenant_id)
            .bind(id)
            .bind(home)
            .bind(device.id)
            .bind(device.store_id)
            .bind(&from_role)
            .bind(role.map(str::to_owned).or(from_role.clone()))
            .bind(from_active)
            .bind(active.or(from_active))
            .bind(pin_changed)
            .bind(op.op_id)
            .bind(&op.hlc)
            .execute(&mut *conn)
            .await?;
        }
        if pin_changed {
            // Only writes this one wins over by clock lose their hash (stamps
            // are fixed-width text: they sort as they compare), so a till
            // pulling the log from the start still ends with the winner.
            sqlx::query(
                "UPDATE ops SET payload = (payload::jsonb - 'pinHash')::text
                 WHERE tenant_id = $1 AND entity = 'staff' AND entity_id = $2
                   AND op_id <> $3 AND hlc < $4 AND payload LIKE '%\"pinHash\"%'",
            )
            .bind(device.tenant_id)
            .bind(&op.entity_id)
            .bind(op.op_id)
            .bind(&op.hlc)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// May `device` hold the PIN hash of a staff member whose home is `home`?
/// Her own store's tills (to log her in), and for the chain's staff the
/// head-office devices; nobody else needs it.
pub fn may_hold_pin(home: Option<&Home>, device: &Device, head_office: bool) -> bool {
    match home {
        Some(Some(store)) => *store == device.store_id,
        Some(None) => head_office,
        // Not known (cannot happen after the migration's backfill): withheld.
        None => false,
    }
}

/// Homes of these staff, for `pull`.
pub async fn homes_of(
    conn: &mut PgConnection,
    tenant: Uuid,
    staff: &[Uuid],
) -> sqlx::Result<HashMap<Uuid, Home>> {
    homes(conn, tenant, staff).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use salondesk_protocol::OpKind;
    use serde_json::json;

    fn device() -> Device {
        Device {
            id: Uuid::now_v7(),
            tenant_id: Uuid::now_v7(),
            store_id: Uuid::now_v7(),
        }
    }

    fn staff_op(d: &Device, id: Uuid, payload: Value) -> Op {
        Op {
            op_id: Uuid::now_v7(),
            hlc: "001763900000000-000001".into(),
            device_id: d.id,
            entity: "staff".into(),
            entity_id: id.to_string(),
            kind: OpKind::Upsert,
            payload,
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn a_store_till_writes_only_its_own_stores_staff() {
        let d = device();
        let other_store = Uuid::now_v7();
        let stores: HashSet<Uuid> = [d.store_id, other_store].into();
        let (new, chain_owner, theirs, ours) = (
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        );
        let homes: HashMap<Uuid, Home> = [
            (chain_owner, None),
            (theirs, Some(other_store)),
            (ours, Some(d.store_id)),
        ]
        .into();
        let judge = |id, p| judge_staff(&staff_op(&d, id, p), &d, false, &homes, &stores);
        assert_eq!(
            judge(new, json!({"role": "owner"})),
            Ok(Some(d.store_id)),
            "a new owner from a till is her store's owner"
        );
        assert_eq!(
            judge(ours, json!({"role": "manager"})),
            Ok(Some(d.store_id))
        );
        for (id, why) in [
            (chain_owner, "the chain's owner"),
            (theirs, "another store's"),
        ] {
            assert_eq!(
                judge(id, json!({"active": false})).unwrap_err().code,
                "not_your_store_staff",
                "{why} staff is out of a store till's reach"
            );
        }
        assert_eq!(
            judge(ours, json!({"storeId": null})).unwrap_err().code,
            "not_your_store_staff",
            "a till cannot lift its staff to the whole chain"
        );
        assert_eq!(
            judge(new, json!({"role": "emperor"})).unwrap_err().code,
            "bad_payload"
        );
        let ho = judge_staff(
            &staff_op(&d, theirs, json!({"role": "manager"})),
            &d,
            true,
            &homes,
            &stores,
        );
        assert_eq!(
            ho,
            Ok(Some(other_store)),
            "head office may, and she stays at home"
        );
    }

    #[test]
    fn pin_hashes_go_to_her_stores_tills_and_chain_staffs_to_head_office() {
        let d = device();
        assert!(may_hold_pin(Some(&Some(d.store_id)), &d, false));
        assert!(!may_hold_pin(Some(&Some(Uuid::now_v7())), &d, true));
        assert!(!may_hold_pin(Some(&None), &d, false));
        assert!(may_hold_pin(Some(&None), &d, true));
        assert!(!may_hold_pin(None, &d, true));
    }
}
