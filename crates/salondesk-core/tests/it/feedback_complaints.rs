//! Complaints (投诉): recorded by anyone at the desk, handled by a manager
//! through open → in_progress → resolved / closed only, with notes, the
//! member's satisfaction with the handling and the handling time.

use crate::checkout_fixture::{salon, Salon};
use crate::feedback::visit;
use crate::permissions::footprint;
use salondesk_core::feedback::{
    may_move, ComplaintInput, ComplaintKind, ComplaintMove, ComplaintStatus,
};

pub fn complaint(s: &mut Salon, sale: Option<String>) -> String {
    let beautician = s.beautician.clone();
    s.t.store
        .record_complaint(
            &beautician,
            &ComplaintInput {
                member: s.member,
                kind: ComplaintKind::Attitude,
                sale_id: sale,
                staff_id: Some(s.beautician2.id),
                description: "等了很久没人理".into(),
            },
        )
        .expect("anyone at the desk records a complaint")
}

#[test]
fn only_the_agreed_moves_are_allowed() {
    use ComplaintStatus::*;
    let all = [Open, InProgress, Resolved, Closed];
    let allowed: Vec<_> = all
        .iter()
        .flat_map(|&a| all.iter().map(move |&b| (a, b)))
        .filter(|&(a, b)| may_move(a, b))
        .collect();
    assert_eq!(
        allowed,
        [
            (Open, InProgress),
            (InProgress, Resolved),
            (InProgress, Closed)
        ],
        "taken in hand first, then resolved or closed; nothing comes back"
    );
}

#[test]
fn a_complaint_is_recorded_handled_and_resolved_with_its_handling_time() {
    let mut s = salon();
    let sale = visit(&mut s);
    let id = complaint(&mut s, Some(sale.clone()));
    let open = s.t.store.member_open_complaints(s.member).unwrap();
    assert_eq!(open.len(), 1, "her profile and the checkout show it");
    assert_eq!(
        open[0].received_by,
        Some(s.beautician.id),
        "received by whoever was logged in"
    );
    assert_eq!(open[0].status, ComplaintStatus::Open);
    assert!(
        open[0].receipt_no.is_some(),
        "the visit it is about is named"
    );

    let manager = s.manager.clone();
    s.t.store
        .handle_complaint(&manager, &id, &ComplaintMove::Take { owner: None }, "")
        .unwrap();
    s.t.clock.advance(chrono::Duration::hours(26));
    s.t.store
        .handle_complaint(&manager, &id, &ComplaintMove::Note, "已电话致歉")
        .unwrap();
    s.t.store
        .handle_complaint(
            &manager,
            &id,
            &ComplaintMove::Resolve { satisfaction: 4 },
            "赠送一次护理",
        )
        .unwrap();
    let d = s.t.store.complaint(&id).unwrap();
    assert_eq!(d.complaint.status, ComplaintStatus::Resolved);
    assert_eq!(
        d.complaint.owner_id,
        Some(s.manager.id),
        "the manager who took it owns it"
    );
    assert_eq!(
        d.complaint.satisfaction,
        Some(4),
        "her word on the handling is kept"
    );
    assert_eq!(
        d.complaint.handling_minutes,
        26 * 60,
        "received, then resolved 26 hours later by the store's clock"
    );
    let notes: Vec<_> = d
        .actions
        .iter()
        .map(|a| (a.note.as_str(), a.status))
        .collect();
    assert_eq!(
        notes,
        [
            ("", Some(ComplaintStatus::InProgress)),
            ("已电话致歉", None),
            ("赠送一次护理", Some(ComplaintStatus::Resolved)),
        ],
        "every step is an appended note, in order"
    );
    assert!(
        s.t.store
            .member_open_complaints(s.member)
            .unwrap()
            .is_empty(),
        "a resolved complaint no longer warns the desk"
    );
    let audited: i64 = s
        .t
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action IN ('complaint_recorded', 'complaint_handled')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 4, "recorded, taken, noted, resolved: each audited");
    let resolved =
        s.t.store
            .complaints(Some(ComplaintStatus::Resolved), 50)
            .unwrap();
    assert_eq!(resolved.len(), 1, "the back office filters by status");
    assert!(s
        .t
        .store
        .complaints(Some(ComplaintStatus::Open), 50)
        .unwrap()
        .is_empty());
}

#[test]
fn a_refused_move_writes_nothing() {
    let mut s = salon();
    let id = complaint(&mut s, None);
    let manager = s.manager.clone();
    let before = footprint(&s);
    let e =
        s.t.store
            .handle_complaint(
                &manager,
                &id,
                &ComplaintMove::Resolve { satisfaction: 5 },
                "好了",
            )
            .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("validation", Some("status")),
        "an open complaint is taken in hand before it is resolved"
    );
    assert_eq!(footprint(&s), before, "the refused move wrote nothing");
    s.t.store
        .handle_complaint(&manager, &id, &ComplaintMove::Take { owner: None }, "")
        .unwrap();
    let e =
        s.t.store
            .handle_complaint(
                &manager,
                &id,
                &ComplaintMove::Resolve { satisfaction: 0 },
                "好了",
            )
            .unwrap_err();
    assert_eq!(
        e.field(),
        Some("satisfaction"),
        "her satisfaction is 1 to 5"
    );
    s.t.store
        .handle_complaint(&manager, &id, &ComplaintMove::Close, "联系不上")
        .unwrap();
    let before = footprint(&s);
    let e =
        s.t.store
            .handle_complaint(&manager, &id, &ComplaintMove::Note, "再试")
            .unwrap_err();
    assert_eq!(
        e.field(),
        Some("status"),
        "a closed complaint takes no more notes"
    );
    assert_eq!(footprint(&s), before);
}

#[test]
fn a_cashier_records_but_does_not_handle_and_only_a_manager_owns_one() {
    let mut s = salon();
    let id = complaint(&mut s, None);
    let cashier = s.cashier.clone();
    let e =
        s.t.store
            .handle_complaint(&cashier, &id, &ComplaintMove::Take { owner: None }, "")
            .unwrap_err();
    assert_eq!(e.code(), "forbidden", "handling is a manager's");
    let manager = s.manager.clone();
    let e =
        s.t.store
            .handle_complaint(
                &manager,
                &id,
                &ComplaintMove::Take {
                    owner: Some(s.beautician.id),
                },
                "",
            )
            .unwrap_err();
    assert_eq!(
        e.field(),
        Some("ownerId"),
        "the owner of a complaint is a manager"
    );
}

#[test]
fn her_data_request_includes_her_complaints_and_erasing_her_clears_her_words() {
    let mut s = salon();
    let sale = visit(&mut s);
    let cashier = s.cashier.clone();
    s.t.store
        .record_feedback(
            &cashier,
            &salondesk_core::feedback::FeedbackInput {
                sale_id: sale.clone(),
                score: 2,
                staff_scores: vec![],
                comment: "太用力了".into(),
                source: salondesk_core::feedback::FeedbackSource::Checkout,
            },
        )
        .unwrap();
    let id = complaint(&mut s, Some(sale.clone()));
    let data = s.t.store.member_data(s.member).unwrap();
    assert_eq!(
        data["complaints"][0]["description"], "等了很久没人理",
        "what she complained of is part of what is held about her"
    );
    assert_eq!(data["ratings"][0]["comment"], "太用力了");
    let owner = s.owner.clone();
    s.t.store.erase_member(&owner, s.member, "5678").unwrap();
    let c = s.t.store.complaint(&id).unwrap().complaint;
    assert_eq!(c.description, "", "her words leave with her identity");
    assert_eq!(
        c.kind,
        ComplaintKind::Attitude,
        "the complaint still counts"
    );
    let f = s.t.store.visit_feedback(&sale).unwrap().unwrap();
    assert_eq!(
        (f.comment.as_str(), f.score),
        ("", 2),
        "the score stays, her comment goes"
    );
}
