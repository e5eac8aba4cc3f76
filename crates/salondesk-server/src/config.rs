//! What a server needs to start: where to listen, which database, the admin
//! token, and how many requests a device (or an address) may make.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// An admin token shorter than this is refused: it guards every tenant.
pub const MIN_ADMIN_TOKEN_LEN: usize = 24;

/// A token bucket: `per_second` requests on average, bursts of `burst`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    pub per_second: f64,
    pub burst: f64,
}

impl RateLimit {
    /// Per device: generous, so a device catching up (or a benchmark) is not throttled.
    pub const DEVICE_DEFAULT: RateLimit = RateLimit {
        per_second: 200.0,
        burst: 400.0,
    };
    /// Per address, for enrolment and the admin API (codes are guessable only by trying).
    pub const IP_DEFAULT: RateLimit = RateLimit {
        per_second: 20.0,
        burst: 100.0,
    };
    /// Failed device logins (an unknown or revoked credential) per address:
    /// a till with a dead credential retries with backoff, well under this.
    pub const LOGIN_FAILURES_DEFAULT: RateLimit = RateLimit {
        per_second: 0.2,
        burst: 20.0,
    };
}

#[derive(Clone)]
pub struct Config {
    /// `127.0.0.1:0` (any free port) unless set; the binary's default is 127.0.0.1:8787.
    pub listen: SocketAddr,
    pub database_url: String,
    /// Bearer token of the admin API; at least [`MIN_ADMIN_TOKEN_LEN`] characters.
    pub admin_token: String,
    /// Push and pull, per device.
    pub device_rate: RateLimit,
    /// Enrolment and admin, per client address.
    pub ip_rate: RateLimit,
    /// PostgreSQL connections in the pool.
    pub max_connections: u32,
    /// How long a push waits for the push it follows (`PushRequest::follows`)
    /// before it is answered 409 `out_of_order`. Short: the two were sent
    /// together, and it is woken as soon as the first is logged.
    pub push_order_wait: Duration,
    /// Failed device logins per client address.
    pub login_failure_rate: RateLimit,
    /// Proxies whose `X-Forwarded-For` names the client (the TLS proxy in
    /// front of the server); from anyone else the header is ignored.
    pub trusted_proxies: Vec<IpAddr>,
    /// Requests (push, pull) one device may have in flight at once.
    pub device_in_flight: usize,
    /// Requests (push, pull) one chain's devices may have in flight at once.
    pub chain_in_flight: usize,
    /// How long a push waits for its chain's turn before it is answered 429.
    pub chain_turn_wait: Duration,
    /// Bytes of request bodies held at once across the server (more: 503).
    pub body_budget_bytes: usize,
    /// PostgreSQL `statement_timeout` and `lock_timeout` of every request.
    pub statement_timeout: Duration,
    pub lock_timeout: Duration,
    /// The server's wall clock (tests set it; the binary uses the system's).
    pub clock: crate::clocks::WallClock,
    /// Where the operator drops the app's update manifests (`crate::updates`);
    /// none: no till is offered an update.
    pub updates_dir: Option<std::path::PathBuf>,
}

impl Config {
    /// A config with defaults for everything but the database and the token,
    /// listening on any free loopback port (what tests and benchmarks want).
    pub fn new(database_url: impl Into<String>, admin_token: impl Into<String>) -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: database_url.into(),
            admin_token: admin_token.into(),
            device_rate: RateLimit::DEVICE_DEFAULT,
            ip_rate: RateLimit::IP_DEFAULT,
            max_connections: 16,
            push_order_wait: Duration::from_secs(2),
            login_failure_rate: RateLimit::LOGIN_FAILURES_DEFAULT,
            trusted_proxies: Vec::new(),
            device_in_flight: 4,
            chain_in_flight: 32,
            chain_turn_wait: Duration::from_secs(10),
            body_budget_bytes: 64 * 1024 * 1024,
            statement_timeout: Duration::from_secs(30),
            lock_timeout: Duration::from_secs(10),
            clock: crate::clocks::WallClock::system(),
            updates_dir: None,
        }
    }

    /// Refuses a config the server must not run with.
    pub fn validate(&self) -> Result<(), String> {
        if self.admin_token.chars().count() < MIN_ADMIN_TOKEN_LEN {
            return Err(format!(
                "the admin token must be at least {MIN_ADMIN_TOKEN_LEN} characters"
            ));
        }
        for (what, r) in [
            ("device", self.device_rate),
            ("address", self.ip_rate),
            ("failed login", self.login_failure_rate),
        ] {
            if !(r.per_second > 0.0 && r.burst >= 1.0) {
                return Err(format!(
                    "the {what} rate limit needs a positive rate and a burst of at least 1"
                ));
            }
        }
        if self.max_connections == 0 {
            return Err("the pool needs at least one connection".into());
        }
        if self.device_in_flight == 0 || self.chain_in_flight == 0 {
            return Err("the in-flight caps need to allow at least one request".into());
        }
        if self.body_budget_bytes < salondesk_protocol::MAX_BODY_BYTES {
            return Err(format!(
                "the body budget must hold at least one largest body ({} bytes)",
                salondesk_protocol::MAX_BODY_BYTES
            ));
        }
        Ok(())
    }
}

/// Never prints the admin token or the database password.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("database_url", &redact_url(&self.database_url))
            .field("admin_token", &"<redacted>")
            .field("device_rate", &self.device_rate)
            .field("ip_rate", &self.ip_rate)
            .field("max_connections", &self.max_connections)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("device_in_flight", &self.device_in_flight)
            .field("chain_in_flight", &self.chain_in_flight)
            .field("body_budget_bytes", &self.body_budget_bytes)
            .field("updates_dir", &self.updates_dir)
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((creds, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match creds.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tokens_are_refused_and_secrets_never_printed() {
        let c = Config::new("postgres://u:hunter2@h/db", "short");
        assert!(c.validate().unwrap_err().contains("24"));
        let c = Config::new("postgres://u:hunter2@h/db", "x".repeat(24));
        assert!(c.validate().is_ok());
        let shown = format!("{c:?}");
        assert!(!shown.contains("hunter2") && !shown.contains(&"x".repeat(24)));
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
    }
}
