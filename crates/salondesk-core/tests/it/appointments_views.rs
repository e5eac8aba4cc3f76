//! The day view (a column per beautician) and one beautician's week.

use crate::appointments_fixture::{at, calendar, day};
use salondesk_core::appointments::{BookingInput, Client, DayHours};

#[test]
fn the_day_view_has_a_column_per_beautician_with_her_hours_and_appointments() {
    let mut c = calendar();
    let desk = c.s.cashier.clone();
    let a = c.book(&c.facial_at(at(1, "10:00"))).unwrap();
    let b = c.book(&c.facial_at(at(1, "14:00"))).unwrap();
    c.book(&BookingInput {
        staff_id: c.s.beautician2.id,
        client: Client::WalkIn {
            name: "刘女士".into(),
            phone: None,
        },
        ..c.facial_at(at(1, "11:00"))
    })
    .unwrap();
    c.book(&c.facial_at(at(3, "10:00"))).unwrap();
    c.s.t
        .store
        .cancel_appointment(&desk, &b.id, "客户改约")
        .unwrap();
    let v = c.s.t.store.day_view(day(1)).unwrap();
    assert_eq!(v.date, day(1));
    assert_eq!(v.utc_offset_minutes, 480);
    let names: Vec<_> = v.columns.iter().map(|c| c.staff_name.as_str()).collect();
    assert_eq!(names, vec!["李静", "王芳"], "every beautician, nobody else");
    let wang = &v.columns[1];
    assert_eq!(
        wang.hours,
        Some(DayHours {
            start_min: 600,
            end_min: 1260
        })
    );
    assert!(!wang.day_off);
    let ids: Vec<_> = wang.appointments.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![a.id.as_str(), b.id.as_str()],
        "cancelled ones too, by time"
    );
    assert_eq!(wang.appointments[0].service_name, "深层清洁");
    assert_eq!(wang.appointments[0].client_name, "王丽娜");
    assert_eq!(v.columns[0].appointments[0].client_name, "刘女士");
    assert_eq!(v.rooms.len(), 3);
    // Wednesday: both off.
    let wed = c.s.t.store.day_view(day(2)).unwrap();
    assert!(wed.columns.iter().all(|c| c.day_off && c.hours.is_none()));
    // A manager serving that day gets a column too.
    c.book(&BookingInput {
        staff_id: c.s.manager.id,
        ..c.facial_at(at(1, "16:00"))
    })
    .unwrap();
    let v = c.s.t.store.day_view(day(1)).unwrap();
    assert_eq!(v.columns.last().unwrap().staff_name, "周店长");
    assert_eq!(v.columns.last().unwrap().hours, None, "no hours set");
}

#[test]
fn the_week_view_has_seven_days_of_one_beautician() {
    let mut c = calendar();
    c.book(&c.facial_at(at(1, "10:00"))).unwrap();
    c.book(&c.facial_at(at(1, "20:45"))).ok();
    c.book(&c.facial_at(at(4, "15:00"))).unwrap();
    c.book(&BookingInput {
        staff_id: c.s.beautician2.id,
        ..c.facial_at(at(1, "12:00"))
    })
    .unwrap();
    let w = c.s.t.store.week_view(c.s.beautician.id, day(0)).unwrap();
    assert_eq!(w.staff_name, "王芳");
    assert_eq!(w.days.len(), 7);
    let counts: Vec<_> = w.days.iter().map(|d| d.appointments.len()).collect();
    assert_eq!(counts, vec![0, 1, 0, 0, 1, 0, 0]);
    assert!(w.days[2].day_off);
    assert_eq!(w.days[6].date, day(6));
}
