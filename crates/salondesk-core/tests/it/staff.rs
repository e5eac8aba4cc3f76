use crate::support::store;
use chrono::Duration;
use salondesk_core::staff::{Role, LOCKOUT_MINUTES, MAX_FAILURES};
use salondesk_core::CoreError;

#[test]
fn the_first_run_creates_the_owner_once() {
    let mut t = store();
    assert!(!t.store.has_owner().unwrap());
    let owner = t.store.create_owner("林美玲", "258046").unwrap();
    assert_eq!(owner.role, Role::Owner);
    assert!(t.store.has_owner().unwrap());
    let err = t
        .store
        .create_owner("Someone", "123456")
        .expect_err("a second owner");
    assert_eq!(err.code(), "forbidden");
    let stored: String = t
        .store
        .conn()
        .query_row(
            "SELECT pin_hash FROM staff WHERE id = ?1",
            [owner.id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        stored.starts_with("$argon2"),
        "PINs are kept only as argon2 hashes"
    );
    assert!(!stored.contains("258046"));
}

#[test]
fn five_wrong_pins_lock_the_staff_member_out_for_five_minutes() {
    let mut t = store();
    let cashier = t.store.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
    let other = t.store.add_staff("王芳", Role::Beautician, "4444").unwrap();
    assert_eq!(t.store.login(cashier.id, "3333").unwrap().id, cashier.id);
    for attempt in 1..MAX_FAILURES {
        match t.store.login(cashier.id, "0000") {
            Err(CoreError::WrongPin { attempts_left }) => {
                assert_eq!(attempts_left, MAX_FAILURES - attempt)
            }
            other => panic!("attempt {attempt}: expected WrongPin, got {other:?}"),
        }
    }
    assert!(matches!(
        t.store.login(cashier.id, "0000"),
        Err(CoreError::LockedOut { .. })
    ));
    assert!(
        matches!(
            t.store.login(cashier.id, "3333"),
            Err(CoreError::LockedOut { .. })
        ),
        "while locked, even the right PIN is refused"
    );
    assert!(
        t.store.login(other.id, "4444").is_ok(),
        "a lock-out is per staff member"
    );
    t.clock
        .advance(Duration::minutes(LOCKOUT_MINUTES) + Duration::seconds(1));
    assert!(
        t.store.login(cashier.id, "3333").is_ok(),
        "the lock ends after five minutes"
    );
    assert!(
        matches!(
            t.store.login(cashier.id, "1"),
            Err(CoreError::WrongPin { attempts_left: 4 })
        ),
        "a successful login resets the count"
    );
}
