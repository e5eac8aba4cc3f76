//! What the desk shows about sync: online or not, operations waiting, the last
//! successful sync, the last error, open conflicts, refused operations, and
//! initial-sync progress. Part of it is read from the store (so it is right
//! after a restart: an interrupted initial sync shows its progress at once),
//! part is what the running engine knows (online, the error, the next retry).

use crate::error::SyncError;
use chrono::{DateTime, Utc};
use salondesk_core::Store;
use serde::Serialize;

/// How far an initial sync (or a long catch-up) has come: `cursor` of `head`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InitialSync {
    pub cursor: i64,
    pub head: i64,
}

/// The last failure, as a stable code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusError {
    pub code: String,
    pub message: String,
}

impl From<&SyncError> for StatusError {
    fn from(e: &SyncError) -> Self {
        StatusError {
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub enrolled: bool,
    /// The server answered the last request (false until it first does).
    pub online: bool,
    /// A sync is under way right now.
    pub syncing: bool,
    /// Outbox operations not yet accepted by the server.
    pub pending_ops: i64,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub last_error: Option<StatusError>,
    /// The engine stopped: the server refused the credential. Enrol again.
    pub credential_refused: bool,
    pub conflicts_open: i64,
    pub rejected_ops: i64,
    /// Set while the last pull left the device behind the server's head (more
    /// pages to fetch): an initial sync, or a long catch-up.
    pub initial_sync: Option<InitialSync>,
    /// This till's wall clock minus the server's, in milliseconds (positive:
    /// ahead), when they are more than the drift apart: the PC's date and
    /// time need fixing. `None` while they agree (or before the server said).
    pub clock_skew_ms: Option<i64>,
    /// When the engine will try again after a failure.
    pub next_retry_at: Option<DateTime<Utc>>,
    /// Sync attempts finished since the engine started (a "sync now" waits for
    /// this to move).
    #[serde(skip)]
    pub rounds: u64,
}

/// What the store knows about sync, read in one short lock.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    pub enrolled: bool,
    pub pending_ops: i64,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub conflicts_open: i64,
    pub rejected_ops: i64,
    pub cursor: i64,
    pub head: i64,
    /// See [`SyncStatus::clock_skew_ms`].
    pub clock_skew_ms: Option<i64>,
}

impl Snapshot {
    pub fn read(store: &Store) -> salondesk_core::Result<Snapshot> {
        Ok(Snapshot {
            enrolled: store.sync_config()?.is_some(),
            pending_ops: store.pending_ops()?,
            last_sync_at: store.last_sync_at()?,
            conflicts_open: store.conflicts(true)?.len() as i64,
            rejected_ops: store.rejected_ops()?.len() as i64,
            cursor: store.sync_cursor()?,
            head: store.pull_head()?,
            clock_skew_ms: store
                .clock_skew_ms()?
                .filter(|skew| skew.abs() > salondesk_protocol::MAX_DRIFT_MS),
        })
    }

    /// Behind the head the last pull saw: an initial sync or a catch-up that
    /// was interrupted (the app quit, the network went) and will resume.
    pub fn initial_sync(&self) -> Option<InitialSync> {
        (self.enrolled && self.cursor < self.head).then_some(InitialSync {
            cursor: self.cursor,
            head: self.head,
        })
    }
}

impl SyncStatus {
    /// The status of a device that is not syncing (not enrolled, or the engine
    /// not started yet): what the store says, nothing about the network.
    pub fn from_snapshot(s: &Snapshot) -> SyncStatus {
        let mut status = SyncStatus::default();
        status.apply(s);
        status
    }

    /// Takes in what the store says, keeping what the engine knows.
    pub fn apply(&mut self, s: &Snapshot) {
        self.enrolled = s.enrolled;
        self.pending_ops = s.pending_ops;
        self.last_sync_at = s.last_sync_at;
        self.conflicts_open = s.conflicts_open;
        self.rejected_ops = s.rejected_ops;
        self.initial_sync = s.initial_sync();
        self.clock_skew_ms = s.clock_skew_ms;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interrupted_initial_sync_shows_after_a_restart_and_not_once_caught_up() {
        let behind = Snapshot {
            enrolled: true,
            cursor: 400_000,
            head: 1_000_000,
            ..Snapshot::default()
        };
        assert_eq!(
            SyncStatus::from_snapshot(&behind).initial_sync,
            Some(InitialSync {
                cursor: 400_000,
                head: 1_000_000
            })
        );
        let caught_up = Snapshot {
            cursor: 1_000_000,
            ..behind.clone()
        };
        assert_eq!(SyncStatus::from_snapshot(&caught_up).initial_sync, None);
        let not_enrolled = Snapshot {
            enrolled: false,
            ..behind
        };
        assert_eq!(SyncStatus::from_snapshot(&not_enrolled).initial_sync, None);
    }

    #[test]
    fn the_store_part_is_replaced_and_the_engine_part_kept() {
        let mut status = SyncStatus {
            online: true,
            last_error: Some(StatusError::from(&SyncError::Offline("x".into()))),
            pending_ops: 9,
            ..SyncStatus::default()
        };
        status.apply(&Snapshot {
            enrolled: true,
            pending_ops: 2,
            ..Snapshot::default()
        });
        assert_eq!(status.pending_ops, 2);
        assert!(status.online && status.enrolled);
        assert_eq!(status.last_error.unwrap().code, "offline");
    }
}
