//! A power cut: every write not followed by a sync of its file is lost. The
//! files as of their last sync are what a machine finds when it boots again;
//! `hooks::set_snapshots` freezes them at every sync, so a cut is checked at
//! every moment the disk's contents change for good.

use super::hooks;
use crate::crash::{self, Seller};
use crate::db::Vfs;
use std::collections::HashSet;
use std::path::Path;

const DB: &str = "till.sqlite3";

/// The cuts frozen in `cuts` from number `from` on, in order.
fn cuts_since(cuts: &Path, from: usize) -> Vec<(usize, std::path::PathBuf)> {
    (from..)
        .map(|n| (n, cuts.join(n.to_string())))
        .take_while(|(_, dir)| dir.exists())
        .collect()
}

#[test]
fn a_power_cut_at_any_sync_keeps_every_committed_sale_and_a_whole_database() {
    power_cuts(None);
}

/// The same on an encrypted file: SQLCipher encrypts each page above the
/// VFS, so the WAL's frames reach the VFS written as a plain file's are.
#[test]
fn a_power_cut_at_any_sync_keeps_every_committed_sale_of_an_encrypted_database() {
    power_cuts(Some(crate::db::DbKey::generate()));
}

fn power_cuts(key: Option<crate::db::DbKey>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB);
    let cuts = dir.path().join("cuts");
    crash::prepare_keyed(&db, Vfs::Gathering, key.clone()).unwrap();
    let mut seller = Seller::open_keyed(&db, Vfs::Gathering, 7, key.clone()).unwrap();
    // The writer checkpoints every few sales (on this thread, so its syncs of
    // the database are seen), and the WAL starts over after each.
    seller
        .store()
        .conn()
        .pragma_update(None, "wal_autocheckpoint", 100)
        .unwrap();
    // The files as they stand now count as synced (they were, when prepared).
    for suffix in ["", "-wal"] {
        let f = format!("{}{suffix}", db.display());
        if Path::new(&f).exists() {
            std::fs::copy(&f, format!("{f}.synced")).unwrap();
        }
    }
    hooks::set_snapshots(Some(cuts.clone()));
    hooks::trace_start();
    let mut committed = HashSet::new();
    let mut checker = match key {
        Some(k) => crash::Checker::keyed(k),
        None => crash::Checker::default(),
    };
    let mut checked = 0;
    let mut last = None;
    for n in 1..=40 {
        let receipt = seller.sell_one().unwrap();
        // Every cut during this sale: the sales committed before it are
        // there; this one may be (once its commit was synced) or not.
        for (cut, at) in cuts_since(&cuts, checked) {
            let census = checker
                .check(&at.join(DB), &committed)
                .unwrap_or_else(|broken| panic!("power cut {cut}, during sale {n}: {broken}"));
            assert!(
                census.sales == n - 1 || census.sales == n,
                "power cut {cut} during sale {n}: {} sales, the sales before it and perhaps it",
                census.sales
            );
            checked = cut + 1;
            last = Some(at);
        }
        committed.insert(receipt);
        // The last cut (the commit's sync) holds the sale: its commit returned.
        let at = last.take().expect("a commit in FULL mode syncs the WAL");
        let census = checker
            .check(&at.join(DB), &committed)
            .unwrap_or_else(|broken| panic!("power cut after sale {n}: {broken}"));
        assert_eq!(
            census.sales, n,
            "every sale whose commit returned survives a power cut right after"
        );
        // Checked: the copies go (the disk is shared).
        for old in 0..checked {
            let _ = std::fs::remove_dir_all(cuts.join(old.to_string()));
        }
    }
    hooks::set_snapshots(None);
    let events = hooks::trace_take();
    assert!(
        events.contains(&hooks::Event::DbSync),
        "checkpoints ran (the database file was synced) between the sales, so cuts fell in them"
    );
    assert!(
        checked >= 40,
        "at least each commit's sync was cut: {checked}"
    );
}
