//! Who is calling: the admin (one token from the config) or an enrolled device
//! (its own credential). Secrets are kept only as SHA-256 hashes.
//!
//! A fast hash is right here because both secrets are high-entropy random
//! strings the server made (32 random bytes for a credential), so nobody can
//! guess them by trying hashes; argon2 and friends exist for low-entropy
//! secrets people choose, like the staff PINs the devices hash.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use base64::Engine;
use rand::RngCore;
use salondesk_protocol::chain::{parse_app_version, APP_VERSION_HEADER};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use uuid::Uuid;

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// A fresh device credential (32 random bytes, base64url) and its hash.
pub fn new_credential() -> (String, [u8; 32]) {
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let credential = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let hash = sha256(credential.as_bytes());
    (credential, hash)
}

/// The admin, proven by the bearer token. Compared in constant time (as
/// hashes, so the token's length does not leak either).
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let given = bearer(&parts.headers).ok_or_else(|| {
            ApiError::unauthorized("the admin API needs `Authorization: Bearer <admin token>`")
        })?;
        if bool::from(sha256(given.as_bytes()).ct_eq(&state.inner.admin_token_hash)) {
            Ok(Admin)
        } else {
            Err(ApiError::unauthorized("wrong admin token"))
        }
    }
}

/// An enrolled, not revoked device, by its credential; rate-limited per device.
#[derive(Debug, Clone, Copy)]
pub struct Device {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub store_id: Uuid,
}

/// Put on responses so the request log can name the device (never its data).
#[derive(Debug, Clone, Copy)]
pub struct DeviceTag(pub Uuid);

impl FromRequestParts<AppState> for Device {
    type Rejection = ApiError;

    /// The device `routes::admit` authenticated for this request, or (on a
    /// route without it) authenticated now.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match parts.extensions.get::<Device>() {
            Some(d) => Ok(*d),
            None => authenticate(parts, state).await,
        }
    }
}

/// The device a request's credential belongs to, rate-limited per device.
///
/// Failed logins (no credential, an unknown or revoked one) count per client
/// address; an address past its budget is answered 429 before the database is
/// asked, so nobody can make the server look up credentials as fast as they
/// can send them.
pub async fn authenticate(parts: &Parts, state: &AppState) -> Result<Device, ApiError> {
    let address = crate::client_addr::client_bucket(parts, &state.inner.trusted_proxies);
    let failures = &state.inner.login_failures;
    if address.is_some_and(|a| failures.exhausted(a)) {
        return Err(ApiError::rate_limited());
    }
    let failed = |e: ApiError| {
        if let Some(a) = address {
            failures.allow(a);
        }
        e
    };
    let credential = bearer(&parts.headers).ok_or_else(|| {
        failed(ApiError::unauthorized(
            "this call needs `Authorization: Bearer <device credential>`",
        ))
    })?;
    let row: Option<(Uuid, Uuid, Uuid, bool, Option<String>)> = sqlx::query_as(
        "SELECT id, tenant_id, store_id, first_seen_at IS NULL, app_version FROM devices
         WHERE credential_hash = $1 AND revoked_at IS NULL",
    )
    .bind(&sha256(credential.as_bytes())[..])
    .fetch_optional(&state.inner.pool)
    .await?;
    let Some((id, tenant_id, store_id, unseen, known_version)) = row else {
        return Err(failed(ApiError::unauthorized(
            "unknown or revoked device credential; enrol the device again",
        )));
    };
    if !state.inner.device_limiter.allow(id) {
        return Err(ApiError::rate_limited());
    }
    if unseen {
        // From now on no enrolment code can replace this credential (`enrol`).
        sqlx::query(
            "UPDATE devices SET first_seen_at = now() WHERE id = $1 AND first_seen_at IS NULL",
        )
        .bind(id)
        .execute(&state.inner.pool)
        .await?;
    }
    // The app version it sends (for the owner's console), kept when it
    // changes: an update, a handful of times a year.
    let sent = parts
        .headers
        .get(APP_VERSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_app_version);
    if let Some(version) = sent.filter(|v| known_version.as_deref() != Some(*v)) {
        sqlx::query("UPDATE devices SET app_version = $2 WHERE id = $1")
            .bind(id)
            .bind(version)
            .execute(&state.inner.pool)
            .await?;
    }
    Ok(Device {
        id,
        tenant_id,
        store_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bearer_tokens_and_credentials() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer abc"));
        assert_eq!(bearer(&h), Some("abc"));
        h.insert(AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(bearer(&h), None);
        h.insert(AUTHORIZATION, HeaderValue::from_static("bearer   "));
        assert_eq!(bearer(&h), None);
        let (a, ha) = new_credential();
        let (b, _) = new_credential();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "32 bytes in unpadded base64url");
        assert_eq!(ha, sha256(a.as_bytes()));
    }
}
