//! Background WAL checkpoints. SQLite's automatic checkpoint runs inside
//! whichever commit crosses the threshold, so every ~40th sale would wait for
//! the database file to be written back and synced. A long-running app turns
//! that off and checkpoints from its own thread and connection instead; writers
//! never wait for it (PASSIVE).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

pub struct Checkpointer {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts checkpointing `path` every `every`.
    pub fn start(path: &Path, every: Duration) -> crate::Result<Checkpointer> {
        let conn = rusqlite::Connection::open(path)?;
        conn.busy_timeout(Duration::from_millis(50))?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("salondesk-checkpoint".into())
            .spawn(move || {
                let mut last = std::time::Instant::now();
                while !flag.load(Ordering::Relaxed) {
                    // Short naps keep shutdown quick; the checkpoint itself runs every `every`.
                    std::thread::sleep(Duration::from_millis(100));
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
