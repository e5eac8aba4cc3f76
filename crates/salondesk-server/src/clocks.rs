//! The server's clocks. Its wall clock is handed in (`Config::clock`), so
//! tests can set it. For the operations it writes itself (conflicts) it keeps
//! a hybrid logical clock per chain: it observes every stamp a chain pushes,
//! so a conflict sorts after the writes that caused it, and a chain's stamps
//! never reach another chain's clock. With one clock for all, one till's
//! far-future stamp would have been stamped onto every chain's conflicts.
//! The clock itself (format, tick, bound) is `salondesk_protocol::hlc`'s.

use chrono::{DateTime, Utc};
use salondesk_protocol::Hlc;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// The server's wall clock: the system's, or one a test sets.
#[derive(Clone)]
pub struct WallClock(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl WallClock {
    pub fn system() -> WallClock {
        WallClock(Arc::new(Utc::now))
    }

    /// A clock that reads `f` (tests: the system's plus a settable offset).
    pub fn from_fn(f: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> WallClock {
        WallClock(Arc::new(f))
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }
}

impl fmt::Debug for WallClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WallClock({})", self.now())
    }
}

/// The wall clock and one hybrid logical clock per chain (tenant).
pub struct Clocks {
    wall: WallClock,
    chains: Mutex<HashMap<Uuid, Hlc>>,
}

impl Clocks {
    pub fn new(wall: WallClock) -> Clocks {
        Clocks {
            wall,
            chains: Mutex::new(HashMap::new()),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.wall.now()
    }

    /// Moves `tenant`'s clock past a stamp it pushed (ignored if malformed;
    /// never past the drift ahead of the wall clock, though pushes that far
    /// ahead are refused before they get here).
    pub fn observe(&self, tenant: Uuid, hlc: &str) {
        let Ok(seen) = Hlc::parse(hlc) else {
            return;
        };
        let seen = seen.min(Hlc::bound(self.now()));
        let mut chains = self.chains.lock().unwrap_or_else(|p| p.into_inner());
        let last = chains.entry(tenant).or_default();
        if seen > *last {
            *last = seen;
        }
    }

    /// A fresh stamp for an operation the server makes in `tenant`'s chain.
    pub fn tick(&self, tenant: Uuid) -> String {
        let now = self.now();
        let mut chains = self.chains.lock().unwrap_or_else(|p| p.into_inner());
        let last = chains.entry(tenant).or_default();
        *last = last.within_bound(now).tick(now);
        last.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at_2026() -> WallClock {
        WallClock::from_fn(|| Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap())
    }

    #[test]
    fn a_chain_ticks_after_what_it_saw_and_other_chains_never_see_it() {
        let clocks = Clocks::new(at_2026());
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let now = clocks.now().timestamp_millis();
        let seen = format!("{:015}-{:06}", now + 60_000, 4);
        clocks.observe(a, &seen);
        assert_eq!(
            clocks.tick(a),
            format!("{:015}-{:06}", now + 60_000, 5),
            "chain A's next stamp follows the one it pushed"
        );
        assert_eq!(
            clocks.tick(b),
            format!("{:015}-{:06}", now, 0),
            "chain B's clock never saw chain A's stamp"
        );
    }

    #[test]
    fn a_far_future_stamp_cannot_drag_a_chain_past_the_drift() {
        // Regression: one pushed `999999999999999-999999` made the next
        // conflict `999999999999999-1000000` (23 characters) in every chain.
        let clocks = Clocks::new(at_2026());
        let a = Uuid::now_v7();
        clocks.observe(a, "999999999999999-999999");
        let next = Hlc::parse(&clocks.tick(a)).expect("a well-formed stamp");
        assert!(
            next.ahead_of(clocks.now()) <= salondesk_protocol::MAX_DRIFT_MS,
            "the chain's clock stays within the drift: {next}"
        );
    }
}
