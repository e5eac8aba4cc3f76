//! Time is handed in, never read inside business logic, so tests can set it.

use chrono::{DateTime, Duration, Utc};
use std::sync::Mutex;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The wall clock, for the real app.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock tests set and advance by hand.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn at(t: DateTime<Utc>) -> Self {
        FixedClock(Mutex::new(t))
    }

    pub fn set(&self, t: DateTime<Utc>) {
        *self.0.lock().expect("clock lock") = t;
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().expect("clock lock");
        *t += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock lock")
    }
}

/// FOR END-TO-END TESTS ONLY (never a till's): the wall clock plus an offset
/// in seconds read from a file (`SALONDESK_TEST_CLOCK_FILE`), read again
/// whenever the file changes, so a test moves the running app a week on by
/// writing `604800` into it. A missing or unreadable file is no offset.
#[derive(Debug)]
pub struct OffsetFileClock {
    path: std::path::PathBuf,
    /// The file's modification time and length when last read, and its offset.
    seen: Mutex<(Option<std::time::SystemTime>, u64, i64)>,
}

impl OffsetFileClock {
    pub fn new(path: impl Into<std::path::PathBuf>) -> Self {
        OffsetFileClock {
            path: path.into(),
            seen: Mutex::new((None, 0, 0)),
        }
    }

    fn offset(&self) -> i64 {
        let meta = std::fs::metadata(&self.path).ok();
        let stamp = meta.as_ref().and_then(|m| m.modified().ok());
        let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
        let mut seen = self.seen.lock().expect("clock lock");
        if stamp != seen.0 || len != seen.1 {
            let offset = std::fs::read_to_string(&self.path)
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .unwrap_or(0);
            *seen = (stamp, len, offset.clamp(-3_650 * 86_400, 3_650 * 86_400));
        }
        seen.2
    }
}

impl Clock for OffsetFileClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_clock_moves_when_its_file_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("clock");
        let clock = OffsetFileClock::new(&file);
        let drift = |c: &OffsetFileClock| (c.now() - Utc::now()).num_seconds();
        assert_eq!(drift(&clock), 0, "no file: the wall clock");
        std::fs::write(&file, "604800\n").unwrap();
        assert!(
            (604_799..=604_800).contains(&drift(&clock)),
            "a week on once written"
        );
        std::fs::write(&file, "-86400000").unwrap();
        assert!(drift(&clock) < -86_000, "read again when the file changes");
    }
}
