//! A power cut: every write not followed by a sync of its file is lost. The
//! files as of their last sync (`hooks::set_snapshots`) are what a machine
//! finds when it boots again.

use super::hooks;
use crate::crash::{self, Seller};
use crate::db::Vfs;
use std::collections::HashSet;
use std::path::Path;

/// The database as a power cut at this moment would leave it, copied to
/// `to` (the WAL index is not kept: SQLite rebuilds it from the WAL).
fn boot_after_power_cut(db: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    for suffix in ["", "-wal"] {
        let synced = format!("{}{suffix}.synced", db.display());
        let live = format!("{}{suffix}", db.display());
        // A file deleted since its last sync (the WAL, when the last
        // connection closed) is gone.
        if Path::new(&live).exists() && Path::new(&synced).exists() {
            std::fs::copy(&synced, format!("{}{suffix}", to.display())).unwrap();
        }
    }
}

#[test]
fn a_power_cut_after_any_commit_keeps_every_committed_sale_and_a_whole_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("till.sqlite3");
    let booted = dir.path().join("booted.sqlite3");
    hooks::set_snapshots(true);
    crash::prepare(&db, Vfs::Gathering).unwrap();
    let mut seller = Seller::open(&db, Vfs::Gathering, 7).unwrap();
    // The writer checkpoints every few sales (on this thread, so its syncs of
    // the database are seen), and the WAL starts over after each.
    seller
        .store()
        .conn()
        .pragma_update(None, "wal_autocheckpoint", 100)
        .unwrap();
    let mut committed = HashSet::new();
    let mut checker = crash::Checker::default();
    hooks::trace_start();
    for n in 1..=40 {
        committed.insert(seller.sell_one().unwrap());
        boot_after_power_cut(&db, &booted);
        let census = checker
            .check(&booted, &committed)
            .unwrap_or_else(|broken| panic!("power cut after sale {n}: {broken}"));
        assert_eq!(
            census.sales, n,
            "every sale whose commit returned survived the power cut, and nothing else"
        );
    }
    hooks::set_snapshots(false);
    let events = hooks::trace_take();
    assert!(
        events.contains(&hooks::Event::DbSync),
        "checkpoints ran (the database file was synced) between the sales, so cuts fell around them"
    );
}
