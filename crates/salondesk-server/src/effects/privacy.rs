//! Members erased on request (PIPL). The rule of what an erase clears is the
//! protocol's (`salondesk_protocol::privacy`); here the server applies it to
//! its own copy:
//! - who may erase her: a till of her store (the store of the device that
//!   first wrote her record) or a head-office device (`judge`);
//! - her tombstone (`member_erasures`), her phone out of the mirror, and her
//!   stored operations rewritten so their payloads no longer hold what the
//!   erase clears (`apply`): a till that pulls the log from the start gets an
//!   anonymous record, and a refused operation about her kept for support
//!   is dropped;
//! - an operation about her that arrives after the erase (an offline till's)
//!   is scrubbed before it is logged or mirrored (`scrub_incoming`).

use crate::auth::Device;
use crate::push::authority::is_head_office;
use crate::push::check::Refusal;
use salondesk_protocol::privacy::{scrub_member_payload, ERASED_ELSEWHERE};
use salondesk_protocol::{Op, OpKind};
use serde_json::Value;
use sqlx::PgConnection;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

fn is_erase(op: &Op) -> bool {
    op.entity == "member" && op.kind == OpKind::Erase
}

/// The store of the device that first wrote member `id` (her home).
async fn home_store(conn: &mut PgConnection, tenant: Uuid, id: &str) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "SELECT d.store_id FROM ops o JOIN devices d ON d.id = o.device_id
         WHERE o.tenant_id = $1 AND o.entity = 'member' AND o.entity_id = $2
         ORDER BY o.seq LIMIT 1",
    )
    .bind(tenant)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Refusals of the pending erase operations `device` may not send. Looks
/// nothing up unless the batch holds an erase.
pub async fn judge(
    conn: &mut PgConnection,
    device: &Device,
    pending: &[(usize, &Op)],
) -> sqlx::Result<Vec<(usize, Refusal)>> {
    let mut refused = Vec::new();
    if !pending.iter().any(|(_, op)| is_erase(op)) {
        return Ok(refused);
    }
    let head_office = is_head_office(conn, device).await?;
    // Members this batch itself creates: this device's store is their home.
    let mut created_here = HashSet::new();
    for (i, op) in pending {
        if op.entity == "member" && op.kind == OpKind::Upsert {
            created_here.insert(op.entity_id.as_str());
            continue;
        }
        if !is_erase(op) {
            continue;
        }
        let home = match home_store(conn, device.tenant_id, &op.entity_id).await? {
            Some(h) => Some(h),
            None if created_here.contains(op.entity_id.as_str()) => Some(device.store_id),
            None => None,
        };
        match home {
            None => refused.push((
                *i,
                Refusal::new("unknown_member", "no such member in this chain"),
            )),
            Some(h) if h != device.store_id && !head_office => refused.push((
                *i,
                Refusal::new(
                    "not_her_store",
                    "only a till of her store or a head-office device may erase a member",
                ),
            )),
            Some(_) => {}
        }
    }
    Ok(refused)
}

/// The pending member upserts (by index) that are about an erased member
/// (tombstoned, or erased in this very batch), scrubbed: the operation to
/// apply and its payload text to log.
pub async fn scrub_incoming(
    conn: &mut PgConnection,
    device: &Device,
    ops: &[Op],
    pending: &[usize],
) -> sqlx::Result<HashMap<usize, (Op, String)>> {
    let upserts: Vec<usize> = pending
        .iter()
        .copied()
        .filter(|&i| ops[i].entity == "member" && ops[i].kind == OpKind::Upsert)
        .collect();
    if upserts.is_empty() {
        return Ok(HashMap::new());
    }
    let mut erased: HashSet<String> = pending
        .iter()
        .filter(|&&i| is_erase(&ops[i]))
        .map(|&i| ops[i].entity_id.clone())
        .collect();
    let ids: Vec<Uuid> = upserts
        .iter()
        .filter_map(|&i| Uuid::parse_str(&ops[i].entity_id).ok())
        .collect();
    let tombstones: Vec<Uuid> = sqlx::query_scalar(
        "SELECT member_id FROM member_erasures WHERE tenant_id = $1 AND member_id = ANY($2)",
    )
    .bind(device.tenant_id)
    .bind(&ids)
    .fetch_all(conn)
    .await?;
    erased.extend(tombstones.iter().map(Uuid::to_string));
    let mut out = HashMap::new();
    for i in upserts {
        let op = &ops[i];
        if !erased.contains(&op.entity_id) {
            continue;
        }
        let mut clean = op.clone();
        if let Value::Object(p) = &mut clean.payload {
            if scrub_member_payload(p, &op.entity_id) {
                let text = clean.payload.to_string();
                out.insert(i, (clean, text));
            }
        }
    }
    Ok(out)
}

/// The accepted erases: tombstone, mirror, and her stored operations rewritten.
pub async fn apply(conn: &mut PgConnection, device: &Device, accepted: &[&Op]) -> sqlx::Result<()> {
    for op in accepted.iter().filter(|op| is_erase(op)) {
        let id = Uuid::parse_str(&op.entity_id).expect("checked: a UUID");
        sqlx::query(
            "INSERT INTO member_erasures (tenant_id, member_id, store_id, op_id)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(device.tenant_id)
        .bind(id)
        .bind(device.store_id)
        .bind(op.op_id)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE member_mirror SET phone = NULL WHERE id = $1 AND tenant_id = $2")
            .bind(id)
            .bind(device.tenant_id)
            .execute(&mut *conn)
            .await?;
        rewrite_log(conn, device.tenant_id, &op.entity_id).await?;
    }
    Ok(())
}

/// Empties field $4 of the tenant's ($1) operations of entity $3 that are
/// about member $2: her appointments …
const APPOINTMENTS_OF_HERS: &str =
    "UPDATE ops SET payload = jsonb_set(payload::jsonb, ARRAY[$4::text], '\"\"'::jsonb)::text
     WHERE tenant_id = $1 AND entity = $3 AND coalesce(payload::jsonb ->> $4, '') <> ''
       AND payload::jsonb ->> 'memberId' = $2";
/// … and the messages about her appointments.
const MESSAGES_OF_HERS: &str =
    "UPDATE ops SET payload = jsonb_set(payload::jsonb, ARRAY[$4::text], '\"\"'::jsonb)::text
     WHERE tenant_id = $1 AND entity = $3 AND coalesce(payload::jsonb ->> $4, '') <> ''
       AND payload::jsonb ->> 'appointmentId' IN (
           SELECT a.entity_id FROM ops a WHERE a.tenant_id = $1
             AND a.entity = 'appointment' AND a.payload::jsonb ->> 'memberId' = $2)";

/// Scrubs every stored upsert of member `id`, and drops the refused
/// operations about her kept for support (never pulled, no longer needed).
async fn rewrite_log(conn: &mut PgConnection, tenant: Uuid, id: &str) -> sqlx::Result<()> {
    let stored: Vec<(i64, String)> = sqlx::query_as(
        "SELECT seq, payload FROM ops
         WHERE tenant_id = $1 AND entity = 'member' AND entity_id = $2 AND kind = 'upsert'",
    )
    .bind(tenant)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut seqs = Vec::new();
    let mut payloads = Vec::new();
    for (seq, text) in stored {
        let Ok(Value::Object(mut p)) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        if scrub_member_payload(&mut p, id) {
            seqs.push(seq);
            payloads.push(Value::Object(p).to_string());
        }
    }
    if !seqs.is_empty() {
        sqlx::query(
            "UPDATE ops SET payload = u.payload
             FROM UNNEST($2::bigint[], $3::text[]) AS u(seq, payload)
             WHERE ops.tenant_id = $1 AND ops.seq = u.seq",
        )
        .bind(tenant)
        .bind(&seqs)
        .bind(&payloads)
        .execute(&mut *conn)
        .await?;
    }
    // Her appointments' notes and their reminders' text (`ERASED_ELSEWHERE`).
    // Found by reading the tenant's appointment operations: erasures are rare,
    // and an index for them would cost every push of an appointment.
    for (entity, field) in ERASED_ELSEWHERE {
        let sql = if *entity == "appointment" {
            APPOINTMENTS_OF_HERS
        } else {
            MESSAGES_OF_HERS
        };
        sqlx::query(sql)
            .bind(tenant)
            .bind(id)
            .bind(*entity)
            .bind(*field)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "DELETE FROM rejected_ops WHERE tenant_id = $1 AND entity = 'member' AND entity_id = $2",
    )
    .bind(tenant)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}
