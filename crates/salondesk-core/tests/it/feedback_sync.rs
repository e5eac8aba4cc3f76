//! Feedback, complaints and points by hand travel: every operation they
//! emit passes the server's schema, and another till applies them cleanly.

use crate::checkout_fixture::salon;
use crate::feedback::visit;
use crate::feedback_complaints::complaint;
use crate::points_admin::gift;
use crate::sync_fixture::{count, drain, till, STORE_A};
use salondesk_core::feedback::{ComplaintMove, FeedbackInput, FeedbackSource};

#[test]
fn feedback_complaints_and_points_pass_the_schema_and_apply_on_another_till() {
    let mut s = salon();
    let sale = visit(&mut s);
    let cashier = s.cashier.clone();
    let manager = s.manager.clone();
    s.t.store
        .record_feedback(
            &cashier,
            &FeedbackInput {
                sale_id: sale.clone(),
                score: 4,
                staff_scores: vec![(s.beautician.id, 5)],
                comment: "很舒服".into(),
                source: FeedbackSource::Checkout,
            },
        )
        .unwrap();
    let id = complaint(&mut s, Some(sale.clone()));
    s.t.store
        .handle_complaint(&manager, &id, &ComplaintMove::Take { owner: None }, "")
        .unwrap();
    s.t.store
        .handle_complaint(
            &manager,
            &id,
            &ComplaintMove::Resolve { satisfaction: 5 },
            "致歉并赠送护理",
        )
        .unwrap();
    let item = gift(&mut s, 100);
    s.t.store
        .adjust_points(&manager, s.member, 300, "投诉补偿")
        .unwrap();
    s.t.store
        .exchange_points(&cashier, s.member, &item)
        .unwrap();

    let ops = drain(&mut s.t.store);
    for op in &ops {
        if let Err(r) = salondesk_protocol::schema::check(op) {
            panic!(
                "the server would refuse {} {}: {r:?}",
                op.entity, op.payload
            );
        }
    }
    for e in [
        "visit_feedback",
        "complaint",
        "complaint_action",
        "points_exchange_item",
        "points_ledger",
    ] {
        assert!(
            ops.iter().any(|o| o.entity == e),
            "no {e} operation was emitted"
        );
    }

    let mut other = till(STORE_A, "A", "09");
    let pulled: Vec<_> = ops
        .iter()
        .enumerate()
        .map(|(i, op)| salondesk_protocol::PulledOp {
            seq: i as i64 + 1,
            store_id: None,
            op: op.clone(),
        })
        .collect();
    other
        .store()
        .apply_pulled(&salondesk_protocol::PullResponse {
            cursor: pulled.len() as i64,
            head: pulled.len() as i64,
            more: false,
            cursor_op: None,
            head_office: None,
            ops: pulled,
            server_time: None,
        })
        .unwrap();
    assert_eq!(other.store().sync_apply_errors(10).unwrap(), vec![]);
    let there = other.store();
    assert_eq!(
        there.visit_feedback(&sale).unwrap(),
        s.t.store.visit_feedback(&sale).unwrap(),
        "the rating reads the same on the other till"
    );
    assert_eq!(
        there.complaint(&id).unwrap(),
        s.t.store.complaint(&id).unwrap(),
        "the complaint, its status, owner, satisfaction and notes travel"
    );
    assert_eq!(
        there.points_history(s.member, 50).unwrap(),
        s.t.store.points_history(s.member, 50).unwrap(),
        "her points history, with who and why, is the same there"
    );
    assert_eq!(
        there.exchange_items(true).unwrap(),
        s.t.store.exchange_items(true).unwrap()
    );
    let sql = "SELECT count(*) FROM complaint_actions";
    assert_eq!(count(there, sql), count(&s.t.store, sql));
}
