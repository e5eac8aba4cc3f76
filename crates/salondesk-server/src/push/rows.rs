//! Writing the log: operations (the devices', and the server's own) and the
//! refused ones, each batch in one multi-row statement (`UNNEST` of arrays),
//! never one round trip per operation.

use chrono::{DateTime, Utc};
use salondesk_protocol::Op;
use sqlx::PgConnection;
use std::collections::HashSet;
use uuid::Uuid;

/// One row of `ops`.
#[derive(Debug, Clone)]
pub struct NewOp {
    pub op_id: Uuid,
    /// None: chain-wide; else only this store pulls it.
    pub store_id: Option<Uuid>,
    pub device_id: Uuid,
    pub entity: String,
    pub entity_id: String,
    pub kind: &'static str,
    pub hlc: String,
    /// JSON text.
    pub payload: String,
    pub created_at: DateTime<Utc>,
}

impl NewOp {
    /// `payload_text`: the payload as received (valid JSON, checked on parsing).
    pub fn from_device(op: &Op, store_id: Option<Uuid>, payload_text: &str) -> NewOp {
        NewOp {
            op_id: op.op_id,
            store_id,
            device_id: op.device_id,
            entity: op.entity.clone(),
            entity_id: op.entity_id.clone(),
            kind: op.kind.as_str(),
            hlc: op.hlc.clone(),
            payload: payload_text.to_owned(),
            created_at: op.created_at,
        }
    }
}

/// Appends `rows` to the tenant's log in order (seq follows the order given).
/// Returns the op ids actually inserted (an op id already in the log is not).
pub async fn insert_ops(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    rows: &[NewOp],
) -> Result<HashSet<Uuid>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(HashSet::new());
    }
    let mut op_ids = Vec::with_capacity(rows.len());
    let mut stores = Vec::with_capacity(rows.len());
    let mut devices = Vec::with_capacity(rows.len());
    let mut entities = Vec::with_capacity(rows.len());
    let mut entity_ids = Vec::with_capacity(rows.len());
    let mut kinds = Vec::with_capacity(rows.len());
    let mut hlcs = Vec::with_capacity(rows.len());
    let mut payloads = Vec::with_capacity(rows.len());
    let mut created = Vec::with_capacity(rows.len());
    for r in rows {
        op_ids.push(r.op_id);
        stores.push(r.store_id);
        devices.push(r.device_id);
        entities.push(r.entity.as_str());
        entity_ids.push(r.entity_id.as_str());
        kinds.push(r.kind);
        hlcs.push(r.hlc.as_str());
        payloads.push(r.payload.as_str());
        created.push(r.created_at);
    }
    let inserted: Vec<Uuid> = sqlx::query_scalar(
        "INSERT INTO ops (op_id, tenant_id, store_id, device_id, entity, entity_id, kind, hlc, payload, created_at)
         SELECT u.op_id, $1, u.store_id, u.device_id, u.entity, u.entity_id, u.kind, u.hlc, u.payload, u.created_at
         FROM UNNEST($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
              WITH ORDINALITY AS u(op_id, store_id, device_id, entity, entity_id, kind, hlc, payload, created_at, ord)
         ORDER BY u.ord
         ON CONFLICT (op_id) DO NOTHING
         RETURNING op_id",
    )
    .bind(tenant_id)
    .bind(&op_ids)
    .bind(&stores)
    .bind(&devices)
    .bind(&entities)
    .bind(&entity_ids)
    .bind(&kinds)
    .bind(&hlcs)
    .bind(&payloads)
    .bind(&created)
    .fetch_all(conn)
    .await?;
    Ok(inserted.into_iter().collect())
}

/// A refused operation, kept for support; never applied, never pulled.
pub struct Refused<'a> {
    pub op: &'a Op,
    pub code: &'static str,
    pub message: &'a str,
}

pub async fn insert_refused(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    device_id: Uuid,
    refused: &[Refused<'_>],
) -> Result<(), sqlx::Error> {
    if refused.is_empty() {
        return Ok(());
    }
    let op_ids: Vec<Uuid> = refused.iter().map(|r| r.op.op_id).collect();
    // PostgreSQL text cannot hold NUL; a refused op may (that may be why).
    let printable = |s: &str| s.replace('\0', "\u{FFFD}");
    let entities: Vec<String> = refused.iter().map(|r| printable(&r.op.entity)).collect();
    let entity_ids: Vec<String> = refused.iter().map(|r| printable(&r.op.entity_id)).collect();
    let codes: Vec<&str> = refused.iter().map(|r| r.code).collect();
    let messages: Vec<&str> = refused.iter().map(|r| r.message).collect();
    let payloads: Vec<String> = refused.iter().map(|r| r.op.payload.to_string()).collect();
    sqlx::query(
        "INSERT INTO rejected_ops (op_id, tenant_id, device_id, entity, entity_id, code, message, payload)
         SELECT u.op_id, $1, $2, u.entity, u.entity_id, u.code, u.message, u.payload
         FROM UNNEST($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
              AS u(op_id, entity, entity_id, code, message, payload)
         ON CONFLICT (op_id) DO NOTHING",
    )
    .bind(tenant_id)
    .bind(device_id)
    .bind(&op_ids)
    .bind(&entities)
    .bind(&entity_ids)
    .bind(&codes)
    .bind(&messages)
    .bind(&payloads)
    .execute(conn)
    .await?;
    Ok(())
}
