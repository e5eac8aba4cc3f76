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
use crate::isolate::{self, Failure, Suspect};
use crate::local::{step, Local};
use crate::status::{InitialSync, Snapshot, StatusError, SyncStatus};
use salondesk_core::sync::{OutboxBatch, PullAnchor};
use salondesk_protocol::{
    OpResult, OpStatus, PushResponse, LOG_REWOUND, MAX_PULL_OPS, OUT_OF_ORDER,
};
use std::collections::VecDeque;
use tokio::sync::watch;
use uuid::Uuid;

/// Pushes in flight at once: while PostgreSQL applies one, the server parses
/// the next. (Three measured no faster than two on the 2-core machine.)
const PUSH_DEPTH: usize = 2;

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
    /// Times the server was found to have gone back (restored from a
    /// backup) and the pull stepped back to a checkpoint.
    pub rewinds: usize,
}

/// How long a probe of the server's health may take.
const PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

pub struct Engine<L: Local> {
    local: L,
    client: Client,
    status: watch::Sender<SyncStatus>,
    pull_limit: usize,
    /// The operation that last failed a push alone (see `isolate`).
    suspect: std::sync::Mutex<Suspect>,
}

/// Times one sync may step back through a restored server's log before it
/// gives up until the next round (each step is a checkpoint: see the core's
/// `sync::rewind`; position 0 always holds, so this is never reached in practice).
const MAX_REWINDS: usize = 64;

impl<L: Local> Engine<L> {
    pub fn new(local: L, client: Client, status: watch::Sender<SyncStatus>) -> Self {
        Engine {
            local,
            client,
            status,
            pull_limit: MAX_PULL_OPS,
            suspect: std::sync::Mutex::new(Suspect::default()),
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
        let mut outcome;
        let mut rewinds = 0;
        loop {
            // After a step back (not the first), the outbox went already.
            outcome = if rewinds > 1 {
                Ok(())
            } else {
                self.push_all(&mut report).await
            };
            if outcome.is_ok() {
                outcome = self.pull_all(&mut report).await;
            }
            match &outcome {
                // The server went back (restored from a backup): pull again
                // from a checkpoint it holds, after pushing again what it lost.
                Err(e) if rewound(e) && rewinds < MAX_REWINDS => {
                    rewinds += 1;
                    report.rewinds += 1;
                    let first = rewinds == 1;
                    step(&self.local, move |s| s.rewind_pull(first)).await?;
                }
                _ => break,
            }
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
    /// Pipelined, in order: `PUSH_DEPTH` pushes are in flight at once, each
    /// naming the last operation of the one before (`follows`), so the server
    /// parses and checks one batch while PostgreSQL applies the one before
    /// and still applies this device's operations in the order they were made.
    /// Replies are taken in order; each batch's results are recorded in the
    /// background while the next ones travel. When a push fails, the ones
    /// behind it are cancelled and the outbox is pushed again from its first
    /// unsettled operation (the server acknowledges what it already has as
    /// duplicates).
    async fn push_all(&self, report: &mut SyncReport) -> Result<(), SyncError> {
        // An operation that failed alone last round goes alone again first.
        let mut size = match self.suspect().op {
            Some(_) => BatchSize::starting_at(1),
            None => BatchSize::default(),
        };
        // The outbox position the first unsettled operation comes after.
        let mut from = 0;
        let mut recording: Option<Recording> = None;
        'round: loop {
            let mut flying: VecDeque<InFlight> = VecDeque::new();
            // Where the next batch to send starts, and whether the outbox is all sent.
            let (mut next, mut drained) = (from, false);
            loop {
                while flying.len() < PUSH_DEPTH && !drained {
                    match self.read_outbox(next, size.current()).await {
                        Ok(b) if b.ops.is_empty() => drained = true,
                        Ok(b) => {
                            next = b.last_seq;
                            let follows = flying.back().map(|f| f.last_op);
                            flying.push_back(self.send(b, follows));
                        }
                        Err(e) => {
                            cancel(flying).await;
                            finish(recording).await?;
                            return Err(e);
                        }
                    }
                }
                let Some(first) = flying.pop_front() else {
                    break 'round;
                };
                let (sent, last_seq, first_op) = (first.sent, first.last_seq, first.first_op);
                let batch = first.ops.clone();
                match first.reply().await {
                    Ok(reply) => {
                        if self.suspect().op == Some(first_op) {
                            self.suspect().clear();
                        }
                        size.on_success();
                        count(report, &reply.results);
                        finish(recording.take()).await?;
                        recording = Some(self.record(reply.results));
                        from = last_seq;
                    }
                    Err(e) => {
                        cancel(flying).await;
                        match e {
                            SyncError::TooLarge => {
                                if size.on_too_large(sent) == TooLarge::Refuse {
                                    // Settled as refused before the outbox
                                    // is read again (the read skips it).
                                    let results = vec![too_large(first_op)];
                                    count(report, &results);
                                    finish(recording.take()).await?;
                                    finish(Some(self.record(results))).await?;
                                }
                                continue 'round;
                            }
                            e if out_of_order(&e) => continue 'round,
                            e => {
                                finish(recording.take()).await?;
                                let aside = match isolate::classify(&e, &batch) {
                                    Failure::Names(op) => Some(op),
                                    Failure::Refused | Failure::Failed if sent > 1 => {
                                        // One of them: halve until it is alone.
                                        size.on_too_large(sent);
                                        continue 'round;
                                    }
                                    // A 4xx: the server said no, it did not fail.
                                    Failure::Refused => self.confirm(first_op, last_seq, true).await,
                                    Failure::Failed => {
                                        let strikes = self.suspect().strike(first_op);
                                        let enough = strikes >= isolate::STRIKES;
                                        self.confirm(first_op, last_seq, enough).await
                                    }
                                    Failure::Transient => None,
                                };
                                let Some(op) = aside else {
                                    return Err(e);
                                };
                                self.suspect().clear();
                                let results = vec![isolate::set_aside(op, &e)];
                                count(report, &results);
                                finish(Some(self.record(results))).await?;
                                continue 'round;
                            }
                        }
                    }
                }
            }
        }
        finish(recording).await
    }

    fn suspect(&self) -> std::sync::MutexGuard<'_, Suspect> {
        self.suspect.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `op` (at outbox position `seq`) failed a push alone, `enough` times
    /// in a row: answers it if it is to be set aside, which also takes the
    /// server taking the operation after it alone (so it is not failing on
    /// everything). What that push settled is recorded.
    async fn confirm(&self, op: Uuid, seq: i64, enough: bool) -> Option<Uuid> {
        if !enough {
            return None;
        }
        let next = self.read_outbox(seq, 1).await.ok()?;
        if next.ops.is_empty() {
            // Nothing behind it to hold up, and no way to tell: wait.
            return None;
        }
        let reply = self.send(next, None).reply().await.ok()?;
        finish(Some(self.record(reply.results))).await.ok()?;
        Some(op)
    }

    /// Starts pushing `batch` (after `follows`, if that push is still on its way).
    fn send(&self, batch: OutboxBatch, follows: Option<Uuid>) -> InFlight {
        let client = self.client.clone();
        let op_id =
            |op: Option<&salondesk_protocol::OutgoingOp>| op.map_or(Uuid::nil(), |o| o.op_id);
        InFlight {
            ops: batch.ops.iter().map(|o| o.op_id).collect(),
            sent: batch.ops.len(),
            last_seq: batch.last_seq,
            first_op: op_id(batch.ops.first()),
            last_op: op_id(batch.ops.last()),
            reply: tokio::spawn(async move { client.push(&batch.ops, follows).await }),
        }
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
        let anchor = step(&self.local, |s| s.pull_anchor()).await?;
        let mut page = self.client.pull(anchor, self.pull_limit).await?;
        loop {
            let more = page.more;
            let next_after = PullAnchor {
                after: page.cursor,
                after_op: page.cursor_op,
                settled_op: None,
            };
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

/// A push on its way.
struct InFlight {
    ops: Vec<Uuid>,
    sent: usize,
    /// Outbox position of its last operation.
    last_seq: i64,
    first_op: Uuid,
    last_op: Uuid,
    reply: tokio::task::JoinHandle<Result<PushResponse, SyncError>>,
}

impl InFlight {
    async fn reply(self) -> Result<PushResponse, SyncError> {
        self.reply
            .await
            .map_err(|e| SyncError::Local(format!("sync worker stopped: {e}")))?
    }

    /// Stops waiting for it (the server may still apply it: its operations
    /// stay in the outbox and come back as duplicates).
    async fn cancel(self) {
        self.reply.abort();
        let _ = self.reply.await;
    }
}

/// Stops waiting for every push still in flight.
async fn cancel(flying: VecDeque<InFlight>) {
    for f in flying {
        f.cancel().await;
    }
}

/// The server did not get the push this one follows in time.
fn out_of_order(e: &SyncError) -> bool {
    matches!(e, SyncError::Server { code, .. } if code == OUT_OF_ORDER)
}

/// The server does not hold the log this device pulled (restored from a backup).
fn rewound(e: &SyncError) -> bool {
    matches!(e, SyncError::Server { code, .. } if code == LOG_REWOUND)
}

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
