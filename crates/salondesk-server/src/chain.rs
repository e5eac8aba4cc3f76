//! The chain owner's console (`/v1/chain/…`, authorised by the chain's owner
//! key: `owner`): the chain's stores, a new store, an enrolment code for a
//! store's new till, every till with its last sync, what it has waiting and
//! its app version, and revoking a lost till. Everything is scoped to the
//! key's chain: another chain's store or till is answered 404, exactly as one
//! that does not exist, so a key cannot even learn what other chains hold.
//!
//! The creating and revoking are the admin API's own functions (`admin`),
//! called with the chain they must stay inside.

use crate::admin::{insert_code, insert_store, path_id, revoke};
use crate::error::ApiResult;
use crate::owner::Owner;
use crate::routes::JsonBody;
use crate::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use salondesk_protocol::admin::{CreateEnrolmentCode, CreateStore, StoreCreated};
use salondesk_protocol::chain::{ChainInfo, ChainStoreInfo, ChainStores, ChainTill, ChainTills};
use uuid::Uuid;

/// More than any chain has; a list is never unbounded.
const MAX_STORES: i64 = 2_000;
const MAX_TILLS: i64 = 10_000;

/// `GET /v1/chain`: whose key this is (the console checks it is its own chain's).
pub async fn info(State(state): State<AppState>, owner: Owner) -> ApiResult<Json<ChainInfo>> {
    let name: String = sqlx::query_scalar("SELECT name FROM tenants WHERE id = $1")
        .bind(owner.tenant_id)
        .fetch_one(state.pool())
        .await?;
    Ok(Json(ChainInfo {
        tenant_id: owner.tenant_id,
        name,
    }))
}

/// `GET /v1/chain/stores`: by code.
pub async fn stores(State(state): State<AppState>, owner: Owner) -> ApiResult<Json<ChainStores>> {
    let rows: Vec<(Uuid, String, String, DateTime<Utc>, i64)> = sqlx::query_as(
        "SELECT s.id, s.name, s.code, s.created_at,
                (SELECT count(*) FROM devices d WHERE d.store_id = s.id AND d.revoked_at IS NULL)
         FROM stores s WHERE s.tenant_id = $1 ORDER BY s.code LIMIT $2",
    )
    .bind(owner.tenant_id)
    .bind(MAX_STORES)
    .fetch_all(state.pool())
    .await?;
    let stores = rows
        .into_iter()
        .map(|(id, name, code, created_at, tills)| ChainStoreInfo {
            id,
            name,
            code,
            created_at,
            tills,
        })
        .collect();
    Ok(Json(ChainStores { stores }))
}

/// `POST /v1/chain/stores`: 201 `{storeId}`; a code the chain has: 409.
pub async fn add_store(
    State(state): State<AppState>,
    owner: Owner,
    JsonBody(req): JsonBody<CreateStore>,
) -> ApiResult<Response> {
    let store_id = insert_store(&state, owner.tenant_id, &req).await?;
    tracing::info!(tenant = %owner.tenant_id, store = %store_id, "store added by the owner");
    Ok((StatusCode::CREATED, Json(StoreCreated { store_id })).into_response())
}

/// `POST /v1/chain/stores/{store_id}/enrolment-codes`: 201 with the code
/// (`XXXX-XXXX`, 15 minutes by default, once), as the admin's.
pub async fn enrolment_code(
    State(state): State<AppState>,
    owner: Owner,
    path: Result<Path<String>, PathRejection>,
    JsonBody(req): JsonBody<CreateEnrolmentCode>,
) -> ApiResult<Response> {
    let store_id = path_id(path, "store")?;
    let code = insert_code(&state, store_id, Some(owner.tenant_id), &req).await?;
    Ok((StatusCode::CREATED, Json(code)).into_response())
}

type TillRow = (
    Uuid,
    Uuid,
    String,
    String,
    bool,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<DateTime<Utc>>,
);

/// `GET /v1/chain/tills`: every till, revoked ones too, by store and code.
pub async fn tills(State(state): State<AppState>, owner: Owner) -> ApiResult<Json<ChainTills>> {
    let rows: Vec<TillRow> = sqlx::query_as(
        "WITH h AS (SELECT coalesce((SELECT seq FROM ops WHERE tenant_id = $1
                                     ORDER BY seq DESC LIMIT 1), 0) AS head)
         SELECT d.id, d.store_id, d.code, d.name, d.head_office, d.enrolled_at,
                a.last_push_at, a.last_pull_at, a.waiting,
                CASE WHEN a.pull_cursor IS NULL THEN NULL
                     ELSE greatest(h.head - a.pull_cursor, 0) END,
                d.app_version, d.revoked_at
         FROM devices d
         JOIN stores s ON s.id = d.store_id
         LEFT JOIN device_activity a ON a.device_id = d.id
         CROSS JOIN h
         WHERE d.tenant_id = $1
         ORDER BY s.code, d.code LIMIT $2",
    )
    .bind(owner.tenant_id)
    .bind(MAX_TILLS)
    .fetch_all(state.pool())
    .await?;
    let tills = rows
        .into_iter()
        .map(|r| ChainTill {
            id: r.0,
            store_id: r.1,
            code: r.2,
            name: r.3,
            head_office: r.4,
            enrolled_at: r.5,
            last_push_at: r.6,
            last_pull_at: r.7,
            waiting: r.8,
            not_pulled: r.9,
            app_version: r.10,
            revoked_at: r.11,
        })
        .collect();
    Ok(Json(ChainTills { tills }))
}

/// `POST /v1/chain/tills/{device_id}/revoke`: 204; its credential stops
/// working at once, for good.
pub async fn revoke_till(
    State(state): State<AppState>,
    owner: Owner,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<StatusCode> {
    let device_id = path_id(path, "device")?;
    revoke(&state, device_id, Some(owner.tenant_id)).await?;
    tracing::info!(tenant = %owner.tenant_id, device = %device_id, "till revoked by the owner");
    Ok(StatusCode::NO_CONTENT)
}
