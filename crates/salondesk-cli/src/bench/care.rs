//! `bench care`: a store with 200,000 members and two years of service
//! visits. Seeds (or reuses) the database — members through the demo seeder,
//! visits as sales written straight into their tables in big transactions (a
//! benchmark fixture, not the write path) — then times generating one day's
//! care tasks with every kind on (`BENCH care.tasks seconds=… tasks=…`), then
//! the member list's nightly rebuild with the RFM classes and the member list
//! with filters (`bench::segments::run_on`: `rfm.nightly`, `members.filter`),
//! and the day's whole job: `BENCH care.daily seconds=…` (tasks + RFM).

use crate::seed::seed_with_bar;
use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::params;
use salondesk_core::care::CareSettings;
use salondesk_core::clock::SystemClock;
use salondesk_core::Store;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

const DAYS: i64 = 730;
/// Sales per transaction while seeding.
const BATCH: usize = 20_000;

pub fn run(db: &Path, members: u64) -> anyhow::Result<()> {
    let mut store = Store::open(db, Arc::new(SystemClock))?;
    let have = store.member_count()? as u64;
    if have < members {
        eprintln!("seeding {} members into {}", members - have, db.display());
        seed_with_bar(&mut store, members - have, 20261206 + have)?;
    }
    let sales: i64 = store.conn().query_row(
        "SELECT count(*) FROM sales WHERE receipt_no LIKE 'BENCH-%'",
        [],
        |r| r.get(0),
    )?;
    if sales == 0 {
        let started = Instant::now();
        let n = seed_visits(&store)?;
        eprintln!(
            "seeded {n} visits in {:.1}s",
            started.elapsed().as_secs_f64()
        );
    }
    // The day's job is both: the care tasks, then the member list's nightly
    // figures and RFM classes (`rfm.nightly`, then `members.filter` on the
    // same store).
    let tasks = daily(&mut store)?;
    let rfm = super::segments::run_on(&mut store, 200)?;
    println!(
        "BENCH care.daily seconds={:.3} tasks_s={tasks:.3} rfm_s={rfm:.3}",
        tasks + rfm
    );
    members_report(&store)
}

/// The members report over the last year on this store (200,000 members with
/// two years of visits: the realistic load for it; `bench reports`' chain has
/// sales but no member visits). `BENCH reports.members_200k p99_ms=…`.
fn members_report(store: &Store) -> anyhow::Result<()> {
    use salondesk_core::reports::{Granularity, ReportName, ReportQuery};
    use salondesk_core::staff::{Role, Staff};
    let owner = Staff {
        id: salondesk_core::ids::StaffId::new(store.now()),
        name: "bench".into(),
        role: Role::Owner,
    };
    let today = store.now().date_naive();
    let q = ReportQuery {
        from: today - Duration::days(364),
        to: today,
        store_id: None,
        chain: false,
        granularity: Granularity::Month,
    };
    store.report(&owner, ReportName::Members, &q)?; // warm, as a desk open a while is
    let mut samples = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        store.report(&owner, ReportName::Members, &q)?;
        samples.push(t.elapsed());
    }
    let p = super::stats::percentiles(&mut samples);
    println!(
        "BENCH reports.members_200k p50_ms={:.1} p99_ms={:.1} target_p99_ms=100",
        p.p50_ms, p.p99_ms
    );
    Ok(())
}

/// Times one day's care tasks, every kind on, from none made yet; returns
/// the seconds.
pub fn daily(store: &mut Store) -> anyhow::Result<f64> {
    let mut settings = CareSettings::default();
    for k in &mut settings.kinds {
        k.enabled = true;
    }
    let owner = salondesk_core::staff::Staff {
        id: salondesk_core::ids::StaffId::new(store.now()),
        name: "bench".into(),
        role: salondesk_core::staff::Role::Owner,
    };
    store.save_care_settings(&owner, &settings)?;
    // Each run starts from no tasks: the figure is a day's first generation.
    store
        .conn()
        .execute_batch("DELETE FROM care_tasks; DELETE FROM outbox WHERE entity = 'care_task';")?;
    let today = store.business_date()?;
    let started = Instant::now();
    let run = store.generate_care_tasks(&[today])?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "BENCH care.tasks seconds={seconds:.3} tasks={}",
        run.created
    );
    Ok(seconds)
}

/// Two years of service visits: most members keep a rhythm for one service
/// (every 3–8 weeks, from a random start), some come once or twice, a few
/// never. Written straight into `sales` and `sale_lines` in big batches.
fn seed_visits(store: &Store) -> anyhow::Result<u64> {
    let conn = store.conn();
    let cashier: String = conn.query_row("SELECT id FROM staff LIMIT 1", [], |r| r.get(0))?;
    let services: Vec<(String, String, i64)> = conn
        .prepare("SELECT id, name, price FROM services")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    anyhow::ensure!(!services.is_empty(), "the seeded store has no services");
    let members: Vec<String> = conn
        .prepare("SELECT id FROM members")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let offset = i64::from(store.checkout_settings()?.utc_offset_minutes);
    let today = store.business_date()?;
    let first = today - Duration::days(DAYS);
    let mut rng = StdRng::seed_from_u64(11);
    let mut n = 0u64;
    let mut in_batch = 0usize;
    conn.execute_batch("BEGIN")?;
    let mut sale = conn.prepare(
        "INSERT INTO sales (id, receipt_no, kind, member_id, cashier_id, subtotal, discount_total,
             total, business_date, created_at, spend)
         VALUES (?1, ?2, 'sale', ?3, ?4, ?5, 0, ?5, ?6, ?7, ?5)",
    )?;
    let mut line = conn.prepare(
        "INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, qty, unit_price, amount)
         VALUES (?1, ?2, 1, 'service', ?3, ?4, 1, ?5, ?5)",
    )?;
    let mut last =
        conn.prepare("UPDATE members SET last_visit_at = ?2, visit_count = ?3 WHERE id = ?1")?;
    for member in &members {
        let visits = match rng.gen_range(0..10) {
            0 => 0,
            1 | 2 => rng.gen_range(1..3),
            _ => 30,
        };
        let (sid, name, price) = &services[rng.gen_range(0..services.len())];
        let every = rng.gen_range(21..60);
        let mut day: NaiveDate = first + Duration::days(rng.gen_range(0..DAYS));
        let mut count = 0;
        let mut last_at = None;
        while count < visits && day < today {
            let at = day
                .and_hms_opt(rng.gen_range(10..20), 0, 0)
                .unwrap_or_default()
                .and_utc()
                - Duration::minutes(offset);
            let id = uuid::Uuid::now_v7().to_string();
            let at_iso = salondesk_core::time::iso(at);
            sale.execute(params![
                id,
                format!("BENCH-{n}"),
                member,
                cashier,
                price,
                day.to_string(),
                at_iso
            ])?;
            line.execute(params![
                uuid::Uuid::now_v7().to_string(),
                id,
                sid,
                name,
                price
            ])?;
            last_at = Some(at_iso);
            count += 1;
            n += 1;
            in_batch += 1;
            day += Duration::days(every + rng.gen_range(-3..4));
            if in_batch >= BATCH {
                conn.execute_batch("COMMIT; BEGIN")?;
                in_batch = 0;
            }
        }
        if let Some(at) = last_at {
            last.execute(params![member, at, count])?;
        }
    }
    conn.execute_batch("COMMIT")?;
    Ok(n)
}
