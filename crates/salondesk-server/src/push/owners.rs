//! Who owns an id. A UUID-form id belongs to the tenant that first wrote it
//! (and, for a store-scope record, to that store); nobody else may write it or
//! name it. A store-scope record with a key for an id (a reminder message)
//! belongs to its store within the tenant. Other key-form ids (coupon codes,
//! tier names, settings keys) need no owner: they only mean something inside
//! their tenant's log, so two chains using one coupon code never meet.
//!
//! An id nobody owns yet is allowed, referenced or written: records made
//! before sync existed arrive in the same or a later batch than what names
//! them, and a UUID v7 made on another chain's device cannot be guessed, so
//! an unknown id is not a way into anyone's data.

use super::check::{Claim, Refusal};
use crate::auth::Device;
use sqlx::PgConnection;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

#[derive(Debug, Clone, Copy)]
pub struct Owner {
    pub tenant_id: Uuid,
    pub store_id: Option<Uuid>,
}

/// May `device` write or name something owned by `owner`?
pub fn judge(owner: Option<&Owner>, device: &Device) -> Result<(), Refusal> {
    match owner {
        None => Ok(()),
        Some(o) if o.tenant_id != device.tenant_id => Err(Refusal::forbidden()),
        Some(o) if o.store_id.is_some_and(|s| s != device.store_id) => Err(Refusal::forbidden()),
        Some(_) => Ok(()),
    }
}

pub async fn lookup(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Owner>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, Uuid, Option<Uuid>)> =
        sqlx::query_as("SELECT id, tenant_id, store_id FROM id_owners WHERE id = ANY($1)")
            .bind(ids)
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, tenant_id, store_id)| {
            (
                id,
                Owner {
                    tenant_id,
                    store_id,
                },
            )
        })
        .collect())
}

/// Records the batch's new ids as the device's tenant's (and store's). Returns
/// the ids another transaction claimed first (a race between two chains on
/// one UUID: never in practice, but then those ids are not ours).
pub async fn claim(
    conn: &mut PgConnection,
    device: &Device,
    claims: &[Claim],
) -> Result<Vec<Uuid>, sqlx::Error> {
    if claims.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = claims.iter().map(|c| c.id).collect();
    let stores: Vec<Option<Uuid>> = claims.iter().map(|c| c.store).collect();
    // The ids were just looked up and found unowned: inserted plainly. Only
    // another chain claiming one of them at this very moment fails that;
    // then they go again, each to whoever has it first.
    let plain = sqlx::query(
        "INSERT INTO id_owners (id, tenant_id, store_id)
         SELECT u.id, $1, u.store_id FROM UNNEST($2::uuid[], $3::uuid[]) AS u(id, store_id)",
    )
    .bind(device.tenant_id)
    .bind(&ids)
    .bind(&stores);
    if super::rows::inserted_whole(conn, plain).await? {
        return Ok(Vec::new());
    }
    let won: Vec<Uuid> = sqlx::query_scalar(
        "INSERT INTO id_owners (id, tenant_id, store_id)
         SELECT u.id, $1, u.store_id FROM UNNEST($2::uuid[], $3::uuid[]) AS u(id, store_id)
         ON CONFLICT (id) DO NOTHING
         RETURNING id",
    )
    .bind(device.tenant_id)
    .bind(&ids)
    .bind(&stores)
    .fetch_all(conn)
    .await?;
    let won: HashSet<Uuid> = won.into_iter().collect();
    Ok(ids.into_iter().filter(|id| !won.contains(id)).collect())
}

/// Owners of store-scope keys (entity, key) in the device's tenant.
pub async fn lookup_keys(
    conn: &mut PgConnection,
    device: &Device,
    keys: &[(String, String)],
) -> Result<HashMap<(String, String), Uuid>, sqlx::Error> {
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let (entities, names): (Vec<&str>, Vec<&str>) =
        keys.iter().map(|(e, k)| (e.as_str(), k.as_str())).unzip();
    let rows: Vec<(String, String, Uuid)> = sqlx::query_as(
        "SELECT o.entity, o.key, o.store_id FROM key_owners o
         JOIN UNNEST($2::text[], $3::text[]) AS u(entity, key) ON o.entity = u.entity AND o.key = u.key
         WHERE o.tenant_id = $1",
    )
    .bind(device.tenant_id)
    .bind(&entities)
    .bind(&names)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(e, k, s)| ((e, k), s)).collect())
}

/// Records new store-scope keys as the device's store's. The tenant lock the
/// push holds serialises this per tenant, so no race to handle.
pub async fn claim_keys(
    conn: &mut PgConnection,
    device: &Device,
    keys: &[(String, String)],
) -> Result<(), sqlx::Error> {
    if keys.is_empty() {
        return Ok(());
    }
    let (entities, names): (Vec<&str>, Vec<&str>) =
        keys.iter().map(|(e, k)| (e.as_str(), k.as_str())).unzip();
    sqlx::query(
        "INSERT INTO key_owners (tenant_id, entity, key, store_id)
         SELECT $1, u.entity, u.key, $2 FROM UNNEST($3::text[], $4::text[]) AS u(entity, key)
         ON CONFLICT DO NOTHING",
    )
    .bind(device.tenant_id)
    .bind(device.store_id)
    .bind(&entities)
    .bind(&names)
    .execute(conn)
    .await?;
    Ok(())
}
