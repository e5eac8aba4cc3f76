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

#[test]
fn a_role_given_at_the_till_is_audited_and_only_an_owner_gives_roles() {
    let mut t = store();
    let owner = t.store.create_owner("林美玲", "258046").unwrap();
    let manager = t
        .store
        .add_staff_by(&owner, "周店长", Role::Manager, "246802")
        .unwrap();
    assert_eq!(
        t.store
            .add_staff_by(&manager, "林二", Role::Owner, "135790")
            .unwrap_err()
            .code(),
        "forbidden",
        "a manager cannot make an owner"
    );
    let cashier = t
        .store
        .add_staff_by(&manager, "陈晓雨", Role::Cashier, "3579")
        .unwrap();
    assert_eq!(
        t.store
            .set_staff_role(&manager, cashier.id, Role::Manager)
            .unwrap_err()
            .code(),
        "forbidden",
        "only an owner changes roles"
    );
    assert_eq!(
        t.store
            .set_staff_role(&owner, owner.id, Role::Cashier)
            .unwrap_err()
            .code(),
        "forbidden",
        "never her own"
    );
    t.store
        .set_staff_role(&owner, cashier.id, Role::Manager)
        .unwrap();
    let audited: Vec<(String, String)> = t
        .store
        .conn()
        .prepare("SELECT action, detail FROM audit_log ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        audited,
        vec![
            ("staff_added".into(), r#"{"to":"manager"}"#.into()),
            ("staff_added".into(), r#"{"to":"cashier"}"#.into()),
            (
                "staff_role".into(),
                r#"{"from":"cashier","to":"manager"}"#.into()
            ),
        ],
        "every role given is in the audit log, which syncs to the store's tills"
    );
    let promoted: i64 = t
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM outbox WHERE entity = 'staff' AND payload LIKE '%\"role\":\"manager\"%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        promoted, 2,
        "the manager added and the promotion both go to the server"
    );
}
