//! Demo calendar: working hours for the beauticians (10:00–21:00, a
//! different day off each), beds, nail chairs and a double room, the resource
//! kind each demo service needs, and appointments for today and the coming
//! week, booked through the same rules as at the desk. Each part is added only
//! where the store has none yet.

use crate::appointments::{BookingInput, Client, DayHours, ResourceKind, WorkingHours};
use crate::staff::{Role, Staff};
use crate::store::Store;
use crate::Result;
use chrono::Duration;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

const ROOMS: &[(&str, ResourceKind, i64)] = &[
    ("1号床", ResourceKind::Bed, 1),
    ("2号床", ResourceKind::Bed, 1),
    ("3号床", ResourceKind::Bed, 1),
    ("4号床", ResourceKind::Bed, 1),
    ("美甲位A", ResourceKind::Chair, 1),
    ("美甲位B", ResourceKind::Chair, 1),
    ("VIP双人间", ResourceKind::Room, 2),
];

fn kind_for(category: &str, name: &str) -> Option<ResourceKind> {
    match (category, name) {
        (_, "精油全身SPA") => Some(ResourceKind::Room),
        ("美甲美睫", _) => Some(ResourceKind::Chair),
        ("面部护理" | "眼部护理" | "身体护理" | "头部护理" | "脱毛", _) => {
            Some(ResourceKind::Bed)
        }
        _ => None,
    }
}

/// Adds the demo calendar; returns how many appointments were booked.
pub(crate) fn seed_calendar(store: &mut Store, rng_seed: u64) -> Result<u64> {
    let staff = store.list_staff()?;
    let Some(manager) = staff
        .iter()
        .find(|s| matches!(s.role, Role::Manager | Role::Owner))
        .cloned()
    else {
        return Ok(0);
    };
    let beauticians: Vec<Staff> = staff
        .into_iter()
        .filter(|s| s.role == Role::Beautician)
        .collect();
    let mut rng = StdRng::seed_from_u64(rng_seed ^ 0x5A10_0DE5);
    for (i, b) in beauticians.iter().enumerate() {
        if store.working_hours(b.id)?.configured {
            continue;
        }
        let open = Some(DayHours {
            start_min: 600,
            end_min: 1260,
        });
        let mut week = [open; 7];
        week[(i * 2 + 1) % 7] = None;
        store.set_working_hours(
            &manager,
            &WorkingHours {
                staff_id: b.id,
                week,
                days_off: Vec::new(),
                configured: true,
            },
        )?;
    }
    if store.rooms()?.is_empty() {
        for (name, kind, capacity) in ROOMS {
            store.add_room(&manager, name, *kind, *capacity)?;
        }
    }
    for s in store.bookable_services()? {
        if s.resource_kind.is_none() {
            if let Some(kind) = kind_for(&s.category, &s.name) {
                store.set_service_resource_kind(&manager, s.id, Some(kind))?;
            }
        }
    }
    let has_any: bool =
        store
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM appointments)", [], |r| {
                r.get(0)
            })?;
    if has_any || beauticians.is_empty() {
        return Ok(0);
    }
    book_week(store, &manager, &beauticians, &mut rng)
}

fn book_week(
    store: &mut Store,
    manager: &Staff,
    beauticians: &[Staff],
    rng: &mut StdRng,
) -> Result<u64> {
    let services = store.bookable_services()?;
    let members: Vec<crate::ids::MemberId> = {
        let mut stmt = store.conn().prepare(
            "SELECT id FROM members WHERE archived_at IS NULL ORDER BY last_visit_at DESC LIMIT 300",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let offset =
        crate::appointments::Offset(i64::from(store.checkout_settings()?.utc_offset_minutes));
    let now = store.now();
    let today = offset.date(now);
    let mut booked = 0;
    for day in 0..7 {
        let date = today + Duration::days(day);
        for b in beauticians {
            for _ in 0..rng.gen_range(3..7) {
                let service = services.choose(rng).expect("demo services");
                // On the half hour between 10:00 and 19:30.
                let minute = 600 + 30 * rng.gen_range(0..20);
                let start = offset.day_start(date) + Duration::minutes(minute);
                let client = match members.choose(rng) {
                    Some(m) if rng.gen_bool(0.85) => Client::Member(*m),
                    _ => Client::WalkIn {
                        name: ["刘女士", "陈小姐", "Amy", "张女士"][rng.gen_range(0..4)].into(),
                        phone: None,
                    },
                };
                let input = BookingInput {
                    client,
                    service_id: service.id,
                    staff_id: b.id,
                    room_id: None,
                    start,
                    end: None,
                    notes: String::new(),
                    allow_outside_hours: false,
                };
                // A slot that clashes, or falls on her day off, is simply skipped.
                let Ok(a) = store.book_appointment(manager, &input) else {
                    continue;
                };
                booked += 1;
                progress_today(store, manager, &a, now, rng)?;
            }
        }
    }
    Ok(booked)
}

/// Today's appointments that have begun are under way or done; some later
/// ones are confirmed.
fn progress_today(
    store: &mut Store,
    manager: &Staff,
    a: &crate::appointments::Appointment,
    now: chrono::DateTime<chrono::Utc>,
    rng: &mut StdRng,
) -> Result<()> {
    use crate::appointments::AppointmentStatus as St;
    let steps: &[St] = if a.end <= now {
        &[St::Arrived, St::InService, St::Completed]
    } else if a.start <= now {
        &[St::Arrived, St::InService]
    } else if rng.gen_bool(0.3) {
        &[St::Confirmed]
    } else {
        &[]
    };
    for s in steps {
        store.set_appointment_status(manager, &a.id, *s, None)?;
    }
    Ok(())
}
