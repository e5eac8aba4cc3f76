//! What every request handler shares: the pool, the admin token's hash, the
//! rate limiters, the admission state (in-flight caps, chains' turns, the
//! body budget: see `admission`) and the server's clock. Cheap to clone (one `Arc`).

use crate::admission::{BodyBudget, InFlight, Logged, Turns};
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
    /// Failed device logins, per client address bucket.
    pub login_failures: Limiter<IpAddr>,
    pub trusted_proxies: Vec<IpAddr>,
    pub device_in_flight: InFlight<Uuid>,
    pub chain_in_flight: InFlight<Uuid>,
    pub turns: Turns,
    pub chain_turn_wait: std::time::Duration,
    pub logged: Logged,
    pub body_budget: BodyBudget,
    pub updates_dir: Option<std::path::PathBuf>,
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
                login_failures: Limiter::new(config.login_failure_rate),
                trusted_proxies: config.trusted_proxies.clone(),
                device_in_flight: InFlight::new(config.device_in_flight),
                chain_in_flight: InFlight::new(config.chain_in_flight),
                turns: Turns::default(),
                chain_turn_wait: config.chain_turn_wait,
                logged: Logged::default(),
                body_budget: BodyBudget::new(config.body_budget_bytes),
                updates_dir: config.updates_dir.clone(),
            }),
        }
    }

    pub fn pool(&self) -> &PgPool {
        &self.inner.pool
    }

    /// The server's wall clock, read once per request at its edge and handed
    /// to the checks (so they can be tested at any time).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.inner.clocks.now()
    }
}
