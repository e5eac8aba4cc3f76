//! `salondesk-cli`: demo data, benchmarks and maintenance for a SalonDesk
//! database file. Each subcommand lives in its own module.

mod bench;
mod history;
mod progress;
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
        } => seed::run(&db, members, seed, (appointments, per_day)),
        Command::Bench { what } => bench::run(what),
        Command::CrashChild { db, seed } => bench::crash_child(&db, seed),
    }
}
