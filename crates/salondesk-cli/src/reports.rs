//! `salondesk-cli reports rebuild`: makes this store's report summaries
//! again from its sales and their ledgers (`Store::rebuild_report_summaries`,
//! the SQL of migration 0034), for when they are suspected wrong (a bug fixed
//! in how a sale enters them, a database restored from an old backup). It runs
//! as one transaction: a spinner shows it working, then the summaries' rows
//! before and after are printed. Another store's summaries on a head-office
//! device are made from its pulled sales, which the device does not keep:
//! they are left as they are.

use crate::open::{open_exclusive, KeyArgs};
use indicatif::{ProgressBar, ProgressStyle};
use rusqlite::Connection;
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(clap::Subcommand)]
pub enum ReportsCommand {
    /// Rebuild this store's report summaries from its sales and ledgers.
    Rebuild {
        /// The database file (close the app first: it is opened alone).
        #[arg(long)]
        db: std::path::PathBuf,
        #[command(flatten)]
        key: KeyArgs,
    },
}

/// The summary tables (migration 0033), each with what one of its rows is.
const TABLES: [(&str, &str); 5] = [
    ("report_sales_seen", "sales summarised"),
    ("report_days", "store days"),
    ("report_items", "day x staff x item rows"),
    ("report_hours", "day x hour rows"),
    ("report_tenders", "day x payment method rows"),
];

pub fn run(what: ReportsCommand) -> anyhow::Result<()> {
    match what {
        ReportsCommand::Rebuild { db, key } => rebuild(&db, &key),
    }
}

fn counts(conn: &Connection, store: &str) -> anyhow::Result<Vec<i64>> {
    TABLES
        .iter()
        .map(|(t, _)| {
            let sql = format!("SELECT count(*) FROM {t} WHERE store_id IN (?1, 'local')");
            Ok(conn.query_row(&sql, [store], |r| r.get(0))?)
        })
        .collect()
}

fn rebuild(db: &Path, key: &KeyArgs) -> anyhow::Result<()> {
    anyhow::ensure!(db.is_file(), "{} is not a database file", db.display());
    let mut store = open_exclusive(db, key)?;
    let own = salondesk_core::reports::summary::own_store_id(store.conn())?;
    let before = counts(store.conn(), &own)?;
    let sales: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM sales", [], |r| r.get(0))?;
    let spinner = ProgressBar::new_spinner();
    spinner.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{elapsed_precise}]")
            .expect("valid progress template"),
    );
    spinner.set_message(format!("rebuilding the report summaries of {sales} sales"));
    spinner.enable_steady_tick(Duration::from_millis(120));
    let started = Instant::now();
    let done = store.rebuild_report_summaries();
    spinner.finish_and_clear();
    done?;
    let after = counts(store.conn(), &own)?;
    println!(
        "rebuilt the report summaries of store {own} from {sales} sales in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    for (((_, what), b), a) in TABLES.iter().zip(&before).zip(&after) {
        println!("  {what:<28} {b:>10} -> {a}");
    }
    Ok(())
}
