//! Structured logs: one line per request (method, route template, status,
//! latency, device id). Never bodies, query strings or personal data: route
//! templates (`/v1/admin/tenants/{tenant_id}/stores`) carry no values.

use crate::auth::DeviceTag;
use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// `text` for people, `json` for log collectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Installs the global subscriber (`RUST_LOG` filters; default `info`).
/// Call once, from the binary; tests and benchmarks normally don't.
pub fn init(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

pub async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let response = next.run(req).await;
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let device = response
        .extensions()
        .get::<DeviceTag>()
        .map(|d| d.0.to_string());
    let device = device.as_deref().unwrap_or("-");
    if status >= 500 {
        tracing::error!(target: "salondesk_server::http", %method, %route, status, latency_ms, device, "request");
    } else {
        tracing::info!(target: "salondesk_server::http", %method, %route, status, latency_ms, device, "request");
    }
    response
}
