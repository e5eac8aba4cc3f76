//! `salondesk-server`: the central sync server, configured by flags or the
//! environment (flags win). `salondesk-server --help` lists them.

use clap::{Parser, ValueEnum};
use salondesk_server::logging::{self, LogFormat};
use salondesk_server::{Config, RateLimit};
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Parser)]
#[command(
    version,
    about = "SalonDesk's central sync server (axum over PostgreSQL)"
)]
struct Cli {
    /// Address to listen on.
    #[arg(long, env = "SALONDESK_LISTEN", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// PostgreSQL URL, e.g. postgres://salondesk@127.0.0.1:55432/salondesk
    #[arg(long, env = "DATABASE_URL")]
    database_url: String,
    /// Bearer token of the admin API (at least 24 characters).
    #[arg(long, env = "SALONDESK_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: String,
    /// Requests per second each device may make (push and pull).
    #[arg(long, env = "SALONDESK_RATE_LIMIT", default_value_t = 200.0)]
    rate_limit: f64,
    /// Burst each device may make above the rate.
    #[arg(long, env = "SALONDESK_RATE_BURST", default_value_t = 400.0)]
    rate_burst: f64,
    /// Requests per second per client address to enrolment and the admin API.
    #[arg(long, env = "SALONDESK_IP_RATE_LIMIT", default_value_t = 20.0)]
    ip_rate_limit: f64,
    /// Burst per client address to enrolment and the admin API.
    #[arg(long, env = "SALONDESK_IP_RATE_BURST", default_value_t = 100.0)]
    ip_rate_burst: f64,
    /// PostgreSQL connections in the pool.
    #[arg(long, env = "SALONDESK_DB_CONNECTIONS", default_value_t = 16)]
    db_connections: u32,
    /// The TLS proxy in front of the server: from this address (and only
    /// from it) `X-Forwarded-For` names the client for per-address limits.
    /// Repeat the flag, or separate addresses with commas in the variable.
    #[arg(long, env = "SALONDESK_TRUSTED_PROXY", value_delimiter = ',')]
    trusted_proxy: Vec<IpAddr>,
    /// Requests (push, pull) one device may have in flight at once (more: 429).
    #[arg(long, env = "SALONDESK_DEVICE_IN_FLIGHT", default_value_t = 4)]
    device_in_flight: usize,
    /// Requests (push, pull) one chain may have in flight at once (more: 429).
    #[arg(long, env = "SALONDESK_CHAIN_IN_FLIGHT", default_value_t = 32)]
    chain_in_flight: usize,
    /// MiB of request bodies the server holds at once (more: 503).
    #[arg(long, env = "SALONDESK_BODY_BUDGET_MIB", default_value_t = 64)]
    body_budget_mib: usize,
    /// Folder of the app's update manifests (`windows-x86_64.json`, …; README "Updates").
    #[arg(long, env = "SALONDESK_UPDATES_DIR")]
    updates_dir: Option<std::path::PathBuf>,
    /// Log lines as text or JSON (RUST_LOG filters them).
    #[arg(long, env = "SALONDESK_LOG_FORMAT", value_enum, default_value = "text")]
    log_format: Format,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    logging::init(match cli.log_format {
        Format::Text => LogFormat::Text,
        Format::Json => LogFormat::Json,
    });
    let mut config = Config::new(cli.database_url, cli.admin_token);
    config.listen = cli.listen;
    config.device_rate = RateLimit {
        per_second: cli.rate_limit,
        burst: cli.rate_burst,
    };
    config.ip_rate = RateLimit {
        per_second: cli.ip_rate_limit,
        burst: cli.ip_rate_burst,
    };
    config.max_connections = cli.db_connections;
    config.trusted_proxies = cli.trusted_proxy;
    config.device_in_flight = cli.device_in_flight;
    config.chain_in_flight = cli.chain_in_flight;
    config.body_budget_bytes = cli.body_budget_mib.saturating_mul(1024 * 1024);
    config.updates_dir = cli.updates_dir;
    tracing::info!(?config, "starting");
    match salondesk_server::serve(config, shutdown_signal()).await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot start");
            eprintln!("salondesk-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Ctrl-C or SIGTERM: stop accepting, finish what is in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
