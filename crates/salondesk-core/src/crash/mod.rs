//! The kill -9 harness: proof that a sale whose commit returned survives the
//! process dying at any moment, and that what a crash leaves is whole.
//!
//! A child process (`sell::sell_until_killed`, started by the caller's
//! command: the core's test binary re-run on itself, or `salondesk-cli
//! crash-child`) completes real sales — a member paying partly with stored
//! value and points, so ledgers are touched — and prints each receipt number
//! once its commit has returned. The parent (`run`) kills it with SIGKILL at a
//! random moment (mostly mid-selling, sometimes while it is still opening and
//! recovering), then checks the files (`Checker`): integrity, every
//! printed receipt there with all its ledger rows, balances equal to their
//! ledgers. The next child opens the same files, as a till restarted after a
//! crash would.
//!
//! Used by the core's CI tests (200 kills on a plain store, fewer on an
//! encrypted one: SQLCipher under the same WAL) and `salondesk-cli bench crash`.

pub mod check;
mod sell;

pub use check::{Census, Checker};
pub use sell::{prepare, prepare_keyed, sell_until_killed, Seller, SOLD};

use crate::db::{Vfs, PLAIN_VFS_ENV};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How the parent kills.
#[derive(Debug, Clone)]
pub struct Options {
    pub kills: usize,
    pub seed: u64,
    /// The VFS the children open the store through.
    pub vfs: Vfs,
    /// A kill lands up to this long after the child's first sale.
    pub within: Duration,
    /// The key of an encrypted store (SQLCipher; `None`: plain): the store
    /// is made encrypted with it, and the checks open it with it. The
    /// children must be given it too (`child` makes their command).
    pub key: Option<crate::db::DbKey>,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub kills: usize,
    /// Kills that came before the child had sold anything (opening, recovery).
    pub early_kills: usize,
    /// Sales committed in all (the checks found them whole).
    pub sales: usize,
    /// Receipts printed, so known committed (all found).
    pub printed: usize,
    /// Committed sales the child had not printed: killed once the commit
    /// reached the file (its sync still running, say) but before printing.
    /// At most one a kill.
    pub unprinted: usize,
    pub elapsed: Duration,
    /// Of which checking the files after each kill.
    pub checking: Duration,
}

/// How long a child may take to make its first sale before the run fails
/// (a child stuck on a lock a crash left behind would never sell).
const FIRST_SALE_WITHIN: Duration = Duration::from_secs(30);

/// Prepares a fresh store at `db` and kills `opts.kills` children selling in
/// it, checking the files after each kill. `child(seed)` makes the command
/// that starts one child (its stdout is read for `SOLD` lines). Returns the
/// first thing found broken.
pub fn run(
    db: &Path,
    opts: &Options,
    child: &mut dyn FnMut(u64) -> Command,
    progress: &mut dyn FnMut(&Report),
) -> Result<Report, String> {
    prepare_keyed(db, opts.vfs, opts.key.clone())
        .map_err(|e| format!("cannot prepare the store: {e}"))?;
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let mut printed = HashSet::new();
    let mut checker = match &opts.key {
        Some(key) => Checker::keyed(key.clone()),
        None => Checker::default(),
    };
    let mut report = Report::default();
    for kill in 0..opts.kills {
        let mut cmd = child(rng.gen());
        cmd.env(
            PLAIN_VFS_ENV,
            if opts.vfs == Vfs::Plain { "1" } else { "0" },
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut proc = cmd
            .spawn()
            .map_err(|e| format!("cannot start the child: {e}"))?;
        let lines = read_lines(&mut proc);
        // One kill in eight lands anywhere from the start: opening the store,
        // recovering the WAL the last kill left, starting the checkpointer.
        let early = rng.gen_ratio(1, 8);
        let mut sold = Vec::new();
        if early {
            std::thread::sleep(Duration::from_micros(rng.gen_range(0..30_000)));
        } else {
            match lines.recv_timeout(FIRST_SALE_WITHIN) {
                Ok(line) => sold.push(line),
                Err(_) => {
                    let _ = proc.kill();
                    return Err(format!(
                        "kill {kill}: the child made no sale within {FIRST_SALE_WITHIN:?}: {}",
                        stderr_of(proc)
                    ));
                }
            }
            let within = opts.within.as_micros().max(1) as u64;
            std::thread::sleep(Duration::from_micros(rng.gen_range(0..within)));
        }
        proc.kill()
            .map_err(|e| format!("cannot kill the child: {e}"))?;
        let status = proc
            .wait()
            .map_err(|e| format!("cannot reap the child: {e}"))?;
        // The pipe keeps what the child wrote before it died.
        sold.extend(lines.iter());
        if status.code().is_some() {
            // Killed by the signal, a child has no exit code: this one ended by itself.
            return Err(format!(
                "kill {kill}: the child stopped on its own ({status}): {}",
                stderr_of(proc)
            ));
        }
        report.early_kills += usize::from(sold.is_empty());
        report.printed += sold.len();
        printed.extend(sold);
        let t = Instant::now();
        let census = checker
            .check(db, &printed)
            .map_err(|e| format!("after kill {kill}: {e}"))?;
        report.checking += t.elapsed();
        report.kills = kill + 1;
        report.sales = census.sales;
        report.unprinted = census.sales - printed.len();
        if report.unprinted > report.kills {
            return Err(format!(
                "after kill {kill}: {} sales committed that no child printed, more than one a kill",
                report.unprinted
            ));
        }
        report.elapsed = started.elapsed();
        progress(&report);
    }
    Ok(report)
}

/// The child's `SOLD` lines, as they come (the receipt numbers).
fn read_lines(proc: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    if let Some(out) = proc.stdout.take() {
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if let Some(receipt) = line.strip_prefix(SOLD) {
                    if tx.send(receipt.trim().to_string()).is_err() {
                        break;
                    }
                }
            }
        });
    }
    rx
}

fn stderr_of(mut proc: Child) -> String {
    let _ = proc.wait();
    let mut err = String::new();
    if let Some(mut e) = proc.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    err.chars()
        .rev()
        .take(2000)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}
