//! What every request handler shares: the pool, the admin token's hash, the
//! rate limiters and the server's clock. Cheap to clone (one `Arc`).

use crate::auth::sha256;
use crate::clocks::Clocks;
use crate::config::Config;
use crate::rate_limit::Limiter;
use sqlx::PgPool;
use std::net::IpAddr;
use std::sync::Arc;
use uuid::Uuid;

#[derive(Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub pool: PgPool,
    pub admin_token_hash: [u8; 32],
    pub device_limiter: Limiter<Uuid>,
    pub ip_limiter: Limiter<IpAddr>,
    pub clocks: Clocks,
    pub push_order_wait: std::time::Duration,
}

impl AppState {
    /// State for [`crate::router`] over an already migrated pool.
    pub fn new(pool: PgPool, config: &Config) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                pool,
                admin_token_hash: sha256(config.admin_token.as_bytes()),
                device_limiter: Limiter::new(config.device_rate),
                ip_limiter: Limiter::new(config.ip_rate),
                clocks: Clocks::new(config.clock.clone()),
                push_order_wait: config.push_order_wait,
            }),
        }
    }

    pub fn pool(&self) -> &PgPool {
        &self.inner.pool
    }
}
