//! What keeps one till (or one chain) from starving the server: caps on
//! requests in flight per device and per chain, a memory budget for request
//! bodies across the server, each chain's turn to push taken in memory before
//! a database connection is, and the wake-up of a push waiting for the one it
//! follows.
//!
//! Why the turn is taken here first: a tenant's pushes run one at a time (the
//! advisory lock in `push`). Waiting for that lock inside PostgreSQL holds one
//! of the pool's few connections per waiting push, so a chain flooding pushes
//! held every connection and every other chain's pulls queued behind it. Now
//! a push waits for its chain's turn on an in-process lock, holding nothing;
//! it takes a connection (and the advisory lock, still needed when several
//! server processes share one database) only once its turn has come.

use crate::error::{ApiError, ApiResult};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{watch, OwnedMutexGuard, OwnedSemaphorePermit, Semaphore};
use uuid::Uuid;

/// Maps beyond this many keys drop the idle ones.
const PRUNE_ABOVE: usize = 10_000;

/// Counts of requests in flight per key, each at most `cap`.
pub struct InFlight<K> {
    cap: usize,
    counts: Arc<Mutex<HashMap<K, usize>>>,
}

/// One request in flight; it leaves when this drops.
pub struct Ticket<K: Hash + Eq + Copy> {
    key: K,
    counts: Arc<Mutex<HashMap<K, usize>>>,
}

impl<K: Hash + Eq + Copy> InFlight<K> {
    pub fn new(cap: usize) -> Self {
        InFlight {
            cap,
            counts: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// A ticket, or None when `key` already has `cap` requests in flight.
    pub fn enter(&self, key: K) -> Option<Ticket<K>> {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        let n = counts.entry(key).or_insert(0);
        if *n >= self.cap {
            return None;
        }
        *n += 1;
        Some(Ticket {
            key,
            counts: self.counts.clone(),
        })
    }
}

impl<K: Hash + Eq + Copy> Drop for Ticket<K> {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = counts.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                counts.remove(&self.key);
            }
        }
    }
}

/// Per chain: whose turn it is to push (see the module doc).
#[derive(Default)]
pub struct Turns {
    locks: Mutex<HashMap<Uuid, Arc<tokio::sync::Mutex<()>>>>,
}

impl Turns {
    /// Waits for `tenant`'s turn, at most `wait`; 429 `busy` after that.
    pub async fn take(&self, tenant: Uuid, wait: Duration) -> ApiResult<OwnedMutexGuard<()>> {
        let lock = {
            let mut locks = self.locks.lock().unwrap_or_else(|p| p.into_inner());
            if locks.len() > PRUNE_ABOVE {
                locks.retain(|_, l| Arc::strong_count(l) > 1);
            }
            locks.entry(tenant).or_default().clone()
        };
        tokio::time::timeout(wait, lock.lock_owned())
            .await
            .map_err(|_| ApiError::busy("this chain's pushes are queued; push again in a moment"))
    }
}

/// Per device: a counter bumped each time a push of it commits, so a push
/// waiting for the one it follows wakes when that one is logged instead of
/// polling the database.
#[derive(Default)]
pub struct Logged {
    devices: Mutex<HashMap<Uuid, watch::Sender<u64>>>,
}

impl Logged {
    /// A receiver that sees the device's next commits (read it before
    /// looking in the database, wait on it after: no commit in between is missed).
    pub fn watch(&self, device: Uuid) -> watch::Receiver<u64> {
        let mut devices = self.devices.lock().unwrap_or_else(|p| p.into_inner());
        if devices.len() > PRUNE_ABOVE {
            devices.retain(|_, s| s.receiver_count() > 0);
        }
        devices
            .entry(device)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }

    /// A push of `device` committed.
    pub fn committed(&self, device: Uuid) {
        let devices = self.devices.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = devices.get(&device) {
            s.send_modify(|n| *n += 1);
        }
    }
}

/// Bytes of request bodies the server holds at once, across all requests.
pub struct BodyBudget {
    kib: Arc<Semaphore>,
    total_kib: usize,
}

impl BodyBudget {
    pub fn new(bytes: usize) -> Self {
        let total_kib = bytes.div_ceil(1024).max(1);
        BodyBudget {
            kib: Arc::new(Semaphore::new(total_kib)),
            total_kib,
        }
    }

    /// Reserves `bytes` (a body's declared length, or the most a body may
    /// be) until the permit drops; 503 when the budget is spent.
    pub fn reserve(&self, bytes: usize) -> ApiResult<OwnedSemaphorePermit> {
        let kib = bytes.div_ceil(1024).clamp(1, self.total_kib);
        let kib = u32::try_from(kib).unwrap_or(u32::MAX);
        self.kib.clone().try_acquire_many_owned(kib).map_err(|_| {
            ApiError::unavailable("the server is receiving too much at once; retry shortly")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_holds_at_most_its_cap_and_a_ticket_leaves_when_dropped() {
        let f = InFlight::new(2);
        let (a, b) = (f.enter(1).unwrap(), f.enter(1).unwrap());
        assert!(f.enter(1).is_none(), "the third is over the cap");
        assert!(f.enter(2).is_some(), "another key has its own count");
        drop(a);
        assert!(f.enter(1).is_some(), "a dropped ticket frees its place");
        drop(b);
    }

    #[test]
    fn the_body_budget_is_shared_and_given_back() {
        let b = BodyBudget::new(10 * 1024);
        let p = b.reserve(6 * 1024).unwrap();
        assert!(b.reserve(6 * 1024).is_err(), "6 + 6 kB > 10 kB");
        drop(p);
        assert!(b.reserve(6 * 1024).is_ok());
        assert!(
            b.reserve(1 << 30).is_ok(),
            "a body larger than the budget takes all of it, not forever"
        );
    }

    #[tokio::test]
    async fn a_commit_wakes_the_push_that_follows_it() {
        let l = Logged::default();
        let d = Uuid::now_v7();
        let mut rx = l.watch(d);
        rx.borrow_and_update();
        l.committed(d);
        tokio::time::timeout(Duration::from_secs(1), rx.changed())
            .await
            .expect("woken at once")
            .unwrap();
    }
}
