//! Erasing a member on request (PIPL) across the chain: the server rewrites
//! its stored operations about her, scrubs a later one on arrival, lets only
//! a till of her store or head office erase her; every till applies it and
//! her balances stay as they were.

use crate::convergence::{cash, chain};
use crate::support::{op, TestServer};
use salondesk_core::checkout::Tender;
use salondesk_core::ledger::balances;
use salondesk_core::Money;
use salondesk_protocol::{OpKind, OpStatus};
use serde_json::json;
use uuid::Uuid;

/// How many of the server's stored operations (pullable or refused) hold `text`.
async fn stored_with(s: &TestServer, text: &str) -> i64 {
    let like = format!("%{text}%");
    let ops: i64 = sqlx::query_scalar("SELECT count(*) FROM ops WHERE payload LIKE $1")
        .bind(&like)
        .fetch_one(&s.pool)
        .await
        .unwrap();
    let refused: i64 =
        sqlx::query_scalar("SELECT count(*) FROM rejected_ops WHERE payload LIKE $1")
            .bind(&like)
            .fetch_one(&s.pool)
            .await
            .unwrap();
    ops + refused
}

fn statuses(r: &salondesk_protocol::PushResponse) -> Vec<(OpStatus, Option<&str>)> {
    r.results
        .iter()
        .map(|x| (x.status, x.code.as_deref()))
        .collect()
}

const ACCEPTED: (OpStatus, Option<&str>) = (OpStatus::Accepted, None);

fn her() -> serde_json::Value {
    json!({ "name": "王芳", "phone": "+8613900001111", "memberNo": "S01A0000001",
            "notes": "对果酸过敏", "registeredAt": "2026-11-23T08:00:00.000Z" })
}

#[tokio::test(flavor = "multi_thread")]
async fn an_erase_scrubs_her_stored_operations_and_a_later_operation_about_her_on_arrival() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;
    let (a1, a2, b1) = (
        s.enrol(c.stores[0]).await,
        s.enrol(c.stores[0]).await,
        s.enrol(c.stores[1]).await,
    );
    let id = Uuid::now_v7();
    let appointment = Uuid::now_v7();
    let booked = json!({
        "memberId": id, "serviceId": Uuid::now_v7(), "staffId": Uuid::now_v7(),
        "start": "2026-11-24T06:00:00Z", "end": "2026-11-24T07:00:00Z", "status": "booked",
        "notes": "孕期，避开腹部", "createdBy": Uuid::now_v7(),
    });
    let reminder = json!({ "kind": "reminder", "appointmentId": appointment, "lang": "zh-CN",
        "body": "王芳您好，提醒您明天14:00的预约", "status": "pending" });
    let r = s
        .push(
            &a1,
            vec![
                op(&a1, "member", id, OpKind::Upsert, her()),
                op(&a1, "appointment", appointment, OpKind::Upsert, booked),
                op(
                    &a1,
                    "message",
                    format!("reminder-{appointment}"),
                    OpKind::Upsert,
                    reminder,
                ),
            ],
        )
        .await;
    assert_eq!(statuses(&r), vec![ACCEPTED, ACCEPTED, ACCEPTED]);
    assert_eq!(
        stored_with(&s, "王芳").await,
        2,
        "her record and her reminder"
    );

    let r = s
        .push(&a2, vec![op(&a2, "member", id, OpKind::Erase, json!({}))])
        .await;
    assert_eq!(
        statuses(&r),
        vec![ACCEPTED],
        "a till of her store erases her"
    );
    for personal in ["王芳", "13900001111", "对果酸过敏", "S01A0000001", "孕期"] {
        assert_eq!(
            stored_with(&s, personal).await,
            0,
            "{personal}: the stored operations (hers, her appointment's, her reminder's) no longer hold it"
        );
    }
    // An offline till of her store edits her, not knowing she was erased.
    let r = s
        .push(
            &a1,
            vec![op(
                &a1,
                "member",
                id,
                OpKind::Upsert,
                json!({ "name": "王芳", "notes": "孕期" }),
            )],
        )
        .await;
    assert_eq!(
        statuses(&r),
        vec![ACCEPTED],
        "accepted: it is a valid operation"
    );
    assert_eq!(
        stored_with(&s, "王芳").await + stored_with(&s, "孕期").await,
        0,
        "scrubbed on arrival, before it was logged"
    );
    let pulled = s.pull_all(&b1).await;
    let names: Vec<String> = pulled
        .iter()
        .filter(|p| p.op.entity == "member")
        .filter_map(|p| p.op.payload.get("name")?.as_str().map(str::to_owned))
        .collect();
    assert!(
        !names.is_empty() && names.iter().all(|n| n.starts_with("已删除会员")),
        "another store pulls only her anonymous label: {names:?}"
    );
    assert!(
        pulled
            .iter()
            .any(|p| p.op.kind == OpKind::Erase && p.op.entity_id == id.to_string()),
        "and the erase itself, to apply"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn only_a_till_of_her_store_or_head_office_may_erase_her() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02", "HQ"]).await;
    let a1 = s.enrol(c.stores[0]).await;
    let b1 = s.enrol(c.stores[1]).await;
    let hq = s.enrol_head_office(c.stores[2]).await;
    let id = Uuid::now_v7();
    s.push(&a1, vec![op(&a1, "member", id, OpKind::Upsert, her())])
        .await;

    let r = s
        .push(
            &b1,
            vec![
                op(&b1, "member", id, OpKind::Erase, json!({})),
                op(&b1, "member", Uuid::now_v7(), OpKind::Erase, json!({})),
                op(&b1, "member", id, OpKind::Erase, json!({ "name": "x" })),
            ],
        )
        .await;
    assert_eq!(
        statuses(&r),
        vec![
            (OpStatus::Rejected, Some("not_her_store")),
            (OpStatus::Rejected, Some("unknown_member")),
            (OpStatus::Rejected, Some("bad_payload")),
        ],
        "another store's till, a member nobody registered, an erase carrying data"
    );
    assert_eq!(stored_with(&s, "已删除会员").await, 0, "nothing was erased");
    let r = s
        .push(&hq, vec![op(&hq, "member", id, OpKind::Erase, json!({}))])
        .await;
    assert_eq!(
        statuses(&r),
        vec![ACCEPTED],
        "head office may erase anyone of the chain"
    );
    assert_eq!(stored_with(&s, "王芳").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_erased_on_one_till_is_gone_from_every_till_with_her_balances_kept() {
    let c = chain().await;
    c.sell(&c.a1, vec![c.top_up_line()], &[cash(1000)]);
    c.sync_all().await;
    c.sell(
        &c.b1,
        vec![c.facials(1)],
        &[Tender::StoredValue {
            amount: Money::yuan(268),
        }],
    );
    c.sync_all().await;
    let before: Vec<_> = c
        .tills()
        .iter()
        .map(|t| balances(t.store().conn(), c.member).unwrap())
        .collect();
    assert!(
        before.windows(2).all(|w| w[0] == w[1]),
        "agreed before: {before:?}"
    );

    // a2 is a till of her store (S01), not head office.
    c.a2.store()
        .erase_member(&c.manager, c.member, "王丽娜")
        .unwrap();
    c.sync_all().await;
    for t in c.tills() {
        let store = t.store();
        let m = store.member(c.member).unwrap();
        assert!(
            m.name.starts_with("已删除会员"),
            "{}: her name is gone ({})",
            t.name,
            m.name
        );
        assert_eq!(m.phone.e164(), "+", "{}: her phone too", t.name);
        assert!(
            store.search_members("王丽娜", 5).unwrap().is_empty()
                && store.search_members("5678", 5).unwrap().is_empty(),
            "{}: nothing finds her",
            t.name
        );
        assert_eq!(
            balances(store.conn(), c.member).unwrap(),
            before[0],
            "{}: her balances are what they were",
            t.name
        );
        drop(store);
        assert_eq!(
            t.count("SELECT count(*) FROM outbox WHERE rejected_at IS NOT NULL"),
            0,
            "{}: the server accepted everything",
            t.name
        );
    }
    assert_eq!(
        stored_with(&c.server, "王丽娜").await,
        0,
        "nor on the server"
    );
    assert_eq!(stored_with(&c.server, "13812345678").await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_late_appointment_and_a_late_message_about_an_erased_member_are_scrubbed_on_arrival() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let (a1, a2) = (s.enrol(c.stores[0]).await, s.enrol(c.stores[0]).await);
    let id = Uuid::now_v7();
    let (old, new) = (Uuid::now_v7(), Uuid::now_v7());
    let booking = |notes: &str| {
        json!({
            "memberId": id, "serviceId": Uuid::now_v7(), "staffId": Uuid::now_v7(),
            "start": "2026-11-24T06:00:00Z", "end": "2026-11-24T07:00:00Z", "status": "booked",
            "notes": notes, "createdBy": Uuid::now_v7(),
        })
    };
    let r = s
        .push(
            &a1,
            vec![
                op(&a1, "member", id, OpKind::Upsert, her()),
                op(&a1, "appointment", old, OpKind::Upsert, booking("")),
            ],
        )
        .await;
    assert_eq!(statuses(&r), vec![ACCEPTED, ACCEPTED]);
    let r = s
        .push(&a2, vec![op(&a2, "member", id, OpKind::Erase, json!({}))])
        .await;
    assert_eq!(
        statuses(&r),
        vec![ACCEPTED],
        "a till of her store erases her"
    );

    // a1 was offline: it booked her again, noted something on her old
    // appointment, cancelled it with a reason, and its reminder went out.
    let reminder = json!({ "kind": "reminder", "appointmentId": old, "lang": "zh-CN",
        "body": "王芳您好，提醒您明天14:00的预约", "status": "failed",
        "lastError": "+8613900001111 unreachable" });
    let history = json!({ "appointmentId": old, "action": "cancelled", "from": "booked",
        "to": "cancelled", "reason": "孕吐不适", "detail": "", "staffId": Uuid::now_v7(),
        "at": "2026-11-23T09:00:00Z" });
    let r = s
        .push(
            &a1,
            vec![
                op(&a1, "appointment", new, OpKind::Upsert, booking("孕期，避开腹部")),
                op(&a1, "appointment", old, OpKind::Upsert,
                    json!({ "notes": "对果酸过敏", "status": "cancelled", "cancelReason": "孕吐不适" })),
                op(&a1, "appointment_history", Uuid::now_v7(), OpKind::Append, history),
                op(&a1, "message", format!("reminder-{old}"), OpKind::Upsert, reminder),
            ],
        )
        .await;
    assert_eq!(
        statuses(&r),
        vec![ACCEPTED; 4],
        "accepted: valid operations, only scrubbed"
    );
    for personal in ["孕期", "对果酸过敏", "孕吐", "王芳", "13900001111"] {
        assert_eq!(
            stored_with(&s, personal).await,
            0,
            "{personal}: scrubbed before it was logged (the booking names her; the rest are tied to her appointment)"
        );
    }
    let pulled = s.pull_all(&a2).await;
    let late = pulled
        .iter()
        .find(|p| p.op.entity == "appointment" && p.op.entity_id == new.to_string())
        .expect("the late booking is pulled: the slot is taken");
    assert_eq!(late.op.payload["notes"], json!(""), "without her note");
    assert_eq!(
        late.op.payload["memberId"],
        json!(id.to_string()),
        "still hers: the booking keeps who it is for"
    );
    let status = pulled
        .iter()
        .rev()
        .filter(|p| p.op.entity == "appointment" && p.op.entity_id == old.to_string())
        .find_map(|p| p.op.payload.get("status"));
    assert_eq!(
        status,
        Some(&json!("cancelled")),
        "what is not personal stays"
    );

    // Another member's late booking, and a walk-in's, keep their notes.
    let other = Uuid::now_v7();
    let r = s
        .push(
            &a1,
            vec![
                op(&a1, "member", other, OpKind::Upsert,
                    json!({ "name": "李娜", "phone": "+8613900002222", "memberNo": "S01A0000002",
                            "registeredAt": "2026-11-23T08:00:00.000Z" })),
                op(&a1, "appointment", Uuid::now_v7(), OpKind::Upsert,
                    json!({ "memberId": other, "serviceId": Uuid::now_v7(), "staffId": Uuid::now_v7(),
                            "start": "2026-11-25T06:00:00Z", "end": "2026-11-25T07:00:00Z",
                            "status": "booked", "notes": "喜欢安静", "createdBy": Uuid::now_v7() })),
            ],
        )
        .await;
    assert_eq!(statuses(&r), vec![ACCEPTED, ACCEPTED]);
    assert_eq!(
        stored_with(&s, "喜欢安静").await,
        1,
        "only an erased member's data goes"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_appointment_booked_offline_for_a_member_erased_meanwhile_reaches_no_till_with_her_note()
{
    use salondesk_core::appointments::{BookingInput, Client};
    let c = chain().await;
    // a1 is offline (it does not sync) while a2 erases her.
    let booked =
        c.a1.store()
            .book_appointment(
                &c.manager,
                &BookingInput {
                    client: Client::Member(c.member),
                    service_id: c.facial,
                    staff_id: c.beautician.id,
                    room_id: None,
                    start: chrono::Utc::now() + chrono::Duration::days(2),
                    end: None,
                    notes: "孕期，避开腹部".into(),
                    allow_outside_hours: true,
                },
            )
            .unwrap();
    c.a2.store()
        .erase_member(&c.manager, c.member, "王丽娜")
        .unwrap();
    c.a2.sync().await;
    c.sync_all().await;
    for t in [&c.a1, &c.a2] {
        assert_eq!(
            t.count(&format!(
                "SELECT count(*) FROM appointments WHERE id = '{}'",
                booked.id
            )),
            1,
            "{}: the booking is there (the slot is taken)",
            t.name
        );
        assert_eq!(
            t.count("SELECT count(*) FROM appointments WHERE notes LIKE '%孕期%'"),
            0,
            "{}: without her note (a1 emptied it when the erase came in; a2 never got it)",
            t.name
        );
    }
    assert_eq!(stored_with(&c.server, "孕期").await, 0, "nor on the server");
}
