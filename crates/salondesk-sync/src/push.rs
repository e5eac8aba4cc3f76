//! The push half of a sync: the outbox, oldest first, two pushes in flight,
//! results recorded in the background, a 413 halving the batch, and the one
//! operation that makes whole pushes fail found and set aside (`isolate`).

use crate::batch::{BatchSize, TooLarge};
use crate::engine::{Engine, SyncReport};
use crate::error::SyncError;
use crate::isolate::{self, Failure, Suspect};
use crate::local::{step, Local};
use chrono::{DateTime, Utc};
use salondesk_core::sync::OutboxBatch;
use salondesk_protocol::{OpResult, OpStatus, PushResponse, OUT_OF_ORDER};
use std::collections::VecDeque;
use uuid::Uuid;

/// Pushes in flight at once: while PostgreSQL applies one, the server parses
/// the next. (Three measured no faster than two on the 2-core machine.)
const PUSH_DEPTH: usize = 2;

impl<L: Local> Engine<L> {
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
    pub(crate) async fn push_all(&self, report: &mut SyncReport) -> Result<(), SyncError> {
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
                        recording = Some(self.record(reply.results, reply.server_time));
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
                                    finish(Some(self.record(results, None))).await?;
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
                                    Failure::Refused => {
                                        self.confirm(first_op, last_seq, true).await
                                    }
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
                                finish(Some(self.record(results, None))).await?;
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
        finish(Some(self.record(reply.results, reply.server_time)))
            .await
            .ok()?;
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
    fn record(&self, results: Vec<OpResult>, server_time: Option<DateTime<Utc>>) -> Recording {
        let local = self.local.clone();
        let status = self.status.clone();
        tokio::spawn(async move {
            let pending = step(&local, move |s| {
                s.record_push_results(&results)?;
                if let Some(t) = server_time {
                    s.record_server_time(t)?;
                }
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
        data: None,
    }
}
