//! Conflicts: what cannot merge silently becomes a row here and a server-made
//! `conflict` operation every store of the chain pulls (its managers resolve
//! it). A device resolves one by pushing `{resolution, resolvedBy, resolvedAt}`
//! for its id; that operation is stored and synced like any other.

use crate::auth::Device;
use crate::clocks::Clocks;
use crate::push::rows::NewOp;
use chrono::SecondsFormat;
use salondesk_protocol::{Op, SERVER_DEVICE_ID};
use serde_json::{json, Value};
use sqlx::PgConnection;
use std::collections::HashSet;
use uuid::Uuid;

pub const OVERDRAFT: &str = "overdraft";
pub const DOUBLE_BOOKING: &str = "double_booking";
pub const DUPLICATE_PHONE: &str = "duplicate_phone";
/// One sold line refunded by two tills (`refunds`).
pub const DOUBLE_REFUND: &str = "double_refund";

/// A conflict found in a batch, not yet written.
#[derive(Debug, Clone)]
pub struct NewConflict {
    pub id: Uuid,
    pub kind: &'static str,
    pub entity: &'static str,
    pub entity_ids: Vec<String>,
    pub store_ids: Vec<Uuid>,
    pub detail: Value,
    /// Pair conflicts are raised once per pair: the same key again is ignored.
    pub pair_key: Option<String>,
}

impl NewConflict {
    /// A conflict about two records, keyed by the pair (in either order).
    pub fn pair(
        kind: &'static str,
        entity: &'static str,
        a: Uuid,
        b: Uuid,
        store_ids: Vec<Uuid>,
        detail: Value,
    ) -> NewConflict {
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        NewConflict {
            id: Uuid::now_v7(),
            kind,
            entity,
            entity_ids: vec![lo.to_string(), hi.to_string()],
            store_ids: dedup(store_ids),
            detail,
            pair_key: Some(format!("{kind}:{lo}:{hi}")),
        }
    }
}

pub fn dedup(mut ids: Vec<Uuid>) -> Vec<Uuid> {
    ids.sort();
    ids.dedup();
    ids
}

/// Writes the conflicts (skipping pairs already raised) and returns the
/// operations announcing the new ones, stamped by the server's clock.
pub async fn record(
    conn: &mut PgConnection,
    device: &Device,
    clocks: &Clocks,
    found: Vec<NewConflict>,
) -> Result<Vec<NewOp>, sqlx::Error> {
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let now = clocks.now();
    let ids: Vec<Uuid> = found.iter().map(|c| c.id).collect();
    let kinds: Vec<&str> = found.iter().map(|c| c.kind).collect();
    let entities: Vec<&str> = found.iter().map(|c| c.entity).collect();
    let entity_ids: Vec<String> = found
        .iter()
        .map(|c| json!(c.entity_ids).to_string())
        .collect();
    let store_ids: Vec<String> = found
        .iter()
        .map(|c| json!(c.store_ids).to_string())
        .collect();
    let details: Vec<String> = found.iter().map(|c| c.detail.to_string()).collect();
    let pair_keys: Vec<Option<&str>> = found.iter().map(|c| c.pair_key.as_deref()).collect();
    let inserted: Vec<Uuid> = sqlx::query_scalar(
        "INSERT INTO conflicts (id, tenant_id, kind, entity, entity_ids, store_ids, detail, pair_key, detected_at)
         SELECT u.id, $1, u.kind, u.entity, u.entity_ids::jsonb, u.store_ids::jsonb,
                u.detail::jsonb, u.pair_key, $2
         FROM UNNEST($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS u(id, kind, entity, entity_ids, store_ids, detail, pair_key)
         ON CONFLICT (tenant_id, pair_key) DO NOTHING
         RETURNING id",
    )
    .bind(device.tenant_id)
    .bind(now)
    .bind(&ids)
    .bind(&kinds)
    .bind(&entities)
    .bind(&entity_ids)
    .bind(&store_ids)
    .bind(&details)
    .bind(&pair_keys)
    .fetch_all(&mut *conn)
    .await?;
    let inserted: HashSet<Uuid> = inserted.into_iter().collect();
    let detected_at = now.to_rfc3339_opts(SecondsFormat::Millis, true);
    let mut ops = Vec::new();
    for c in found.into_iter().filter(|c| inserted.contains(&c.id)) {
        let payload = json!({
            "kind": c.kind,
            "entity": c.entity,
            "entityIds": c.entity_ids,
            "storeIds": c.store_ids,
            "detail": c.detail,
            "detectedAt": detected_at,
        });
        ops.push(NewOp {
            op_id: Uuid::now_v7(),
            store_id: None,
            device_id: SERVER_DEVICE_ID,
            entity: "conflict".into(),
            entity_id: c.id.to_string(),
            kind: "upsert",
            hlc: clocks.tick(device.tenant_id),
            payload: payload.to_string(),
            created_at: now,
        });
    }
    // The conflict's id is the tenant's from now on: no other chain may resolve it.
    let claimed: Vec<Uuid> = ops
        .iter()
        .map(|o| Uuid::parse_str(&o.entity_id).expect("made above"))
        .collect();
    sqlx::query(
        "INSERT INTO id_owners (id, tenant_id, store_id)
         SELECT id, $1, NULL FROM UNNEST($2::uuid[]) AS u(id) ON CONFLICT (id) DO NOTHING",
    )
    .bind(device.tenant_id)
    .bind(&claimed)
    .execute(conn)
    .await?;
    Ok(ops)
}

/// The ids among `ids` that are conflicts of the device's tenant.
pub async fn existing(
    conn: &mut PgConnection,
    device: &Device,
    ids: &[Uuid],
) -> Result<HashSet<Uuid>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let rows: Vec<Uuid> =
        sqlx::query_scalar("SELECT id FROM conflicts WHERE tenant_id = $1 AND id = ANY($2)")
            .bind(device.tenant_id)
            .bind(ids)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().collect())
}

/// Marks conflicts resolved by the accepted `conflict` operations (the last
/// one for an id wins), and lets an overdraft be raised again afterwards.
pub async fn resolve(
    conn: &mut PgConnection,
    device: &Device,
    ops: &[&Op],
) -> Result<(), sqlx::Error> {
    let resolutions: Vec<&Op> = ops
        .iter()
        .copied()
        .filter(|o| o.entity == "conflict")
        .collect();
    if resolutions.is_empty() {
        return Ok(());
    }
    let text = |o: &Op, k: &str| o.payload.get(k).and_then(Value::as_str).map(str::to_owned);
    let ids: Vec<Uuid> = resolutions
        .iter()
        .map(|o| Uuid::parse_str(&o.entity_id).expect("checked: a UUID"))
        .collect();
    let how: Vec<Option<String>> = resolutions.iter().map(|o| text(o, "resolution")).collect();
    let by: Vec<Option<String>> = resolutions.iter().map(|o| text(o, "resolvedBy")).collect();
    sqlx::query(
        "UPDATE conflicts c SET resolved_at = now(),
                resolution = coalesce(u.resolution, c.resolution),
                resolved_by = coalesce(u.resolved_by, c.resolved_by)
         FROM (SELECT DISTINCT ON (id) id, resolution, resolved_by
               FROM UNNEST($2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS x(id, resolution, resolved_by, ord)
               ORDER BY id, ord DESC) u
         WHERE c.id = u.id AND c.tenant_id = $1",
    )
    .bind(device.tenant_id)
    .bind(&ids)
    .bind(&how)
    .bind(&by)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE balances SET open_conflict = NULL WHERE tenant_id = $1 AND open_conflict = ANY($2)",
    )
    .bind(device.tenant_id)
    .bind(&ids)
    .execute(conn)
    .await?;
    Ok(())
}
