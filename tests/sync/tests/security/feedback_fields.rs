//! Feedback, complaints and points by hand over HTTP (issue 17): a till's
//! well-formed ratings, complaints, their notes, exchange items and points
//! rows are accepted (a complaint reaches the chain's other stores, a rating
//! stays in its store); each malformed one is refused naming its field.

use super::{outcomes, ACCEPTED};
use crate::support::{op, TestServer};
use salondesk_protocol::{OpKind, OpStatus};
use serde_json::json;
use uuid::Uuid;

const INVALID: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("invalid_field"));

#[tokio::test(flavor = "multi_thread")]
async fn feedback_and_complaints_are_accepted_and_a_malformed_one_is_refused_by_field() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;
    let till = s.enrol(c.stores[0]).await;
    let other = s.enrol(c.stores[1]).await;
    let (sale, member, staff, complaint) = (
        Uuid::now_v7(),
        Uuid::now_v7(),
        Uuid::now_v7(),
        Uuid::now_v7(),
    );
    let good = vec![
        op(
            &till,
            "visit_feedback",
            sale,
            OpKind::Upsert,
            json!({ "memberId": member, "score": 5, "staffScores": { staff.to_string(): 4 },
                    "comment": "手法很好", "source": "checkout", "recordedBy": staff,
                    "recordedAt": "2026-11-23T10:00:00Z" }),
        ),
        op(
            &till,
            "complaint",
            complaint,
            OpKind::Upsert,
            json!({ "memberId": member, "kind": "attitude", "saleId": sale, "staffId": staff,
                    "description": "等了很久", "receivedBy": staff,
                    "receivedAt": "2026-11-23T10:05:00Z", "status": "open" }),
        ),
        op(
            &till,
            "complaint_action",
            Uuid::now_v7(),
            OpKind::Append,
            json!({ "complaintId": complaint, "staffId": staff, "note": "已致歉",
                    "status": "in_progress" }),
        ),
        op(
            &till,
            "points_exchange_item",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "kind": "product", "itemId": Uuid::now_v7(), "name": "精华小样",
                    "points": 300, "active": true }),
        ),
    ];
    let r = s.push(&till, good).await;
    assert_eq!(
        outcomes(&r),
        vec![ACCEPTED; 4],
        "well-formed ones are accepted"
    );
    let pulled = s.pull_all(&other).await;
    assert!(
        pulled.iter().any(|p| p.op.entity == "complaint"),
        "her complaint shows at the chain's other stores"
    );
    assert!(
        !pulled.iter().any(|p| p.op.entity == "visit_feedback"),
        "a visit's rating stays in its store"
    );

    let bad = vec![
        (
            op(
                &till,
                "visit_feedback",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "score": 6 }),
            ),
            "payload.score",
        ),
        (
            op(
                &till,
                "visit_feedback",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "staffScores": { staff.to_string(): 0 } }),
            ),
            "payload.staffScores",
        ),
        (
            op(
                &till,
                "complaint",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "kind": "rude" }),
            ),
            "payload.kind",
        ),
        (
            op(
                &till,
                "complaint",
                complaint,
                OpKind::Upsert,
                json!({ "status": "reopened" }),
            ),
            "payload.status",
        ),
        (
            op(
                &till,
                "complaint",
                complaint,
                OpKind::Upsert,
                json!({ "satisfaction": 9 }),
            ),
            "payload.satisfaction",
        ),
        (
            op(
                &till,
                "complaint_action",
                Uuid::now_v7(),
                OpKind::Append,
                json!({ "complaintId": complaint, "note": "x".repeat(2001) }),
            ),
            "payload.note",
        ),
        (
            op(
                &till,
                "points_exchange_item",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "kind": "cash", "name": "现金", "points": 1 }),
            ),
            "payload.kind",
        ),
        (
            op(
                &till,
                "points_ledger",
                Uuid::now_v7(),
                OpKind::Append,
                json!({ "memberId": member, "delta": 10, "reason": "adjust", "refId": "x" }),
            ),
            "payload.refId",
        ),
    ];
    let (ops, fields): (Vec<_>, Vec<_>) = bad.into_iter().unzip();
    let n = ops.len();
    let r = s.push(&till, ops).await;
    assert_eq!(
        outcomes(&r),
        vec![INVALID; n],
        "each malformed one is refused"
    );
    for (result, field) in r.results.iter().zip(fields) {
        let message = result.message.as_deref().unwrap_or_default();
        assert!(
            message.starts_with(field),
            "the refusal names {field}: {message}"
        );
    }
    let e = s
        .push(
            &till,
            vec![op(
                &till,
                "complaint",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "balance": 1 }),
            )],
        )
        .await;
    assert_eq!(
        outcomes(&e),
        vec![(OpStatus::Rejected, Some("field_not_allowed"))],
        "a field the schema does not list is refused"
    );
}
