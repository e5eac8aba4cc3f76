//! `bench checkout`: 10,000 five-line sales with a member, points and stored
//! value, each committed durably (synchronous=FULL), against a bare durable
//! single-row INSERT per transaction on the same file in the same run.

use super::stats::print;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::clock::SystemClock;
use salondesk_core::ids::MemberId;
use salondesk_core::seed::SeedOptions;
use salondesk_core::staff::Role;
use salondesk_core::{Money, Store};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run(db: &Path, sales: usize) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let mut store = Store::open(db, Arc::new(SystemClock))?;
    store.create_owner("Bench Owner", "9999")?;
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
    let beauticians: Vec<_> = staff
        .iter()
        .filter(|s| s.role == Role::Beautician)
        .map(|s| s.id)
        .collect();
    let services = store.find_services("", 50)?;
    let products = store.find_products("", 50)?;
    for p in &products {
        store.receive_stock(p.id, 100_000)?;
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
    // Every member starts with stored value, and earns points as the bench goes.
    for m in &members {
        let cart = Cart {
            member_id: Some(*m),
            lines: vec![CartLine::new(LineItem::TopUp {
                plan_id: top_up.clone(),
            })],
            ..Cart::default()
        };
        store.complete_sale(
            &cashier,
            &cart,
            &[Tender::Cash {
                amount: Money::yuan(5000),
            }],
        )?;
    }
    // As the desktop app runs it: checkpoints off the commit path.
    store.checkpoint_in_background()?;
    let mut rng = StdRng::seed_from_u64(11);
    let mut samples = Vec::with_capacity(sales);
    let mut topped = 0;
    for _ in 0..sales {
        let member = members[rng.gen_range(0..members.len())];
        let mut lines = Vec::with_capacity(5);
        for i in 0..5 {
            let line = if i % 2 == 0 {
                CartLine::new(LineItem::Service {
                    service_id: services[rng.gen_range(0..services.len())].id,
                    qty: 1,
                })
                .by(beauticians[rng.gen_range(0..beauticians.len())])
            } else {
                CartLine::new(LineItem::Product {
                    product_id: products[rng.gen_range(0..products.len())].id,
                    qty: rng.gen_range(1..3),
                })
            };
            lines.push(line);
        }
        let balances = salondesk_core::ledger::balances(store.conn(), member)?;
        if balances.stored_value < Money::yuan(3000) {
            let cart = Cart {
                member_id: Some(member),
                lines: vec![CartLine::new(LineItem::TopUp {
                    plan_id: top_up.clone(),
                })],
                ..Cart::default()
            };
            store.complete_sale(
                &cashier,
                &cart,
                &[Tender::Cash {
                    amount: Money::yuan(5000),
                }],
            )?;
            topped += 1;
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
        let t = Instant::now();
        store.complete_sale(&cashier, &cart, &tenders)?;
        samples.push(t.elapsed());
    }
    eprintln!(
        "{sales} sales ({topped} extra top-ups) into {}",
        db.display()
    );
    print("checkout.commit", &mut samples);
    let mut baseline = baseline(db, sales)?;
    print("checkout.baseline", &mut baseline);
    Ok(())
}

/// One durable single-row INSERT per transaction, same file, same pragmas.
fn baseline(db: &Path, n: usize) -> anyhow::Result<Vec<Duration>> {
    let conn = salondesk_core::db::open(db)?;
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, v TEXT NOT NULL)",
    )?;
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        conn.execute(
            "INSERT INTO bench_baseline (v) VALUES (?1)",
            [format!("row {i}")],
        )?;
        samples.push(t.elapsed());
    }
    Ok(samples)
}
