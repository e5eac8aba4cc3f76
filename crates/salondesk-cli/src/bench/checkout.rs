//! `bench checkout`: five-line sales with a member, points and stored value,
//! each committed durably (synchronous=FULL, its own transaction), against a
//! baseline of one bare durable single-row INSERT per transaction.
//!
//! The baseline lives in its own file opened exactly as the store's is (same
//! pragmas, same checkpointing), and the two are measured in turns — a sale,
//! then a baseline insert — so that both see the same disk at the same moment:
//! a virtual disk's latency drifts over a run, and measuring one after the
//! other would compare two different disks. A warm-up (not counted) fills the
//! caches and brings the WAL files to their working size first.
//!
//! The same sales are also made, in the same turns, in a second store opened
//! on SQLite's plain VFS (`checkout-plain.sqlite3`), so the gathering WAL VFS
//! is measured against what it replaces, side by side; and in a third,
//! encrypted with SQLCipher on the gathering VFS (`checkout-encrypted.sqlite3`),
//! so encryption's cost is measured against the same plain store, side by side.

use super::stats::print_tail;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::clock::SystemClock;
use salondesk_core::db::{DbKey, Vfs};
use salondesk_core::ids::{MemberId, ProductId, ServiceId, StaffId};
use salondesk_core::seed::SeedOptions;
use salondesk_core::staff::{Role, Staff};
use salondesk_core::{Money, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run(db: &Path, sales: usize, warmup: usize) -> anyhow::Result<()> {
    let baseline_db = sibling(db, "baseline");
    let plain_db = sibling(db, "plain");
    let encrypted_db = sibling(db, "encrypted");
    for path in [
        db,
        baseline_db.as_path(),
        plain_db.as_path(),
        encrypted_db.as_path(),
    ] {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    let mut bench = Setup::new(db, Vfs::Gathering, None)?;
    let mut plain = Setup::new(&plain_db, Vfs::Plain, None)?;
    let mut encrypted = Setup::new(&encrypted_db, Vfs::Gathering, Some(DbKey::generate()))?;
    let baseline = Baseline::open(&baseline_db)?;
    // The same seed: both stores make the same sales.
    let mut rng = StdRng::seed_from_u64(11);
    let mut plain_rng = StdRng::seed_from_u64(11);
    let mut encrypted_rng = StdRng::seed_from_u64(11);
    let mut commit = Vec::with_capacity(sales);
    let mut commit_plain = Vec::with_capacity(sales);
    let mut commit_encrypted = Vec::with_capacity(sales);
    let mut bare = Vec::with_capacity(sales);
    for i in 0..warmup + sales {
        let sale = bench.sell(&mut rng)?;
        let sale_plain = plain.sell(&mut plain_rng)?;
        let sale_encrypted = encrypted.sell(&mut encrypted_rng)?;
        let insert = baseline.insert(i)?;
        if i >= warmup {
            commit.push(sale);
            commit_plain.push(sale_plain);
            commit_encrypted.push(sale_encrypted);
            bare.push(insert);
        }
    }
    eprintln!(
        "{sales} sales after {warmup} warm-up ({} extra top-ups) into {}; baseline in {}",
        bench.topped,
        db.display(),
        baseline_db.display()
    );
    let c = print_tail("checkout.commit", &mut commit);
    let p = print_tail("checkout.commit_plain_vfs", &mut commit_plain);
    let e = print_tail("checkout.commit_encrypted", &mut commit_encrypted);
    let b = print_tail("checkout.baseline", &mut bare);
    println!(
        "BENCH checkout.encrypted_over_plain p50={:.2} p99={:.2}",
        e.p50_ms / c.p50_ms.max(f64::EPSILON),
        e.p99_ms / c.p99_ms.max(f64::EPSILON)
    );
    println!(
        "BENCH checkout.ratio_encrypted p50={:.2} p99={:.2}",
        e.p50_ms / b.p50_ms.max(f64::EPSILON),
        e.p99_ms / b.p99_ms.max(f64::EPSILON)
    );
    println!(
        "BENCH checkout.plain_vfs_over_vfs p50={:.2} p99={:.2}",
        p.p50_ms / c.p50_ms.max(f64::EPSILON),
        p.p99_ms / c.p99_ms.max(f64::EPSILON)
    );
    println!(
        "BENCH checkout.ratio p50={:.2} p99={:.2}",
        c.p50_ms / b.p50_ms.max(f64::EPSILON),
        c.p99_ms / b.p99_ms.max(f64::EPSILON)
    );
    Ok(())
}

/// `checkout.sqlite3` → `checkout-<what>.sqlite3`, next to it.
fn sibling(db: &Path, what: &str) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "checkout".into());
    db.with_file_name(format!("{stem}-{what}.sqlite3"))
}

/// A seeded store ready to sell, and what the sales are made of.
struct Setup {
    store: Store,
    cashier: Staff,
    beauticians: Vec<StaffId>,
    services: Vec<ServiceId>,
    products: Vec<ProductId>,
    members: Vec<MemberId>,
    top_up: String,
    topped: usize,
}

impl Setup {
    fn new(db: &Path, vfs: Vfs, key: Option<DbKey>) -> anyhow::Result<Setup> {
        let mut store = Store::open_keyed(db, Arc::new(SystemClock), vfs, key)?;
        let owner = store.create_owner("Bench Owner", "999999")?;
        store.seed_demo(
            &SeedOptions {
                members: 2000,
                ..SeedOptions::default()
            },
            &mut |_, _| {},
        )?;
        let staff = store.list_staff()?;
        let cashier = staff
            .iter()
            .find(|s| s.role == Role::Cashier)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("no cashier"))?;
        let beauticians = staff
            .iter()
            .filter(|s| s.role == Role::Beautician)
            .map(|s| s.id)
            .collect();
        let services = store
            .find_services("", 50)?
            .into_iter()
            .map(|s| s.id)
            .collect();
        let products: Vec<ProductId> = store
            .find_products("", 50)?
            .into_iter()
            .map(|p| p.id)
            .collect();
        for p in &products {
            store.receive_stock(&owner, *p, 100_000)?;
        }
        let top_up = store
            .add_top_up_plan("充5000送1000", Money::yuan(5000), Money::yuan(1000))?
            .id;
        let members: Vec<MemberId> = store
            .conn()
            .prepare("SELECT id FROM members LIMIT 500")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        store.open_shift(&cashier, Money::yuan(500))?;
        let mut setup = Setup {
            store,
            cashier,
            beauticians,
            services,
            products,
            members,
            top_up,
            topped: 0,
        };
        // Every member starts with stored value, and earns points as the bench goes.
        for m in setup.members.clone() {
            setup.top_up(m)?;
        }
        setup.topped = 0;
        // As the desktop app runs it: checkpoints off the commit path.
        setup.store.checkpoint_in_background()?;
        Ok(setup)
    }

    /// Makes the next sale and times its commit.
    fn sell(&mut self, rng: &mut StdRng) -> anyhow::Result<Duration> {
        let (cart, tenders) = self.next_sale(rng)?;
        let t = Instant::now();
        self.store.complete_sale(&self.cashier, &cart, &tenders)?;
        Ok(t.elapsed())
    }

    fn top_up(&mut self, member: MemberId) -> anyhow::Result<()> {
        let cart = Cart {
            member_id: Some(member),
            lines: vec![CartLine::new(LineItem::TopUp {
                plan_id: self.top_up.clone(),
            })],
            ..Cart::default()
        };
        self.store.complete_sale(
            &self.cashier,
            &cart,
            &[Tender::Cash {
                amount: Money::yuan(5000),
            }],
        )?;
        self.topped += 1;
        Ok(())
    }

    /// A random five-line sale (services by a beautician, products) paid with
    /// stored value, points and cash; tops the member up first (not timed) when
    /// her stored value runs low.
    fn next_sale(&mut self, rng: &mut StdRng) -> anyhow::Result<(Cart, Vec<Tender>)> {
        let member = self.members[rng.gen_range(0..self.members.len())];
        let mut lines = Vec::with_capacity(5);
        for i in 0..5 {
            let line = if i % 2 == 0 {
                CartLine::new(LineItem::Service {
                    service_id: self.services[rng.gen_range(0..self.services.len())],
                    qty: 1,
                })
                .by(self.beauticians[rng.gen_range(0..self.beauticians.len())])
            } else {
                CartLine::new(LineItem::Product {
                    product_id: self.products[rng.gen_range(0..self.products.len())],
                    qty: rng.gen_range(1..3),
                })
            };
            lines.push(line);
        }
        let balances = salondesk_core::ledger::balances(self.store.conn(), member)?;
        if balances.stored_value < Money::yuan(3000) {
            self.top_up(member)?;
        }
        let points = balances.points.clamp(0, 500);
        let mut tenders = vec![Tender::StoredValue {
            amount: Money::yuan(rng.gen_range(50..300)),
        }];
        if points > 0 {
            tenders.push(Tender::Points { points });
        }
        // Cash well over any five lines: the rest comes back as change.
        tenders.push(Tender::Cash {
            amount: Money::yuan(5000),
        });
        let cart = Cart {
            member_id: Some(member),
            lines,
            ..Cart::default()
        };
        Ok((cart, tenders))
    }
}

/// One bare durable single-row INSERT per transaction, in a file opened as the
/// store's is: same pragmas (WAL, synchronous=FULL, page and cache size), same
/// background checkpoints.
struct Baseline {
    store: Store,
}

impl Baseline {
    fn open(path: &Path) -> anyhow::Result<Baseline> {
        let mut store = Store::open_with(path, Arc::new(SystemClock), Vfs::Gathering)?;
        store.conn().execute_batch(
            "CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
        )?;
        store.checkpoint_in_background()?;
        Ok(Baseline { store })
    }

    fn insert(&self, i: usize) -> anyhow::Result<Duration> {
        let v = format!("row {i}");
        let t = Instant::now();
        self.store
            .conn()
            .prepare_cached("INSERT INTO bench_baseline (v) VALUES (?1)")?
            .execute([v])?;
        Ok(t.elapsed())
    }
}
