//! The background loop: syncs at once, then whenever the desk writes something
//! (the core's outbox hook), every `pull_every` (to bring in the other stores'
//! changes) and when someone presses "sync now".
//!
//! After a failure it waits with exponential backoff and full jitter, then
//! tries again. Meanwhile it asks the server's health endpoint every
//! `probe_every` (a tiny request, not a sync): when the network or the server
//! is back, the wait ends there and then instead of at the end of a backoff of
//! up to a minute. A server that asked to be left alone (429) is not probed.
//! New sales made while offline do not cut the wait short (each would hammer
//! a dead link) but do update the count of operations waiting.
//! A refused credential stops the loop until someone enrols again or asks
//! for a sync by hand; operations the server rejected are recorded by the
//! core and shown, never sent again.

use crate::backoff::Backoff;
use crate::engine::Engine;
use crate::error::SyncError;
use crate::local::Local;
use crate::status::{Snapshot, SyncStatus};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};
use tokio::time::Instant;

#[derive(Debug, Clone)]
pub struct Options {
    /// How often to pull when nothing happens locally.
    pub pull_every: Duration,
    /// Operations per pull page.
    pub pull_limit: usize,
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// While backing off, how often to ask whether the server answers again.
    pub probe_every: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pull_every: Duration::from_secs(20),
            pull_limit: salondesk_protocol::MAX_PULL_OPS,
            backoff_base: crate::backoff::BASE,
            backoff_cap: crate::backoff::CAP,
            probe_every: Duration::from_secs(5),
        }
    }
}

#[derive(Default)]
struct Signals {
    /// A local write: push it.
    wake: Notify,
    /// "Sync now": skip any wait.
    now: Notify,
    stop: Notify,
    stopped: AtomicBool,
}

/// Talks to a running loop from anywhere (commands, the outbox hook).
#[derive(Clone)]
pub struct Controller {
    signals: Arc<Signals>,
    status: watch::Receiver<SyncStatus>,
}

impl Controller {
    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// Changes of the status, for the desk's indicator.
    pub fn subscribe(&self) -> watch::Receiver<SyncStatus> {
        self.status.clone()
    }

    /// Something was written locally.
    pub fn wake(&self) {
        self.signals.wake.notify_one();
    }

    /// To hand to `Store::on_outbox_write`: wakes the loop, never blocks (the
    /// core calls it while it holds the store).
    pub fn hook(&self) -> Arc<dyn Fn() + Send + Sync> {
        let signals = self.signals.clone();
        Arc::new(move || signals.wake.notify_one())
    }

    /// Syncs at once, whatever the loop was waiting for.
    pub fn sync_now(&self) {
        self.signals.now.notify_one();
    }

    /// Syncs at once and waits (at most `timeout`) for a round that started
    /// after the call to finish; answers the status then.
    pub async fn sync_now_and_wait(&self, timeout: Duration) -> SyncStatus {
        let mut rx = self.status.clone();
        let target = {
            let s = rx.borrow_and_update();
            // A round under way may have read the outbox before the click.
            s.rounds + if s.syncing { 2 } else { 1 }
        };
        self.sync_now();
        let _ = tokio::time::timeout(timeout, async {
            while rx.borrow_and_update().rounds < target {
                if rx.changed().await.is_err() {
                    break;
                }
            }
        })
        .await;
        self.status()
    }

    pub fn stop(&self) {
        self.signals.stopped.store(true, Ordering::SeqCst);
        self.signals.stop.notify_one();
    }

    pub fn is_stopped(&self) -> bool {
        self.signals.stopped.load(Ordering::SeqCst)
    }
}

pub struct Runner<L: Local> {
    engine: Engine<L>,
    signals: Arc<Signals>,
    options: Options,
}

/// Builds the loop for an enrolled store and hooks it to the store's outbox;
/// run it with [`Runner::run`] on the async runtime. The status starts from
/// what the store says (an interrupted initial sync shows its progress).
pub fn prepare<L: Local>(local: L, options: Options) -> Result<(Controller, Runner<L>), SyncError> {
    let snapshot = local.with_store(|s| Snapshot::read(s))?;
    let (tx, rx) = watch::channel(SyncStatus::from_snapshot(&snapshot));
    let engine = Engine::for_enrolled(local, tx)?.with_pull_limit(options.pull_limit);
    let controller = Controller {
        signals: Arc::new(Signals::default()),
        status: rx,
    };
    let hook = controller.hook();
    engine.local().with_store(move |s| {
        s.on_outbox_write(hook);
        Ok(())
    })?;
    let runner = Runner {
        engine,
        signals: controller.signals.clone(),
        options,
    };
    Ok((controller, runner))
}

enum Woken {
    Timer,
    Now,
    Stop,
}

impl<L: Local> Runner<L> {
    pub async fn run(self) {
        let mut backoff = Backoff::new(self.options.backoff_base, self.options.backoff_cap);
        let mut rng = StdRng::from_entropy();
        // The first round starts at once: the desk wants to know where it stands.
        let mut wait = Some(Duration::ZERO);
        let mut probe = false;
        loop {
            let backing_off = backoff.failures() > 0;
            match self.wait(wait, backing_off, probe).await {
                Woken::Stop => return,
                Woken::Timer | Woken::Now => {}
            }
            let outcome = tokio::select! {
                r = self.engine.sync_once() => r,
                _ = self.signals.stop.notified() => return,
            };
            if self.signals.stopped.load(Ordering::SeqCst) {
                return;
            }
            wait = match &outcome {
                Ok(_) => {
                    backoff.reset();
                    Some(self.options.pull_every)
                }
                Err(e) if !e.retryable() => None,
                Err(e) => {
                    let mut d = backoff.next_delay(&mut rng);
                    if let SyncError::RateLimited {
                        retry_after: Some(at_least),
                    } = e
                    {
                        d = d.max(*at_least);
                    }
                    Some(d)
                }
            };
            probe = matches!(&outcome, Err(e) if e.retryable()
                && !matches!(e, SyncError::RateLimited { .. }));
            let retry_at = match (&outcome, wait) {
                (Err(_), Some(d)) => chrono::Duration::from_std(d)
                    .ok()
                    .map(|d| chrono::Utc::now() + d),
                _ => None,
            };
            self.engine.update(|s| {
                s.rounds += 1;
                s.next_retry_at = retry_at;
                s.credential_refused = matches!(outcome, Err(SyncError::Unauthorized));
            });
        }
    }

    /// Waits for the timer (`None`: only for a person), "sync now", a local
    /// write (unless backing off), the server answering a probe (if `probe`)
    /// or stop.
    async fn wait(&self, wait: Option<Duration>, backing_off: bool, probe: bool) -> Woken {
        // A long way off stands for "no timer" without a second code path.
        let deadline = Instant::now() + wait.unwrap_or(Duration::from_secs(365 * 86_400));
        let mut next_probe = Instant::now() + self.options.probe_every;
        loop {
            if self.signals.stopped.load(Ordering::SeqCst) {
                return Woken::Stop;
            }
            tokio::select! {
                _ = tokio::time::sleep_until(deadline) => return Woken::Timer,
                _ = self.signals.now.notified() => return Woken::Now,
                _ = self.signals.stop.notified() => return Woken::Stop,
                _ = tokio::time::sleep_until(next_probe), if probe => {
                    if self.engine.server_answers().await {
                        return Woken::Now;
                    }
                    next_probe = Instant::now() + self.options.probe_every;
                }
                _ = self.signals.wake.notified() => {
                    if wait.is_some() && !backing_off {
                        return Woken::Now;
                    }
                    // Offline or stopped by a refused credential: only the
                    // count of operations waiting changes.
                    let _ = self.engine.refresh().await;
                }
            }
        }
    }
}
