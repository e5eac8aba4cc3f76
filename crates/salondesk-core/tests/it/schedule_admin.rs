//! The back office's hours and rooms: weekly hours, days off with a reason,
//! rooms edited and taken out of use, and who may change them.

use crate::checkout_fixture::salon;
use chrono::NaiveDate;
use salondesk_core::appointments::{DayHours, ResourceKind};
use salondesk_core::CoreError;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

#[test]
fn weekly_hours_and_days_off_round_trip_and_setting_hours_keeps_the_reasons() {
    let mut s = salon();
    let (manager, wang) = (s.manager.clone(), s.beautician.id);
    s.t.store
        .add_day_off(&manager, wang, day(24), "年假")
        .unwrap();
    s.t.store
        .add_day_off(&manager, wang, day(25), "培训")
        .unwrap();
    let mut hours = s.t.store.working_hours(wang).unwrap();
    hours.week = [Some(DayHours {
        start_min: 600,
        end_min: 1200,
    }); 7];
    hours.week[0] = None;
    s.t.store.set_working_hours(&manager, &hours).unwrap();
    let back = s.t.store.working_hours(wang).unwrap();
    assert_eq!(back.week, hours.week, "the week is what was saved");
    let off = s.t.store.days_off(wang).unwrap();
    assert_eq!(off.len(), 2);
    assert_eq!(
        (off[0].date, off[0].reason.as_str()),
        (day(24), "年假"),
        "reason kept"
    );
    s.t.store.remove_day_off(&manager, wang, day(24)).unwrap();
    assert_eq!(
        s.t.store.days_off(wang).unwrap().len(),
        1,
        "one day taken back"
    );
    let err =
        s.t.store
            .remove_day_off(&manager, wang, day(24))
            .unwrap_err();
    assert!(matches!(err, CoreError::NotFound { .. }), "{err:?}");
}

#[test]
fn a_cashier_may_not_change_hours_days_off_or_rooms() {
    let mut s = salon();
    let (cashier, wang) = (s.cashier.clone(), s.beautician.id);
    let hours = s.t.store.working_hours(wang).unwrap();
    let refused = [
        s.t.store.set_working_hours(&cashier, &hours).err(),
        s.t.store.add_day_off(&cashier, wang, day(24), "").err(),
        s.t.store
            .add_room(&cashier, "1号房", ResourceKind::Room, 1)
            .err(),
    ];
    for e in refused {
        assert!(
            matches!(e, Some(CoreError::Forbidden(_))),
            "ManageSchedule: {e:?}"
        );
    }
}

#[test]
fn rooms_are_edited_taken_out_of_use_and_refused_when_badly_named() {
    let mut s = salon();
    let manager = s.manager.clone();
    let room =
        s.t.store
            .add_room(&manager, "1号床", ResourceKind::Bed, 1)
            .unwrap();
    let other =
        s.t.store
            .add_room(&manager, "VIP房", ResourceKind::Room, 2)
            .unwrap();
    let edited =
        s.t.store
            .update_room(&manager, &room.id, "1号双人床", ResourceKind::Bed, 2)
            .unwrap();
    assert_eq!((edited.name.as_str(), edited.capacity), ("1号双人床", 2));
    let err =
        s.t.store
            .update_room(&manager, &room.id, "VIP房", ResourceKind::Bed, 2)
            .unwrap_err();
    assert_eq!(err.field(), Some("name"), "two rooms in use share no name");
    let err =
        s.t.store
            .update_room(&manager, &room.id, "床", ResourceKind::Bed, 0)
            .unwrap_err();
    assert_eq!(err.field(), Some("capacity"));
    s.t.store
        .set_room_active(&manager, &other.id, false)
        .unwrap();
    assert_eq!(
        s.t.store.rooms().unwrap().len(),
        1,
        "out of use: not bookable"
    );
    assert_eq!(s.t.store.all_rooms().unwrap().len(), 2, "but still listed");
    s.t.store
        .set_service_resource_kind(&manager, s.facial, Some(ResourceKind::Bed))
        .unwrap();
    let facial = s.t.store.bookable_services().unwrap();
    assert_eq!(facial[0].resource_kind, Some(ResourceKind::Bed));
}
