//! Token buckets in memory, one per device (push, pull) or per client address
//! (enrolment, admin). One server process holds them; several processes behind
//! a balancer would each allow the rate, which is still a bound.

use crate::config::RateLimit;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Instant;

/// Buckets beyond this many are pruned of the full ones (idle keys).
const PRUNE_ABOVE: usize = 50_000;

pub struct Limiter<K> {
    limit: RateLimit,
    buckets: Mutex<HashMap<K, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl<K: Hash + Eq + Copy> Limiter<K> {
    pub fn new(limit: RateLimit) -> Self {
        Limiter {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `key`; false when its bucket is empty.
    pub fn allow(&self, key: K) -> bool {
        self.allow_at(key, Instant::now())
    }

    /// True when `key`'s bucket has no token left (nothing taken).
    pub fn exhausted(&self, key: K) -> bool {
        let now = Instant::now();
        let buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        buckets.get(&key).is_some_and(|b| {
            let refill = now.saturating_duration_since(b.at).as_secs_f64() * self.limit.per_second;
            b.tokens + refill < 1.0
        })
    }

    fn allow_at(&self, key: K, now: Instant) -> bool {
        let RateLimit { per_second, burst } = self.limit;
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| {
                b.tokens + now.duration_since(b.at).as_secs_f64() * per_second < burst
            });
        }
        let b = buckets.entry(key).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        let refill = now.saturating_duration_since(b.at).as_secs_f64() * per_second;
        b.tokens = (b.tokens + refill).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_then_the_rate() {
        let l = Limiter::new(RateLimit {
            per_second: 10.0,
            burst: 3.0,
        });
        let t0 = Instant::now();
        assert!((0..3).all(|_| l.allow_at(1, t0)));
        assert!(!l.allow_at(1, t0), "the burst is spent");
        assert!(l.allow_at(2, t0), "another key has its own bucket");
        assert!(
            l.allow_at(1, t0 + Duration::from_millis(100)),
            "one token per 100 ms"
        );
        assert!(!l.allow_at(1, t0 + Duration::from_millis(150)));
    }
}
