//! `POST /v1/enrol`: a one-time code becomes a device's own credential.
//!
//! A code enrols a device id never seen before: an id already enrolled (or
//! revoked) is refused, so a code cannot take over a till or revive one. The
//! one exception is a till whose enrolment reply was lost: enrolled, never
//! revoked, its credential never presented; it may enrol again.
//!
//! The code is used up atomically (`UPDATE … WHERE used_at IS NULL AND
//! expires_at > now() RETURNING`), so two devices racing with one code cannot
//! both win. Everything happens in one transaction: a refusal after that (the
//! device is enrolled in another store) leaves the code unused.

use crate::admin::normalize_code;
use crate::auth::{new_credential, sha256};
use crate::error::{ApiError, ApiResult};
use crate::routes::JsonBody;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use salondesk_protocol::{EnrolRequest, EnrolResponse, SERVER_DEVICE_ID};
use uuid::Uuid;

fn invalid() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "enrolment_invalid",
        "this enrolment code is not valid (mistyped, or already used); ask for a new one",
    )
}

pub async fn enrol(
    State(state): State<AppState>,
    JsonBody(req): JsonBody<EnrolRequest>,
) -> ApiResult<Json<EnrolResponse>> {
    if req.device_id == SERVER_DEVICE_ID {
        return Err(ApiError::bad_request("that device id is reserved"));
    }
    let device_name = req.device_name.trim();
    if device_name.chars().count() > 100 || device_name.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "deviceName must be at most 100 printable characters",
        ));
    }
    let device_name = if device_name.is_empty() {
        "Device"
    } else {
        device_name
    };
    let code = normalize_code(&req.code).ok_or_else(invalid)?;
    let code_hash = sha256(code.as_bytes());

    let mut tx = state.pool().begin().await?;
    let code_row: Option<(Uuid, bool)> = sqlx::query_as(
        "UPDATE enrolment_codes SET used_at = now()
         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
         RETURNING store_id, head_office",
    )
    .bind(&code_hash[..])
    .fetch_optional(&mut *tx)
    .await?;
    let Some((store_id, head_office)) = code_row else {
        let found: Option<(DateTime<Utc>, Option<DateTime<Utc>>)> =
            sqlx::query_as("SELECT expires_at, used_at FROM enrolment_codes WHERE code_hash = $1")
                .bind(&code_hash[..])
                .fetch_optional(&mut *tx)
                .await?;
        return Err(match found {
            Some((_, None)) => ApiError::new(
                StatusCode::UNAUTHORIZED,
                "enrolment_expired",
                "this enrolment code has expired; ask for a new one",
            ),
            _ => invalid(),
        });
    };
    // Locking the store row serialises device-code numbering within the store.
    let (tenant_id, store_code, store_name): (Uuid, String, String) =
        sqlx::query_as("SELECT tenant_id, code, name FROM stores WHERE id = $1 FOR UPDATE")
            .bind(store_id)
            .fetch_one(&mut *tx)
            .await?;
    let (credential, credential_hash) = new_credential();
    // `unused`: enrolled, not revoked, its credential never presented.
    let existing: Option<(Uuid, String, bool)> = sqlx::query_as(
        "SELECT store_id, code, revoked_at IS NULL AND first_seen_at IS NULL
         FROM devices WHERE id = $1",
    )
    .bind(req.device_id)
    .fetch_optional(&mut *tx)
    .await?;
    let device_code = match existing {
        Some((other, _, _)) if other != store_id => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "device_enrolled_elsewhere",
                "this device is enrolled in another store; reset it before enrolling it here",
            ));
        }
        // Enrolled here, but its credential never used: the reply to its
        // enrolment was lost on the way (a flaky network) and the till asks
        // again with a new code. It gets a new credential under its code; the
        // lost one stops working.
        Some((_, code, true)) => {
            sqlx::query("UPDATE devices SET credential_hash = $2, name = $3 WHERE id = $1")
                .bind(req.device_id)
                .bind(&credential_hash[..])
                .bind(device_name)
                .execute(&mut *tx)
                .await?;
            code
        }
        // Otherwise a code enrols a new device only. Whoever holds a code must
        // not be able to take over a till that works by naming its id (its
        // real credential would stop working), nor bring back a revoked one.
        Some(_) => {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "device_already_enrolled",
                "this device id is already enrolled (or was revoked); a code enrols only a new device",
            ));
        }
        None => {
            let next: i32 = sqlx::query_scalar(
                "SELECT coalesce(max(code::int), 0) + 1 FROM devices WHERE store_id = $1",
            )
            .bind(store_id)
            .fetch_one(&mut *tx)
            .await?;
            let code = format!("{next:03}");
            sqlx::query(
                "INSERT INTO devices (id, tenant_id, store_id, code, name, credential_hash)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(req.device_id)
            .bind(tenant_id)
            .bind(store_id)
            .bind(&code)
            .bind(device_name)
            .bind(&credential_hash[..])
            .execute(&mut *tx)
            .await?;
            code
        }
    };
    // A code made for a head-office device marks it so (push::authority).
    if head_office {
        sqlx::query("UPDATE devices SET head_office = true WHERE id = $1")
            .bind(req.device_id)
            .execute(&mut *tx)
            .await?;
    }
    // Said to the till (it refuses chain-wide edits otherwise): a device
    // enrolled again keeps the flag the admin gave it.
    let head_office: bool = sqlx::query_scalar("SELECT head_office FROM devices WHERE id = $1")
        .bind(req.device_id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(device = %req.device_id, store = %store_id, head_office, "device enrolled");
    Ok(Json(EnrolResponse {
        credential,
        tenant_id,
        store_id,
        store_code,
        device_code,
        store_name,
        head_office,
    }))
}
