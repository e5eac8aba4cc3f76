//! Booking, the status flow and its history, walk-ins, double-booking,
//! rooms, working hours, the tier booking window, moving and resizing.

use crate::appointments_fixture::{at, booking, calendar, day};
use salondesk_core::appointments::{
    AppointmentStatus as St, BookingInput, Client, HistoryAction, MoveInput,
};
use salondesk_core::CoreError;

fn message(e: &CoreError) -> String {
    e.to_string()
}

#[test]
fn an_appointment_goes_booked_to_completed_and_every_step_is_kept() {
    let mut c = calendar();
    let a = c.book(&c.facial_at(at(1, "10:00"))).unwrap();
    assert_eq!(a.status, St::Booked);
    assert_eq!(a.end, at(1, "11:15"), "the service's 75 minutes");
    assert_eq!(a.client_name, "王丽娜");
    let desk = c.s.cashier.clone();
    let store = &mut c.s.t.store;
    for to in [St::Confirmed, St::Arrived, St::InService, St::Completed] {
        assert_eq!(
            store
                .set_appointment_status(&desk, &a.id, to, None)
                .unwrap()
                .status,
            to
        );
    }
    let h = store.appointment_history(&a.id).unwrap();
    let steps: Vec<_> = h
        .iter()
        .map(|e| (e.action, e.from_status, e.to_status))
        .collect();
    assert_eq!(
        steps,
        vec![
            (HistoryAction::Booked, None, St::Booked),
            (HistoryAction::Status, Some(St::Booked), St::Confirmed),
            (HistoryAction::Status, Some(St::Confirmed), St::Arrived),
            (HistoryAction::Status, Some(St::Arrived), St::InService),
            (HistoryAction::Status, Some(St::InService), St::Completed),
        ]
    );
    assert!(h.iter().all(|e| e.staff_name == "陈晓雨"));
    assert!(
        h[0].detail.contains("2026-11-24 10:00–11:15 王芳"),
        "{}",
        h[0].detail
    );
}

#[test]
fn transitions_outside_the_flow_are_refused_and_write_nothing() {
    let mut c = calendar();
    let desk = c.s.cashier.clone();
    let a = c.book(&c.facial_at(at(1, "10:00"))).unwrap();
    let store = &mut c.s.t.store;
    let e = store
        .set_appointment_status(&desk, &a.id, St::InService, None)
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    let e = store.cancel_appointment(&desk, &a.id, "  ").unwrap_err();
    assert_eq!(e.field(), Some("reason"), "a cancellation needs a reason");
    store.mark_arrived(&desk, &a.id).unwrap();
    let ops: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    for to in [St::Cancelled, St::NoShow, St::Booked, St::Confirmed] {
        let e = store
            .set_appointment_status(&desk, &a.id, to, Some("客户临时有事"))
            .unwrap_err();
        assert_eq!(e.code(), "conflict", "arrived → {to:?}");
    }
    let after: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ops, after);
    assert_eq!(store.appointment_history(&a.id).unwrap().len(), 2);
}

#[test]
fn a_cancellation_keeps_its_reason_and_frees_the_slot_and_no_shows_are_counted() {
    let mut c = calendar();
    let desk = c.s.cashier.clone();
    let a = c.book(&c.facial_at(at(1, "10:00"))).unwrap();
    let cancelled =
        c.s.t
            .store
            .cancel_appointment(&desk, &a.id, "客户临时出差")
            .unwrap();
    assert_eq!(cancelled.status, St::Cancelled);
    assert_eq!(cancelled.cancel_reason.as_deref(), Some("客户临时出差"));
    let h = c.s.t.store.appointment_history(&a.id).unwrap();
    assert_eq!(h.last().unwrap().reason, "客户临时出差");
    // The slot is free again.
    let b = c.book(&c.facial_at(at(1, "10:00"))).unwrap();
    assert_eq!(c.s.t.store.member_no_shows(c.s.member).unwrap(), 0);
    c.s.t.store.mark_no_show(&desk, &b.id).unwrap();
    let d = c.book(&c.facial_at(at(2, "14:00"))).ok();
    assert!(d.is_none(), "Wednesday is 王芳's day off");
    let d = c.book(&c.facial_at(at(3, "14:00"))).unwrap();
    c.s.t.store.confirm_appointment(&desk, &d.id).unwrap();
    c.s.t.store.mark_no_show(&desk, &d.id).unwrap();
    assert_eq!(c.s.t.store.member_no_shows(c.s.member).unwrap(), 2);
}

#[test]
fn a_walk_in_books_with_a_name_and_maybe_a_phone() {
    let mut c = calendar();
    let base = c.facial_at(at(0, "15:00"));
    let walk_in = |name: &str, phone: Option<&str>| BookingInput {
        client: Client::WalkIn {
            name: name.into(),
            phone: phone.map(Into::into),
        },
        ..base.clone()
    };
    let e = c.book(&walk_in(" ", None)).unwrap_err();
    assert_eq!(e.field(), Some("walkInName"));
    let e = c.book(&walk_in("刘女士", Some("12345"))).unwrap_err();
    assert_eq!(e.field(), Some("walkInPhone"));
    let a = c.book(&walk_in("刘女士", Some("139 0000 1111"))).unwrap();
    assert!(a.is_walk_in());
    assert_eq!(a.client_name, "刘女士");
    assert_eq!(a.phone.unwrap().e164(), "+8613900001111");
    let b = c
        .book(&BookingInput {
            staff_id: c.s.beautician2.id,
            ..walk_in("Amy", None)
        })
        .unwrap();
    assert!(b.phone.is_none());
}

#[test]
fn a_beautician_is_never_double_booked_and_the_error_names_the_clash() {
    let mut c = calendar();
    c.book(&c.facial_at(at(1, "10:00"))).unwrap();
    let before = c.outbox_len();
    let e = c.book(&c.facial_at(at(1, "11:00"))).unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert_eq!(
        message(&e),
        "王芳 already has 王丽娜 2026-11-24 10:00–11:15 (深层清洁)"
    );
    let e = c.book(&c.facial_at(at(1, "09:00"))).unwrap_err();
    assert_eq!(e.code(), "outside_hours", "hours are checked first: {e}");
    let e = c
        .book(&BookingInput {
            allow_outside_hours: true,
            ..c.facial_at(at(1, "09:00"))
        })
        .unwrap_err();
    assert_eq!(e.code(), "conflict", "09:00–10:15 overlaps 10:00");
    assert_eq!(c.outbox_len(), before, "refused bookings write nothing");
    // Back to back is fine, and so is the other beautician at the same time.
    c.book(&c.facial_at(at(1, "11:15"))).unwrap();
    c.book(&BookingInput {
        staff_id: c.s.beautician2.id,
        ..c.facial_at(at(1, "10:00"))
    })
    .unwrap();
}

#[test]
fn rooms_never_hold_more_than_their_capacity() {
    let mut c = calendar();
    let manager = c.s.manager.id;
    let (member, service) = (c.s.member, c.massage);
    let massage = |staff, start| booking(member, service, staff, start);
    // A massage needs a bed: the first free one is taken.
    let a = c.book(&massage(c.s.beautician.id, at(1, "14:00"))).unwrap();
    assert_eq!(a.room_name.as_deref(), Some("1号床"));
    let b = c
        .book(&massage(c.s.beautician2.id, at(1, "14:30")))
        .unwrap();
    assert_eq!(b.room_name.as_deref(), Some("2号床"));
    let e = c.book(&massage(manager, at(1, "14:45"))).unwrap_err();
    assert_eq!(message(&e), "no bed is free 2026-11-24 14:45–15:45");
    // Asking for a taken bed names who is in it.
    let e = c
        .book(&BookingInput {
            room_id: Some(c.bed1.id.clone()),
            ..massage(manager, at(1, "14:45"))
        })
        .unwrap_err();
    assert_eq!(
        message(&e),
        "1号床 is full (holds 1): 王丽娜 2026-11-24 14:00–15:00 (精油按摩, 王芳)"
    );
    // A bed is not a room.
    let e = c
        .book(&BookingInput {
            room_id: Some(c.double.id.clone()),
            ..massage(manager, at(1, "18:00"))
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("roomId"));
    // The double room takes two at once, not three.
    let (facial, double) = (c.s.facial, c.double.id.clone());
    let facial_in_double = |staff, start| BookingInput {
        room_id: Some(double.clone()),
        ..booking(member, facial, staff, start)
    };
    c.book(&facial_in_double(c.s.beautician.id, at(3, "10:00")))
        .unwrap();
    c.book(&facial_in_double(c.s.beautician2.id, at(3, "10:30")))
        .unwrap();
    let e = c
        .book(&facial_in_double(manager, at(3, "11:00")))
        .unwrap_err();
    assert!(message(&e).starts_with("双人间 is full (holds 2): 王丽娜 2026-11-26 10:00–11:15 (深层清洁, 王芳); 王丽娜 2026-11-26 10:30–11:45 (深层清洁, 李静)"), "{e}");
    // Once the first has left, there is a place again.
    c.book(&facial_in_double(manager, at(3, "11:15"))).unwrap();
}

#[test]
fn outside_working_hours_or_on_a_day_off_asks_for_confirmation() {
    let mut c = calendar();
    let e = c.book(&c.facial_at(at(1, "20:00"))).unwrap_err();
    assert_eq!(e.code(), "outside_hours");
    assert_eq!(
        message(&e),
        "王芳 works 10:00–21:00 on 2026-11-24 (Tue); 20:00–21:15 is outside her hours"
    );
    let e = c.book(&c.facial_at(at(2, "14:00"))).unwrap_err();
    assert_eq!(message(&e), "王芳 is off on 2026-11-25 (Wed)");
    let ok = c
        .book(&BookingInput {
            allow_outside_hours: true,
            ..c.facial_at(at(2, "14:00"))
        })
        .unwrap();
    assert_eq!(ok.status, St::Booked);
    // A single day off.
    let manager = c.s.manager.clone();
    let mut hours = c.s.t.store.working_hours(c.s.beautician.id).unwrap();
    hours.days_off.push(day(4));
    c.s.t.store.set_working_hours(&manager, &hours).unwrap();
    let e = c.book(&c.facial_at(at(4, "14:00"))).unwrap_err();
    assert_eq!(message(&e), "王芳 is off on 2026-11-27 (Fri)");
    // Someone whose hours were never set keeps none.
    c.book(&BookingInput {
        staff_id: c.s.manager.id,
        ..c.facial_at(at(1, "07:00"))
    })
    .unwrap();
    // Only managers set hours, and hours run forwards.
    let desk = c.s.cashier.clone();
    assert_eq!(
        c.s.t
            .store
            .set_working_hours(&desk, &hours)
            .unwrap_err()
            .code(),
        "forbidden"
    );
    hours.week[0] = Some(salondesk_core::appointments::DayHours {
        start_min: 900,
        end_min: 600,
    });
    assert_eq!(
        c.s.t
            .store
            .set_working_hours(&manager, &hours)
            .unwrap_err()
            .field(),
        Some("week")
    );
}

#[test]
fn higher_tiers_book_further_ahead() {
    let mut c = calendar();
    let e = c.book(&c.facial_at(at(8, "14:00"))).unwrap_err();
    assert_eq!(e.field(), Some("start"));
    assert_eq!(
        message(&e),
        "a 普通会员 (standard) may book up to 7 days ahead, until 2026-11-30; 2026-12-01 is too far"
    );
    c.book(&c.facial_at(at(7, "14:00"))).unwrap();
    c.s.set_tier("gold");
    c.book(&c.facial_at(at(8, "14:00"))).unwrap();
    let e = c.book(&c.facial_at(at(31, "14:00"))).unwrap_err();
    assert!(
        message(&e).contains("金卡会员 (gold) may book up to 30 days ahead"),
        "{e}"
    );
    let e = c.book(&c.facial_at(at(-1, "14:00"))).unwrap_err();
    assert_eq!(e.field(), Some("start"), "a past day: {e}");
    // A walk-in books like the lowest tier.
    let e = c
        .book(&BookingInput {
            client: Client::WalkIn {
                name: "刘女士".into(),
                phone: None,
            },
            ..c.facial_at(at(10, "14:00"))
        })
        .unwrap_err();
    assert!(message(&e).contains("7 days"), "{e}");
}

#[test]
fn moving_and_resizing_keep_every_rule_and_the_history() {
    let mut c = calendar();
    let desk = c.s.cashier.clone();
    let a = c.book(&c.facial_at(at(1, "10:00"))).unwrap();
    let other = c.book(&c.facial_at(at(1, "15:00"))).unwrap();
    let to = |start, staff| MoveInput {
        start,
        staff_id: staff,
        room_id: None,
        allow_outside_hours: false,
    };
    let store = &mut c.s.t.store;
    let moved = store
        .move_appointment(&desk, &a.id, &to(at(1, "13:00"), None))
        .unwrap();
    assert_eq!(
        (moved.start, moved.end),
        (at(1, "13:00"), at(1, "14:15")),
        "its length kept"
    );
    // Into the other appointment: refused, naming it, nothing written.
    let ops: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    let e = store
        .move_appointment(&desk, &a.id, &to(at(1, "14:30"), None))
        .unwrap_err();
    assert_eq!(
        message(&e),
        "王芳 already has 王丽娜 2026-11-24 15:00–16:15 (深层清洁)"
    );
    let e = store
        .resize_appointment(&desk, &a.id, at(1, "15:30"), false)
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    let same: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ops, same);
    // To the other beautician at the same time as the other appointment.
    let moved = store
        .move_appointment(&desk, &a.id, &to(at(1, "15:00"), Some(c.s.beautician2.id)))
        .unwrap();
    assert_eq!(moved.staff_name, "李静");
    let resized = store
        .resize_appointment(&desk, &a.id, at(1, "16:45"), false)
        .unwrap();
    assert_eq!(resized.end, at(1, "16:45"));
    let e = store
        .resize_appointment(&desk, &a.id, at(1, "15:00"), false)
        .unwrap_err();
    assert_eq!(e.field(), Some("end"));
    let h = store.appointment_history(&a.id).unwrap();
    let actions: Vec<_> = h.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            HistoryAction::Booked,
            HistoryAction::Moved,
            HistoryAction::Moved,
            HistoryAction::Resized
        ]
    );
    assert_eq!(
        h[2].detail,
        "2026-11-24 13:00–14:15 王芳 → 2026-11-24 15:00–16:15 李静"
    );
    // A finished appointment stays where it was.
    for s in [St::Arrived, St::InService, St::Completed] {
        store
            .set_appointment_status(&desk, &other.id, s, None)
            .unwrap();
    }
    let e = store
        .move_appointment(&desk, &other.id, &to(at(1, "18:00"), None))
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
}

#[test]
fn moving_a_massage_keeps_its_bed_or_finds_another() {
    let mut c = calendar();
    let desk = c.s.cashier.clone();
    let (member, service) = (c.s.member, c.massage);
    let massage = |staff, start| booking(member, service, staff, start);
    let a = c.book(&massage(c.s.beautician.id, at(1, "14:00"))).unwrap();
    let b = c
        .book(&massage(c.s.beautician2.id, at(1, "16:00")))
        .unwrap();
    assert_eq!(
        (a.room_name.as_deref(), b.room_name.as_deref()),
        (Some("1号床"), Some("1号床"))
    );
    let moved =
        c.s.t
            .store
            .move_appointment(
                &desk,
                &a.id,
                &MoveInput {
                    start: at(1, "16:30"),
                    staff_id: None,
                    room_id: None,
                    allow_outside_hours: false,
                },
            )
            .unwrap();
    assert_eq!(
        moved.room_name.as_deref(),
        Some("2号床"),
        "1号床 is taken then"
    );
    assert_eq!(moved.room_id, Some(c.bed2.id.clone()));
}

#[test]
fn her_preferred_beautician_is_suggested_else_the_one_who_served_her_most() {
    let mut c = calendar();
    use salondesk_core::appointments::SuggestionReason;
    assert_eq!(c.s.t.store.suggest_beautician(c.s.member).unwrap(), None);
    let desk = c.s.cashier.clone();
    let a = c
        .book(&BookingInput {
            staff_id: c.s.beautician2.id,
            ..c.facial_at(at(0, "15:00"))
        })
        .unwrap();
    c.s.t.store.mark_arrived(&desk, &a.id).unwrap();
    let s = c.s.t.store.suggest_beautician(c.s.member).unwrap().unwrap();
    assert_eq!(
        (s.staff_name.as_str(), s.reason),
        ("李静", SuggestionReason::MostServed)
    );
    c.s.t
        .store
        .conn()
        .execute(
            "UPDATE members SET preferred_staff_id = ?2 WHERE id = ?1",
            rusqlite::params![c.s.member, c.s.beautician.id],
        )
        .unwrap();
    let s = c.s.t.store.suggest_beautician(c.s.member).unwrap().unwrap();
    assert_eq!(
        (s.staff_name.as_str(), s.reason),
        ("王芳", SuggestionReason::Preferred)
    );
}
