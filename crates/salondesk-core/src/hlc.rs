//! Hybrid logical clock: wall-clock milliseconds plus a counter, so operations
//! from one device are strictly ordered even when the wall clock stalls or
//! steps back, and operations from different devices order close to real time.

use chrono::{DateTime, Utc};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc {
    pub wall_ms: i64,
    pub counter: u32,
}

impl Hlc {
    /// The next timestamp for a local event at wall time `now`.
    pub fn tick(self, now: DateTime<Utc>) -> Hlc {
        let now_ms = now.timestamp_millis();
        if now_ms > self.wall_ms {
            Hlc {
                wall_ms: now_ms,
                counter: 0,
            }
        } else {
            Hlc {
                wall_ms: self.wall_ms,
                counter: self.counter + 1,
            }
        }
    }

    /// The next timestamp after receiving `remote` at wall time `now`.
    pub fn receive(self, remote: Hlc, now: DateTime<Utc>) -> Hlc {
        let now_ms = now.timestamp_millis();
        let wall_ms = now_ms.max(self.wall_ms).max(remote.wall_ms);
        let counter = if wall_ms == self.wall_ms && wall_ms == remote.wall_ms {
            self.counter.max(remote.counter) + 1
        } else if wall_ms == self.wall_ms {
            self.counter + 1
        } else if wall_ms == remote.wall_ms {
            remote.counter + 1
        } else {
            0
        };
        Hlc { wall_ms, counter }
    }
}

impl fmt::Display for Hlc {
    /// Fixed width, so timestamps sort as text the way they sort as values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:06}", self.wall_ms, self.counter)
    }
}

impl FromStr for Hlc {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (w, c) = s.split_once('-').ok_or_else(|| format!("bad hlc {s:?}"))?;
        Ok(Hlc {
            wall_ms: w.parse().map_err(|_| format!("bad hlc {s:?}"))?,
            counter: c.parse().map_err(|_| format!("bad hlc {s:?}"))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Hlc;
    use chrono::{TimeZone, Utc};

    #[test]
    fn stays_monotonic_when_the_wall_clock_steps_back() {
        let t1 = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let a = Hlc::default().tick(t1);
        let b = a.tick(t0);
        assert!(
            b > a,
            "a tick after the clock stepped back must still be later: {a} then {b}"
        );
        assert!(
            b.to_string() > a.to_string(),
            "text order must match value order"
        );
        let r = Hlc {
            wall_ms: a.wall_ms + 5000,
            counter: 7,
        };
        let c = b.receive(r, t0);
        assert!(c > r && c > b, "receive must move past both clocks");
        assert_eq!(c.to_string().parse::<Hlc>().unwrap(), c);
    }
}
