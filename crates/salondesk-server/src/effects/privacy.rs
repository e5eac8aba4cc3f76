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
//! - an operation about her that arrives after the erase (an offline till's:
//!   her record, or anything tied to one of her records — an appointment's
//!   notes, its history, a message's text, a follow-up's note, a rating's
//!   comment, a complaint and its notes) is scrubbed before it is logged or
//!   mirrored (`scrub_incoming`); whom each such record is for is kept in
//!   `member_records` (only some of its operations name her).

use crate::auth::Device;
use crate::push::authority::is_head_office;
use crate::push::check::Refusal;
use salondesk_protocol::privacy::{
    named_member, record_of, scrub_member_payload, scrub_personal, PERSONAL_ELSEWHERE,
};
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

/// A record about one member: (entity, id).
type Record = (String, String);

/// The member each record in `records` is for: as the batch's own
/// operations name her (`batch`, the later winning), else as logged
/// (`member_records`).
async fn members_of(
    conn: &mut PgConnection,
    tenant: Uuid,
    records: &HashSet<Record>,
    batch: &HashMap<Record, String>,
) -> sqlx::Result<HashMap<Record, String>> {
    let (entities, ids): (Vec<String>, Vec<String>) = records
        .iter()
        .filter(|r| !batch.contains_key(*r))
        .cloned()
        .unzip();
    let mut out = batch.clone();
    if !ids.is_empty() {
        let rows: Vec<(String, String, Uuid)> = sqlx::query_as(
            "SELECT r.entity, r.record_id, r.member_id
             FROM UNNEST($2::text[], $3::text[]) AS u(entity, record_id)
             JOIN member_records r ON r.tenant_id = $1 AND r.entity = u.entity
                                  AND r.record_id = u.record_id",
        )
        .bind(tenant)
        .bind(&entities)
        .bind(&ids)
        .fetch_all(conn)
        .await?;
        out.extend(rows.into_iter().map(|(e, r, m)| ((e, r), m.to_string())));
    }
    Ok(out)
}

/// The pending operations (by index) that are about an erased member
/// (tombstoned, or erased in this very batch), scrubbed: the operation to
/// apply and its payload text to log. Her own record's upserts lose what an
/// erase clears; an operation tied to one of her appointments (the booking,
/// a later edit, its history, its reminder) loses its personal fields
/// (`privacy::PERSONAL_ELSEWHERE`). Looks nothing up unless the batch holds
/// a member upsert or such an operation.
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
    // (index, record) of the operations tied to a record about a member.
    let tied: Vec<(usize, Record)> = pending
        .iter()
        .filter_map(|&i| {
            let op = &ops[i];
            let (e, r) = record_of(&op.entity, &op.entity_id, &op.payload)?;
            Some((i, (e.to_owned(), r.to_owned())))
        })
        .collect();
    if upserts.is_empty() && tied.is_empty() {
        return Ok(HashMap::new());
    }
    let mut named: HashMap<Record, String> = HashMap::new();
    for &i in pending {
        if let Some(m) = named_member(&ops[i].entity, &ops[i].payload) {
            named.insert(
                (ops[i].entity.clone(), ops[i].entity_id.clone()),
                m.to_owned(),
            );
        }
    }
    let records: HashSet<Record> = tied.iter().map(|(_, r)| r.clone()).collect();
    let member_of = members_of(&mut *conn, device.tenant_id, &records, &named).await?;

    let mut erased: HashSet<String> = pending
        .iter()
        .filter(|&&i| is_erase(&ops[i]))
        .map(|&i| ops[i].entity_id.clone())
        .collect();
    let ids: Vec<Uuid> = upserts
        .iter()
        .map(|&i| ops[i].entity_id.as_str())
        .chain(
            tied.iter()
                .filter_map(|(_, r)| member_of.get(r).map(String::as_str)),
        )
        .filter_map(|id| Uuid::parse_str(id).ok())
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
    let mut scrub = |i: usize, f: &dyn Fn(&mut serde_json::Map<String, Value>) -> bool| {
        let mut clean = ops[i].clone();
        if let Value::Object(p) = &mut clean.payload {
            if f(p) {
                let text = clean.payload.to_string();
                out.insert(i, (clean, text));
            }
        }
    };
    for i in upserts {
        let id = ops[i].entity_id.clone();
        if erased.contains(&id) {
            scrub(i, &|p| scrub_member_payload(p, &id));
        }
    }
    for (i, record) in tied {
        if member_of.get(&record).is_some_and(|m| erased.contains(m)) {
            let entity = ops[i].entity.clone();
            scrub(i, &|p| scrub_personal(&entity, p));
        }
    }
    Ok(out)
}

/// Whom the accepted records about a member are for (`member_records`),
/// then the accepted erases: tombstone, mirror, and her stored operations
/// rewritten.
pub async fn apply(conn: &mut PgConnection, device: &Device, accepted: &[&Op]) -> sqlx::Result<()> {
    // One row per record: the batch's last operation naming her wins.
    let mut named: HashMap<Record, Uuid> = HashMap::new();
    for op in accepted {
        if let Some(m) = named_member(&op.entity, &op.payload).and_then(|m| Uuid::parse_str(m).ok())
        {
            named.insert((op.entity.clone(), op.entity_id.clone()), m);
        }
    }
    if !named.is_empty() {
        let mut entities = Vec::with_capacity(named.len());
        let mut ids = Vec::with_capacity(named.len());
        let mut members = Vec::with_capacity(named.len());
        for ((e, r), m) in named {
            entities.push(e);
            ids.push(r);
            members.push(m);
        }
        sqlx::query(
            "INSERT INTO member_records (tenant_id, entity, record_id, member_id)
             SELECT $1, e, r, m FROM UNNEST($2::text[], $3::text[], $4::uuid[]) AS u(e, r, m)
             ON CONFLICT (tenant_id, entity, record_id) DO UPDATE SET member_id = EXCLUDED.member_id",
        )
        .bind(device.tenant_id)
        .bind(&entities)
        .bind(&ids)
        .bind(&members)
        .execute(&mut *conn)
        .await?;
    }
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

/// Puts the rewritten payloads (`(seq, payload)`) in place of the stored ones.
async fn replace_payloads(
    conn: &mut PgConnection,
    tenant: Uuid,
    rewritten: Vec<(i64, String)>,
) -> sqlx::Result<()> {
    if rewritten.is_empty() {
        return Ok(());
    }
    let (seqs, payloads): (Vec<i64>, Vec<String>) = rewritten.into_iter().unzip();
    sqlx::query(
        "UPDATE ops SET payload = u.payload
         FROM UNNEST($2::bigint[], $3::text[]) AS u(seq, payload)
         WHERE ops.tenant_id = $1 AND ops.seq = u.seq",
    )
    .bind(tenant)
    .bind(&seqs)
    .bind(&payloads)
    .execute(conn)
    .await?;
    Ok(())
}

/// `stored` (seq, payload text) scrubbed by `scrub`: the ones it changed.
fn scrubbed(
    stored: Vec<(i64, String)>,
    scrub: impl Fn(&mut serde_json::Map<String, Value>) -> bool,
) -> Vec<(i64, String)> {
    stored
        .into_iter()
        .filter_map(|(seq, text)| {
            let Ok(Value::Object(mut p)) = serde_json::from_str::<Value>(&text) else {
                return None;
            };
            scrub(&mut p).then(|| (seq, Value::Object(p).to_string()))
        })
        .collect()
}

/// Scrubs every stored upsert of member `id` and every stored operation tied
/// to one of her records, and drops the refused operations about her
/// kept for support (never pulled, no longer needed).
async fn rewrite_log(conn: &mut PgConnection, tenant: Uuid, id: &str) -> sqlx::Result<()> {
    let stored: Vec<(i64, String)> = sqlx::query_as(
        "SELECT seq, payload FROM ops
         WHERE tenant_id = $1 AND entity = 'member' AND entity_id = $2 AND kind = 'upsert'",
    )
    .bind(tenant)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    replace_payloads(
        &mut *conn,
        tenant,
        scrubbed(stored, |p| scrub_member_payload(p, id)),
    )
    .await?;
    // The operations about her records (`PERSONAL_ELSEWHERE`): each record's
    // own, and those tied to one through a field. Found by reading the
    // tenant's operations of those entities: erasures are rare, and an index
    // for them would cost every push of an appointment.
    let member = Uuid::parse_str(id).expect("checked: a UUID");
    let records: Vec<(String, String)> = sqlx::query_as(
        "SELECT entity, record_id FROM member_records WHERE tenant_id = $1 AND member_id = $2",
    )
    .bind(tenant)
    .bind(member)
    .fetch_all(&mut *conn)
    .await?;
    if !records.is_empty() {
        let hers: HashSet<(&str, &str)> = records
            .iter()
            .map(|(e, r)| (e.as_str(), r.as_str()))
            .collect();
        let ids: Vec<&str> = records.iter().map(|(_, r)| r.as_str()).collect();
        let entities: Vec<&str> = PERSONAL_ELSEWHERE.iter().map(|p| p.entity).collect();
        let stored: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT seq, entity, entity_id, payload FROM ops
             WHERE tenant_id = $1 AND entity = ANY($2)
               AND (entity_id = ANY($3)
                    OR payload::jsonb ->> 'appointmentId' = ANY($3)
                    OR payload::jsonb ->> 'careTaskId' = ANY($3)
                    OR payload::jsonb ->> 'campaignMemberId' = ANY($3)
                    OR payload::jsonb ->> 'complaintId' = ANY($3))",
        )
        .bind(tenant)
        .bind(&entities)
        .bind(&ids)
        .fetch_all(&mut *conn)
        .await?;
        let mut rewritten = Vec::new();
        for (seq, entity, entity_id, text) in stored {
            let Ok(payload) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            // Only what the protocol ties to one of her records (an id that
            // merely matched some other field is left alone).
            if !record_of(&entity, &entity_id, &payload).is_some_and(|r| hers.contains(&r)) {
                continue;
            }
            rewritten.extend(scrubbed(vec![(seq, text)], |p| scrub_personal(&entity, p)));
        }
        replace_payloads(&mut *conn, tenant, rewritten).await?;
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
