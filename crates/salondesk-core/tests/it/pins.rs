//! PINs (issue 13, fault 8): an owner's or a manager's PIN has at least six
//! digits, an old shorter one is changed at her next login, and five wrong
//! PINs lock a staff member out at every till of the store, not at one.

use crate::support::store;
use crate::sync_fixture::{till, Server, STORE_A};
use chrono::{Duration, TimeZone, Utc};
use salondesk_core::staff::{lock_state, Role, LOCKOUT_MINUTES, MAX_FAILURES};
use salondesk_core::CoreError;

#[test]
fn an_owners_or_a_managers_pin_has_at_least_six_digits() {
    let mut t = store();
    for (role, pin) in [(Role::Owner, "1234"), (Role::Manager, "12345")] {
        let e = t.store.add_staff("周店长", role, pin).unwrap_err();
        assert!(
            matches!(e, CoreError::PinTooShort { min_digits: 6 }),
            "{role:?} with {} digits: {e:?}",
            pin.len()
        );
        assert_eq!((e.code(), e.field()), ("pin_too_short", Some("pin")));
    }
    assert_eq!(
        t.store.create_owner("林美玲", "2580").unwrap_err().code(),
        "pin_too_short",
        "the first-run owner too"
    );
    t.store
        .add_staff("陈晓雨", Role::Cashier, "3579")
        .expect("a cashier may keep four digits: she approves nothing");
}

#[test]
fn a_manager_whose_pin_is_shorter_than_six_digits_must_change_it_at_login() {
    let mut t = store();
    // A manager from before the rule: her PIN was set when four digits did.
    let her = t.store.add_staff("周店长", Role::Cashier, "2222").unwrap();
    t.store
        .conn()
        .execute("UPDATE staff SET role = 'manager' WHERE id = ?1", [her.id])
        .unwrap();
    let e = t.store.login(her.id, "2222").unwrap_err();
    assert_eq!(
        e.code(),
        "pin_change_required",
        "the right old PIN does not let her in: {e:?}"
    );
    assert!(
        t.store
            .approve(her.id, "2222", salondesk_core::staff::Permission::Refund)
            .is_err(),
        "nor approves a refund or a discount"
    );
    assert_eq!(
        t.store
            .change_pin(her.id, "2222", "1234")
            .unwrap_err()
            .code(),
        "pin_too_short",
        "the new PIN must be long enough"
    );
    assert_eq!(
        t.store
            .change_pin(her.id, "9999", "864209")
            .unwrap_err()
            .code(),
        "wrong_pin",
        "only with her old PIN"
    );
    assert_eq!(
        t.store.change_pin(her.id, "2222", "864209").unwrap().id,
        her.id
    );
    assert_eq!(t.store.login(her.id, "864209").unwrap().id, her.id);
    assert_eq!(
        t.store.login(her.id, "2222").unwrap_err().code(),
        "wrong_pin"
    );
}

#[test]
fn five_wrong_pins_at_one_till_lock_her_out_at_the_stores_other_till() {
    let mut server = Server::default();
    let mut a1 = till(STORE_A, "S01", "001");
    let mut a2 = till(STORE_A, "S01", "002");
    let cashier = a1
        .store()
        .add_staff("陈晓雨", Role::Cashier, "3579")
        .unwrap();
    server.sync(&mut [&mut a1, &mut a2]);
    for _ in 0..MAX_FAILURES {
        assert!(a1.store().login(cashier.id, "0000").is_err());
    }
    server.sync(&mut [&mut a1, &mut a2]);
    assert!(
        matches!(
            a2.store().login(cashier.id, "3579"),
            Err(CoreError::LockedOut { .. })
        ),
        "the other till of the store heard of the lock-out: guessing moves on to no till"
    );
    a2.later(LOCKOUT_MINUTES + 1);
    assert_eq!(a2.store().login(cashier.id, "3579").unwrap().id, cashier.id);
}

#[test]
fn the_lock_state_counts_failures_since_the_last_success_and_a_run_out_lock_starts_afresh() {
    let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap();
    let at = |s: i64| t0 + Duration::seconds(s);
    let five: Vec<_> = (0..5).map(at).collect();
    let lock = at(4) + Duration::minutes(LOCKOUT_MINUTES);
    assert_eq!(lock_state(&five[..4], at(10)), (4, None), "four: one left");
    assert_eq!(lock_state(&five, at(10)), (5, Some(lock)), "five: locked");
    assert_eq!(
        lock_state(&five, lock),
        (0, None),
        "a lock that ran out starts afresh"
    );
    let mut later = five.clone();
    later.push(lock + Duration::seconds(1));
    assert_eq!(
        lock_state(&later, lock + Duration::seconds(2)),
        (1, None),
        "a failure after the lock ran out counts from one"
    );
    let mut during = five;
    during.push(at(60));
    assert_eq!(
        lock_state(&during, at(61)),
        (6, Some(at(60) + Duration::minutes(LOCKOUT_MINUTES))),
        "a failure during the lock (on a till that had not heard of it) extends it"
    );
}
