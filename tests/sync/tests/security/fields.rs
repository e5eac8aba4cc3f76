//! Every field of every operation is bounded (issue 13, fault 5): a value out
//! of bounds is that operation's refusal, naming the field; the rest of the
//! batch goes on, and nothing ever answers 500.

use super::{member, outcomes, ACCEPTED};
use crate::support::{op, TestServer};
use reqwest::StatusCode;
use salondesk_protocol::{Op, OpKind, OpStatus, PushResponse};
use serde_json::json;
use uuid::Uuid;

const INVALID: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("invalid_field"));

/// Regression: a NUL in a phone and a createdAt in the year −5000 answered
/// 500 (PostgreSQL text holds no NUL; timestamptz stops at 4713 BC), so the
/// till sent the same batch forever; a 5 MB note was accepted and pulled by
/// every till.
#[tokio::test(flavor = "multi_thread")]
async fn a_nul_an_ancient_date_or_a_huge_note_is_refused_alone_naming_its_field() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let dev = s.enrol(c.stores[0]).await;
    let new_member = |payload| op(&dev, "member", Uuid::now_v7(), OpKind::Upsert, payload);
    let mut ancient = new_member(member("王芳", "13800000001"));
    ancient.created_at = chrono::NaiveDate::from_ymd_opt(-5000, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let mut ahead = new_member(member("王芳", "13800000001"));
    ahead.created_at = chrono::Utc::now() + chrono::Duration::days(30);
    let mut notes = member("李娜", "13800000002");
    notes["notes"] = json!("x".repeat(5 * 1024 * 1024));
    let mut kept = member("赵敏", "13800000003");
    kept["notes"] = json!("喜欢安静\n对玫瑰精油过敏\t(2024)");
    let batch: Vec<Op> = vec![
        new_member(member("王芳", "138\u{0}0000000")),
        ancient,
        ahead,
        new_member(notes),
        new_member(json!({ "name": "陈\u{7}红" })),
        new_member(json!({ "name": "陈红\n经理" })),
        new_member(json!({ "birthday": "1990-02-30" })),
        new_member(json!({ "gender": "robot" })),
        new_member(json!({ "tags": ["vip", "x".repeat(21)] })),
        op(
            &dev,
            "staff",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "name": "周", "role": "emperor" }),
        ),
        op(
            &dev,
            "product",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "name": "面霜", "price": 1_000_000_000_000_000_i64 }),
        ),
        op(
            &dev,
            "appointment",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "start": "1500-01-01T10:00:00Z", "staffId": Uuid::now_v7() }),
        ),
        new_member(kept),
    ];
    let (status, reply) = s
        .push_raw(
            Some(&dev.credential),
            serde_json::to_vec(&json!({ "ops": batch })).unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "answered per operation: {reply}");
    let r: PushResponse = serde_json::from_value(reply).unwrap();
    let mut want = vec![INVALID; batch.len() - 1];
    want.push(ACCEPTED);
    assert_eq!(
        outcomes(&r),
        want,
        "each bad one refused, the good one kept"
    );
    let messages: Vec<&str> = r
        .results
        .iter()
        .filter_map(|x| x.message.as_deref())
        .collect();
    for (i, path) in [
        "payload.phone",
        "createdAt",
        "createdAt",
        "payload.notes: at most 2000 characters",
        "payload.name",
        "payload.name",
        "payload.birthday",
        "payload.gender",
        "payload.tags[1]",
        "payload.role",
        "payload.price",
        "payload.start",
    ]
    .iter()
    .enumerate()
    {
        assert!(
            messages[i].starts_with(path),
            "operation {i}'s refusal names its field {path}: {}",
            messages[i]
        );
    }
    assert_eq!(
        s.count("SELECT count(*) FROM ops").await,
        1,
        "only the good one is logged (and pulled by other tills)"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM rejected_ops").await,
        12,
        "the refused ones are kept for support, NUL and all"
    );
    let kept = s
        .count("SELECT max(length(payload))::bigint FROM rejected_ops")
        .await;
    assert!(
        kept <= 64 * 1024,
        "a refused payload is kept cut short, not 5 MB of it: {kept}"
    );

    // The till is not stuck: its next push goes through.
    let next = op(
        &dev,
        "member",
        Uuid::now_v7(),
        OpKind::Upsert,
        member("孙丽", "13800000009"),
    );
    assert_eq!(outcomes(&s.push(&dev, vec![next]).await), vec![ACCEPTED]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_field_name_with_a_nul_is_refused_not_a_500() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let dev = s.enrol(c.stores[0]).await;
    let bad = op(
        &dev,
        "member",
        Uuid::now_v7(),
        OpKind::Upsert,
        json!({ "na\u{0}me": "x" }),
    );
    let r = s.push(&dev, vec![bad]).await;
    assert_eq!(
        outcomes(&r),
        vec![(OpStatus::Rejected, Some("field_not_allowed"))],
        "the field is not the schema's; its refusal is recorded without failing the push"
    );
}
