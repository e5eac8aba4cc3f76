//! SalonDesk's device-side sync with the central server.
//!
//! Layout: `client` (the HTTP calls: enrol, push, pull, health, with
//! timeouts and typed errors), `error` ([`SyncError`]: what failed and whether
//! trying again helps), `url` (the server address typed in Settings),
//! `backoff` (exponential, full jitter), `batch` (how many operations per
//! push, halving on 413), `isolate` (finding the one operation that makes
//! whole pushes fail, to set it aside), `local` (the engine's short, blocking-thread access
//! to the store: never held across network I/O), `engine` (one sync: push the
//! outbox, pull after the cursor, record success), `status` (what the desk
//! shows), `run` (the background loop and its [`Controller`]).
//!
//! The store side (outbox batches, recording results, applying pulled pages
//! through the write path without queuing them again, the cursor) is the
//! core's `salondesk_core::sync`; this crate only moves operations and decides
//! when.

pub mod backoff;
pub mod batch;
pub mod chain;
pub mod client;
#[cfg(test)]
mod client_tests;
pub mod engine;
#[cfg(test)]
mod engine_tests;
pub mod error;
#[cfg(test)]
mod fake_server;
pub mod isolate;
#[cfg(test)]
mod isolate_tests;
pub mod local;
mod push;
pub mod run;
pub mod status;
pub mod url;

pub use chain::ChainClient;
pub use client::Client;
pub use engine::{Engine, SyncReport};
pub use error::SyncError;
pub use local::Local;
pub use run::{prepare, Controller, Options, Runner};
pub use status::{InitialSync, Snapshot, StatusError, SyncStatus};
pub use url::normalize_server_url;

use salondesk_protocol::EnrolResponse;
use uuid::Uuid;

/// Exchanges a one-time enrolment code for this device's credential. The
/// caller keeps the answer with `Store::save_enrolment` (under the normalised
/// address, [`normalize_server_url`]). A refused or expired code comes back as
/// [`SyncError::Unauthorized`] or a [`SyncError::Server`] with the server's code.
pub async fn enrol(
    server_url: &str,
    code: &str,
    device_id: Uuid,
    device_name: &str,
) -> Result<EnrolResponse, SyncError> {
    Client::new(server_url)?
        .enrol(code, device_id, device_name)
        .await
}
