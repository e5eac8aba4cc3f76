//! `salondesk-cli seed`: demo data into a database file, with a progress bar.

use crate::history::{fill, member_ids, Cast};
use crate::progress::bar;
use chrono::{Duration, NaiveDate};
use salondesk_core::appointments::{Offset, ResourceKind};
use salondesk_core::seed::SeedOptions;
use salondesk_core::staff::Role;
use salondesk_core::Store;
use std::path::Path;
use std::time::Instant;

/// The demo week (today and the next 7 days) is the seed's own calendar: the
/// history leaves it alone so the two never overlap.
const DEMO_WEEK: i64 = 8;
/// Coming days booked beyond the demo week.
const DAYS_AHEAD: i64 = 60;

/// `appointments`: (how many, how many a day).
pub fn run(
    db: &Path,
    members: u64,
    seed: u64,
    appointments: (u64, u64),
    key: &crate::open::KeyArgs,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut store = crate::open::open_exclusive(db, key)?;
    let report = seed_with_bar(&mut store, members, seed)?;
    println!(
        "seeded {} members, {} staff, {} services, {} products into {} in {:.1}s",
        report.members_added,
        report.staff_added,
        report.services_added,
        report.products_added,
        db.display(),
        started.elapsed().as_secs_f64()
    );
    // Made at random for this database and kept nowhere: shown this once.
    for p in &report.pins {
        println!("demo staff PIN: {} ({}) {}", p.name, p.role.as_str(), p.pin);
    }
    if appointments.0 > 0 {
        let started = Instant::now();
        let made = seed_history(&mut store, appointments.0, appointments.1.max(1))?;
        println!(
            "seeded {made} appointments in {:.1}s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

pub fn seed_with_bar(
    store: &mut Store,
    members: u64,
    seed: u64,
) -> anyhow::Result<salondesk_core::seed::SeedReport> {
    let progress = bar(members, "seeding members");
    let opts = SeedOptions {
        members,
        rng_seed: seed,
        ..SeedOptions::default()
    };
    let report = store.seed_demo(&opts, &mut |done, _| progress.set_position(done))?;
    progress.finish_and_clear();
    Ok(report)
}

/// `total` appointments of the demo beauticians, `per_day` a day: the coming
/// days after the demo week, then back into the past as far as they reach.
/// Returns how many were added (none when the store already holds as many).
fn seed_history(store: &mut Store, total: u64, per_day: u64) -> anyhow::Result<u64> {
    let offset = Offset(i64::from(store.checkout_settings()?.utc_offset_minutes));
    let today = offset.date(store.now());
    let have: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM appointments", [], |r| r.get(0))?;
    if have as u64 >= total {
        eprintln!("{have} appointments already: no history added");
        return Ok(0);
    }
    let staff = store.list_staff()?;
    let owner = staff
        .iter()
        .find(|s| s.role == Role::Owner)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("the demo seed made no owner"))?;
    let beauticians: Vec<_> = staff
        .into_iter()
        .filter(|s| s.role == Role::Beautician)
        .collect();
    let beds: Vec<String> = store
        .rooms()?
        .into_iter()
        .filter(|r| r.kind == ResourceKind::Bed)
        .map(|r| r.id)
        .collect();
    let services: Vec<_> = store.bookable_services()?.iter().map(|s| s.id).collect();
    let members = member_ids(store)?;
    let days = (total.div_ceil(per_day) as i64).max(1);
    let ahead = DAYS_AHEAD.min(days);
    let dates: Vec<NaiveDate> = (0..days - ahead)
        .rev()
        .map(|d| today - Duration::days(d + 1))
        .chain((0..ahead).map(|d| today + Duration::days(DEMO_WEEK + d)))
        .collect();
    let cast = Cast {
        owner: &owner,
        beauticians: &beauticians,
        beds: &beds,
        services: &services,
        members: &members,
    };
    fill(store, &cast, &dates, today, total)?;
    Ok(total)
}
