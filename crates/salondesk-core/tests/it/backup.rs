//! Backups and restore on real files: a restored backup equals the original
//! row for row, a damaged one is refused with nothing replaced, a backup
//! taken while the till writes is whole and never starts over.

use crate::checkout_fixture::salon;
use crate::support::{boss, member};
use rusqlite::types::Value;
use rusqlite::Connection;
use salondesk_core::backup::{self, BackupFile, Progress};
use salondesk_core::checkout::{CartLine, LineItem, Tender};
use salondesk_core::clock::FixedClock;
use salondesk_core::{CoreError, Money, Store};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Every row of every table, sorted, by table name (the meta row a backup
/// adds about itself left out).
pub fn every_row(conn: &Connection) -> BTreeMap<String, Vec<Vec<String>>> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = BTreeMap::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<Vec<String>> = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| Ok(format!("{:?}", r.get::<_, Value>(i)?)))
                    .collect()
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        if t == "meta" {
            rows.retain(|r| !r[0].contains("backup.taken_at"));
        }
        rows.sort();
        out.insert(t, rows);
    }
    out
}

fn cash(yuan: i64) -> Vec<Tender> {
    vec![Tender::Cash {
        amount: Money::yuan(yuan),
    }]
}

fn back_up(store: &Store, folder: &Path) -> BackupFile {
    backup::make_backup(&store.backup_source(), folder, store.now(), &mut |_| {})
        .expect("a backup into a folder that is there")
}

#[test]
fn a_backup_restored_on_a_fresh_database_equals_the_original_row_for_row() {
    let mut s = salon();
    s.top_up();
    let serum = s.serum;
    s.sell(
        vec![CartLine::new(LineItem::Product {
            product_id: serum,
            qty: 1,
        })],
        &cash(368),
    )
    .expect("a sale");
    let folder = tempfile::tempdir().unwrap();
    let file = back_up(&s.t.store, folder.path());
    assert!(file.size > 0, "the backup holds the database");
    assert!(
        file.name.starts_with("salondesk-S01-001-"),
        "the name says whose it is: {}",
        file.name
    );

    let fresh = tempfile::tempdir().unwrap();
    let target = fresh.path().join("salondesk.sqlite3");
    let clock = Arc::new(FixedClock::at(s.t.store.now()));
    let outcome = backup::restore_file(&target, &file.path, None, clock.clone()).expect("restore");
    assert_eq!(
        outcome.replaced_aside, None,
        "there was nothing to move aside"
    );
    assert!(
        !outcome.catch_up,
        "a till not enrolled has nothing to pull back"
    );

    let restored = Store::open(&target, clock).unwrap();
    assert_eq!(
        every_row(restored.conn()),
        every_row(s.t.store.conn()),
        "every table of the restored database holds exactly the original's rows"
    );
}

#[test]
fn the_preview_shows_when_the_backup_was_taken_and_what_it_holds() {
    let mut s = salon();
    let sale = s.top_up();
    let folder = tempfile::tempdir().unwrap();
    let file = back_up(&s.t.store, folder.path());
    let p = s.t.store.restore_preview(&s.owner, &file.path).unwrap();
    assert_eq!(p.taken_at, Some(file.taken_at), "taken when it was made");
    assert_eq!(
        (p.members, p.sales),
        (1, 1),
        "the salon's one member and one sale"
    );
    assert_eq!(
        p.last_receipt_no.as_deref(),
        Some(sale.receipt_no.as_str()),
        "the last receipt number is the top-up's"
    );
    assert!(p.integrity_ok, "a fresh backup passes its check");
    assert!(!p.other_device, "the till's own backup");
    let other = crate::support::store();
    let seen = other.store.restore_preview(&boss(), &file.path).unwrap();
    assert!(
        seen.other_device,
        "another till previewing it is told the backup is not its own"
    );
    let refused = s.t.store.restore_preview(&s.manager, &file.path);
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "only the owner restores: {refused:?}"
    );
}

#[test]
fn a_damaged_backup_is_refused_and_nothing_is_replaced() {
    let mut s = salon();
    for i in 0..30 {
        s.t.store
            .register_member(&boss(), &member(&format!("会员{i}"), &format!("139{i:08}")))
            .unwrap();
    }
    let folder = tempfile::tempdir().unwrap();
    let file = back_up(&s.t.store, folder.path());
    // Scribble over the middle of the file: pages of tables and indexes.
    let mut bytes = std::fs::read(&file.path).unwrap();
    let page = 4096;
    let end = bytes.len() - page;
    for b in &mut bytes[3 * page..end] {
        *b = 0x5a;
    }
    std::fs::write(&file.path, &bytes).unwrap();

    let live = tempfile::tempdir().unwrap();
    let target = live.path().join("salondesk.sqlite3");
    let clock = Arc::new(FixedClock::at(s.t.store.now()));
    drop(Store::open(&target, clock.clone()).unwrap());
    let before = std::fs::read(&target).unwrap();
    let refused = backup::restore_file(&target, &file.path, None, clock);
    assert!(
        matches!(refused, Err(CoreError::RestoreRefused { .. })),
        "a backup that fails its check is refused: {refused:?}"
    );
    assert_eq!(
        std::fs::read(&target).unwrap(),
        before,
        "the database in place is untouched"
    );
    let names: Vec<String> = std::fs::read_dir(live.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains("replaced") && !n.contains("restoring")),
        "nothing was moved aside or left half copied: {names:?}"
    );
}

#[test]
fn a_backup_taken_while_the_till_writes_is_whole_and_never_starts_over() {
    let mut s = salon();
    for i in 0..200 {
        s.t.store
            .register_member(
                &boss(),
                &member(&format!("老会员{i}"), &format!("137{i:08}")),
            )
            .unwrap();
    }
    let before: i64 =
        s.t.store
            .conn()
            .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
            .unwrap();
    let folder = tempfile::tempdir().unwrap();
    let source = s.t.store.backup_source();
    let mut steps: Vec<Progress> = Vec::new();
    let mut n = 0;
    let file = backup::make_backup_in_steps(&source, folder.path(), s.t.store.now(), 2, &mut |p| {
        steps.push(p);
        // The till registers a member between every two steps of the copy.
        n += 1;
        s.t.store
            .register_member(
                &boss(),
                &member(&format!("新会员{n}"), &format!("136{n:08}")),
            )
            .expect("the till writes while the backup runs");
    })
    .expect("the backup finishes while the till writes");
    assert!(
        steps.len() > 3,
        "the copy took several steps: {}",
        steps.len()
    );
    assert!(
        steps.windows(2).all(|w| w[1].done_pages >= w[0].done_pages),
        "progress never went back: the copy never started over"
    );
    let copy = Connection::open(&file.path).unwrap();
    let ok: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "the copy is whole");
    let copied: i64 = copy
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        copied, before,
        "the copy is the database as it was when the backup began, not a mix"
    );
    let journal: String = copy
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        journal, "delete",
        "a backup is one file, without a WAL beside it"
    );
}

#[test]
fn a_backup_to_a_folder_that_is_gone_fails_says_why_and_leaves_the_store_alone() {
    let mut s = salon();
    let folder = tempfile::tempdir().unwrap();
    let gone = folder.path().join("usb");
    let source = s.t.store.backup_source();
    let outcome = backup::back_up(&source, &gone, s.t.store.now(), 480, &mut |_| {});
    assert!(
        matches!(
            &outcome,
            Err(CoreError::BackupFailed {
                reason: "folder_missing",
                ..
            })
        ),
        "an unplugged drive is named as the reason: {outcome:?}"
    );
    s.t.store.record_backup(&outcome).unwrap();
    let status = s.t.store.backup_status().unwrap();
    assert_eq!(
        status.last_failure.map(|f| f.reason),
        Some("folder_missing".into()),
        "Settings shows why the last backup failed"
    );
    let ok: String =
        s.t.store
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
    assert_eq!(ok, "ok", "the store is untouched");
    assert!(!gone.exists(), "no folder was made up in its place");
}

#[test]
fn restoring_over_a_database_keeps_the_replaced_one_aside_and_never_reuses_a_receipt_number() {
    let mut s = salon();
    s.top_up();
    let folder = tempfile::tempdir().unwrap();
    let file = back_up(&s.t.store, folder.path());
    let later = s.top_up();
    // Chosen after the backup was taken: this PC's folder, kept across the restore.
    let settings = salondesk_core::backup::BackupSettings {
        folder: folder.path().to_string_lossy().into_owned(),
        enabled: true,
        daily_at: "22:15".into(),
    };
    let owner = s.owner.clone();
    s.t.store.save_backup_settings(&owner, &settings).unwrap();
    let path = s.t.store.path().to_path_buf();
    let clock = s.t.clock.clone();
    let cashier = s.cashier.clone();
    let member_id = s.member;
    let top_up = s.top_up.clone();
    drop(s.t.store);

    let outcome = backup::restore_file(&path, &file.path, None, clock.clone()).unwrap();
    let aside = outcome
        .replaced_aside
        .expect("the replaced database is kept");
    let old = Connection::open(&aside).unwrap();
    let kept: i64 = old
        .query_row("SELECT count(*) FROM sales", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 2, "the replaced file still holds both sales");

    let mut store = Store::open(&path, clock).unwrap();
    let sales: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM sales", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sales, 1, "the restored database is the backup's");
    assert_eq!(
        store.backup_settings().unwrap(),
        settings,
        "the backup folder and schedule chosen on this PC survive the restore"
    );
    let cart = salondesk_core::checkout::Cart {
        member_id: Some(member_id),
        lines: vec![CartLine::new(LineItem::TopUp { plan_id: top_up })],
        ..Default::default()
    };
    let next = store.complete_sale(&cashier, &cart, &cash(1000)).unwrap();
    assert!(
        next.receipt_no > later.receipt_no,
        "the next receipt ({}) comes after the last one used before the restore ({})",
        next.receipt_no,
        later.receipt_no
    );
}

#[test]
fn the_check_after_writing_fails_a_copy_with_one_damaged_page() {
    let mut s = salon();
    for i in 0..200 {
        s.t.store
            .register_member(&boss(), &member(&format!("会员{i}"), &format!("139{i:08}")))
            .unwrap();
    }
    let folder = tempfile::tempdir().unwrap();
    let file = back_up(&s.t.store, folder.path());
    let key = s.t.store.backup_source().key;
    assert!(
        backup::check_copy(&file.path, key.as_ref()).is_ok(),
        "the copy as written passes its check"
    );
    // One page of the search index (a table the per-table check walks with
    // the others), written over: what a bad sector or a torn write leaves.
    let (root, page): (i64, i64) = {
        let c = Connection::open(&file.path).unwrap();
        let root = c
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'member_search'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (
            root,
            c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap(),
        )
    };
    let mut bytes = std::fs::read(&file.path).unwrap();
    let at = ((root - 1) * page) as usize;
    for b in &mut bytes[at + 8..at + page as usize] {
        *b = 0x5a;
    }
    std::fs::write(&file.path, &bytes).unwrap();
    let checked = backup::check_copy(&file.path, key.as_ref());
    assert!(
        matches!(
            checked,
            Err(CoreError::BackupFailed {
                reason: "integrity",
                ..
            })
        ),
        "one damaged page fails the check: {checked:?}"
    );
}

#[test]
fn the_check_after_writing_fails_a_copy_whose_pages_do_not_add_up() {
    let mut s = salon();
    for i in 0..50 {
        s.t.store
            .register_member(&boss(), &member(&format!("会员{i}"), &format!("138{i:08}")))
            .unwrap();
    }
    let folder = tempfile::tempdir().unwrap();
    let file = back_up(&s.t.store, folder.path());
    assert!(
        s.t.store.backup_source().key.is_none(),
        "the fixture's store is plain, so its header can be edited here"
    );
    // The header's count of free pages one more than the file has: a page
    // neither in a b-tree nor on the free list. Every table and index still
    // reads right (the per-table checks pass); only the accounting sees it.
    let mut bytes = std::fs::read(&file.path).unwrap();
    let free = u32::from_be_bytes(bytes[36..40].try_into().unwrap());
    bytes[36..40].copy_from_slice(&(free + 1).to_be_bytes());
    std::fs::write(&file.path, &bytes).unwrap();
    let checked = backup::check_copy(&file.path, None);
    match checked {
        Err(CoreError::BackupFailed {
            reason: "integrity",
            detail,
        }) => assert!(
            detail.contains("unaccounted"),
            "the accounting names the lost page: {detail}"
        ),
        other => panic!("a copy whose pages do not add up is refused: {other:?}"),
    }
}
