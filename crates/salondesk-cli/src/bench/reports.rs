//! `bench reports`: two years of a 20-store chain (about 2,000,000 sales)
//! on one database, then every report (`ReportName::ALL`) over a year for
//! one store (`BENCH reports.<name> p99_ms=…`, target ≤ 100) and for the
//! whole chain (`BENCH reports.chain.<name> p99_ms=…`, target ≤ 300), and
//! what keeping the summaries costs a checkout: sales made in turns with
//! summaries kept and not, on the same store in the same run
//! (`BENCH reports.checkout_overhead pct=…`).
//!
//! The sales are simulated in memory and written straight into the daily
//! summary tables in bulk (a benchmark fixture, not the write path: reports
//! read the summaries only, so that is what they are timed against); the
//! monthly rollups fill through the same triggers as a sale's (0038), and a
//! day seeded again replaces its rows by update, which the triggers follow. The database is
//! kept under target/bench/ and reused when it already holds the chain.

use super::stats::percentiles;
use chrono::{Duration as Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{params, Connection};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::clock::SystemClock;
use salondesk_core::ids::{ProductId, ServiceId, StaffId};
use salondesk_core::reports::{Granularity, ReportName, ReportQuery};
use salondesk_core::seed::SeedOptions;
use salondesk_core::staff::{Role, Staff};
use salondesk_core::{Money, Store};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Options {
    pub stores: usize,
    pub days: i64,
    pub sales_per_day: usize,
    /// Times each report is asked.
    pub runs: usize,
    /// Checkout commits timed with summaries and without (each).
    pub sales: usize,
}

pub fn run(db: &Path, o: &Options) -> anyhow::Result<()> {
    if let Some(dir) = db.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut store = Store::open(db, Arc::new(SystemClock))?;
    if store.list_staff()?.is_empty() {
        let owner = store.create_owner("Bench Owner", "999999")?;
        store.seed_demo(
            &SeedOptions {
                members: 500,
                ..SeedOptions::default()
            },
            &mut |_, _| {},
        )?;
        for p in store.find_products("", 50)? {
            store.receive_stock(&owner, p.id, 1_000_000)?;
        }
    }
    let today = store.business_date()?;
    let seeded: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM report_days", [], |r| r.get(0))?;
    if seeded < (o.stores as i64) * o.days / 2 {
        let started = Instant::now();
        let n = seed(store.conn(), o, today)?;
        eprintln!(
            "seeded {n} sales of {} stores × {} days in {:.1}s",
            o.stores,
            o.days,
            started.elapsed().as_secs_f64()
        );
    }
    let owner = Staff {
        id: StaffId::new(store.now()),
        name: "bench".into(),
        role: Role::Owner,
    };
    let year = |chain: bool| ReportQuery {
        from: today - Days::days(364),
        to: today,
        store_id: None,
        chain,
        granularity: Granularity::Month,
    };
    for chain in [false, true] {
        let q = year(chain);
        for name in ReportName::ALL {
            let mut samples = Vec::with_capacity(o.runs);
            for _ in 0..o.runs {
                let t = Instant::now();
                store.report(&owner, name, &q)?;
                samples.push(t.elapsed());
            }
            let p = percentiles(&mut samples);
            let label = if chain {
                format!("reports.chain.{}", name.as_str())
            } else {
                format!("reports.{}", name.as_str())
            };
            println!(
                "BENCH {label} p50_ms={:.3} p99_ms={:.3}",
                p.p50_ms, p.p99_ms
            );
        }
    }
    checkout_overhead(&mut store, o.sales)
}

/// Simulated sales straight into the summaries: each store a day of
/// `sales_per_day` (±30 %) sales of one to three lines, by eight staff
/// members over 30 services and 20 products, paid in four ways. Store 1 is
/// this till's own ("local").
fn seed(conn: &Connection, o: &Options, today: NaiveDate) -> anyhow::Result<u64> {
    let mut rng = StdRng::seed_from_u64(18);
    let mut n = 0u64;
    for s in 0..o.stores {
        let store_id = if s == 0 {
            "local".to_string()
        } else {
            format!("bench-store-{s:02}")
        };
        conn.execute_batch("BEGIN")?;
        let mut item = conn.prepare(
            "INSERT INTO report_items (store_id, day, staff_id, kind, item_id, amount, qty, services, products, commission)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT DO UPDATE SET amount = excluded.amount, qty = excluded.qty,
                services = excluded.services, products = excluded.products, commission = excluded.commission",
        )?;
        let mut hour = conn.prepare(
            "INSERT INTO report_hours (store_id, day, hour, sales, revenue) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT DO UPDATE SET sales = excluded.sales, revenue = excluded.revenue",
        )?;
        let mut tender = conn.prepare(
            "INSERT INTO report_tenders (store_id, day, method, amount) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO UPDATE SET amount = excluded.amount",
        )?;
        let mut days = conn.prepare(
            "INSERT INTO report_days (store_id, day, sales, refunds, revenue, top_ups) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT DO UPDATE SET sales = excluded.sales, refunds = excluded.refunds,
                revenue = excluded.revenue, top_ups = excluded.top_ups",
        )?;
        for d in 0..o.days {
            let day = (today - Days::days(d)).to_string();
            let count = o.sales_per_day * rng.gen_range(70..130) / 100;
            let mut items: HashMap<(u8, bool, u8), [i64; 4]> = HashMap::new();
            let mut hours = [[0i64; 2]; 24];
            let mut methods = [0i64; 4];
            let mut revenue = 0;
            for _ in 0..count {
                let h = rng.gen_range(10..22);
                let mut total = 0;
                for _ in 0..rng.gen_range(1..4) {
                    let service = rng.gen_bool(0.6);
                    let id = rng.gen_range(0..if service { 30 } else { 20 });
                    let staff = if service { rng.gen_range(1..9) } else { 0 };
                    let amount = if service {
                        19_800 + i64::from(id) * 1_000
                    } else {
                        12_800 + i64::from(id) * 500
                    };
                    let f = items.entry((staff, service, id)).or_default();
                    f[0] += amount;
                    f[1] += 1;
                    f[2] += amount / 10;
                    total += amount;
                }
                hours[h][0] += 1;
                hours[h][1] += total;
                methods[rng.gen_range(0..4)] += total;
                revenue += total;
            }
            for ((staff, service, id), f) in &items {
                let staff_id = if *staff == 0 {
                    String::new()
                } else {
                    format!("bench-staff-{staff}")
                };
                let (kind, item_id) = if *service {
                    ("service", format!("bench-service-{id:02}"))
                } else {
                    ("product", format!("bench-product-{id:02}"))
                };
                let (services, products) = if *service { (f[1], 0) } else { (0, f[1]) };
                let commission = if *staff == 0 { 0 } else { f[2] };
                item.execute(params![
                    store_id, day, staff_id, kind, item_id, f[0], f[1], services, products,
                    commission
                ])?;
            }
            for (h, [sales, rev]) in hours.iter().enumerate() {
                if *sales > 0 {
                    hour.execute(params![store_id, day, h as i64, sales, rev])?;
                }
            }
            for (m, amount) in ["cash", "wechat_pay", "alipay", "stored_value"]
                .iter()
                .zip(methods)
            {
                tender.execute(params![store_id, day, m, amount])?;
            }
            days.execute(params![store_id, day, count as i64, 0, revenue, 0])?;
            n += count as u64;
        }
        drop((item, hour, tender, days));
        conn.execute_batch("COMMIT")?;
    }
    conn.execute_batch("ANALYZE")?;
    Ok(n)
}

/// Checkout commits in turns with summaries kept and not (the same store,
/// the same sales mix); the p99 of each and how much more the kept one costs.
fn checkout_overhead(store: &mut Store, sales: usize) -> anyhow::Result<()> {
    let staff = store.list_staff()?;
    let cashier = staff
        .iter()
        .find(|s| s.role == Role::Cashier)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("no cashier"))?;
    let beauticians: Vec<StaffId> = staff
        .iter()
        .filter(|s| s.role == Role::Beautician)
        .map(|s| s.id)
        .collect();
    let services: Vec<ServiceId> = store
        .find_services("", 50)?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let products: Vec<ProductId> = store
        .find_products("", 50)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if store.current_shift()?.is_none() {
        store.open_shift(&cashier, Money::yuan(500))?;
    }
    store.checkpoint_in_background()?;
    let mut rng = StdRng::seed_from_u64(7);
    let (mut kept, mut bare): (Vec<Duration>, Vec<Duration>) = (Vec::new(), Vec::new());
    for i in 0..(2 * sales + 200) {
        let lines = (0..4)
            .map(|j| {
                if j % 2 == 0 {
                    CartLine::new(LineItem::Service {
                        service_id: services[rng.gen_range(0..services.len())],
                        qty: 1,
                    })
                    .by(beauticians[rng.gen_range(0..beauticians.len())])
                } else {
                    CartLine::new(LineItem::Product {
                        product_id: products[rng.gen_range(0..products.len())],
                        qty: 1,
                    })
                }
            })
            .collect();
        let cart = Cart {
            lines,
            ..Cart::default()
        };
        let keep = i % 2 == 0;
        store.set_keeping_report_summaries(keep);
        let t = Instant::now();
        store.complete_sale(
            &cashier,
            &cart,
            &[Tender::Cash {
                amount: Money::yuan(10_000),
            }],
        )?;
        let took = t.elapsed();
        // The first 200 warm the caches and are not counted.
        if i >= 200 {
            if keep {
                kept.push(took)
            } else {
                bare.push(took)
            }
        }
    }
    store.set_keeping_report_summaries(true);
    let (k, b) = (percentiles(&mut kept), percentiles(&mut bare));
    println!(
        "BENCH reports.checkout_overhead pct={:.1} p99_kept_ms={:.3} p99_bare_ms={:.3} p50_kept_ms={:.3} p50_bare_ms={:.3}",
        (k.p99_ms - b.p99_ms) / b.p99_ms * 100.0,
        k.p99_ms,
        b.p99_ms,
        k.p50_ms,
        b.p50_ms
    );
    Ok(())
}
