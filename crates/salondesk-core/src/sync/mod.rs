//! The device's side of sync, on the data: what it pushes, what it keeps of
//! the server's answers, and how it applies what it pulls.
//!
//! `config` (enrolment and sync progress, in `meta`), `outbox` (batches to
//! push, results, refused operations, the wake-up hook), `clocks` (last writer
//! wins per field by hybrid logical clock), `restamp` (the server's clock,
//! this device's skew from it, and operations refused for their stamp sent
//! again once the clock is right), `apply` (a pulled page in one
//! transaction, op by op, never re-queued), `tables` (how a synced entity maps
//! onto its table), `records` (profile-like upserts and ledger appends),
//! `members` (profiles, the search index, archive, merge, phones shared across
//! stores), `sale` (a sale of this store and the member ledgers of another's),
//! `conflicts` (what a manager resolves), `set_aside` (a manager's retry or
//! discard of an operation the server refused), `rewind` (noticing a server
//! restored from a backup, and catching it up), `restored` (this till
//! restored from a backup of itself, catching up with the chain).
//!
//! The HTTP side (when to push and pull, backoff) is `salondesk-sync`'s.

mod apply;
pub(crate) mod clocks;
mod config;
pub(crate) use config::{DEMO_LOADED, HEAD_OFFICE};
mod conflicts;
pub(crate) mod members;
mod outbox;
pub(crate) mod personal;
mod records;
pub(crate) mod restamp;
mod restored;
mod rewind;
mod sale;
mod set_aside;
mod tables;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use apply::ApplyError;
pub use outbox::{OutboxBatch, OUTBOX_KEEP_DAYS, OUTBOX_PRUNE_BATCH};
pub use restored::AfterRestore;
pub use rewind::PullAnchor;

/// Called after a write that added to the outbox.
pub type OutboxHook = std::sync::Arc<dyn Fn() + Send + Sync>;

/// Where this device syncs and as whom, once enrolled.
#[derive(Clone, PartialEq, Eq)]
pub struct SyncConfig {
    pub server_url: String,
    /// The bearer token the server gave at enrolment (it keeps only a hash).
    pub credential: String,
    pub tenant_id: Uuid,
    pub store_id: Uuid,
    pub store_name: String,
    pub enrolled_at: DateTime<Utc>,
}

impl std::fmt::Debug for SyncConfig {
    /// Never prints the credential: configs end up in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncConfig")
            .field("server_url", &self.server_url)
            .field("credential", &"…")
            .field("tenant_id", &self.tenant_id)
            .field("store_id", &self.store_id)
            .field("store_name", &self.store_name)
            .field("enrolled_at", &self.enrolled_at)
            .finish()
    }
}

/// What applying one pulled page did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ApplyReport {
    /// Operations applied (a field that lost to a newer write counts: it was looked at).
    pub applied: usize,
    /// Operations already here (same operation seen before, or this device's
    /// own) and ones that could not be applied (kept in `sync_apply_errors`).
    pub skipped: usize,
    /// Where the next pull starts; stored with the page.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cursor: i64,
    /// The newest operation on the server when the page was read.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub head: i64,
}

/// An operation set aside: the server refused it (or a push carrying it
/// failed for good, and it alone): kept and shown, not pushed again until a
/// manager retries it (or discards it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RejectedOp {
    pub op_id: Uuid,
    pub entity: String,
    pub code: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

/// What could not merge silently, found by the server, for a manager.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: String,
    /// `overdraft`, `double_booking` or `duplicate_phone`.
    pub kind: String,
    pub entity: String,
    pub entity_ids: Vec<String>,
    pub store_ids: Vec<String>,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub detail: serde_json::Value,
    pub detected_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolved_by: Option<String>,
    pub resolution: Option<String>,
}
