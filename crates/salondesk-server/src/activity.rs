//! What a till says about itself with every push and pull, and what the
//! server notes of it for the owner's console (`chain::tills`): its app
//! version (`x-salondesk-version`, kept on the device row when it changes),
//! the operations it has waiting to push (`x-salondesk-waiting`), its last
//! answered push, and its last pull with the cursor it reached.
//!
//! A header that is not well formed (`salondesk_protocol::chain`'s rules) is
//! not stored, and nothing here fails the sync: what a till says of itself is
//! for display, never trusted for anything else. The writes are on
//! `device_activity`, outside the push's transaction, so two pushes of a
//! till in flight never wait on each other for it.

use crate::auth::Device;
use crate::state::AppState;
use axum::http::HeaderMap;
use salondesk_protocol::chain::{parse_waiting, WAITING_HEADER};

/// The count of operations waiting the till sent, if well formed.
pub fn waiting(headers: &HeaderMap) -> Option<i64> {
    headers
        .get(WAITING_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_waiting)
}

/// After a push the server answered.
pub async fn pushed(state: &AppState, device: &Device, waiting: Option<i64>) {
    let done = sqlx::query(
        "INSERT INTO device_activity (device_id, last_push_at, waiting, waiting_at)
         VALUES ($1, $2, $3, CASE WHEN $3::bigint IS NULL THEN NULL ELSE $2 END)
         ON CONFLICT (device_id) DO UPDATE SET
           last_push_at = excluded.last_push_at,
           waiting = coalesce(excluded.waiting, device_activity.waiting),
           waiting_at = coalesce(excluded.waiting_at, device_activity.waiting_at)",
    )
    .bind(device.id)
    .bind(state.now())
    .bind(waiting)
    .execute(state.pool())
    .await;
    noted(done);
}

/// After a pull page was read, with the cursor it hands the till.
pub async fn pulled(state: &AppState, device: &Device, cursor: i64, waiting: Option<i64>) {
    let done = sqlx::query(
        "INSERT INTO device_activity (device_id, last_pull_at, pull_cursor, waiting, waiting_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $4::bigint IS NULL THEN NULL ELSE $2 END)
         ON CONFLICT (device_id) DO UPDATE SET
           last_pull_at = excluded.last_pull_at,
           pull_cursor = excluded.pull_cursor,
           waiting = coalesce(excluded.waiting, device_activity.waiting),
           waiting_at = coalesce(excluded.waiting_at, device_activity.waiting_at)",
    )
    .bind(device.id)
    .bind(state.now())
    .bind(cursor)
    .bind(waiting)
    .execute(state.pool())
    .await;
    noted(done);
}

/// A failure to note activity is logged, never the till's: its push or
/// pull went through, and answering an error would make it send it again.
fn noted(done: Result<sqlx::postgres::PgQueryResult, sqlx::Error>) {
    if let Err(e) = done {
        tracing::warn!(error = %e, "could not note a till's activity");
    }
}
