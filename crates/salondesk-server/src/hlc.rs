//! The server's hybrid logical clock, for the operations it writes itself
//! (conflicts). It observes every hlc pushed to it, so a conflict sorts after
//! the writes that caused it even when a device's clock runs ahead.
//! Text form as on the devices: `{wall_ms:015}-{counter:06}`, which sorts as
//! it compares.

use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
struct Stamp {
    wall_ms: i64,
    counter: u32,
}

#[derive(Default)]
pub struct ServerClock {
    last: Mutex<Stamp>,
}

/// `001763900000000-000003`: 15 digits, a dash, 6 digits.
pub fn is_valid(hlc: &str) -> bool {
    let b = hlc.as_bytes();
    b.len() == 22
        && b[15] == b'-'
        && b[..15].iter().all(u8::is_ascii_digit)
        && b[16..].iter().all(u8::is_ascii_digit)
}

fn parse(hlc: &str) -> Option<Stamp> {
    if !is_valid(hlc) {
        return None;
    }
    Some(Stamp {
        wall_ms: hlc[..15].parse().ok()?,
        counter: hlc[16..].parse().ok()?,
    })
}

impl ServerClock {
    /// Moves the clock past a pushed hlc (ignored if malformed).
    pub fn observe(&self, hlc: &str) {
        if let Some(s) = parse(hlc) {
            let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
            if s > *last {
                *last = s;
            }
        }
    }

    /// A fresh stamp for a server-made operation.
    pub fn tick(&self) -> String {
        self.tick_at(chrono::Utc::now().timestamp_millis())
    }

    fn tick_at(&self, now_ms: i64) -> String {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        *last = if now_ms > last.wall_ms {
            Stamp {
                wall_ms: now_ms,
                counter: 0,
            }
        } else {
            Stamp {
                wall_ms: last.wall_ms,
                counter: last.counter + 1,
            }
        };
        format!("{:015}-{:06}", last.wall_ms, last.counter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_after_what_it_saw() {
        let c = ServerClock::default();
        assert_eq!(c.tick_at(5), "000000000000005-000000");
        c.observe("000000000000009-000004");
        assert_eq!(c.tick_at(6), "000000000000009-000005");
        assert_eq!(c.tick_at(10), "000000000000010-000000");
        assert!(is_valid("001763900000000-000003"));
        assert!(!is_valid("1763900000000-3"));
        assert!(!is_valid("00176390000000x-000003"));
    }
}
