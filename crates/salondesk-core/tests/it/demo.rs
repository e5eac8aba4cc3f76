//! Demo data (issue 13, fault 3): only on a till that has not joined a chain
//! and has sold nothing, and its staff get random PINs, shown once.

use crate::checkout_fixture::salon;
use crate::support::store;
use crate::sync_fixture::{enrol, STORE_A, TENANT};
use salondesk_core::seed::SeedOptions;
use salondesk_core::CoreError;
use salondesk_protocol::EnrolResponse;

fn small() -> SeedOptions {
    SeedOptions {
        members: 5,
        calendar: false,
        ..SeedOptions::default()
    }
}

#[test]
fn demo_staff_get_random_pins_shown_once_that_log_them_in() {
    let mut t = store();
    let report = t.store.seed_demo(&small(), &mut |_, _| {}).unwrap();
    assert_eq!(report.pins.len(), 7, "the demo owner and six staff");
    assert_eq!(report.staff_added, 7);
    for p in &report.pins {
        assert!(
            p.pin.len() == 6 && p.pin.bytes().all(|b| b.is_ascii_digit()),
            "six digits, enough for an owner or a manager"
        );
        let id = t
            .store
            .list_staff()
            .unwrap()
            .into_iter()
            .find(|s| s.name == p.name)
            .unwrap()
            .id;
        assert_eq!(
            t.store.login(id, &p.pin).unwrap().name,
            p.name,
            "the PIN shown is hers"
        );
    }
    let pins: std::collections::HashSet<&str> =
        report.pins.iter().map(|p| p.pin.as_str()).collect();
    assert!(
        pins.len() > 1,
        "not one PIN for all: {} distinct",
        pins.len()
    );
    let mut other = store();
    let again = other.store.seed_demo(&small(), &mut |_, _| {}).unwrap();
    assert_ne!(
        report.pins.iter().map(|p| &p.pin).collect::<Vec<_>>(),
        again.pins.iter().map(|p| &p.pin).collect::<Vec<_>>(),
        "the same seed makes the same members, never the same PINs"
    );
    assert!(
        !format!("{:?}", report.pins).contains(&report.pins[0].pin),
        "never in a log line"
    );
}

#[test]
fn demo_data_is_refused_on_an_enrolled_till_and_on_one_with_sales() {
    let mut t = store();
    enrol(&mut t, STORE_A, "S01", "001");
    let e = t.store.seed_demo(&small(), &mut |_, _| {}).unwrap_err();
    assert!(
        matches!(e, CoreError::DemoRefused { reason: "enrolled" }),
        "demo staff and prices would reach the whole chain: {e:?}"
    );
    assert_eq!(e.code(), "demo_refused");
    assert!(
        t.store.list_staff().unwrap().is_empty(),
        "nothing was written"
    );

    let mut s = salon();
    s.top_up();
    let e = s.t.store.seed_demo(&small(), &mut |_, _| {}).unwrap_err();
    assert!(
        matches!(
            e,
            CoreError::DemoRefused {
                reason: "has_sales"
            }
        ),
        "demo members would mix with real takings: {e:?}"
    );
}

#[test]
fn a_till_that_loaded_demo_data_cannot_join_a_chain() {
    let mut t = store();
    assert!(t.store.may_enrol().is_ok(), "a fresh till may join");
    t.store.seed_demo(&small(), &mut |_, _| {}).unwrap();
    let e = t.store.may_enrol().unwrap_err();
    assert!(
        matches!(
            e,
            CoreError::EnrolmentRefused {
                reason: "demo_data"
            }
        ),
        "its made-up members, staff and prices would reach every store: {e:?}"
    );
    assert_eq!(e.code(), "enrolment_refused");
    let answer = EnrolResponse {
        credential: "credential".into(),
        tenant_id: TENANT,
        store_id: STORE_A,
        store_code: "S01".into(),
        device_code: "001".into(),
        store_name: "Store S01".into(),
        head_office: false,
    };
    assert_eq!(
        t.store
            .save_enrolment("http://127.0.0.1:9/", &answer)
            .unwrap_err()
            .code(),
        "enrolment_refused",
        "nor is an enrolment saved, should a server have answered"
    );
    assert!(
        t.store.sync_config().unwrap().is_none(),
        "the till stays on its own"
    );
}
