//! Demo data fills the calendar: hours, rooms, resource kinds, appointments.

use crate::support::store;
use salondesk_core::seed::SeedOptions;

#[test]
fn demo_data_books_a_week_through_the_desk_rules_once() {
    let mut t = store();
    let opts = SeedOptions {
        members: 40,
        ..SeedOptions::default()
    };
    t.store.seed_demo(&opts, &mut |_, _| {}).unwrap();
    let count = |t: &crate::support::TestStore| -> i64 {
        t.store
            .conn()
            .query_row("SELECT count(*) FROM appointments", [], |r| r.get(0))
            .unwrap()
    };
    let booked = count(&t);
    assert!(booked > 30, "a week of appointments: {booked}");
    assert_eq!(t.store.rooms().unwrap().len(), 7);
    assert!(t
        .store
        .bookable_services()
        .unwrap()
        .iter()
        .all(|s| s.resource_kind.is_some()));
    let today = t
        .store
        .checkout_settings()
        .unwrap()
        .business_date(t.store.now());
    let day = t.store.day_view(today).unwrap();
    assert_eq!(day.columns.len(), 4, "the four demo beauticians");
    assert!(day.columns.iter().all(|c| c.hours.is_some() || c.day_off));
    t.store.seed_demo(&opts, &mut |_, _| {}).unwrap();
    assert_eq!(count(&t), booked, "seeding again books nothing more");
}
