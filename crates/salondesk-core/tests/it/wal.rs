//! The WAL under writes back to back, as the long-running app checkpoints it.

use crate::support::store;
use salondesk_core::db::WAL_CHECKPOINT_PAGES;
use salondesk_core::write::OpKind;

/// Regression: with checkpoints only on a background thread, a WAL written to
/// without pause never started over (SQLite restarts it only when a write
/// begins with every frame copied back, and the writer never left the thread
/// that moment), so it grew by every commit for as long as the writes kept
/// coming — a 2 GB WAL after 10,000 benchmark sales, every commit extending
/// the file and every read searching a bigger WAL index.
#[test]
fn back_to_back_writes_keep_the_wal_bounded() {
    let mut t = store();
    t.store.checkpoint_in_background().unwrap();
    let page: i64 = t
        .store
        .conn()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let wal = format!("{}-wal", t.store.path().display());
    let payload = "x".repeat(16_000);
    let mut largest = 0;
    // Each write is some ten pages (a 16 KB outbox row, its indexes, the
    // clock): together well past WAL_CHECKPOINT_PAGES.
    for i in 0..(WAL_CHECKPOINT_PAGES / 6) {
        t.store
            .write(|w| {
                w.emit("bench", &i, OpKind::Append, &payload)?;
                Ok(())
            })
            .unwrap();
        largest = largest.max(std::fs::metadata(&wal).map_or(0, |m| m.len()));
    }
    let frames = largest as i64 / (page + 24);
    assert!(
        frames < WAL_CHECKPOINT_PAGES + 64,
        "the WAL reached {frames} pages; the writer should checkpoint at {WAL_CHECKPOINT_PAGES} and start it over"
    );
}
