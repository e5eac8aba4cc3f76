//! Retry delays after a failed sync: exponential backoff with full jitter.
//!
//! The ceiling doubles from 1 s after each failure up to 60 s; the delay is
//! drawn uniformly between zero and the ceiling. The randomness matters when
//! the server comes back after an outage: a chain's devices do not all knock
//! at the same instant. The first success resets it.

use rand::Rng;
use std::time::Duration;

pub const BASE: Duration = Duration::from_secs(1);
pub const CAP: Duration = Duration::from_secs(60);

#[derive(Debug, Clone)]
pub struct Backoff {
    failures: u32,
    base: Duration,
    cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new(BASE, CAP)
    }
}

impl Backoff {
    pub fn new(base: Duration, cap: Duration) -> Self {
        Backoff {
            failures: 0,
            base,
            cap,
        }
    }

    /// Failures in a row so far.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The most the next delay can be: `base × 2^failures`, at most `cap`.
    pub fn ceiling(&self) -> Duration {
        // 2^16 s is far past any sensible cap; stop doubling before overflow.
        let factor = 1u32 << self.failures.min(16);
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// Records a failure and draws the delay before the next try.
    pub fn next_delay(&mut self, rng: &mut impl Rng) -> Duration {
        let ceiling = self.ceiling();
        self.failures = self.failures.saturating_add(1);
        let ms = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(rng.gen_range(0..=ms))
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    #[test]
    fn the_ceiling_doubles_from_one_second_to_the_one_minute_cap() {
        let mut b = Backoff::default();
        let mut rng = StdRng::seed_from_u64(1);
        let mut ceilings = Vec::new();
        for _ in 0..10 {
            ceilings.push(b.ceiling().as_secs());
            b.next_delay(&mut rng);
        }
        assert_eq!(ceilings, [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
        // Thousands of failures (a long outage) neither overflow nor pass the cap.
        for _ in 0..10_000 {
            b.next_delay(&mut rng);
        }
        assert_eq!(b.ceiling(), CAP);
    }

    #[test]
    fn every_delay_lies_between_zero_and_its_ceiling_and_they_spread() {
        let mut rng = StdRng::seed_from_u64(7);
        for failures in 0..12 {
            let mut seen = std::collections::HashSet::new();
            for _ in 0..200 {
                let mut b = Backoff::default();
                for _ in 0..failures {
                    b.next_delay(&mut rng);
                }
                let ceiling = b.ceiling();
                let d = b.next_delay(&mut rng);
                assert!(
                    d <= ceiling,
                    "{d:?} > {ceiling:?} after {failures} failures"
                );
                seen.insert(d.as_millis());
            }
            // Full jitter: two hundred devices failing together do not all wait alike.
            assert!(seen.len() > 100, "only {} distinct delays", seen.len());
        }
    }

    #[test]
    fn a_success_starts_over_at_one_second() {
        let mut b = Backoff::default();
        let mut rng = StdRng::seed_from_u64(3);
        for _ in 0..8 {
            b.next_delay(&mut rng);
        }
        assert_eq!(b.ceiling(), CAP);
        b.reset();
        assert_eq!(b.ceiling(), BASE);
        assert_eq!(b.failures(), 0);
    }
}
