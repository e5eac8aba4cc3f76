//! One sync: push the whole outbox in batches, then pull every page after the
//! cursor, then record the success.
//!
//! Nothing is lost or doubled by an interruption at any point: an operation
//! stays in the outbox until its result is recorded (a push whose reply never
//! arrives is sent again, and the server acknowledges a known op id as a
//! duplicate); each pulled page is applied in one transaction together with
//! the cursor after it (an interrupted initial sync resumes from its last
//! page, and a page applied twice is skipped by op id in the core).

use crate::batch::{BatchSize, TooLarge};
use crate::client::Client;
use crate::error::SyncError;
use crate::local::{step, Local};
use crate::status::{InitialSync, Snapshot, StatusError, SyncStatus};
use salondesk_protocol::{OpResult, OpStatus, MAX_PULL_OPS};
use std::collections::HashSet;
use tokio::sync::watch;
use uuid::Uuid;

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Operations sent (each counted once, however many batches it took).
    pub pushed: usize,
    pub accepted: usize,
    /// Known to the server already (a reply lost before): not applied twice.
    pub duplicates: usize,
    /// Refused (by the server, or too large to send): kept and shown, not retried.
    pub rejected: usize,
    /// Pulled operations applied, and skipped (seen before).
    pub applied: usize,
    pub skipped: usize,
    /// Pull pages fetched.
    pub pages: usize,
    pub cursor: i64,
    pub head: i64,
}

pub struct Engine<L: Local> {
    local: L,
    client: Client,
    status: watch::Sender<SyncStatus>,
    pull_limit: usize,
}

impl<L: Local> Engine<L> {
    pub fn new(local: L, client: Client, status: watch::Sender<SyncStatus>) -> Self {
        Engine {
            local,
            client,
            status,
            pull_limit: MAX_PULL_OPS,
        }
    }

    /// An engine for the store's enrolment (server and credential), or
    /// [`SyncError::NotEnrolled`].
    pub fn for_enrolled(local: L, status: watch::Sender<SyncStatus>) -> Result<Self, SyncError> {
        let config = local
            .with_store(|s| s.sync_config())?
            .ok_or(SyncError::NotEnrolled)?;
        let client = Client::new(&config.server_url)?.authenticated(&config.credential);
        Ok(Engine::new(local, client, status))
    }

    /// Fewer operations per pull page (tests of multi-page pulls and resuming).
    pub fn with_pull_limit(mut self, limit: usize) -> Self {
        self.pull_limit = limit.clamp(1, MAX_PULL_OPS);
        self
    }

    pub fn local(&self) -> &L {
        &self.local
    }

    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// Changes the status, telling watchers only if something changed.
    pub(crate) fn update(&self, f: impl FnOnce(&mut SyncStatus)) {
        self.status.send_if_modified(|s| {
            let before = s.clone();
            f(s);
            *s != before
        });
    }

    /// Re-reads the store's part of the status (pending operations after a
    /// sale, conflicts after a pull).
    pub async fn refresh(&self) -> Result<(), SyncError> {
        let snapshot = step(&self.local, |s| Snapshot::read(s)).await?;
        self.update(|s| s.apply(&snapshot));
        Ok(())
    }

    /// Pushes, pulls and records the success; the status says how it went.
    pub async fn sync_once(&self) -> Result<SyncReport, SyncError> {
        self.update(|s| s.syncing = true);
        let mut report = SyncReport::default();
        let mut outcome = self.push_all(&mut report).await;
        if outcome.is_ok() {
            outcome = self.pull_all(&mut report).await;
        }
        if outcome.is_ok() {
            outcome = step(&self.local, |s| {
                let now = s.now();
                s.record_sync_success(now)
            })
            .await;
        }
        let snapshot = step(&self.local, |s| Snapshot::read(s)).await;
        self.update(|s| {
            s.syncing = false;
            if let Ok(snapshot) = &snapshot {
                s.apply(snapshot);
            }
            match &outcome {
                Ok(()) => {
                    s.online = true;
                    s.last_error = None;
                    s.credential_refused = false;
                }
                Err(e) => {
                    s.online = e.server_answered();
                    s.last_error = Some(StatusError::from(e));
                }
            }
        });
        outcome.map(|()| report)
    }

    /// Sends the outbox, oldest first, until it is empty.
    async fn push_all(&self, report: &mut SyncReport) -> Result<(), SyncError> {
        let mut size = BatchSize::default();
        // Ops whose results are recorded: seeing one again means the outbox did
        // not move on, and pushing it again would loop forever.
        let mut done: HashSet<Uuid> = HashSet::new();
        loop {
            let limit = size.current();
            let ops = step(&self.local, move |s| s.outbox_batch(limit)).await?;
            if ops.is_empty() {
                return Ok(());
            }
            if ops.iter().any(|o| done.contains(&o.op_id)) {
                return Err(SyncError::Local(
                    "the outbox still lists operations whose results were recorded".into(),
                ));
            }
            let results = match self.client.push(&ops).await {
                Ok(reply) => {
                    size.on_success();
                    reply.results
                }
                Err(SyncError::TooLarge) => match size.on_too_large(ops.len()) {
                    TooLarge::Retry(_) => continue,
                    TooLarge::Refuse => vec![too_large(ops[0].op_id)],
                },
                Err(e) => return Err(e),
            };
            for r in &results {
                done.insert(r.op_id);
                match r.status {
                    OpStatus::Accepted => report.accepted += 1,
                    OpStatus::Duplicate => report.duplicates += 1,
                    OpStatus::Rejected => report.rejected += 1,
                }
            }
            report.pushed += results.len();
            let pending = step(&self.local, move |s| {
                s.record_push_results(&results)?;
                s.pending_ops()
            })
            .await?;
            self.update(|s| {
                s.pending_ops = pending;
                s.online = true;
            });
        }
    }

    /// Fetches and applies every page after the stored cursor.
    async fn pull_all(&self, report: &mut SyncReport) -> Result<(), SyncError> {
        let mut after = step(&self.local, |s| s.sync_cursor()).await?;
        loop {
            let page = self.client.pull(after, self.pull_limit).await?;
            let more = page.more;
            let applied = step(&self.local, move |s| s.apply_pulled(&page)).await?;
            report.pages += 1;
            report.applied += applied.applied;
            report.skipped += applied.skipped;
            report.cursor = applied.cursor;
            report.head = applied.head;
            after = applied.cursor;
            self.update(|s| {
                s.online = true;
                s.initial_sync = more.then_some(InitialSync {
                    cursor: applied.cursor,
                    head: applied.head,
                });
            });
            if !more {
                return Ok(());
            }
        }
    }
}

/// A single operation larger than the server takes: refused here, kept and
/// shown like a server rejection, so the rest of the outbox is not held up.
fn too_large(op_id: Uuid) -> OpResult {
    OpResult {
        op_id,
        status: OpStatus::Rejected,
        code: Some("payload_too_large".into()),
        message: Some("this operation alone is larger than the server accepts".into()),
    }
}
