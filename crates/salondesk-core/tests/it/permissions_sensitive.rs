//! Sensitive notes (PIPL): skin type, allergies and free notes are shown to
//! managers, the owner and the beautician serving the member today; others
//! see them hidden and may reveal them with a reason, which the audit log
//! keeps — without the notes.

use crate::checkout_fixture::{salon, Salon};
use crate::support::boss;
use chrono::Duration;
use salondesk_core::appointments::{BookingInput, Client};
use salondesk_core::member::{MemberInput, RevealReason, SkinType};

const ALLERGY: &str = "对果酸过敏";

fn with_notes(s: &mut Salon) {
    let m = s.t.store.member(s.member).unwrap();
    let mut input = MemberInput::editing(&m);
    input.skin_type = Some(SkinType::Sensitive);
    input.allergies = ALLERGY.into();
    input.notes = "孕期，避免精油".into();
    s.t.store.update_member(&boss(), s.member, &input).unwrap();
}

fn book_with(s: &mut Salon, beautician_is_second: bool) {
    let staff_id = if beautician_is_second {
        s.beautician2.id
    } else {
        s.beautician.id
    };
    let input = BookingInput {
        client: Client::Member(s.member),
        service_id: s.facial,
        staff_id,
        room_id: None,
        start: s.t.store.now() + Duration::hours(1),
        end: None,
        notes: String::new(),
        allow_outside_hours: true,
    };
    let desk = s.cashier.clone();
    s.t.store.book_appointment(&desk, &input).unwrap();
}

#[test]
fn the_notes_are_hidden_from_the_desk_and_shown_to_managers_and_the_serving_beautician() {
    let mut s = salon();
    with_notes(&mut s);
    book_with(&mut s, false);
    let st = &s.t.store;
    let desk = st.member_for(&s.cashier, s.member).unwrap();
    assert!(desk.sensitive_hidden, "a cashier sees them hidden");
    assert!(
        desk.member.allergies.is_empty()
            && desk.member.skin_type.is_none()
            && desk.member.notes.is_empty(),
        "hidden means not sent at all, not only not shown"
    );
    let serving = st.member_for(&s.beautician, s.member).unwrap();
    assert!(!serving.sensitive_hidden, "she serves her today");
    assert_eq!(serving.member.allergies, ALLERGY);
    let other = st.member_for(&s.beautician2, s.member).unwrap();
    assert!(
        other.sensitive_hidden,
        "another beautician does not serve her"
    );
    for boss in [&s.manager, &s.owner] {
        let seen = st.member_for(boss, s.member).unwrap();
        assert!(!seen.sensitive_hidden && seen.member.allergies == ALLERGY);
    }
}

#[test]
fn revealing_the_notes_is_audited_with_the_reason_and_without_the_notes() {
    let mut s = salon();
    with_notes(&mut s);
    let cashier = s.cashier.clone();
    let e =
        s.t.store
            .reveal_sensitive(&cashier, s.member, RevealReason::Other, "  ")
            .expect_err("another reason must be said");
    assert_eq!(e.field(), Some("reasonText"));
    let notes =
        s.t.store
            .reveal_sensitive(&cashier, s.member, RevealReason::AllergyCheck, "")
            .unwrap();
    assert_eq!(
        notes.allergies, ALLERGY,
        "she sees them once she gave a reason"
    );
    let rows: Vec<(String, Option<String>, String)> = s
        .t
        .store
        .conn()
        .prepare(
            "SELECT staff_id, entity_id, detail FROM audit_log WHERE action = 'sensitive_viewed'",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 1, "one reveal, one audit row");
    let (who, whom, detail) = &rows[0];
    assert_eq!(who, &cashier.id.to_string());
    assert_eq!(whom.as_deref(), Some(s.member.to_string().as_str()));
    assert!(
        detail.contains("allergy_check"),
        "the reason's code: {detail}"
    );
    assert!(
        !detail.contains(ALLERGY) && !detail.contains("孕期"),
        "never the notes themselves: {detail}"
    );
    let manager = s.manager.clone();
    s.t.store
        .reveal_sensitive(&manager, s.member, RevealReason::ServingNow, "")
        .unwrap();
    let n: i64 =
        s.t.store
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'sensitive_viewed'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(n, 1, "a manager sees them anyway: nothing to audit");
}

#[test]
fn an_edit_by_someone_who_did_not_see_the_notes_keeps_them() {
    let mut s = salon();
    with_notes(&mut s);
    let cashier = s.cashier.clone();
    let seen = s.t.store.member_for(&cashier, s.member).unwrap();
    let mut input = MemberInput::editing(&seen.member);
    input.region = "徐汇".into();
    s.t.store.update_member(&cashier, s.member, &input).unwrap();
    let m = s.t.store.member(s.member).unwrap();
    assert_eq!(m.region, "徐汇", "her edit is saved");
    assert_eq!(
        (m.allergies.as_str(), m.skin_type),
        (ALLERGY, Some(SkinType::Sensitive)),
        "the notes her form had empty are kept, not erased"
    );
}
