//! Random sequences of book, move, resize and cancel over three beauticians,
//! two single beds and a double room: no two occupying appointments of one
//! beautician ever overlap, no room ever holds more than its capacity, and a
//! refused operation writes nothing.

use crate::appointments_fixture::{at, booking, ten_to_nine};
use crate::support::{boss, member, store, TestStore};
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use salondesk_core::appointments::{BookingInput, Client, MoveInput, ResourceKind};
use salondesk_core::catalog::ServiceInput;
use salondesk_core::ids::{MemberId, ServiceId, StaffId};
use salondesk_core::staff::{Role, Staff};
use salondesk_core::Money;

struct World {
    t: TestStore,
    owner: Staff,
    staff: Vec<StaffId>,
    services: Vec<ServiceId>,
    rooms: Vec<String>,
    member: MemberId,
    booked: Vec<String>,
}

fn world() -> World {
    let mut t = store();
    let s = &mut t.store;
    let owner = s.create_owner("林美玲", "135790").unwrap();
    let staff: Vec<StaffId> = ["王芳", "李静", "赵婷"]
        .iter()
        .map(|n| s.add_staff(n, Role::Beautician, "4444").unwrap().id)
        .collect();
    for b in &staff {
        s.set_working_hours(&owner, &ten_to_nine(*b)).unwrap();
    }
    let service = |s: &mut salondesk_core::Store, name: &str, minutes| {
        s.add_service(&ServiceInput {
            category: "护理".into(),
            name: name.into(),
            duration_min: minutes,
            price: Money::yuan(200),
            ..ServiceInput::default()
        })
        .unwrap()
        .id
    };
    let facial = service(s, "深层清洁", 60);
    let massage = service(s, "精油按摩", 45);
    s.set_service_resource_kind(&owner, massage, Some(ResourceKind::Bed))
        .unwrap();
    let rooms = vec![
        s.add_room(&owner, "1号床", ResourceKind::Bed, 1)
            .unwrap()
            .id,
        s.add_room(&owner, "2号床", ResourceKind::Bed, 1)
            .unwrap()
            .id,
        s.add_room(&owner, "双人间", ResourceKind::Room, 2)
            .unwrap()
            .id,
    ];
    let member = s
        .register_member(&boss(), &member("王丽娜", "13812345678"))
        .unwrap()
        .id;
    World {
        t,
        owner,
        staff,
        services: vec![facial, massage],
        rooms,
        member,
        booked: Vec::new(),
    }
}

#[derive(Debug, Clone)]
enum Op {
    Book {
        staff: usize,
        service: usize,
        room: Option<usize>,
        day: i64,
        slot: i64,
        walk_in: bool,
        allow_outside: bool,
    },
    Move {
        pick: usize,
        staff: Option<usize>,
        room: Option<usize>,
        day: i64,
        slot: i64,
    },
    Resize {
        pick: usize,
        quarters: i64,
    },
    Cancel {
        pick: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0usize..3, 0usize..2, prop::option::of(0usize..3), 1i64..3, 0i64..48, any::<bool>(), prop::bool::weighted(0.2))
            .prop_map(|(staff, service, room, day, slot, walk_in, allow_outside)| Op::Book { staff, service, room, day, slot, walk_in, allow_outside }),
        3 => (0usize..40, prop::option::of(0usize..3), prop::option::of(0usize..3), 1i64..3, 0i64..48)
            .prop_map(|(pick, staff, room, day, slot)| Op::Move { pick, staff, room, day, slot }),
        2 => (0usize..40, 1i64..12).prop_map(|(pick, quarters)| Op::Resize { pick, quarters }),
        1 => (0usize..40).prop_map(|pick| Op::Cancel { pick }),
    ]
}

/// 15-minute slots from 09:00 store time (some before and after hours), on
/// Tuesday or Thursday (working days; Wednesday is everyone's day off).
fn slot_start(day: i64, slot: i64) -> DateTime<Utc> {
    let day = if day == 1 { 1 } else { 3 };
    at(day, "09:00") + Duration::minutes(15 * slot)
}

fn apply(w: &mut World, op: &Op) -> salondesk_core::Result<()> {
    let actor = w.owner.clone();
    let pick = |w: &World, i: usize| w.booked.get(i % w.booked.len().max(1)).cloned();
    match op {
        Op::Book {
            staff,
            service,
            room,
            day,
            slot,
            walk_in,
            allow_outside,
        } => {
            let mut input: BookingInput = booking(
                w.member,
                w.services[*service],
                w.staff[*staff],
                slot_start(*day, *slot),
            );
            if *walk_in {
                input.client = Client::WalkIn {
                    name: "刘女士".into(),
                    phone: None,
                };
            }
            input.room_id = room.map(|r| w.rooms[r].clone());
            input.allow_outside_hours = *allow_outside;
            let a = w.t.store.book_appointment(&actor, &input)?;
            w.booked.push(a.id);
        }
        Op::Move {
            pick: p,
            staff,
            room,
            day,
            slot,
        } => {
            let Some(id) = pick(w, *p) else { return Ok(()) };
            let to = MoveInput {
                start: slot_start(*day, *slot),
                staff_id: staff.map(|s| w.staff[s]),
                room_id: room.map(|r| w.rooms[r].clone()),
                allow_outside_hours: true,
            };
            w.t.store.move_appointment(&actor, &id, &to)?;
        }
        Op::Resize { pick: p, quarters } => {
            let Some(id) = pick(w, *p) else { return Ok(()) };
            let a = w.t.store.appointment(&id)?;
            let end = a.start + Duration::minutes(15 * quarters);
            w.t.store.resize_appointment(&actor, &id, end, true)?;
        }
        Op::Cancel { pick: p } => {
            let Some(id) = pick(w, *p) else { return Ok(()) };
            w.t.store.cancel_appointment(&actor, &id, "客户改约")?;
        }
    }
    Ok(())
}

/// Everything a change could touch, to compare before and after a refusal.
fn fingerprint(w: &World) -> (i64, String, i64) {
    let conn = w.t.store.conn();
    let outbox = conn
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    let rows: String = conn
        .query_row(
            "SELECT coalesce(group_concat(id || staff_id || coalesce(room_id, '-') || start_at || end_at || status, '|'), '')
             FROM (SELECT * FROM appointments ORDER BY id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let history = conn
        .query_row("SELECT count(*) FROM appointment_history", [], |r| r.get(0))
        .unwrap();
    (outbox, rows, history)
}

fn check_invariants(w: &World) -> Result<(), TestCaseError> {
    let conn = w.t.store.conn();
    let occupying = |column: &str, key: &str| -> Vec<(String, String)> {
        conn.prepare(&format!(
            "SELECT start_at, end_at FROM appointments
             WHERE {column} = ?1 AND status NOT IN ('cancelled', 'no_show') ORDER BY start_at"
        ))
        .unwrap()
        .query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    for staff in &w.staff {
        let spans = occupying("staff_id", &staff.to_string());
        for pair in spans.windows(2) {
            prop_assert!(
                pair[0].1 <= pair[1].0,
                "beautician double-booked: {:?}",
                pair
            );
        }
    }
    for room in &w.rooms {
        let capacity: i64 = conn
            .query_row("SELECT capacity FROM rooms WHERE id = ?1", [room], |r| {
                r.get(0)
            })
            .unwrap();
        let spans = occupying("room_id", room);
        for (start, _) in &spans {
            let at_once = spans
                .iter()
                .filter(|(s, e)| s <= start && start < e)
                .count() as i64;
            prop_assert!(
                at_once <= capacity,
                "room over capacity at {}: {} > {}",
                start,
                at_once,
                capacity
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_double_books_a_beautician_or_overfills_a_room(ops in prop::collection::vec(op(), 1..40)) {
        let mut w = world();
        for op in &ops {
            let before = fingerprint(&w);
            if let Err(e) = apply(&mut w, op) {
                prop_assert!(
                    matches!(e.code(), "conflict" | "outside_hours" | "validation"),
                    "unexpected refusal of {:?}: {}", op, e
                );
                prop_assert_eq!(fingerprint(&w), before, "a refused {:?} must write nothing", op);
            }
            check_invariants(&w)?;
        }
    }
}
