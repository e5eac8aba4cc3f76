//! The order pushes are applied in.
//!
//! Per tenant: every push takes `pg_advisory_xact_lock(<tenant key>)` first,
//! so a tenant's pushes run one at a time and its seqs commit in order (see
//! the module above for why pulls need that).
//!
//! Per device: a device keeps two pushes in flight, the second naming the
//! last operation of the first (`follows`). They travel on two connections and
//! either may reach the lock first; the second waits until the operation it
//! follows is logged (accepted or refused) and only then applies, so a
//! device's operations are logged in the order it made them. If that
//! operation is not logged in time (the first push failed or never arrived),
//! the second is answered 409 `out_of_order` with nothing applied; the device
//! pushes again from its first unsettled operation.

use crate::auth::Device;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::http::StatusCode;
use salondesk_protocol::OUT_OF_ORDER;
use sqlx::{Postgres, Transaction};
use std::time::{Duration, Instant};
use tokio::sync::OwnedMutexGuard;
use uuid::Uuid;

/// A stable 64-bit key for the tenant's advisory lock (a collision between two
/// tenants would only make them wait for each other).
fn lock_key(tenant: Uuid) -> i64 {
    let (hi, lo) = tenant.as_u64_pair();
    (hi ^ lo) as i64
}

/// A push's transaction, holding its chain's turn (in this process) and the
/// tenant's advisory lock (across processes). Commit it before dropping it.
pub struct Turn {
    pub tx: Transaction<'static, Postgres>,
    _turn: OwnedMutexGuard<()>,
}

/// Begins the push's transaction holding the chain's turn and the tenant's
/// lock, once `follows` (if any) is logged as this device's.
///
/// No database connection is held while waiting: neither for the turn (an
/// in-process lock, see `admission`) nor for the push it follows (woken when a
/// push of this device commits, or every `RECHECK` in case it commits on
/// another server process).
pub async fn begin_after(
    state: &AppState,
    device: &Device,
    follows: Option<Uuid>,
) -> ApiResult<Turn> {
    const RECHECK: Duration = Duration::from_millis(200);
    let inner = &state.inner;
    let deadline = Instant::now() + inner.push_order_wait;
    let mut commits = inner.logged.watch(device.id);
    loop {
        commits.borrow_and_update();
        let turn = inner
            .turns
            .take(device.tenant_id, inner.chain_turn_wait)
            .await?;
        let mut tx = state.pool().begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(lock_key(device.tenant_id))
            .execute(&mut *tx)
            .await?;
        let Some(previous) = follows else {
            return Ok(Turn { tx, _turn: turn });
        };
        // A statement of its own, after the lock: its snapshot sees every
        // push committed while this one waited for the lock.
        let logged: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM ops WHERE op_id = $1 AND device_id = $2)
                 OR EXISTS (SELECT 1 FROM rejected_ops WHERE op_id = $1 AND device_id = $2)",
        )
        .bind(previous)
        .bind(device.id)
        .fetch_one(&mut *tx)
        .await?;
        if logged {
            return Ok(Turn { tx, _turn: turn });
        }
        // Let the push it follows have the connection and the turn.
        tx.rollback().await?;
        drop(turn);
        let now = Instant::now();
        if now >= deadline {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                OUT_OF_ORDER,
                "the push this one follows has not arrived; push again from the first unsettled operation",
            ));
        }
        let _ = tokio::time::timeout((deadline - now).min(RECHECK), commits.changed()).await;
    }
}
