//! The routes (all under `/v1`), and the plumbing that makes every reply JSON:
//! bodies are read as bytes and parsed here, so malformed JSON, wrong types
//! and oversized bodies get `{code, message}` like everything else.

use crate::client_addr::client_bucket;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::{admin, auth, chain, enrol, logging, owner, pull, push, updates};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use salondesk_protocol::MAX_BODY_BYTES;
use serde::de::DeserializeOwned;
use serde_json::json;

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
        .route(
            "/v1/admin/tenants/{tenant_id}/owner-keys",
            post(owner::issue),
        )
        .route(
            "/v1/admin/tenants/{tenant_id}/owner-keys/revoke",
            post(owner::revoke_all),
        )
        // The chain owner's console (her owner key).
        .route("/v1/chain", get(chain::info))
        .route(
            "/v1/chain/stores",
            get(chain::stores).post(chain::add_store),
        )
        .route(
            "/v1/chain/stores/{store_id}/enrolment-codes",
            post(chain::enrolment_code),
        )
        .route("/v1/chain/tills", get(chain::tills))
        .route(
            "/v1/chain/tills/{device_id}/revoke",
            post(chain::revoke_till),
        )
        // Tills ask without a credential (a till not yet enrolled may update
        // too); what they fetch is signed, so the answer needs no secret.
        .route(
            "/v1/updates/{target}/{arch}/{current_version}",
            get(updates::handler),
        )
        .route_layer(middleware::from_fn_with_state(state.clone(), limit_by_ip));
    // Push and pull: the device is authenticated and admitted first (caps on
    // requests in flight, the body budget), before any body is read.
    let devices = Router::new()
        .route("/v1/push", post(push::handler))
        .route("/v1/pull", get(pull::handler))
        .route_layer(middleware::from_fn_with_state(state.clone(), admit));
    Router::new()
        .route("/v1/health", get(health))
        .merge(devices)
        .merge(limited)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(logging::log_request))
        .with_state(state)
}

async fn limit_by_ip(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    if let Some(address) = client_bucket(&parts, &state.inner.trusted_proxies) {
        if !state.inner.ip_limiter.allow(address) {
            return ApiError::rate_limited().into_response();
        }
    }
    next.run(Request::from_parts(parts, body)).await
}

/// Authenticates the device, then admits the request if neither the device
/// nor its chain has too many in flight (429 `busy`) and, for a body, if the
/// server's body budget has room for it (503). Its places are held until the
/// response is made.
async fn admit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let device = match auth::authenticate(&parts, &state).await {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    let inner = &state.inner;
    let Some(_device_ticket) = inner.device_in_flight.enter(device.id) else {
        return ApiError::busy("this device has too many requests in flight").into_response();
    };
    let Some(_chain_ticket) = inner.chain_in_flight.enter(device.tenant_id) else {
        return ApiError::busy("this chain has too many requests in flight").into_response();
    };
    let _budget = if parts.method == Method::POST {
        let declared = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        // Unknown (chunked): the most a body may be.
        let bytes = declared.map_or(MAX_BODY_BYTES, |n| n.min(MAX_BODY_BYTES));
        match inner.body_budget.reserve(bytes) {
            Ok(p) => Some(p),
            Err(e) => return e.into_response(),
        }
    } else {
        None
    };
    parts.extensions.insert(device);
    next.run(Request::from_parts(parts, body)).await
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
