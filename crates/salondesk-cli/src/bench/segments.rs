//! `bench members-filter`: the member list (Back office → Member list) on a
//! big store. Prints `BENCH members.filter p99_ms=…` (the count and the first
//! page of three combined filters: what the screen waits for as a filter
//! changes) and `BENCH rfm.nightly seconds=…` (the nightly rebuild of the
//! 365-day spend and visits and the RFM classes).
//!
//! `run_on` takes an already seeded store, so `bench care` can fold it in.

use super::stats::print_tail;
use crate::seed::seed_with_bar;
use chrono::{Duration as Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use salondesk_core::clock::SystemClock;
use salondesk_core::member::{Gender, Tier};
use salondesk_core::segments::{NightlyWay, RfmClass, SegmentFilter};
use salondesk_core::staff::{Role, Staff};
use salondesk_core::Store;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Members a page of the list shows.
const PAGE: usize = 50;

pub fn run(db: &Path, members: u64, queries: usize) -> anyhow::Result<()> {
    let mut store = Store::open(db, Arc::new(SystemClock))?;
    let have = store.member_count()? as u64;
    if have < members {
        eprintln!("seeding {} members into {}", members - have, db.display());
        seed_with_bar(&mut store, members - have, 20261206 + have)?;
    }
    let added = seed_visits(&mut store, 20261206)?;
    eprintln!(
        "{} members, {added} sales added, in {}",
        store.member_count()?,
        db.display()
    );
    run_on(&mut store, queries).map(drop)
}

/// Two years of sales for the members with a visit, up to eight each, the
/// last at her last visit; written straight into `sales` (bench data: no
/// lines, ledgers or operations), once per database. Returns how many.
pub fn seed_visits(store: &mut Store, seed: u64) -> anyhow::Result<u64> {
    let have: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM sales", [], |r| r.get(0))?;
    if have > 0 {
        return Ok(0);
    }
    let cashier: String =
        store
            .conn()
            .query_row("SELECT id FROM staff ORDER BY id LIMIT 1", [], |r| r.get(0))?;
    let visited: Vec<(String, String, i64)> = store
        .conn()
        .prepare(
            "SELECT id, last_visit_at, visit_count FROM members WHERE last_visit_at IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut n = 0u64;
    for chunk in visited.chunks(20_000) {
        store.write(|w| {
            let mut ins = w.prepare_cached(
                "INSERT INTO sales (id, receipt_no, kind, member_id, cashier_id, subtotal,
                                    discount_total, total, business_date, created_at, spend)
                 VALUES (?1, ?2, 'sale', ?3, ?4, ?5, 0, ?5, ?6, ?7, ?5)",
            )?;
            for (member, last, visits) in chunk {
                let Some(last) = salondesk_core::time::parse_iso(last) else {
                    continue;
                };
                for k in 0..(*visits).min(8) {
                    let at = if k == 0 {
                        last
                    } else {
                        last - Days::minutes(rng.gen_range(1..730 * 24 * 60))
                    };
                    let total: i64 = rng.gen_range(50..2_000) * 100;
                    n += 1;
                    ins.execute(rusqlite::params![
                        uuid::Uuid::now_v7().to_string(),
                        format!("BENCH-{n}"),
                        member,
                        cashier,
                        total,
                        at.date_naive().to_string(),
                        salondesk_core::time::iso(at),
                    ])?;
                }
            }
            Ok(())
        })?;
    }
    Ok(n)
}

/// Three filters a manager combines, varied per query so no answer is cached.
fn filters(today: NaiveDate, rng: &mut StdRng, n: usize) -> Vec<SegmentFilter> {
    (0..n)
        .map(|i| match i % 4 {
            0 => SegmentFilter {
                tiers: vec![[Tier::Silver, Tier::Gold, Tier::Platinum][rng.gen_range(0..3)]],
                consent: Some(true),
                birthday_month: Some(rng.gen_range(1..=12)),
                ..SegmentFilter::default()
            },
            1 => SegmentFilter {
                rfm: vec![[RfmClass::AtRisk, RfmClass::HighValue][rng.gen_range(0..2)]],
                spend_min: Some(rng.gen_range(1..50) * 10_000),
                genders: vec![Gender::Female],
                ..SegmentFilter::default()
            },
            2 => SegmentFilter {
                last_visit_from: Some(today - Days::days(rng.gen_range(7..120))),
                age_min: Some(rng.gen_range(18..40)),
                age_max: Some(rng.gen_range(40..60)),
                ..SegmentFilter::default()
            },
            _ => SegmentFilter {
                visits_min: Some(rng.gen_range(2..20)),
                tiers: vec![Tier::Standard],
                consent: Some(rng.gen_bool(0.5)),
                ..SegmentFilter::default()
            },
        })
        .collect()
}

/// A night of the member list (the window brought to yesterday first,
/// untimed, so the timed night slides one day as a till's every night does),
/// then the same night summed afresh for comparison (`rfm.rebuild`: what the
/// first night of a store costs), then `queries` member-list answers (count +
/// first page). Returns the night's seconds (`bench care` adds them to the
/// day's job).
pub fn run_on(store: &mut Store, queries: usize) -> anyhow::Result<f64> {
    let today = store.business_date()?;
    store.run_segments_nightly(today - Days::days(1))?;
    let night = store.run_segments_nightly(today)?;
    println!(
        "BENCH rfm.nightly seconds={:.3} reclassed={} moved={} way={:?}",
        night.seconds, night.reclassed, night.moved, night.way
    );
    let rebuild = store.segments_nightly_as(today, Some(NightlyWay::Rebuild))?;
    println!(
        "BENCH rfm.rebuild seconds={:.3} moved={} (the first night's way; a slide must leave nothing to move)",
        rebuild.seconds, rebuild.moved
    );
    let owner = Staff {
        id: salondesk_core::ids::StaffId::new(store.now()),
        name: "bench".into(),
        role: Role::Owner,
    };
    let mut rng = StdRng::seed_from_u64(17);
    let all = filters(today, &mut rng, queries + 20);
    // Warm the page cache as a desk open a while is.
    for f in &all[..20] {
        store.segment_count(&owner, f)?;
    }
    let mut samples: Vec<Duration> = Vec::with_capacity(queries);
    // Per kind of filter (`filters`' four), to tell which one is slow.
    let mut kinds: [Vec<Duration>; 4] = Default::default();
    let mut picked = 0u64;
    for (i, f) in all[20..].iter().enumerate() {
        let t = Instant::now();
        picked += store.segment_count(&owner, f)?;
        let counted = t.elapsed();
        let page = store.segment_page(&owner, f, None, PAGE)?;
        samples.push(t.elapsed());
        kinds[i % 4].push(counted);
        anyhow::ensure!(page.members.len() <= PAGE);
    }
    for (i, k) in kinds.iter_mut().enumerate() {
        let p = super::stats::percentiles(k);
        eprintln!(
            "members.filter kind {i}: count p50_ms={:.3} p99_ms={:.3}",
            p.p50_ms, p.p99_ms
        );
    }
    eprintln!(
        "members.filter: {:.0} members picked on average",
        picked as f64 / queries.max(1) as f64
    );
    print_tail("members.filter", &mut samples);
    Ok(night.seconds)
}
