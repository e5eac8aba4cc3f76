//! A device reaches only its chain's records, and of store-scope records only
//! its own store's: writing them, naming them inside a payload, signing as
//! another device, pulling them, resolving their conflicts.

use super::{appointment, member, outcomes, sale, stored_value, ACCEPTED, FORBIDDEN};
use crate::support::{op, TestServer};
use salondesk_protocol::schema::MEMBER_LEDGER_ENTITY;
use salondesk_protocol::{OpKind, OpStatus};
use serde_json::json;
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread")]
async fn a_chain_cannot_write_or_name_another_chains_records() {
    let s = TestServer::start().await;
    let a = s.chain("Lotus", &["S01"]).await;
    let b = s.chain("Peony", &["S01"]).await;
    let (dev_a, dev_b) = (s.enrol(a.stores[0]).await, s.enrol(b.stores[0]).await);

    let (mx, entry, pkg) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let mut a_sale = sale(&dev_a, Some(mx), vec![]);
    a_sale["ledger"] = json!([
        { "ledger": "stored_value", "id": entry, "memberId": mx, "delta": 5000, "reason": "top_up" },
        { "ledger": "package", "id": Uuid::now_v7(), "packageId": pkg, "delta": 5, "reason": "purchase" },
    ]);
    a_sale["packages"] = json!([{ "id": pkg, "memberId": mx, "planId": Uuid::now_v7(), "serviceId": Uuid::now_v7(), "name": "Facial x5", "expiresOn": "2027-11-23", "sessions": 5 }]);
    let r = s
        .push(
            &dev_a,
            vec![
                op(
                    &dev_a,
                    "member",
                    mx,
                    OpKind::Upsert,
                    member("王芳", "13800000001"),
                ),
                op(&dev_a, "sale", Uuid::now_v7(), OpKind::Append, a_sale),
            ],
        )
        .await;
    assert_eq!(outcomes(&r), vec![ACCEPTED, ACCEPTED]);

    // Chain B's device tries every way at chain A's member.
    let mine = Uuid::now_v7();
    let mut entry_reuse = sale(&dev_b, Some(mine), vec![]);
    entry_reuse["ledger"] = json!([{ "ledger": "stored_value", "id": mx, "memberId": mine, "delta": 100, "reason": "top_up" }]);
    let tries = vec![
        // Overwrite her profile, archive her, fold a member into her.
        op(&dev_b, "member", mx, OpKind::Upsert, json!({ "name": "x" })),
        op(&dev_b, "member", mx, OpKind::Archive, json!({})),
        op(
            &dev_b,
            "member",
            mine,
            OpKind::Merge,
            json!({ "survivor": mx }),
        ),
        // Spend her stored value or points from a sale's ledger or a points entry.
        op(
            &dev_b,
            "sale",
            Uuid::now_v7(),
            OpKind::Append,
            sale(&dev_b, Some(mine), vec![stored_value(mx, -5000)]),
        ),
        op(
            &dev_b,
            "sale",
            Uuid::now_v7(),
            OpKind::Append,
            sale(&dev_b, Some(mx), vec![]),
        ),
        op(
            &dev_b,
            "points_ledger",
            Uuid::now_v7(),
            OpKind::Append,
            json!({ "memberId": mx, "delta": -100, "reason": "redeem" }),
        ),
        // Redeem her package; book her; give a ledger row of its own her id.
        op(
            &dev_b,
            "sale",
            Uuid::now_v7(),
            OpKind::Append,
            sale(
                &dev_b,
                Some(mine),
                vec![
                    json!({ "ledger": "package", "id": Uuid::now_v7(), "packageId": pkg, "delta": -1, "reason": "redeem" }),
                ],
            ),
        ),
        op(
            &dev_b,
            "appointment",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "memberId": mx, "staffId": Uuid::now_v7(), "start": "2026-11-24T02:00:00Z", "end": "2026-11-24T03:00:00Z", "status": "booked" }),
        ),
        op(&dev_b, "sale", Uuid::now_v7(), OpKind::Append, entry_reuse),
    ];
    let n = tries.len();
    let r = s.push(&dev_b, tries).await;
    assert_eq!(outcomes(&r), vec![FORBIDDEN; n]);

    // Nothing of it was applied; all of it was recorded as refused.
    let tenant_b_ops: i64 = sqlx::query_scalar("SELECT count(*) FROM ops WHERE tenant_id = $1")
        .bind(b.tenant_id)
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(tenant_b_ops, 0);
    let refused: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM rejected_ops WHERE tenant_id = $1 AND code = 'forbidden'",
    )
    .bind(b.tenant_id)
    .fetch_one(&s.pool)
    .await
    .unwrap();
    assert_eq!(refused, n as i64);
    assert_eq!(
        s.count("SELECT count(*) FROM ops WHERE entity = 'member'")
            .await,
        1,
        "chain A's member was written once, by chain A"
    );
    let balance: i64 = sqlx::query_scalar(
        "SELECT balance FROM balances WHERE subject_id = $1 AND ledger = 'stored_value'",
    )
    .bind(mx)
    .fetch_one(&s.pool)
    .await
    .unwrap();
    assert_eq!(balance, 5000, "her stored value is untouched");
    assert!(
        s.pull_all(&dev_b).await.is_empty(),
        "and chain B sees none of chain A"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn two_chains_writing_the_same_new_ids_at_once_get_each_id_once() {
    // Both look the ids up before either has claimed them: one chain's claim
    // waits for the other's and fails, and its operations are refused then.
    let s = TestServer::start().await;
    let a = s.chain("Lotus", &["S01"]).await;
    let b = s.chain("Peony", &["S01"]).await;
    let (dev_a, dev_b) = (s.enrol(a.stores[0]).await, s.enrol(b.stores[0]).await);
    let ids: Vec<Uuid> = (0..300).map(|_| Uuid::now_v7()).collect();
    let batch = |dev| -> Vec<_> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| {
                op(
                    dev,
                    "member",
                    id,
                    OpKind::Upsert,
                    member("王芳", &format!("138{i:08}")),
                )
            })
            .collect()
    };
    let (ra, rb) = tokio::join!(s.push(&dev_a, batch(&dev_a)), s.push(&dev_b, batch(&dev_b)));
    for (i, id) in ids.iter().enumerate() {
        let got = [&ra, &rb].map(|r| r.results[i].status == OpStatus::Accepted);
        assert_eq!(got.iter().filter(|g| **g).count(), 1, "{id}: {got:?}");
        let loser = if got[0] { &rb } else { &ra };
        assert_eq!(loser.results[i].code.as_deref(), Some("forbidden"));
    }
    assert_eq!(
        s.count("SELECT count(*) FROM id_owners").await,
        ids.len() as i64,
        "each id has one owner"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM ops WHERE entity = 'member'")
            .await,
        ids.len() as i64
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_store_cannot_write_or_name_another_stores_records() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;
    let (one, two) = (s.enrol(c.stores[0]).await, s.enrol(c.stores[1]).await);
    let (m, appt, sale_id, staff) = (
        Uuid::now_v7(),
        Uuid::now_v7(),
        Uuid::now_v7(),
        Uuid::now_v7(),
    );
    let reminder = format!("reminder-{appt}");
    let r = s
        .push(
            &one,
            vec![
                op(&one, "member", m, OpKind::Upsert, member("李娜", "13800000002")),
                op(&one, "appointment", appt, OpKind::Upsert, appointment(staff, "2026-11-24T02:00:00Z", 60)),
                op(&one, "sale", sale_id, OpKind::Append, sale(&one, Some(m), vec![stored_value(m, 20000)])),
                op(&one, "message", &reminder, OpKind::Upsert, json!({ "kind": "reminder", "appointmentId": appt, "body": "明天见", "status": "pending" })),
            ],
        )
        .await;
    assert_eq!(outcomes(&r), vec![ACCEPTED; 4]);

    let mut refund = sale(&two, Some(m), vec![]);
    refund["kind"] = json!("refund");
    refund["originalSaleId"] = json!(sale_id);
    let r = s
        .push(
            &two,
            vec![
                op(
                    &two,
                    "appointment",
                    appt,
                    OpKind::Upsert,
                    json!({ "status": "cancelled" }),
                ),
                op(
                    &two,
                    "appointment_history",
                    Uuid::now_v7(),
                    OpKind::Append,
                    json!({ "appointmentId": appt, "action": "cancel" }),
                ),
                op(
                    &two,
                    "sale",
                    sale_id,
                    OpKind::Append,
                    sale(&two, Some(m), vec![]),
                ),
                op(&two, "sale", Uuid::now_v7(), OpKind::Append, refund),
                op(
                    &two,
                    "message",
                    &reminder,
                    OpKind::Upsert,
                    json!({ "body": "changed" }),
                ),
                // Chain-wide records are everyone's: her profile and her balance.
                op(
                    &two,
                    "member",
                    m,
                    OpKind::Upsert,
                    json!({ "notes": "prefers mornings" }),
                ),
                op(
                    &two,
                    "sale",
                    Uuid::now_v7(),
                    OpKind::Append,
                    sale(&two, Some(m), vec![stored_value(m, -3000)]),
                ),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        vec![FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ACCEPTED, ACCEPTED]
    );
    let appt_writes: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ops WHERE entity = 'appointment' AND entity_id = $1",
    )
    .bind(appt.to_string())
    .fetch_one(&s.pool)
    .await
    .unwrap();
    assert_eq!(appt_writes, 1, "only store 1's booking");
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM appointment_mirror WHERE id = $1")
            .bind(appt)
            .fetch_one(&s.pool)
            .await
            .unwrap();
    assert_eq!(status.as_deref(), Some("booked"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_operation_signed_as_another_device_is_refused() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let other = s.chain("Peony", &["S01"]).await;
    let (me, colleague, stranger) = (
        s.enrol(c.stores[0]).await,
        s.enrol(c.stores[0]).await,
        s.enrol(other.stores[0]).await,
    );
    let mut as_colleague = op(
        &me,
        "member",
        Uuid::now_v7(),
        OpKind::Upsert,
        json!({ "name": "x" }),
    );
    as_colleague.device_id = colleague.device_id;
    let mut as_stranger = op(
        &me,
        "member",
        Uuid::now_v7(),
        OpKind::Upsert,
        json!({ "name": "x" }),
    );
    as_stranger.device_id = stranger.device_id;
    let r = s.push(&me, vec![as_colleague, as_stranger]).await;
    let wrong = (OpStatus::Rejected, Some("wrong_device"));
    assert_eq!(outcomes(&r), vec![wrong, wrong]);
    assert_eq!(s.count("SELECT count(*) FROM ops").await, 0);
    assert_eq!(s.count("SELECT count(*) FROM rejected_ops").await, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn pull_returns_only_the_devices_chain_and_store() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;
    let b = s.chain("Peony", &["S01"]).await;
    let (one, one_too, two, stranger) = (
        s.enrol(c.stores[0]).await,
        s.enrol(c.stores[0]).await,
        s.enrol(c.stores[1]).await,
        s.enrol(b.stores[0]).await,
    );
    assert_eq!(
        (one.device_code.as_str(), one_too.device_code.as_str()),
        ("001", "002")
    );
    let m = Uuid::now_v7();
    let written = vec![
        op(
            &one,
            "member",
            m,
            OpKind::Upsert,
            member("王芳", "13800000003"),
        ),
        op(
            &one,
            "appointment",
            Uuid::now_v7(),
            OpKind::Upsert,
            appointment(Uuid::now_v7(), "2026-11-24T02:00:00Z", 60),
        ),
        op(
            &one,
            "sale",
            Uuid::now_v7(),
            OpKind::Append,
            sale(&one, Some(m), vec![stored_value(m, 10000)]),
        ),
        op(
            &one,
            "shift",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "openedBy": Uuid::now_v7(), "float": 20000 }),
        ),
    ];
    let r = s.push(&one, written).await;
    assert_eq!(outcomes(&r), vec![ACCEPTED; 4]);
    let entities = |ops: &[salondesk_protocol::PulledOp]| {
        ops.iter().map(|p| p.op.entity.clone()).collect::<Vec<_>>()
    };

    // The same store's other till sees everything, the sale's derived ledger too.
    let same_store = s.pull_all(&one_too).await;
    assert_eq!(
        entities(&same_store),
        vec![
            "member",
            "appointment",
            "sale",
            "shift",
            MEMBER_LEDGER_ENTITY
        ]
    );
    // The other store sees the chain's records only: the member and her ledger.
    let other_store = s.pull_all(&two).await;
    assert_eq!(entities(&other_store), vec!["member", MEMBER_LEDGER_ENTITY]);
    assert_eq!(other_store[1].op.payload["storeId"], json!(c.stores[0]));
    assert_eq!(
        other_store[1].op.payload["entries"][0]["delta"],
        json!(10000)
    );
    // Another chain sees nothing; the writer gets nothing back but its cursor moves.
    let page = s.pull(&stranger, 0).await;
    assert!(page.ops.is_empty());
    assert_eq!((page.cursor, page.head), (0, 0));
    let page = s.pull(&one, 0).await;
    assert!(page.ops.is_empty() && !page.more);
    assert_eq!(page.cursor, page.head);
    assert!(page.head >= 5);

    // Paging: limit 2, then the rest.
    let (status, p1) = s
        .pull_raw(Some(&one_too.credential), "after=0&limit=2")
        .await;
    assert_eq!(status, 200);
    assert_eq!(p1["ops"].as_array().unwrap().len(), 2);
    assert_eq!(p1["more"], json!(true));
    assert_eq!(p1["cursor"], p1["ops"][1]["seq"]);
    let rest = s.pull(&one_too, p1["cursor"].as_i64().unwrap()).await;
    assert_eq!(rest.ops.len(), 3);
    assert!(!rest.more);

    // Bad cursors are refused with JSON, not a crash.
    for q in ["after=-1", "after=abc", "limit=x"] {
        let (status, body) = s.pull_raw(Some(&one.credential), q).await;
        assert_eq!(status, 400, "{q}");
        assert_eq!(body["code"], "bad_request", "{q}");
    }
}
