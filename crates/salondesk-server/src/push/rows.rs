//! Writing the log: operations (the devices', and the server's own) and the
//! refused ones, each batch in one multi-row statement (`UNNEST` of arrays),
//! never one round trip per operation.

use chrono::{DateTime, Utc};
use salondesk_protocol::Op;
use sqlx::postgres::PgArguments;
use sqlx::query::Query;
use sqlx::{Arguments, Connection, PgConnection, Postgres};
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

/// The insert of a batch, `$tail` after it (literal SQL either way).
macro_rules! insert_sql {
    ($tail:literal) => {
        concat!(
            "INSERT INTO ops (op_id, tenant_id, store_id, device_id, entity, entity_id, kind, hlc, payload, created_at)
             SELECT u.op_id, $1, u.store_id, u.device_id, u.entity, u.entity_id, u.kind, u.hlc, u.payload, u.created_at
             FROM UNNEST($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[])
                  WITH ORDINALITY AS u(op_id, store_id, device_id, entity, entity_id, kind, hlc, payload, created_at, ord)
             ORDER BY u.ord ",
            $tail
        )
    };
}

/// Appends `rows` to the tenant's log in order (seq follows the order given).
/// Returns the op ids actually inserted (an op id already in the log is not).
///
/// Nearly every batch is all new, so it is first inserted plainly, in a
/// savepoint: a per-row conflict check (`ON CONFLICT`) costs a third of the
/// insert. An op id already logged (a push sent again after a lost reply)
/// fails that insert; the batch is then inserted skipping the known ones.
pub async fn insert_ops(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    rows: &[NewOp],
) -> Result<HashSet<Uuid>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(HashSet::new());
    }
    let columns = Columns::of(rows);
    let plain = sqlx::query_with(insert_sql!(""), columns.arguments(tenant_id)?);
    if inserted_whole(conn, plain).await? {
        return Ok(columns.op_ids.iter().copied().collect());
    }
    let inserted: Vec<Uuid> = sqlx::query_scalar_with(
        insert_sql!("ON CONFLICT (op_id) DO NOTHING RETURNING op_id"),
        columns.arguments(tenant_id)?,
    )
    .fetch_all(conn)
    .await?;
    Ok(inserted.into_iter().collect())
}

/// Runs a plain multi-row `insert` in a savepoint: true if every row went
/// in; false, with nothing of it kept, if a unique index refused one (23505).
/// For batches that are nearly always all new, where a per-row `ON CONFLICT`
/// check would cost more than the rare second try.
pub async fn inserted_whole(
    conn: &mut PgConnection,
    insert: Query<'_, Postgres, PgArguments>,
) -> Result<bool, sqlx::Error> {
    let mut savepoint = conn.begin().await?;
    match insert.execute(&mut *savepoint).await {
        Ok(_) => {
            savepoint.commit().await?;
            Ok(true)
        }
        Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
            savepoint.rollback().await?;
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// The rows as one array per column (`UNNEST`ed by the insert).
struct Columns<'a> {
    op_ids: Vec<Uuid>,
    stores: Vec<Option<Uuid>>,
    devices: Vec<Uuid>,
    entities: Vec<&'a str>,
    entity_ids: Vec<&'a str>,
    kinds: Vec<&'static str>,
    hlcs: Vec<&'a str>,
    payloads: Vec<&'a str>,
    created: Vec<DateTime<Utc>>,
}

impl<'a> Columns<'a> {
    fn of(rows: &'a [NewOp]) -> Self {
        Columns {
            op_ids: rows.iter().map(|r| r.op_id).collect(),
            stores: rows.iter().map(|r| r.store_id).collect(),
            devices: rows.iter().map(|r| r.device_id).collect(),
            entities: rows.iter().map(|r| r.entity.as_str()).collect(),
            entity_ids: rows.iter().map(|r| r.entity_id.as_str()).collect(),
            kinds: rows.iter().map(|r| r.kind).collect(),
            hlcs: rows.iter().map(|r| r.hlc.as_str()).collect(),
            payloads: rows.iter().map(|r| r.payload.as_str()).collect(),
            created: rows.iter().map(|r| r.created_at).collect(),
        }
    }

    /// The statement's arguments: the tenant, then each column.
    fn arguments(&self, tenant_id: Uuid) -> Result<PgArguments, sqlx::Error> {
        let mut a = PgArguments::default();
        let add = |e: sqlx::error::BoxDynError| sqlx::Error::Encode(e);
        a.add(tenant_id).map_err(add)?;
        a.add(&self.op_ids).map_err(add)?;
        a.add(&self.stores).map_err(add)?;
        a.add(&self.devices).map_err(add)?;
        a.add(&self.entities).map_err(add)?;
        a.add(&self.entity_ids).map_err(add)?;
        a.add(&self.kinds).map_err(add)?;
        a.add(&self.hlcs).map_err(add)?;
        a.add(&self.payloads).map_err(add)?;
        a.add(&self.created).map_err(add)?;
        Ok(a)
    }
}

/// The most of a refused operation's payload text kept (bytes).
const MAX_REFUSED_PAYLOAD: usize = 64 * 1024;

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
    // A message may quote what was refused (a field name with a NUL in it).
    let messages: Vec<String> = refused.iter().map(|r| printable(r.message)).collect();
    // Kept for support, cut short: a refused 5 MB note is not worth storing.
    let payloads: Vec<String> = refused
        .iter()
        .map(|r| {
            let mut text = r.op.payload.to_string();
            if text.len() > MAX_REFUSED_PAYLOAD {
                let mut end = MAX_REFUSED_PAYLOAD;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.truncate(end);
            }
            text
        })
        .collect();
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
