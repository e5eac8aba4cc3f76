//! One sync: push the whole outbox in batches, then pull every page after the
//! cursor, then record the success.
//!
//! Nothing is lost or doubled by an interruption at any point: an operation
//! stays in the outbox until its result is recorded (a push whose reply never
//! arrives is sent again, and the server acknowledges a known op id as a
//! duplicate); each pulled page is applied in one transaction together with
//! the cursor after it (an interrupted initial sync resumes from its last
//! page, and a page applied twice is skipped by op id in the core). The push
//! half is `push`.

use crate::client::Client;
use crate::error::SyncError;
use crate::isolate::Suspect;
use crate::local::{step, Local};
use crate::status::{InitialSync, Snapshot, StatusError, SyncStatus};
use salondesk_core::sync::PullAnchor;
use salondesk_protocol::{LOG_REWOUND, MAX_PULL_OPS};
use tokio::sync::watch;

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
    /// Set aside (refused by the server, too large to send, or failing every
    /// push alone): kept and shown, not sent again until a manager retries it.
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
    pub(crate) local: L,
    pub(crate) client: Client,
    pub(crate) status: watch::Sender<SyncStatus>,
    pull_limit: usize,
    /// The operation that last failed a push alone (see `isolate`).
    pub(crate) suspect: std::sync::Mutex<Suspect>,
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
        // Operations refused for their stamp go again first, stamped afresh,
        // if this till's clock is right by now (the last answer's server time).
        let mut outcome = step(&self.local, |s| s.resend_clock_refused())
            .await
            .map(|_| ());
        let mut rewinds = 0;
        if outcome.is_ok() {
            loop {
                // After a step back (not the first), the outbox went already.
                outcome = if rewinds > 1 {
                    Ok(())
                } else {
                    self.push_all(&mut report).await
                };
                if outcome.is_ok() {
                    // What is left after pushing, said with the pulls.
                    if let Ok(n) = step(&self.local, |s| s.pending_ops()).await {
                        self.client.report_waiting(n);
                    }
                    outcome = self.pull_all(&mut report).await;
                }
                match &outcome {
                    // The server went back (restored from a backup): pull again
                    // from a checkpoint it holds, after pushing again what it lost.
                    Err(e) if rewound(e) && rewinds < MAX_REWINDS => {
                        rewinds += 1;
                        report.rewinds += 1;
                        let first = rewinds == 1;
                        if let Err(e) = step(&self.local, move |s| s.rewind_pull(first)).await {
                            outcome = Err(e);
                            break;
                        }
                    }
                    _ => break,
                }
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
                own: anchor.own,
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

/// The server does not hold the log this device pulled (restored from a backup).
fn rewound(e: &SyncError) -> bool {
    matches!(e, SyncError::Server { code, .. } if code == LOG_REWOUND)
}
