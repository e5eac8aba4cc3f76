//! Bad input gets a clear JSON error and writes nothing; fields a device may
//! not set are refused; a repeated operation is applied once.

use super::{member, outcomes, sale, stored_value, ACCEPTED, DUPLICATE};
use crate::support::{op, TestServer};
use reqwest::StatusCode;
use salondesk_protocol::schema::MEMBER_LEDGER_ENTITY;
use salondesk_protocol::{OpKind, OpStatus, MAX_BODY_BYTES, MAX_PUSH_OPS};
use serde_json::json;
use uuid::Uuid;

async fn written(s: &TestServer) -> (i64, i64) {
    (
        s.count("SELECT count(*) FROM ops").await,
        s.count("SELECT count(*) FROM rejected_ops").await,
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_and_oversized_bodies_get_4xx_and_write_nothing() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let dev = s.enrol(c.stores[0]).await;
    let good = serde_json::to_value(op(
        &dev,
        "member",
        Uuid::now_v7(),
        OpKind::Upsert,
        member("王芳", "13800000004"),
    ))
    .unwrap();
    let with = |k: &str, v: serde_json::Value| {
        let mut o = good.clone();
        o[k] = v;
        json!({ "ops": [o] }).to_string()
    };
    let cases: Vec<(&str, String)> = vec![
        ("not JSON", "{\"ops\": [".into()),
        ("not an object", "[1, 2, 3]".into()),
        ("ops not a list", r#"{"ops": "all of them"}"#.into()),
        ("opId not a UUID", with("opId", json!(5))),
        ("kind unknown", with("kind", json!("delete"))),
        (
            "createdAt not a time",
            with("createdAt", json!("yesterday")),
        ),
        ("an unknown op field", with("balance", json!(100))),
        (
            "an unknown top-level field",
            json!({ "ops": [], "tenantId": c.tenant_id }).to_string(),
        ),
        ("nothing", "".into()),
    ];
    for (what, body) in cases {
        let (status, reply) = s.push_raw(Some(&dev.credential), body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}: {reply}");
        assert_eq!(reply["code"], "bad_request", "{what}");
        assert!(reply["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(written(&s).await, (0, 0));

    // Larger than the limit: 413 before anything is parsed.
    let mut big = with("payload", json!({ "notes": "x".repeat(MAX_BODY_BYTES) }));
    big.truncate(MAX_BODY_BYTES + 1024);
    let (status, reply) = s.push_raw(Some(&dev.credential), big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply["code"], "payload_too_large");
    // Too many operations, in a body under the limit.
    let many: Vec<_> = (0..=MAX_PUSH_OPS)
        .map(|_| op(&dev, "member", Uuid::now_v7(), OpKind::Upsert, json!({})))
        .collect();
    let (status, reply) = s
        .push_raw(
            Some(&dev.credential),
            serde_json::to_vec(&json!({ "ops": many })).unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply["code"], "too_many_ops");
    assert_eq!(written(&s).await, (0, 0));

    // Admin and enrolment bodies too.
    let r = s
        .http
        .post(format!("{}/v1/admin/tenants", s.url()))
        .bearer_auth(crate::support::ADMIN_TOKEN)
        .body("{\"name\": 7}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = s
        .http
        .post(format!("{}/v1/enrol", s.url()))
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(s.count("SELECT count(*) FROM tenants").await, 1);
    // An unknown route or method answers JSON too.
    let r = s
        .http
        .get(format!("{}/v2/pull", s.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["code"],
        "not_found"
    );
    let r = s
        .http
        .delete(format!("{}/v1/push", s.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["code"],
        "method_not_allowed"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_operation_is_refused_alone_and_nothing_of_it_applied() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let dev = s.enrol(c.stores[0]).await;
    let m = Uuid::now_v7();
    let refused = |code: &'static str| (OpStatus::Rejected, Some(code));
    let batch = vec![
        op(
            &dev,
            "member",
            m,
            OpKind::Upsert,
            member("王芳", "13800000005"),
        ),
        // Balances are sums of ledger rows, never fields.
        op(
            &dev,
            "member",
            m,
            OpKind::Upsert,
            json!({ "storedValue": 100000 }),
        ),
        op(
            &dev,
            "member",
            m,
            OpKind::Upsert,
            json!({ "balance": 100000 }),
        ),
        op(
            &dev,
            "balance",
            m,
            OpKind::Upsert,
            json!({ "amount": 100000 }),
        ),
        op(
            &dev,
            "product",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "price": 99.5 }),
        ),
        // A payload that is not an object; a sale rewritten; a key id with a NUL.
        op(&dev, "member", m, OpKind::Upsert, json!(["phone", "x"])),
        op(&dev, "sale", Uuid::now_v7(), OpKind::Upsert, json!({})),
        op(
            &dev,
            "coupon",
            "SPRING\u{0}",
            OpKind::Upsert,
            json!({ "kind": "amount" }),
        ),
        op(
            &dev,
            "conflict",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "kind": "overdraft" }),
        ),
        op(
            &dev,
            "sale",
            Uuid::now_v7(),
            OpKind::Append,
            sale(
                &dev,
                Some(m),
                vec![
                    json!({ "ledger": "stored_value", "id": Uuid::now_v7(), "memberId": m, "delta": "100000" }),
                ],
            ),
        ),
    ];
    let r = s.push(&dev, batch).await;
    assert_eq!(
        outcomes(&r),
        vec![
            ACCEPTED,
            refused("field_not_allowed"),
            refused("field_not_allowed"),
            refused("unknown_entity"),
            refused("bad_payload"),
            refused("bad_payload"),
            refused("kind_not_allowed"),
            refused("bad_id"),
            refused("field_not_allowed"),
            refused("bad_payload"),
        ]
    );
    assert!(r.results[1]
        .message
        .as_deref()
        .unwrap()
        .contains("storedValue"));
    assert_eq!(
        written(&s).await,
        (1, 9),
        "one applied, nine recorded as refused"
    );
    assert_eq!(s.count("SELECT count(*) FROM balances").await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_repeated_operation_is_acknowledged_once() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;
    let other = s.chain("Peony", &["S01"]).await;
    let (dev, reader, stranger) = (
        s.enrol(c.stores[0]).await,
        s.enrol(c.stores[1]).await,
        s.enrol(other.stores[0]).await,
    );
    let m = Uuid::now_v7();
    let top_up = op(
        &dev,
        "sale",
        Uuid::now_v7(),
        OpKind::Append,
        sale(&dev, Some(m), vec![stored_value(m, 50000)]),
    );
    let profile = op(
        &dev,
        "member",
        m,
        OpKind::Upsert,
        member("王芳", "13800000006"),
    );

    // The same op twice in a batch, then the whole batch again (a lost reply).
    let batch = vec![profile.clone(), top_up.clone(), top_up.clone()];
    let r = s.push(&dev, batch.clone()).await;
    assert_eq!(outcomes(&r), vec![ACCEPTED, ACCEPTED, DUPLICATE]);
    let r = s.push(&dev, batch).await;
    assert_eq!(outcomes(&r), vec![DUPLICATE; 3]);
    assert_eq!(
        s.count("SELECT count(*) FROM ops WHERE entity = 'sale'")
            .await,
        1
    );
    let derived: i64 = sqlx::query_scalar("SELECT count(*) FROM ops WHERE entity = $1")
        .bind(MEMBER_LEDGER_ENTITY)
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(derived, 1);
    let balance: i64 = sqlx::query_scalar("SELECT balance FROM balances WHERE subject_id = $1")
        .bind(m)
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(balance, 50000, "counted once");
    let pulled = s.pull_all(&reader).await;
    assert_eq!(pulled.len(), 2, "her profile and her ledger, once each");
    assert_eq!(
        pulled[1].op.op_id,
        salondesk_server::member_ledger_op_id(top_up.op_id)
    );

    // Another device replaying that op id (as its own) is not acknowledged.
    let mut replay = top_up.clone();
    replay.device_id = stranger.device_id;
    replay.entity_id = Uuid::now_v7().to_string();
    replay.payload = sale(&stranger, None, vec![]);
    let r = s.push(&stranger, vec![replay]).await;
    assert_eq!(
        outcomes(&r),
        vec![(OpStatus::Rejected, Some("op_id_taken"))]
    );
}
