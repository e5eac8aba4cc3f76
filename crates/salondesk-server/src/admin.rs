//! The admin API (bearer admin token): tenants, their stores, one-time
//! enrolment codes for a store's new device, and revoking a device.
//!
//! An enrolment code is short enough to type from a phone screen: 8 characters
//! from an alphabet without look-alikes (no 0/O, 1/I/L), shown as `XXXX-XXXX`,
//! accepted with or without the dash in any case. That is ~40 bits: guessing
//! one takes ~10^12 tries, against a per-address rate limit, a lifetime of
//! minutes and a single use. Only its SHA-256 is stored.

use crate::auth::{sha256, Admin};
use crate::error::{ApiError, ApiResult};
use crate::routes::JsonBody;
use crate::state::AppState;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Duration, Utc};
use rand::Rng;
use salondesk_protocol::admin::{
    CreateEnrolmentCode, CreateStore, CreateTenant, EnrolmentCode, SetHeadOffice, StaffChange,
    StaffChanges, StoreCreated, TenantCreated,
};
use salondesk_protocol::chain::{store_code, store_name, StoreFieldError};
use uuid::Uuid;

/// The code's characters: no 0/O, 1/I/L.
pub const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LEN: usize = 8;
pub const DEFAULT_CODE_TTL_SECONDS: i64 = 15 * 60;
pub const MAX_CODE_TTL_SECONDS: i64 = 24 * 60 * 60;

/// A typed code as stored: dashes and spaces dropped, upper case; None if it
/// cannot be a code at all.
pub fn normalize_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| *c != '-' && !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

pub(crate) fn path_id(path: Result<Path<String>, PathRejection>, what: &str) -> ApiResult<Uuid> {
    path.ok()
        .and_then(|Path(s)| Uuid::parse_str(&s).ok())
        .ok_or_else(|| ApiError::not_found(format!("no such {what}")))
}

fn name(s: &str, what: &str) -> ApiResult<String> {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 200 || s.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "{what} must be 1–200 printable characters"
        )));
    }
    Ok(s.to_owned())
}

/// `POST /v1/admin/tenants`
pub async fn create_tenant(
    State(state): State<AppState>,
    _: Admin,
    JsonBody(req): JsonBody<CreateTenant>,
) -> ApiResult<Response> {
    let name = name(&req.name, "name")?;
    let id = Uuid::now_v7();
    sqlx::query("INSERT INTO tenants (id, name) VALUES ($1, $2)")
        .bind(id)
        .bind(&name)
        .execute(state.pool())
        .await?;
    Ok((StatusCode::CREATED, Json(TenantCreated { tenant_id: id })).into_response())
}

/// `POST /v1/admin/tenants/{tenant_id}/stores`
pub async fn create_store(
    State(state): State<AppState>,
    _: Admin,
    path: Result<Path<String>, PathRejection>,
    JsonBody(req): JsonBody<CreateStore>,
) -> ApiResult<Response> {
    let tenant_id = path_id(path, "tenant")?;
    let id = insert_store(&state, tenant_id, &req).await?;
    Ok((StatusCode::CREATED, Json(StoreCreated { store_id: id })).into_response())
}

/// A new store of `tenant_id` (the admin's or the owner's console): its
/// name and code checked by the protocol's rules, the code unique in the chain.
pub(crate) async fn insert_store(
    state: &AppState,
    tenant_id: Uuid,
    req: &CreateStore,
) -> ApiResult<Uuid> {
    let bad = |e: StoreFieldError| ApiError::invalid_field(e.field(), e.message());
    let name = store_name(&req.name).map_err(bad)?;
    let code = store_code(&req.code).map_err(bad)?;
    let id = Uuid::now_v7();
    let inserted = sqlx::query(
        "INSERT INTO stores (id, tenant_id, name, code)
         SELECT $1, t.id, $3, $4 FROM tenants t WHERE t.id = $2
         ON CONFLICT (tenant_id, code) DO NOTHING",
    )
    .bind(id)
    .bind(tenant_id)
    .bind(&name)
    .bind(&code)
    .execute(state.pool())
    .await?
    .rows_affected();
    if inserted == 0 {
        let tenant_exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = $1)")
                .bind(tenant_id)
                .fetch_one(state.pool())
                .await?;
        return Err(if tenant_exists {
            let mut e = ApiError::new(
                StatusCode::CONFLICT,
                "store_code_taken",
                format!("the chain already has a store with code {code}"),
            );
            e.field = Some("code");
            e
        } else {
            ApiError::not_found("no such tenant")
        });
    }
    Ok(id)
}

/// `POST /v1/admin/stores/{store_id}/enrolment-codes`
pub async fn create_enrolment_code(
    State(state): State<AppState>,
    _: Admin,
    path: Result<Path<String>, PathRejection>,
    JsonBody(req): JsonBody<CreateEnrolmentCode>,
) -> ApiResult<Response> {
    let store_id = path_id(path, "store")?;
    let code = insert_code(&state, store_id, None, &req).await?;
    Ok((StatusCode::CREATED, Json(code)).into_response())
}

/// A one-time code for a new device of `store_id`; `tenant`: only if the
/// store is that chain's (the owner's console), else 404 as for no store.
pub(crate) async fn insert_code(
    state: &AppState,
    store_id: Uuid,
    tenant: Option<Uuid>,
    req: &CreateEnrolmentCode,
) -> ApiResult<EnrolmentCode> {
    let ttl = req.ttl_seconds.unwrap_or(DEFAULT_CODE_TTL_SECONDS);
    if !(1..=MAX_CODE_TTL_SECONDS).contains(&ttl) {
        return Err(ApiError::invalid_field(
            "ttlSeconds",
            format!("ttlSeconds must be 1–{MAX_CODE_TTL_SECONDS} (a day at most)"),
        ));
    }
    // Judged at enrolment by the database's clock (`expires_at > now()`), so
    // set by the real one too, not the clock ops are judged by.
    let expires_at = Utc::now() + Duration::seconds(ttl);
    // A fresh code colliding with a live one is ~never; try again if it does.
    for _ in 0..5 {
        let code = new_code();
        let inserted = sqlx::query(
            "INSERT INTO enrolment_codes (code_hash, store_id, expires_at, head_office)
             SELECT $1, s.id, $3, $4 FROM stores s
             WHERE s.id = $2 AND ($5::uuid IS NULL OR s.tenant_id = $5)
             ON CONFLICT (code_hash) DO NOTHING",
        )
        .bind(&sha256(code.as_bytes())[..])
        .bind(store_id)
        .bind(expires_at)
        .bind(req.head_office)
        .bind(tenant)
        .execute(state.pool())
        .await?
        .rows_affected();
        if inserted == 1 {
            let shown = format!("{}-{}", &code[..4], &code[4..]);
            return Ok(EnrolmentCode {
                code: shown,
                expires_at,
            });
        }
        let store_exists: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM stores WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2))",
        )
        .bind(store_id)
        .bind(tenant)
        .fetch_one(state.pool())
        .await?;
        if !store_exists {
            return Err(ApiError::not_found("no such store"));
        }
    }
    Err(ApiError::internal())
}

/// `POST /v1/admin/devices/{device_id}/revoke`: its credential stops working
/// at once (204), for good: an enrolment code cannot bring it back (a new
/// install enrols under a new device id).
pub async fn revoke_device(
    State(state): State<AppState>,
    _: Admin,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<StatusCode> {
    let device_id = path_id(path, "device")?;
    revoke(&state, device_id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes `device_id` (once; again is a no-op); `tenant`: only that chain's.
pub(crate) async fn revoke(
    state: &AppState,
    device_id: Uuid,
    tenant: Option<Uuid>,
) -> ApiResult<()> {
    let found = sqlx::query(
        "UPDATE devices SET revoked_at = coalesce(revoked_at, $3)
         WHERE id = $1 AND ($2::uuid IS NULL OR tenant_id = $2)",
    )
    .bind(device_id)
    .bind(tenant)
    .bind(state.now())
    .execute(state.pool())
    .await?
    .rows_affected();
    if found == 0 {
        return Err(ApiError::not_found("no such device"));
    }
    Ok(())
}

/// `POST /v1/admin/devices/{device_id}/head-office`: the device may (or no
/// longer may) write what binds the whole chain (see `push::authority`). 204.
pub async fn set_head_office(
    State(state): State<AppState>,
    _: Admin,
    path: Result<Path<String>, PathRejection>,
    JsonBody(req): JsonBody<SetHeadOffice>,
) -> ApiResult<StatusCode> {
    let device_id = path_id(path, "device")?;
    let found = sqlx::query("UPDATE devices SET head_office = $2 WHERE id = $1")
        .bind(device_id)
        .bind(req.head_office)
        .execute(state.pool())
        .await?
        .rows_affected();
    if found == 0 {
        return Err(ApiError::not_found("no such device"));
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, serde::Deserialize)]
pub struct AfterParam {
    #[serde(default)]
    after: i64,
}

/// `GET /v1/admin/tenants/{tenant_id}/staff-changes?after=<id>`: the chain's
/// staff changes (new staff, role, standing, PIN), oldest first, 500 a page.
pub async fn staff_changes(
    State(state): State<AppState>,
    _: Admin,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<AfterParam>, QueryRejection>,
) -> ApiResult<Json<StaffChanges>> {
    let tenant_id = path_id(path, "tenant")?;
    let Query(AfterParam { after }) =
        query.map_err(|_| ApiError::bad_request("after must be a whole number"))?;
    type Row = (
        i64,
        Uuid,
        Option<Uuid>,
        Uuid,
        Uuid,
        Option<String>,
        Option<String>,
        Option<bool>,
        Option<bool>,
        bool,
        chrono::DateTime<Utc>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, staff_id, home_store_id, device_id, device_store_id, from_role, to_role,
                from_active, to_active, pin_changed, received_at
         FROM staff_changes WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT 500",
    )
    .bind(tenant_id)
    .bind(after)
    .fetch_all(state.pool())
    .await?;
    let changes = rows
        .into_iter()
        .map(|r| StaffChange {
            id: r.0,
            staff_id: r.1,
            home_store_id: r.2,
            device_id: r.3,
            device_store_id: r.4,
            from_role: r.5,
            to_role: r.6,
            from_active: r.7,
            to_active: r.8,
            pin_changed: r.9,
            received_at: r.10,
        })
        .collect();
    Ok(Json(StaffChanges { changes }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_typeable_and_normalised() {
        for _ in 0..100 {
            let c = new_code();
            assert_eq!(normalize_code(&c).as_deref(), Some(c.as_str()));
            let typed = format!("{}-{}", &c[..4], &c[4..]).to_lowercase();
            assert_eq!(normalize_code(&typed).as_deref(), Some(c.as_str()));
        }
        assert_eq!(normalize_code("abcd efgh").as_deref(), Some("ABCDEFGH"));
        assert_eq!(normalize_code("ABCD-EFG"), None, "too short");
        assert_eq!(
            normalize_code("ABCD-EFG0"),
            None,
            "0 is not in the alphabet"
        );
    }
}
