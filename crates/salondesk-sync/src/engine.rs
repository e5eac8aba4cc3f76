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
use salondesk_core::sync::OutboxBatch;
use salondesk_protocol::{OpResult, OpStatus, MAX_PULL_OPS};
use tokio::sync::watch;
use uuid::Uuid;

/// Members re-ranked in search per sync round (their visits moved while pulled).
const SEARCH_REFRESH_BATCH: usize = 1_000;

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

/// How long a probe of the server's health may take.
const PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

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

    /// Whether the server answers its health check now (at most
    /// `PROBE_TIMEOUT`): the offline loop's cheap way to notice the network
    /// is back without a whole sync.
    pub async fn server_answers(&self) -> bool {
        matches!(
            tokio::time::timeout(PROBE_TIMEOUT, self.client.health()).await,
            Ok(Ok(()))
        )
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
                s.record_sync_success(now)?;
                // What the server has had for a month leaves the outbox, a
                // slice per round so the till never waits on a backlog.
                let keep = chrono::Duration::days(salondesk_core::sync::OUTBOX_KEEP_DAYS);
                s.prune_outbox(now - keep, salondesk_core::sync::OUTBOX_PRUNE_BATCH)?;
                // Visits pulled from other tills re-rank their members in search.
                s.refresh_search_index(SEARCH_REFRESH_BATCH)?;
                Ok(())
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
    ///
    /// Pipelined, in order: while a batch is on its way to the server the next
    /// one is read (by outbox position, so it never overlaps the batch in
    /// flight) and the results of the batch before are recorded. Batches still
    /// go one at a time, each after the server answered the one before: the
    /// server sees this device's operations in the order they were made.
    async fn push_all(&self, report: &mut SyncReport) -> Result<(), SyncError> {
        let mut size = BatchSize::default();
        // The outbox position the batch in hand starts after.
        let mut from = 0;
        let mut batch = self.read_outbox(from, size.current()).await?;
        let mut recording: Option<Recording> = None;
        while !batch.ops.is_empty() {
            let (reply, next) = tokio::join!(
                self.client.push(&batch.ops),
                self.read_outbox(batch.last_seq, size.current())
            );
            let results = match reply {
                Ok(reply) => {
                    size.on_success();
                    reply.results
                }
                Err(SyncError::TooLarge) => match size.on_too_large(batch.ops.len()) {
                    TooLarge::Retry(fewer) => {
                        batch = self.read_outbox(from, fewer).await?;
                        continue;
                    }
                    TooLarge::Refuse => vec![too_large(batch.ops[0].op_id)],
                },
                Err(e) => {
                    finish(recording).await?;
                    return Err(e);
                }
            };
            if results.is_empty() {
                finish(recording).await?;
                return Err(SyncError::Local(
                    "the server answered a push without a result for any operation".into(),
                ));
            }
            count(report, &results);
            let sent_whole = results.len() == batch.ops.len();
            finish(recording.take()).await?;
            recording = Some(self.record(results));
            batch = if sent_whole {
                from = batch.last_seq;
                next?
            } else {
                // Only the first operation was settled (refused as too large):
                // once that is recorded, the rest of this batch goes next.
                finish(recording.take()).await?;
                self.read_outbox(from, size.current()).await?
            };
        }
        finish(recording).await
    }

    async fn read_outbox(&self, after: i64, limit: usize) -> Result<OutboxBatch, SyncError> {
        step(&self.local, move |s| s.outbox_batch_after(after, limit)).await
    }

    /// Records a batch's results in the background (the next batch is
    /// already on its way), then refreshes the pending count.
    fn record(&self, results: Vec<OpResult>) -> Recording {
        let local = self.local.clone();
        let status = self.status.clone();
        tokio::spawn(async move {
            let pending = step(&local, move |s| {
                s.record_push_results(&results)?;
                s.pending_ops()
            })
            .await?;
            status.send_if_modified(|s| {
                let changed = s.pending_ops != pending || !s.online;
                s.pending_ops = pending;
                s.online = true;
                changed
            });
            Ok(())
        })
    }

    /// Fetches and applies every page after the stored cursor. Pipelined: the
    /// next page is fetched while one is applied; each page is applied, with
    /// its cursor, in one transaction and in order.
    async fn pull_all(&self, report: &mut SyncReport) -> Result<(), SyncError> {
        let after = step(&self.local, |s| s.sync_cursor()).await?;
        let mut page = self.client.pull(after, self.pull_limit).await?;
        loop {
            let more = page.more;
            let next_after = page.cursor;
            let apply = step(&self.local, move |s| s.apply_pulled(&page));
            let (applied, next) = if more {
                let (applied, next) =
                    tokio::join!(apply, self.client.pull(next_after, self.pull_limit));
                (applied?, Some(next))
            } else {
                (apply.await?, None)
            };
            report.pages += 1;
            report.applied += applied.applied;
            report.skipped += applied.skipped;
            report.cursor = applied.cursor;
            report.head = applied.head;
            self.update(|s| {
                s.online = true;
                s.initial_sync = more.then_some(InitialSync {
                    cursor: applied.cursor,
                    head: applied.head,
                });
            });
            match next {
                Some(next) => page = next?,
                None => return Ok(()),
            }
        }
    }
}

/// Results being recorded in the background.
type Recording = tokio::task::JoinHandle<Result<(), SyncError>>;

/// Waits for results being recorded, if any.
async fn finish(recording: Option<Recording>) -> Result<(), SyncError> {
    match recording {
        Some(r) => r
            .await
            .map_err(|e| SyncError::Local(format!("sync worker stopped: {e}")))?,
        None => Ok(()),
    }
}

fn count(report: &mut SyncReport, results: &[OpResult]) {
    for r in results {
        match r.status {
            OpStatus::Accepted => report.accepted += 1,
            OpStatus::Duplicate => report.duplicates += 1,
            OpStatus::Rejected => report.rejected += 1,
        }
    }
    report.pushed += results.len();
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
