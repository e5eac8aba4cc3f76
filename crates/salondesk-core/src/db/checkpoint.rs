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
//!
//! Only one checkpoint of a database runs at a time: SQLite refuses a second
//! (SQLITE_BUSY) rather than wait, and its own automatic checkpoint ignores the
//! refusal. So a writer crossing the mark while the background thread was
//! mid-checkpoint used to skip its turn, and every commit until that
//! checkpoint ended grew the WAL further — by hundreds of pages where syncing
//! a file is slow (Wine's FlushFileBuffers), which made the WAL test flaky
//! there. Both now take `ONE_AT_A_TIME`: the writer's checkpoint (our own WAL
//! hook, in place of SQLite's) waits for the background one to finish, then
//! runs, so the WAL starts over within one commit of the mark, however slow the
//! disk.

use rusqlite::ffi;
use std::os::raw::{c_char, c_int, c_void};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the background thread checkpoints.
pub const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// WAL pages after which the writer checkpoints itself (~32 MiB at 4 KiB pages).
pub const WAL_CHECKPOINT_PAGES: i64 = 8192;

/// Held by whoever checkpoints (the writer at the mark, a background thread), so
/// neither is refused for the other. Process-wide: two stores in one process
/// (tests) only take turns, each checkpoint being short.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    // A panic while holding it leaves nothing half-done (SQLite's own state is separate).
    ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner())
}

/// Replaces SQLite's automatic checkpoint on the writer's connection with the
/// same rule (after a commit that leaves `WAL_CHECKPOINT_PAGES` or more in the
/// WAL, checkpoint PASSIVE) taken in turn with the background thread.
pub fn checkpoint_at_the_mark(conn: &rusqlite::Connection) {
    // SAFETY: the hook is a plain function with no client data, and SQLite
    // calls it on this connection's thread after a commit, with the
    // connection's own handle and database name, both valid for the call.
    unsafe {
        ffi::sqlite3_wal_hook(conn.handle(), Some(writer_wal_hook), std::ptr::null_mut());
    }
}

unsafe extern "C" fn writer_wal_hook(
    _: *mut c_void,
    db: *mut ffi::sqlite3,
    name: *const c_char,
    frames: c_int,
) -> c_int {
    if i64::from(frames) >= WAL_CHECKPOINT_PAGES {
        let _turn = one_at_a_time();
        // As SQLite's own hook: a checkpoint that cannot finish (a reader holds
        // old frames) is retried after the next commit, never an error for this one.
        // SAFETY: `db` and `name` are the ones SQLite passed in for this call.
        unsafe {
            ffi::sqlite3_wal_checkpoint_v2(
                db,
                name,
                ffi::SQLITE_CHECKPOINT_PASSIVE,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            );
        }
    }
    ffi::SQLITE_OK
}

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
                        let _turn = one_at_a_time();
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
