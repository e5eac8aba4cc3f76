//! kill -9 at random moments while a till sells: nothing that was committed
//! is lost, nothing half-written is left (see `salondesk_core::crash`).
//!
//! The selling child is this test binary run again on itself, with only
//! `child_sells_until_killed` selected and `CHILD_DB` naming the store.

use salondesk_core::crash::{self, Options};
use salondesk_core::db::Vfs;
use std::process::Command;
use std::time::Duration;

const CHILD_DB: &str = "SALONDESK_CRASH_CHILD_DB";
const CHILD_SEED: &str = "SALONDESK_CRASH_CHILD_SEED";
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
    let mut out = std::io::stdout();
    // Only a kill ends the loop; an error is the child failing.
    let err = crash::sell_until_killed(std::path::Path::new(&db), seed, &mut out).unwrap_err();
    panic!("the selling child failed: {err}");
}

fn kill_children(vfs: Vfs, kills: usize, seed: u64) -> crash::Report {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    let exe = std::env::current_exe().unwrap();
    let mut child = |child_seed: u64| {
        let mut cmd = Command::new(&exe);
        cmd.args([CHILD_TEST, "--exact", "--ignored", "--nocapture"])
            .env(CHILD_DB, &db)
            .env(CHILD_SEED, child_seed.to_string());
        cmd
    };
    let opts = Options {
        kills,
        seed,
        vfs,
        within: Duration::from_millis(15),
    };
    let report = crash::run(&db, &opts, &mut child, &mut |_| {})
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
    assert!(
        report.kills - report.early_kills >= 150 && report.printed >= 200,
        "most kills should come after the child sold something: {report:?}"
    );
}
