//! kill -9 at random moments while a till sells: nothing that was committed
//! is lost, nothing half-written is left (see `salondesk_core::crash`).
//!
//! The selling child is this test binary run again on itself, with only
//! `child_sells_until_killed` selected and `CHILD_DB` naming the store.
//!
//! Unix only (it kills with SIGKILL): elsewhere the helpers go unused.
#![cfg_attr(not(unix), allow(unused))]

use salondesk_core::crash::{self, Options};
use salondesk_core::db::{is_encrypted, DbKey, Vfs};
use std::process::Command;
use std::time::Duration;

const CHILD_DB: &str = "SALONDESK_CRASH_CHILD_DB";
const CHILD_SEED: &str = "SALONDESK_CRASH_CHILD_SEED";
const CHILD_KEY: &str = "SALONDESK_CRASH_CHILD_KEY";
const CHILD_TEST: &str = "crash::child_sells_until_killed";

/// Not a test of its own: the child the harness starts (it does nothing
/// unless started by it).
#[test]
#[ignore = "the crash harness's child: run by crash::kill_9_* only"]
fn child_sells_until_killed() {
    let Ok(db) = std::env::var(CHILD_DB) else {
        return;
    };
    let seed = std::env::var(CHILD_SEED)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    // An encrypted store's key, hex (a test key made by the parent).
    let key = std::env::var(CHILD_KEY)
        .ok()
        .map(|hex| DbKey::from_hex(&hex).expect("the parent's key"));
    let mut out = std::io::stdout();
    // Only a kill ends the loop; an error is the child failing.
    let err = crash::sell_until_killed(std::path::Path::new(&db), seed, key, &mut out).unwrap_err();
    panic!("the selling child failed: {err}");
}

fn kill_children(vfs: Vfs, kills: usize, seed: u64) -> crash::Report {
    let dir = tempfile::tempdir().unwrap();
    kill_children_in(&dir.path().join("crash.sqlite3"), vfs, kills, seed, None)
}

/// Kills `kills` children selling in the store at `db` (encrypted with `key`, if any).
fn kill_children_in(
    db: &std::path::Path,
    vfs: Vfs,
    kills: usize,
    seed: u64,
    key: Option<DbKey>,
) -> crash::Report {
    let exe = std::env::current_exe().unwrap();
    let mut child = |child_seed: u64| {
        let mut cmd = Command::new(&exe);
        cmd.args([CHILD_TEST, "--exact", "--ignored", "--nocapture"])
            .env(CHILD_DB, db)
            .env(CHILD_SEED, child_seed.to_string());
        if let Some(key) = &key {
            cmd.env(CHILD_KEY, key.to_hex());
        }
        cmd
    };
    let opts = Options {
        kills,
        seed,
        vfs,
        within: Duration::from_millis(15),
        key: key.clone(),
    };
    let report = crash::run(db, &opts, &mut child, &mut |_| {})
        .unwrap_or_else(|broken| panic!("{vfs:?}: {broken}"));
    eprintln!("{vfs:?}: {report:?}");
    report
}

#[cfg(unix)]
#[test]
fn kill_9_at_random_moments_loses_no_printed_sale_and_leaves_the_database_whole() {
    let report = kill_children(Vfs::Gathering, 200, 1);
    assert_eq!(report.kills, 200, "every kill was followed by a full check");
    // The kills must land while selling, not only while starting up, or
    // the test proves nothing about commits.
    // (One kill in eight is aimed at the start; the rest wait for a sale.)
    assert!(
        report.kills - report.early_kills >= 150 && report.printed >= 150,
        "most kills should come after the child sold something: {report:?}"
    );
}

/// The same on an encrypted store (SQLCipher under the store's WAL VFS):
/// each check opens it with its key (integrity_check, every printed sale
/// whole, ledgers equal to balances), and the file stays encrypted.
#[cfg(unix)]
#[test]
fn kill_9_mid_checkout_on_an_encrypted_store_leaves_it_whole_and_opening_with_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let key = DbKey::generate();
    let report = kill_children_in(&db, Vfs::Gathering, 40, 7, Some(key.clone()));
    assert_eq!(
        report.kills, 40,
        "every kill was followed by a full check with the key"
    );
    assert!(
        report.kills - report.early_kills >= 25 && report.printed >= 25,
        "most kills came mid-selling, after a sale: {report:?}"
    );
    assert!(
        is_encrypted(&db).unwrap(),
        "the file is still encrypted after 40 crashes"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(
        salondesk_core::db::apply_key(&conn, None).is_err(),
        "and does not open without its key"
    );
    let store = salondesk_core::Store::open_keyed(
        &db,
        std::sync::Arc::new(salondesk_core::clock::SystemClock),
        Vfs::Gathering,
        Some(key),
    )
    .unwrap();
    let sales: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM sales", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        sales as usize, report.sales,
        "a till reopening it finds every sale"
    );
}

/// The checks are not vacuous: a sale missing one ledger row, a printed
/// receipt that is not there, and a balance off its ledger are each found.
#[test]
fn the_crash_check_finds_a_missing_ledger_row_a_lost_receipt_and_a_wrong_balance() {
    use salondesk_core::crash::{prepare, Checker, Seller};
    use std::collections::HashSet;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("check.sqlite3");
    prepare(&db, Vfs::Gathering).unwrap();
    let mut seller = Seller::open(&db, Vfs::Gathering, 3).unwrap();
    // Enough for every member to have topped up and then bought something.
    let mut printed: HashSet<String> = (0..30).map(|_| seller.sell_one().unwrap()).collect();
    drop(seller);
    Checker::default()
        .check(&db, &printed)
        .expect("the sales just made are whole");

    printed.insert("S01-001-999999".into());
    let lost = Checker::default().check(&db, &printed).unwrap_err();
    assert!(
        lost.contains("S01-001-999999"),
        "a printed receipt that is not there: {lost}"
    );
    printed.remove("S01-001-999999");

    let conn = rusqlite::Connection::open(&db).unwrap();
    let shift_sv = |by: i64| {
        conn.execute(
            "UPDATE stored_value_ledger SET delta = delta + ?1
             WHERE id = (SELECT max(id) FROM stored_value_ledger WHERE reason = 'pay')",
            [by],
        )
        .unwrap()
    };
    shift_sv(-1);
    let off = Checker::default().check(&db, &printed).unwrap_err();
    assert!(
        off.contains("stored value"),
        "a stored value ledger one fen off the sales' tenders: {off}"
    );
    shift_sv(1);

    conn.execute(
        "DELETE FROM cash_drawer WHERE id = (SELECT max(id) FROM cash_drawer WHERE sale_id IS NOT NULL)",
        [],
    )
    .unwrap();
    let missing = Checker::default().check(&db, &printed).unwrap_err();
    assert!(
        missing.contains("cash_drawer"),
        "a sale short of one drawer row: {missing}"
    );
}
