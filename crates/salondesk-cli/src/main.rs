//! `salondesk-cli`: demo data, benchmarks and maintenance for a SalonDesk
//! database file. Each subcommand lives in its own module.

mod backup;
mod bench;
mod history;
mod import;
mod open;
mod progress;
mod reports;
mod seed;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "salondesk-cli", version, about = "SalonDesk command-line tool")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill a database with realistic demo staff, catalog and members.
    Seed {
        /// The database file (created if missing).
        #[arg(long, default_value = "salondesk-demo.sqlite3")]
        db: PathBuf,
        /// How many members to add.
        #[arg(long, default_value_t = 1000)]
        members: u64,
        /// Random seed: the same seed makes the same people.
        #[arg(long, default_value_t = 20261123)]
        seed: u64,
        /// Also this many appointments of the members, spread over past and
        /// coming days (added only to a database holding none beyond the demo week).
        #[arg(long, default_value_t = 0)]
        appointments: u64,
        /// Appointments a day for the whole store (the days reach back as far as needed).
        #[arg(long, default_value_t = 40)]
        per_day: u64,
        /// An encrypted database's key (see `open`).
        #[command(flatten)]
        key: open::KeyArgs,
    },
    /// Import members (with opening balances), services or products from an
    /// old system's .xlsx/.xls/.csv file, as the owner: dry run, then import.
    Import {
        /// The database file.
        #[arg(long)]
        db: PathBuf,
        /// members, services or products.
        #[arg(long, default_value = "members")]
        kind: String,
        /// Only print what the import would do.
        #[arg(long)]
        dry_run: bool,
        file: PathBuf,
        #[command(flatten)]
        key: open::KeyArgs,
    },
    /// Back the database up into a folder (checked, kept by retention).
    Backup {
        #[arg(long)]
        db: PathBuf,
        /// The folder the backup goes to (a USB drive, a synced folder).
        #[arg(long)]
        to: PathBuf,
        #[command(flatten)]
        key: open::KeyArgs,
    },
    /// Replace the database with a backup, after showing what it holds
    /// (the replaced file is kept aside).
    Restore {
        #[arg(long)]
        db: PathBuf,
        /// The backup file.
        #[arg(long)]
        from: PathBuf,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        key: open::KeyArgs,
    },
    /// Encrypt a plain database in place (as the app does at its first start
    /// after an upgrade), with the owner's passphrase.
    Encrypt {
        #[arg(long)]
        db: PathBuf,
        #[command(flatten)]
        key: open::KeyArgs,
    },
    /// Report maintenance: `reports rebuild` makes this store's report
    /// summaries again from its sales and ledgers.
    Reports {
        #[command(subcommand)]
        what: reports::ReportsCommand,
    },
    /// Print `BENCH …` figures.
    Bench {
        #[command(subcommand)]
        what: bench::BenchCommand,
    },
    /// `bench crash`'s selling child: completes sales until killed.
    #[command(hide = true)]
    CrashChild {
        #[arg(long)]
        db: PathBuf,
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Seed {
            db,
            members,
            seed,
            appointments,
            per_day,
            key,
        } => seed::run(&db, members, seed, (appointments, per_day), &key),
        Command::Import {
            db,
            kind,
            dry_run,
            file,
            key,
        } => import::run(&db, &kind, &file, dry_run, &key),
        Command::Backup { db, to, key } => backup::back_up(&db, &to, &key),
        Command::Restore { db, from, yes, key } => backup::restore(&db, &from, yes, &key),
        Command::Encrypt { db, key } => {
            let args = open::KeyArgs {
                encrypt: true,
                ..key
            };
            drop(open::open_exclusive(&db, &args)?);
            println!("{} is encrypted", db.display());
            Ok(())
        }
        Command::Reports { what } => reports::run(what),
        Command::Bench { what } => bench::run(what),
        Command::CrashChild { db, seed } => bench::crash_child(&db, seed),
    }
}
