//! Appointment history in bulk: each beautician's days (10:00–21:00) filled
//! with back-to-back appointments, written in big transactions through the
//! write path's import (no per-row booking checks). Shared by `seed
//! --appointments` (the desk's benchmark database) and `bench appointments`.

use crate::progress::bar;
use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use salondesk_core::appointments::{AppointmentStatus, ImportedAppointment, Offset};
use salondesk_core::ids::{MemberId, ServiceId};
use salondesk_core::staff::Staff;
use salondesk_core::Store;

const BATCH: usize = 25_000;

/// Who and what the appointments are made of.
pub struct Cast<'a> {
    pub owner: &'a Staff,
    pub beauticians: &'a [Staff],
    /// A bed per beautician (by index, cycled); empty for none.
    pub beds: &'a [String],
    pub services: &'a [ServiceId],
    pub members: &'a [MemberId],
}

/// Writes `total` appointments over `dates` (in order), the same number each
/// beautician each day: days from `today` on are booked, earlier ones served.
pub fn fill(
    store: &mut Store,
    cast: &Cast,
    dates: &[NaiveDate],
    today: NaiveDate,
    total: u64,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        !cast.beauticians.is_empty() && !cast.services.is_empty() && !dates.is_empty(),
        "appointments need beauticians, bookable services and days"
    );
    let per_day =
        (total as f64 / (dates.len() as f64 * cast.beauticians.len() as f64)).ceil() as i64;
    let slot = (660 / per_day.max(1)).max(15);
    let offset = Offset(i64::from(store.checkout_settings()?.utc_offset_minutes));
    let progress = bar(total, "seeding appointments");
    let mut rng = StdRng::seed_from_u64(20261123);
    let mut batch: Vec<ImportedAppointment> = Vec::with_capacity(BATCH);
    let mut made = 0u64;
    'days: for &date in dates {
        let ahead = date >= today;
        for (i, b) in cast.beauticians.iter().enumerate() {
            for k in 0..per_day {
                if made >= total {
                    break 'days;
                }
                let start = offset.day_start(date) + Duration::minutes(600 + k * slot);
                let member = cast
                    .members
                    .choose(&mut rng)
                    .copied()
                    .filter(|_| rng.gen_bool(0.9));
                let bed = (!cast.beds.is_empty() && rng.gen_bool(0.6))
                    .then(|| cast.beds[i % cast.beds.len()].clone());
                batch.push(ImportedAppointment {
                    member_id: member,
                    walk_in_name: member.is_none().then(|| "散客".to_owned()),
                    service_id: *cast.services.choose(&mut rng).expect("services"),
                    staff_id: b.id,
                    room_id: bed,
                    start,
                    end: start + Duration::minutes(slot - 3),
                    status: status(&mut rng, ahead),
                    created_by: cast.owner.id,
                });
                made += 1;
                if batch.len() == BATCH {
                    store.import_appointments(&batch)?;
                    batch.clear();
                    progress.set_position(made);
                }
            }
        }
    }
    store.import_appointments(&batch)?;
    progress.finish_and_clear();
    Ok(())
}

fn status(rng: &mut StdRng, ahead: bool) -> AppointmentStatus {
    use AppointmentStatus::*;
    match (ahead, rng.gen_range(0..100)) {
        (true, 0..=69) => Booked,
        (true, 70..=94) => Confirmed,
        (true, _) => Cancelled,
        (false, 0..=84) => Completed,
        (false, 85..=92) => Cancelled,
        (false, _) => NoShow,
    }
}

/// Every member's id, for the appointments to be of.
pub fn member_ids(store: &Store) -> anyhow::Result<Vec<MemberId>> {
    let mut stmt = store.conn().prepare("SELECT id FROM members")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
