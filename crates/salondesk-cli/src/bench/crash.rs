//! `bench crash`: the kill -9 harness at length (`salondesk_core::crash`). A
//! child (`salondesk-cli crash-child`) completes sales in a loop and prints
//! each receipt once committed; it is killed (SIGKILL) at random moments, and
//! after each kill the files are checked: integrity, every printed receipt
//! there with all its ledger rows, balances equal to their ledgers.

use salondesk_core::crash::{self, Options, Report};
use salondesk_core::db::Vfs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

pub fn run(db: &Path, kills: usize, seed: u64, vfs: Vfs) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let exe = std::env::current_exe()?;
    let mut child = |child_seed: u64| {
        let mut cmd = Command::new(&exe);
        cmd.arg("crash-child")
            .arg("--db")
            .arg(db)
            .args(["--seed", &child_seed.to_string()]);
        cmd
    };
    let opts = Options {
        kills,
        seed,
        vfs,
        within: Duration::from_millis(20),
        key: None,
    };
    let mut progress = |r: &Report| {
        if r.kills % 100 == 0 {
            eprintln!("{} kills, {} sales, all whole", r.kills, r.sales);
        }
    };
    let r = crash::run(db, &opts, &mut child, &mut progress)
        .map_err(|broken| anyhow::anyhow!("crash bench: {broken}"))?;
    let name = match vfs {
        Vfs::Gathering => "crash",
        Vfs::Plain => "crash_plain_vfs",
    };
    println!(
        "BENCH {name} kills={} early_kills={} sales={} printed={} unprinted_committed={} \
         lost=0 broken=0 elapsed_s={:.1} check_ms_per_kill={:.1}",
        r.kills,
        r.early_kills,
        r.sales,
        r.printed,
        r.unprinted,
        r.elapsed.as_secs_f64(),
        r.checking.as_secs_f64() * 1000.0 / r.kills.max(1) as f64
    );
    Ok(())
}

/// The child: sells until killed, printing `SOLD <receipt no>` per commit.
pub fn child(db: &Path, seed: u64) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    crash::sell_until_killed(db, seed, None, &mut out)?;
    Ok(())
}
