//! The shell asks the core, and the core refuses: a cashier who reaches a
//! command the UI hides from her (a stale screen, the web inspector) is
//! refused by the core, nothing written; an approval token is good once.

use super::{members, perms, store_settings};
use crate::dto::checkout::ApprovalInput;
use crate::dto::perms::RevealInput;
use crate::error::ErrorCode;
use crate::state::AppState;
use salondesk_core::clock::SystemClock;
use salondesk_core::member::{MemberInput, RevealReason};
use salondesk_core::staff::{Permission, Role, Staff};
use salondesk_core::Store;
use std::sync::Arc;

struct Desk {
    state: AppState,
    owner: Staff,
    cashier: Staff,
    member: String,
    _dir: tempfile::TempDir,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite3");
    let mut store = Store::open(&path, Arc::new(SystemClock)).unwrap();
    let owner = store.create_owner("林美玲", "135790").unwrap();
    let cashier = store.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
    let input = MemberInput {
        name: "王丽娜".into(),
        phone: Some("13812345678".into()),
        allergies: "对果酸过敏".into(),
        ..MemberInput::default()
    };
    let member = store
        .register_member(&owner, &input)
        .unwrap()
        .id
        .to_string();
    Desk {
        state: AppState::new(Ok(store), path),
        owner,
        cashier,
        member,
        _dir: dir,
    }
}

fn outbox(state: &AppState) -> i64 {
    state
        .store()
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_cashier_calling_a_managers_command_is_refused_by_the_core_and_nothing_is_written() {
    let d = desk();
    d.state.set_session(Some(d.cashier.clone()));
    let before = outbox(&d.state);
    let e = members::archive(&d.state, &d.member).expect_err("a cashier may not archive");
    assert_eq!(e.code, ErrorCode::Forbidden, "{}", e.message);
    let settings = d.state.store().unwrap().checkout_settings().unwrap();
    let e = store_settings::save_checkout(&d.state, &settings).expect_err("nor change settings");
    assert_eq!(e.code, ErrorCode::Forbidden, "{}", e.message);
    assert_eq!(outbox(&d.state), before, "nothing was written");

    d.state.set_session(Some(d.owner.clone()));
    members::archive(&d.state, &d.member).expect("the owner may");
}

#[test]
fn a_cashier_gets_a_token_for_one_action_from_the_owners_pin_not_from_her_own() {
    let d = desk();
    d.state.set_session(Some(d.cashier.clone()));
    let ask = |staff: &Staff, pin: &str| ApprovalInput {
        manager_id: staff.id.to_string(),
        pin: pin.into(),
        permission: Permission::Refund,
    };
    let e =
        perms::approve(&d.state, ask(&d.cashier, "3333")).expect_err("she cannot approve herself");
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = perms::approve(&d.state, ask(&d.owner, "000000")).expect_err("a wrong PIN");
    assert_eq!(e.code, ErrorCode::WrongPin);
    let granted = perms::approve(&d.state, ask(&d.owner, "135790")).expect("the owner's PIN");
    assert_eq!(granted.permission, Permission::Refund);
    assert!(
        !granted.token.contains("135790"),
        "the token is not the PIN in disguise"
    );
}

#[test]
fn the_desk_sees_a_members_allergies_only_after_giving_a_reason() {
    let d = desk();
    d.state.set_session(Some(d.cashier.clone()));
    let notes = perms::reveal(
        &d.state,
        &d.member,
        RevealInput {
            reason: RevealReason::AllergyCheck,
            text: String::new(),
        },
    )
    .unwrap();
    assert_eq!(notes.allergies, "对果酸过敏");
}
