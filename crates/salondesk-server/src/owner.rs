//! The chain owner's key: what the owner's console authenticates with
//! (`/v1/chain/…`), instead of the operator's admin token, which opens every
//! chain. The operator issues it for one chain (`POST /v1/admin/tenants/{id}/
//! owner-keys`); it is shown once and only its SHA-256 is kept (32 random
//! bytes: as with device credentials, a fast hash is right for a secret
//! nobody chose). Issuing a key revokes the chain's earlier ones, so a lost
//! key is replaced rather than added to; `…/owner-keys/revoke` revokes them
//! all (the console stops until a new key is issued).
//!
//! A wrong key counts as a failed login of the caller's address, like a wrong
//! device credential (`auth::authenticate`): nobody can try keys as fast as
//! they can send them.

use crate::admin::path_id;
use crate::auth::{sha256, Admin};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use rand::RngCore;
use salondesk_protocol::chain::{OwnerKeyIssued, OWNER_KEY_PREFIX};
use uuid::Uuid;

/// The chain whose owner's key the request carries.
#[derive(Debug, Clone, Copy)]
pub struct Owner {
    pub tenant_id: Uuid,
}

fn new_key() -> String {
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    format!(
        "{OWNER_KEY_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
    )
}

/// `POST /v1/admin/tenants/{tenant_id}/owner-keys`: 201 with the key, once.
pub async fn issue(
    State(state): State<AppState>,
    _: Admin,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<Response> {
    let tenant_id = path_id(path, "tenant")?;
    let key = new_key();
    let key_id = Uuid::now_v7();
    let now = state.now();
    let mut tx = state.pool().begin().await?;
    // Locking the tenant row: two issues at once leave exactly one key.
    let found: Option<Uuid> = sqlx::query_scalar("SELECT id FROM tenants WHERE id = $1 FOR UPDATE")
        .bind(tenant_id)
        .fetch_optional(&mut *tx)
        .await?;
    if found.is_none() {
        return Err(ApiError::not_found("no such tenant"));
    }
    sqlx::query(
        "UPDATE owner_keys SET revoked_at = $2 WHERE tenant_id = $1 AND revoked_at IS NULL",
    )
    .bind(tenant_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO owner_keys (id, tenant_id, key_hash, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(key_id)
    .bind(tenant_id)
    .bind(&sha256(key.as_bytes())[..])
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(tenant = %tenant_id, key = %key_id, "owner key issued");
    Ok((StatusCode::CREATED, Json(OwnerKeyIssued { key_id, key })).into_response())
}

/// `POST /v1/admin/tenants/{tenant_id}/owner-keys/revoke`: 204; the chain's
/// console stops working until a new key is issued.
pub async fn revoke_all(
    State(state): State<AppState>,
    _: Admin,
    path: Result<Path<String>, PathRejection>,
) -> ApiResult<StatusCode> {
    let tenant_id = path_id(path, "tenant")?;
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM tenants WHERE id = $1)")
        .bind(tenant_id)
        .fetch_one(state.pool())
        .await?;
    if !exists {
        return Err(ApiError::not_found("no such tenant"));
    }
    sqlx::query(
        "UPDATE owner_keys SET revoked_at = $2 WHERE tenant_id = $1 AND revoked_at IS NULL",
    )
    .bind(tenant_id)
    .bind(state.now())
    .execute(state.pool())
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

impl FromRequestParts<AppState> for Owner {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let address = crate::client_addr::client_bucket(parts, &state.inner.trusted_proxies);
        let failures = &state.inner.login_failures;
        if address.is_some_and(|a| failures.exhausted(a)) {
            return Err(ApiError::rate_limited());
        }
        let refused = || {
            if let Some(a) = address {
                failures.allow(a);
            }
            ApiError::unauthorized(
                "the chain console needs `Authorization: Bearer <owner key>` with a key that is not revoked",
            )
        };
        let key = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, k)| k.trim())
            .filter(|k| k.starts_with(OWNER_KEY_PREFIX) && k.len() <= 100)
            .ok_or_else(refused)?;
        let tenant: Option<Uuid> = sqlx::query_scalar(
            "SELECT tenant_id FROM owner_keys WHERE key_hash = $1 AND revoked_at IS NULL",
        )
        .bind(&sha256(key.as_bytes())[..])
        .fetch_optional(state.pool())
        .await?;
        tenant
            .map(|tenant_id| Owner { tenant_id })
            .ok_or_else(refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_keys_are_long_random_and_recognisable() {
        let (a, b) = (new_key(), new_key());
        assert_ne!(a, b, "random");
        assert!(
            a.starts_with(OWNER_KEY_PREFIX),
            "recognisable as an owner key"
        );
        assert_eq!(a.len(), OWNER_KEY_PREFIX.len() + 43, "32 bytes, base64url");
    }
}
