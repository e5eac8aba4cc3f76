//! Background WAL checkpoints. SQLite's automatic checkpoint runs inside
//! whichever commit crosses its threshold (1000 pages: every ~20th sale), so
//! that sale waits for the database file to be written back and synced. A
//! long-running app checkpoints from its own thread and connection instead
//! (PASSIVE: writers never wait for it), often, so each one is small.
//!
//! A checkpoint alone does not keep the WAL small: SQLite starts the WAL over
//! only when a write begins with every frame already copied back. Between
//! sales minutes apart that is every time; under writes back to back (a
//! burst at the till, a bulk job) a background checkpoint never catches the
//! writer, and the WAL would grow without end — every commit then extends the
//! file, and every page read searches a bigger WAL index. So the writer keeps
//! SQLite's own checkpoint at a high mark, `WAL_CHECKPOINT_PAGES`: it runs
//! once in that many pages under sustained writing (about one sale in 150),
//! copies only what the background thread has not yet, and lets the WAL
//! start over.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the background thread checkpoints.
pub const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// WAL pages after which the writer checkpoints itself (~32 MiB at 4 KiB pages).
pub const WAL_CHECKPOINT_PAGES: i64 = 8192;

pub struct Checkpointer {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing `path` (keyed with `key`, if encrypted) every `every`.
    pub fn start(
        path: &Path,
        every: Duration,
        key: Option<&super::DbKey>,
    ) -> crate::Result<Checkpointer> {
        let conn = rusqlite::Connection::open(path)?;
        super::apply_key(&conn, key)?;
        conn.busy_timeout(Duration::from_millis(50))?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("salondesk-checkpoint".into())
            .spawn(move || {
                let mut last = std::time::Instant::now();
                while !flag.load(Ordering::Relaxed) {
                    // Short naps keep shutdown quick; the checkpoint itself runs every `every`.
                    std::thread::sleep(Duration::from_millis(100).min(every));
                    if last.elapsed() >= every {
                        // Errors (busy, say) only mean "try again next time".
                        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                        last = std::time::Instant::now();
                    }
                }
            })
            .map_err(|e| {
                crate::CoreError::Internal(format!("cannot start the checkpoint thread: {e}"))
            })?;
        Ok(Checkpointer {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
