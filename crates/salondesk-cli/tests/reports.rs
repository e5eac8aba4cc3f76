//! `salondesk-cli reports rebuild`, run as the shop would run it: on a
//! database file the app made (here by `seed`), from the terminal.

use std::path::Path;
use std::process::Command;

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_salondesk-cli"))
        .args(args)
        .env("SALONDESK_KEYSTORE", "none")
        .output()
        .expect("the CLI runs")
}

fn days(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM report_days", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn rebuild_replaces_summaries_the_sales_do_not_bear_out_and_says_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let db_arg = db.to_str().unwrap();
    let seeded = cli(&["seed", "--db", db_arg, "--members", "3"]);
    assert!(seeded.status.success(), "seed: {seeded:?}");
    // A summary row no sale stands behind (as a bug in keeping them would leave).
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO report_days (store_id, day, sales, revenue) VALUES ('local', '2026-01-05', 3, 90000)",
            [],
        )
        .unwrap();
    assert_eq!(days(&db), 1, "the stray row is there before the rebuild");

    let out = cli(&["reports", "rebuild", "--db", db_arg]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "rebuild: {out:?}");
    assert_eq!(
        days(&db),
        0,
        "a seeded shop has no sales: nothing may stay summarised"
    );
    assert!(
        text.contains("rebuilt the report summaries of store local from 0 sales"),
        "it says which store and how many sales it summarised: {text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("store days") && l.ends_with("1 -> 0")),
        "it shows each summary's rows before and after: {text}"
    );
}

#[test]
fn rebuild_refuses_a_file_that_is_not_there() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.sqlite3");
    let out = cli(&["reports", "rebuild", "--db", missing.to_str().unwrap()]);
    assert!(
        !out.status.success(),
        "no database is an error, not a new empty one"
    );
    assert!(!missing.exists(), "the rebuild made no database file");
}
