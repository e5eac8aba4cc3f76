//! `bench appointments`: the day calendar of a 30-beautician store with two
//! years of history (about 500,000 appointments). Seeds (or reuses) the
//! database — members through the demo seeder, appointments in big batched
//! transactions through the write path without per-row checks — then loads
//! the day view of random dates and prints
//! `BENCH appointments.day p50_ms=… p99_ms=…`.

use super::stats::print;
use crate::history::{fill, member_ids, Cast};
use crate::progress::bar;
use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use salondesk_core::appointments::{DayHours, Offset, ResourceKind, WorkingHours};
use salondesk_core::clock::SystemClock;
use salondesk_core::ids::ServiceId;
use salondesk_core::seed::SeedOptions;
use salondesk_core::staff::{Role, Staff};
use salondesk_core::Store;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

const BEAUTICIANS: usize = 30;
const DAYS: i64 = 730;
/// Of the days, this many are still ahead (booked, not yet served).
const DAYS_AHEAD: i64 = 14;
const MEMBERS: u64 = 20_000;

pub fn run(db: &Path, appointments: u64, views: usize) -> anyhow::Result<()> {
    let mut store = Store::open(db, Arc::new(SystemClock))?;
    let have = count(&store)?;
    if have < appointments {
        anyhow::ensure!(
            have == 0,
            "{} holds {have} appointments, fewer than {appointments}: delete it to seed afresh",
            db.display()
        );
        let started = Instant::now();
        seed(&mut store, appointments)?;
        eprintln!(
            "seeded {} appointments in {:.1}s",
            count(&store)?,
            started.elapsed().as_secs_f64()
        );
    }
    eprintln!("{} appointments in {}", count(&store)?, db.display());
    warm_os_cache(db)?;
    let offset = Offset(i64::from(store.checkout_settings()?.utc_offset_minutes));
    let today = offset.date(store.now());
    let first = today - Duration::days(DAYS - DAYS_AHEAD);
    let mut rng = StdRng::seed_from_u64(7);
    let mut pick = || first + Duration::days(rng.gen_range(0..DAYS));
    for _ in 0..50 {
        store.day_view(pick())?;
    }
    let mut samples = Vec::with_capacity(views);
    let mut shown = 0usize;
    for _ in 0..views {
        let date = pick();
        let t = Instant::now();
        let day = store.day_view(date)?;
        samples.push(t.elapsed());
        anyhow::ensure!(
            day.columns.len() >= BEAUTICIANS,
            "a day view of {date} has {} columns",
            day.columns.len()
        );
        shown += day
            .columns
            .iter()
            .map(|c| c.appointments.len())
            .sum::<usize>();
    }
    eprintln!(
        "{views} day views, {:.0} appointments each on average",
        shown as f64 / views.max(1) as f64
    );
    print("appointments.day", &mut samples);
    Ok(())
}

fn count(store: &Store) -> anyhow::Result<u64> {
    Ok(store
        .conn()
        .query_row("SELECT count(*) FROM appointments", [], |r| {
            r.get::<_, i64>(0)
        })? as u64)
}

/// Staff, members, services, rooms and hours, then the appointments.
fn seed(store: &mut Store, appointments: u64) -> anyhow::Result<()> {
    let members = bar(MEMBERS, "seeding members");
    let opts = SeedOptions {
        members: MEMBERS,
        calendar: false,
        ..SeedOptions::default()
    };
    store.seed_demo(&opts, &mut |done, _| members.set_position(done))?;
    members.finish_and_clear();
    let owner = store
        .list_staff()?
        .into_iter()
        .find(|s| s.role == Role::Owner)
        .ok_or_else(|| anyhow::anyhow!("the demo seed made no owner"))?;
    let mut staff: Vec<Staff> = beauticians_of(store)?;
    for i in staff.len()..BEAUTICIANS {
        store.add_staff(&format!("美容师{:02}", i + 1), Role::Beautician, "4444")?;
    }
    staff = beauticians_of(store)?;
    let mut beds = Vec::new();
    for (i, b) in staff.iter().enumerate() {
        let open = Some(DayHours {
            start_min: 600,
            end_min: 1260,
        });
        let mut week = [open; 7];
        week[i % 7] = None;
        store.set_working_hours(
            &owner,
            &WorkingHours {
                staff_id: b.id,
                week,
                days_off: Vec::new(),
                configured: true,
            },
        )?;
        // One bed per beautician, so her appointments never crowd a room.
        beds.push(
            store
                .add_room(&owner, &format!("{:02}号床", i + 1), ResourceKind::Bed, 1)?
                .id,
        );
    }
    let services: Vec<ServiceId> = store.bookable_services()?.iter().map(|s| s.id).collect();
    let members = member_ids(store)?;
    let offset = Offset(i64::from(store.checkout_settings()?.utc_offset_minutes));
    let today = offset.date(store.now());
    let first: NaiveDate = today - Duration::days(DAYS - DAYS_AHEAD);
    let dates: Vec<NaiveDate> = (0..DAYS).map(|d| first + Duration::days(d)).collect();
    let cast = Cast {
        owner: &owner,
        beauticians: &staff,
        beds: &beds,
        services: &services,
        members: &members,
    };
    fill(store, &cast, &dates, today, appointments)
}

fn beauticians_of(store: &Store) -> anyhow::Result<Vec<Staff>> {
    Ok(store
        .list_staff()?
        .into_iter()
        .filter(|s| s.role == Role::Beautician)
        .take(BEAUTICIANS)
        .collect())
}

/// Reads the file once so the views are measured warm, as on a desk that has
/// been open a while, not on the disk's latency after a big build.
fn warm_os_cache(db: &Path) -> anyhow::Result<()> {
    use std::io::Read;
    let mut f = std::fs::File::open(db)?;
    let mut buf = vec![0u8; 1 << 20];
    while f.read(&mut buf)? > 0 {}
    Ok(())
}
