//! SalonDesk's central sync server: axum over PostgreSQL.
//!
//! Devices enrol with a one-time code, then push batches of outbox operations
//! and pull what the rest of their chain wrote (see `salondesk-protocol` for
//! the wire). The binary (`salondesk-server`) is a thin shell over this lib;
//! tests and benchmarks run the same server in-process:
//!
//! ```ignore
//! let server = salondesk_server::spawn(Config::new(database_url, admin_token)).await?;
//! let base = server.url();            // "http://127.0.0.1:<port>"
//! // … HTTP calls …
//! server.shutdown().await;
//! ```
//!
//! Lower-level pieces, for embedding: [`connect_and_migrate`] (a pool over a
//! migrated database), [`AppState::new`] and [`router`].

mod activity;
mod admin;
mod admission;
mod auth;
mod chain;
mod client_addr;
mod clocks;
pub mod config;
mod effects;
mod enrol;
mod error;
pub mod logging;
mod owner;
mod pull;
mod push;
mod rate_limit;
mod routes;
mod state;
pub mod updates;

pub use clocks::WallClock;
pub use config::{Config, RateLimit, MIN_ADMIN_TOKEN_LEN};
pub use effects::ledger::member_ledger_op_id;
pub use routes::router;
pub use state::AppState;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use std::future::Future;
use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Why a server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("cannot reach the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot listen: {0}")]
    Listen(#[from] std::io::Error),
}

/// The server's migrations (crates/salondesk-server/migrations), embedded.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A pool over `database_url`, with the server's migrations applied.
pub async fn connect_and_migrate(database_url: &str) -> Result<PgPool, StartError> {
    let config = Config::new(database_url, "");
    connect_and_migrate_with(&config).await
}

/// The pool a server runs on: every connection with the config's statement
/// and lock timeouts (a stuck statement or lock wait gives up, answered 503,
/// instead of holding a connection for good). The migrations run first on a
/// connection of their own, without them (a long migration is no request).
async fn connect_and_migrate_with(config: &Config) -> Result<PgPool, StartError> {
    let mut migrating = PgConnection::connect(&config.database_url).await?;
    MIGRATOR.run(&mut migrating).await?;
    migrating.close().await?;
    let ms = |d: Duration| format!("{}ms", d.as_millis().max(1));
    let options = PgConnectOptions::from_str(&config.database_url)?.options([
        ("statement_timeout", ms(config.statement_timeout)),
        ("lock_timeout", ms(config.lock_timeout)),
        // A transaction left open by a request that died mid-way.
        (
            "idle_in_transaction_session_timeout",
            ms(config.statement_timeout),
        ),
    ]);
    let pool = PgPoolOptions::new()
        .max_connections(config.max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// A server running in this process (see [`spawn`]).
pub struct RunningServer {
    addr: SocketAddr,
    pool: PgPool,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// The address it listens on (the real port when the config said 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://<addr>`: the base URL; routes are under `/v1`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Its pool (for tests that look at the database directly).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Stops accepting, lets requests in flight finish, closes the pool.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
        self.pool.close().await;
    }
}

impl Drop for RunningServer {
    /// Dropped without `shutdown`: stop serving anyway (no waiting).
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Connects, migrates, binds `config.listen` and serves in a background task
/// until [`RunningServer::shutdown`].
pub async fn spawn(config: Config) -> Result<RunningServer, StartError> {
    let (stop, stopped) = oneshot::channel::<()>();
    let (addr, pool, serve) = prepare(config, async {
        let _ = stopped.await;
    })
    .await?;
    let task = tokio::spawn(serve);
    Ok(RunningServer {
        addr,
        pool,
        stop: Some(stop),
        task,
    })
}

/// Runs the server in the current task until `shutdown` completes (what the
/// binary does, with Ctrl-C / SIGTERM as the signal).
pub async fn serve(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let (addr, _pool, serve) = prepare(config, shutdown).await?;
    tracing::info!(%addr, "listening");
    serve.await?;
    Ok(())
}

async fn prepare(
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<
    (
        SocketAddr,
        PgPool,
        impl Future<Output = std::io::Result<()>> + Send + 'static,
    ),
    StartError,
> {
    config.validate().map_err(StartError::Config)?;
    let pool = connect_and_migrate_with(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let app = router(AppState::new(pool.clone(), &config));
    let serve = async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    };
    Ok((addr, pool, serve))
}
