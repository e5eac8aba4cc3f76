//! The hybrid logical clock both the devices and the server stamp operations
//! with: wall-clock milliseconds plus a counter, so one device's operations
//! are strictly ordered even when its wall clock stalls or steps back, and
//! operations from different devices order close to real time. One
//! implementation, linked by both sides: they cannot disagree on what a stamp
//! is, how it is read or how it moves.
//!
//! Text form: `{wall_ms:015}-{counter:06}`, 22 characters, always. It sorts as
//! text the way it compares as a value (the stores compare stamps as text), so
//! neither part may ever grow a digit:
//! - the counter never passes [`MAX_COUNTER`]: one more carries into the wall
//!   (a millisecond later, counter 0) instead of widening the text;
//! - the wall is bounded: a stamp before [`MIN_WALL_MS`] (2000-01-01) is
//!   malformed, and a receiver refuses (server) or clamps to (device) a stamp
//!   more than [`MAX_DRIFT_MS`] past its own wall clock. Without that bound one
//!   stamp `999999999999999-999999` from anyone would drag every clock that
//!   saw it to the end of the format, where only overflow is left.

use chrono::{DateTime, Utc};
use std::fmt;
use std::str::FromStr;

/// How far past a receiver's wall clock a stamp may be: tills' clocks differ
/// by seconds, not minutes, when their PCs keep time.
pub const MAX_DRIFT_MS: i64 = 5 * 60 * 1000;
/// The earliest wall time a stamp may carry: 2000-01-01T00:00:00Z.
pub const MIN_WALL_MS: i64 = 946_684_800_000;
/// The largest counter (six digits); one more carries into the wall.
pub const MAX_COUNTER: u32 = 999_999;
/// Characters in a stamp's text.
pub const TEXT_LEN: usize = 22;

/// Refusal code of a pushed operation whose stamp is malformed.
pub const BAD_HLC: &str = "bad_hlc";
/// Refusal code of a pushed operation stamped past the server's wall clock
/// plus the drift: the till's clock is wrong. Its data: `{"minutesAhead": n}`.
pub const CLOCK_AHEAD: &str = "clock_ahead";

/// A refusal that says nothing about the operation itself, only about its
/// stamp: once the device's clock is right, the operation, stamped afresh, is
/// good to send again.
pub fn is_clock_refusal(code: &str) -> bool {
    code == BAD_HLC || code == CLOCK_AHEAD
}

/// Why a stamp is refused (server) or clamped (device).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HlcError {
    /// Not 15 digits, a dash and 6 digits, or before 2000-01-01.
    Malformed,
    /// Its wall time is this many milliseconds past the receiver's wall clock
    /// plus [`MAX_DRIFT_MS`]'s allowance (the amount ahead of the wall clock).
    Ahead { ms: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc {
    pub wall_ms: i64,
    pub counter: u32,
}

impl Hlc {
    /// Reads a stamp's text: exactly the fixed-width form, wall not before 2000.
    pub fn parse(s: &str) -> Result<Hlc, HlcError> {
        let b = s.as_bytes();
        let well_formed = b.len() == TEXT_LEN
            && b[15] == b'-'
            && b[..15].iter().all(u8::is_ascii_digit)
            && b[16..].iter().all(u8::is_ascii_digit);
        if !well_formed {
            return Err(HlcError::Malformed);
        }
        let hlc = Hlc {
            wall_ms: s[..15].parse().map_err(|_| HlcError::Malformed)?,
            counter: s[16..].parse().map_err(|_| HlcError::Malformed)?,
        };
        if hlc.wall_ms < MIN_WALL_MS {
            return Err(HlcError::Malformed);
        }
        Ok(hlc)
    }

    /// Reads a stamp received at wall time `now`: well formed and not more
    /// than [`MAX_DRIFT_MS`] ahead of it.
    pub fn parse_at(s: &str, now: DateTime<Utc>) -> Result<Hlc, HlcError> {
        let hlc = Hlc::parse(s)?;
        match hlc.ahead_of(now) {
            ms if ms > MAX_DRIFT_MS => Err(HlcError::Ahead { ms }),
            _ => Ok(hlc),
        }
    }

    /// How many milliseconds this stamp's wall is ahead of `now` (negative: behind).
    pub fn ahead_of(&self, now: DateTime<Utc>) -> i64 {
        self.wall_ms.saturating_sub(now.timestamp_millis())
    }

    /// More than the drift ahead of wall time `now`: what a receiver refuses.
    pub fn is_past_bound(&self, now: DateTime<Utc>) -> bool {
        self.ahead_of(now) > MAX_DRIFT_MS
    }

    /// The earliest stamp of the bound a receiver at wall time `now` keeps:
    /// it accepts any counter at that millisecond, none after it.
    pub fn bound(now: DateTime<Utc>) -> Hlc {
        Hlc {
            wall_ms: now.timestamp_millis().saturating_add(MAX_DRIFT_MS),
            counter: 0,
        }
    }

    /// The stamp right after this one: counter + 1, carrying into the wall.
    fn next(self) -> Hlc {
        if self.counter >= MAX_COUNTER {
            Hlc {
                wall_ms: self.wall_ms + 1,
                counter: 0,
            }
        } else {
            Hlc {
                wall_ms: self.wall_ms,
                counter: self.counter + 1,
            }
        }
    }

    /// The next timestamp for a local event at wall time `now`.
    pub fn tick(self, now: DateTime<Utc>) -> Hlc {
        let now_ms = now.timestamp_millis();
        if now_ms > self.wall_ms {
            Hlc {
                wall_ms: now_ms,
                counter: 0,
            }
        } else {
            self.next()
        }
    }

    /// The next timestamp after receiving `remote` at wall time `now`. A
    /// remote stamp past [`Hlc::bound`] counts as the bound: whatever another
    /// clock says, this one never runs more than the drift ahead of its own
    /// wall clock because of it.
    pub fn receive(self, remote: Hlc, now: DateTime<Utc>) -> Hlc {
        let remote = remote.min(Hlc::bound(now));
        let now_ms = now.timestamp_millis();
        let wall_ms = now_ms.max(self.wall_ms).max(remote.wall_ms);
        let base = if wall_ms == self.wall_ms && wall_ms == remote.wall_ms {
            self.max(remote)
        } else if wall_ms == self.wall_ms {
            self
        } else if wall_ms == remote.wall_ms {
            remote
        } else {
            return Hlc {
                wall_ms,
                counter: 0,
            };
        };
        base.next()
    }

    /// This clock, brought back within reach of wall time `now` if it ran
    /// past [`Hlc::bound`] (its wall clock was set back, or it adopted a stamp
    /// before stamps were bounded): restarts at `now`. Going back is the
    /// lesser harm: a clock past the bound stamps operations every receiver
    /// refuses.
    pub fn within_bound(self, now: DateTime<Utc>) -> Hlc {
        if self.is_past_bound(now) {
            Hlc {
                wall_ms: now.timestamp_millis(),
                counter: 0,
            }
        } else {
            self
        }
    }
}

impl fmt::Display for Hlc {
    /// Fixed width, so timestamps sort as text the way they sort as values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:06}", self.wall_ms, self.counter)
    }
}

impl FromStr for Hlc {
    type Err = HlcError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Hlc::parse(s)
    }
}

impl fmt::Display for HlcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HlcError::Malformed => {
                write!(f, "hlc must look like 001763900000000-000003, after 2000")
            }
            HlcError::Ahead { ms } => write!(
                f,
                "hlc is {} min ahead of the receiver's clock",
                minutes_ahead(*ms)
            ),
        }
    }
}

/// Whole minutes, rounded up, of an amount ahead in milliseconds (what a
/// refusal and the device's sync status report).
pub fn minutes_ahead(ms: i64) -> i64 {
    (ms.max(0) + 59_999) / 60_000
}

#[cfg(test)]
#[path = "hlc_tests.rs"]
mod tests;
