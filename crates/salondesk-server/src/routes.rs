//! The routes (all under `/v1`), and the plumbing that makes every reply JSON:
//! bodies are read as bytes and parsed here, so malformed JSON, wrong types
//! and oversized bodies get `{code, message}` like everything else.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::{admin, enrol, logging, pull, push};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde_json::json;
use std::net::SocketAddr;

/// The whole API over `state`. Serve it with
/// `into_make_service_with_connect_info::<SocketAddr>()` so enrolment and
/// admin calls are rate-limited per client address (without, they are not).
pub fn router(state: AppState) -> Router {
    // Enrolment and admin: per-address limits (a code can only be guessed by trying).
    let limited = Router::new()
        .route("/v1/enrol", post(enrol::enrol))
        .route("/v1/admin/tenants", post(admin::create_tenant))
        .route(
            "/v1/admin/tenants/{tenant_id}/stores",
            post(admin::create_store),
        )
        .route(
            "/v1/admin/stores/{store_id}/enrolment-codes",
            post(admin::create_enrolment_code),
        )
        .route(
            "/v1/admin/devices/{device_id}/revoke",
            post(admin::revoke_device),
        )
        .route(
            "/v1/admin/devices/{device_id}/head-office",
            post(admin::set_head_office),
        )
        .route(
            "/v1/admin/tenants/{tenant_id}/staff-changes",
            get(admin::staff_changes),
        )
        .route_layer(middleware::from_fn_with_state(state.clone(), limit_by_ip));
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/push", post(push::handler))
        .route("/v1/pull", get(pull::handler))
        .merge(limited)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(salondesk_protocol::MAX_BODY_BYTES))
        .layer(middleware::from_fn(logging::log_request))
        .with_state(state)
}

async fn limit_by_ip(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(ConnectInfo(addr)) = req.extensions().get::<ConnectInfo<SocketAddr>>() {
        if !state.inner.ip_limiter.allow(addr.ip()) {
            return ApiError::rate_limited().into_response();
        }
    }
    next.run(req).await
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such route (routes live under /v1)")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this route does not take that method",
    )
}

/// `GET /v1/health`: 200 `{status, database}` when PostgreSQL answers, else 503.
async fn health(State(state): State<AppState>) -> Response {
    match sqlx::query("SELECT 1").execute(state.pool()).await {
        Ok(_) => Json(json!({ "status": "ok", "database": "ok" })).into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "degraded", "database": "unreachable" })),
            )
                .into_response()
        }
    }
}

pub fn bytes_rejection(r: BytesRejection) -> ApiError {
    if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::payload_too_large()
    } else {
        ApiError::bad_request(format!("could not read the body: {}", r.body_text()))
    }
}

/// Parses a JSON body; an empty one counts as `{}` (every field optional).
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> ApiResult<T> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not what this call takes: {e}")))
}

/// A JSON body whose errors are JSON too.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(bytes_rejection)?;
        parse_json(&bytes).map(JsonBody)
    }
}
