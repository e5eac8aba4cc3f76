//! The iCalendar export of one beautician's appointments (RFC 5545).

use crate::appointments_fixture::{at, calendar, day};
use crate::support::boss;
use salondesk_core::appointments::BookingInput;

#[test]
fn the_export_is_a_valid_calendar_of_her_appointments() {
    let mut c = calendar();
    let desk = c.s.cashier.clone();
    let a = c
        .book(&BookingInput {
            notes: "对精油过敏".into(),
            ..c.facial_at(at(1, "10:00"))
        })
        .unwrap();
    let cancelled = c.book(&c.facial_at(at(1, "14:00"))).unwrap();
    c.s.t
        .store
        .cancel_appointment(&desk, &cancelled.id, "客户改约")
        .unwrap();
    let massage = c
        .book(&BookingInput {
            service_id: c.massage,
            ..c.facial_at(at(3, "15:00"))
        })
        .unwrap();
    c.book(&BookingInput {
        staff_id: c.s.beautician2.id,
        ..c.facial_at(at(1, "10:00"))
    })
    .unwrap();
    c.book(&c.facial_at(at(5, "10:00"))).unwrap();
    let ics =
        c.s.t
            .store
            .ics_for_staff(&boss(), c.s.beautician.id, day(1), day(3))
            .unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    for physical in ics.split("\r\n") {
        assert!(
            physical.len() <= 75,
            "{} octets: {physical:?}",
            physical.len()
        );
    }
    let unfolded = ics.replace("\r\n ", "");
    let events: Vec<&str> = unfolded.split("BEGIN:VEVENT").skip(1).collect();
    assert_eq!(
        events.len(),
        2,
        "her two live appointments in range:\n{unfolded}"
    );
    let first = events[0];
    assert!(first.contains(&format!("UID:{}@salondesk\r\n", a.id)));
    assert!(first.contains("DTSTAMP:20261123T020000Z\r\n"));
    assert!(
        first.contains("DTSTART:20261124T020000Z\r\n"),
        "10:00 +08:00 in UTC"
    );
    assert!(first.contains("DTEND:20261124T031500Z\r\n"));
    assert!(first.contains("SUMMARY:深层清洁 · 王丽娜\r\n"));
    assert!(
        !unfolded.contains("对精油过敏"),
        "notes stay out of the calendar"
    );
    assert!(events[1].contains(&format!("UID:{}@salondesk", massage.id)));
    assert!(events[1].contains("LOCATION:1号床\r\n"));
    assert!(!unfolded.contains(&cancelled.id));
    let e =
        c.s.t
            .store
            .ics_for_staff(&boss(), c.s.beautician.id, day(3), day(1))
            .unwrap_err();
    assert_eq!(e.field(), Some("to"));
}
