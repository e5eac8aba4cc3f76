//! `salondesk-cli bench …`: figures printed as `BENCH <name> key=value …`.

mod appointments;
mod backup;
mod care;
mod checkout;
mod crash;
mod flood;
mod import;
mod reports;
mod search;
pub mod segments;
mod stats;
mod sync;

use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// The day calendar of a 30-beautician store with two years of history.
    Appointments {
        #[arg(long, default_value_t = 500_000)]
        appointments: u64,
        /// Day views to time.
        #[arg(long, default_value_t = 1000)]
        views: usize,
        /// Database to seed or reuse (reused when it already holds enough appointments).
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// A backup of a large store while a till keeps selling (`BENCH backup seconds=… mb=…`).
    Backup {
        /// Members in the store (the search bench's database is reused).
        #[arg(long, default_value_t = 1_000_000)]
        members: u64,
        /// Database to seed or reuse (reused when it already holds enough members).
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// The member list's filters on a big store with two years of visits
    /// (`BENCH members.filter p99_ms=…`) and the nightly RFM rebuild
    /// (`BENCH rfm.nightly seconds=…`).
    MembersFilter {
        #[arg(long, default_value_t = 200_000)]
        members: u64,
        /// Database to seed or reuse (reused when it already holds enough members).
        #[arg(long)]
        db: Option<PathBuf>,
        /// Member-list answers to time.
        #[arg(long, default_value_t = 400)]
        queries: usize,
    },
    /// Member search at scale, against the naive LIKE scans.
    Search {
        #[arg(long, default_value_t = 1_000_000)]
        members: u64,
        /// Database to seed or reuse (reused when it already holds enough members).
        #[arg(long)]
        db: Option<PathBuf>,
        /// Queries per kind.
        #[arg(long, default_value_t = 1000)]
        queries: usize,
    },
    /// Durable five-line sales with a member, points and stored value, measured
    /// in turns with a bare durable single-row INSERT.
    Checkout {
        #[arg(long, default_value_t = 10_000)]
        sales: usize,
        /// Sales (and baseline inserts) made first and not counted.
        #[arg(long, default_value_t = 1_000)]
        warmup: usize,
        /// Database to create afresh (deleted first).
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// A 100,000-member .xlsx from an old system (balances and points):
    /// read, dry run and import into a fresh database.
    Import {
        #[arg(long, default_value_t = 100_000)]
        rows: u64,
    },
    /// kill -9 a till in the middle of selling, again and again, checking
    /// after each kill that nothing committed was lost and nothing is broken.
    Crash {
        #[arg(long, default_value_t = 1000)]
        kills: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Sell on SQLite's plain VFS instead of the gathering WAL VFS.
        #[arg(long)]
        plain_vfs: bool,
        /// Database to create afresh (deleted first).
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// Care tasks of a 200,000-member store with two years of visits: one
    /// day's job — the care tasks and the RFM classes (`BENCH care.daily
    /// seconds=…`) — and the member list with filters (`members.filter`).
    Care {
        #[arg(long, default_value_t = 200_000)]
        members: u64,
        /// Database to seed or reuse (reused when it already holds enough members).
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// Two years of a 20-store chain (about 2,000,000 sales) in the report
    /// summaries; every report over a year for a store and for the chain
    /// (`BENCH reports.<name>`, `reports.chain.<name>` p99_ms), and what
    /// keeping the summaries adds to a checkout commit (`reports.checkout_overhead`).
    Reports {
        #[arg(long, default_value_t = 20)]
        stores: usize,
        #[arg(long, default_value_t = 730)]
        days: i64,
        #[arg(long, default_value_t = 137)]
        sales_per_day: usize,
        /// Times each report is asked.
        #[arg(long, default_value_t = 30)]
        runs: usize,
        /// Checkout commits timed each way (summaries kept, and not).
        #[arg(long, default_value_t = 1000)]
        sales: usize,
        /// Database to seed or reuse (reused when it already holds the chain).
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// One device pushes operations to the central server (PostgreSQL on
    /// loopback), a second device of the store pulls and applies them.
    Sync {
        #[arg(long, default_value_t = 100_000)]
        ops: usize,
        /// PostgreSQL where a fresh database is made for the server (default:
        /// $SALONDESK_BENCH_DATABASE_URL, else scripts/pg.sh's URL).
        #[arg(long)]
        database_url: Option<String>,
    },
    /// One chain's tills flood the central server with pushes while a till of
    /// another chain pulls: its pull latency without and under the flood.
    Flood {
        /// Flooding tills (one chain).
        #[arg(long, default_value_t = 8)]
        devices: usize,
        /// Pushes each flooding till keeps in flight.
        #[arg(long, default_value_t = 4)]
        per_device: usize,
        /// Pulls timed, without the flood and under it.
        #[arg(long, default_value_t = 200)]
        pulls: usize,
        /// PostgreSQL where a fresh database is made (as for `bench sync`).
        #[arg(long)]
        database_url: Option<String>,
    },
}

pub use crash::child as crash_child;

pub fn run(cmd: BenchCommand) -> anyhow::Result<()> {
    match cmd {
        BenchCommand::Appointments {
            appointments: n,
            views,
            db,
        } => {
            let db = db.unwrap_or_else(|| default_db(&format!("appointments-{n}")));
            appointments::run(&db, n, views)
        }
        BenchCommand::Search {
            members,
            db,
            queries,
        } => {
            let db = db.unwrap_or_else(|| default_db(&format!("search-{members}")));
            search::run(&db, members, queries)
        }
        BenchCommand::MembersFilter {
            members,
            db,
            queries,
        } => {
            let db = db.unwrap_or_else(|| default_db(&format!("members-filter-{members}")));
            segments::run(&db, members, queries)
        }
        BenchCommand::Backup { members, db } => {
            let db = db.unwrap_or_else(|| default_db(&format!("search-{members}")));
            backup::run(&db, members)
        }
        BenchCommand::Checkout { sales, warmup, db } => {
            let db = db.unwrap_or_else(|| default_db("checkout"));
            checkout::run(&db, sales, warmup)
        }
        BenchCommand::Flood {
            devices,
            per_device,
            pulls,
            database_url,
        } => flood::run(
            flood::Options {
                devices,
                per_device,
                pulls,
            },
            database_url,
        ),
        BenchCommand::Crash {
            kills,
            seed,
            plain_vfs,
            db,
        } => {
            let db = db.unwrap_or_else(|| default_db("crash"));
            let vfs = if plain_vfs {
                salondesk_core::db::Vfs::Plain
            } else {
                salondesk_core::db::Vfs::Gathering
            };
            crash::run(&db, kills, seed, vfs)
        }
        BenchCommand::Care { members, db } => {
            let db = db.unwrap_or_else(|| default_db(&format!("care-{members}")));
            care::run(&db, members)
        }
        BenchCommand::Reports {
            stores,
            days,
            sales_per_day,
            runs,
            sales,
            db,
        } => {
            let db = db.unwrap_or_else(|| default_db(&format!("reports-{stores}x{days}")));
            reports::run(
                &db,
                &reports::Options {
                    stores,
                    days,
                    sales_per_day,
                    runs,
                    sales,
                },
            )
        }
        BenchCommand::Import { rows } => import::run(&PathBuf::from("target").join("bench"), rows),
        BenchCommand::Sync { ops, database_url } => {
            sync::run(&PathBuf::from("target").join("bench"), ops, database_url)
        }
    }
}

/// Benchmark databases live under target/ so they are reused between runs
/// and never committed.
fn default_db(name: &str) -> PathBuf {
    PathBuf::from("target")
        .join("bench")
        .join(format!("{name}.sqlite3"))
}
