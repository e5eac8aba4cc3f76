//! An erase reaches her words outside her profile too (issue 17's records):
//! her follow-ups' notes, her ratings' comments, her complaints and what was
//! done about them, her campaign messages. The server rewrites what it holds
//! and scrubs what arrives late — an operation that names no member itself
//! (a later note on her follow-up, a note on her complaint) is tied to her
//! through the record it is about (`member_records`).

use crate::convergence::chain;
use crate::support::{op, TestServer};
use salondesk_core::feedback::{ComplaintInput, ComplaintKind, ComplaintMove};
use salondesk_protocol::{OpKind, OpStatus};
use serde_json::json;
use uuid::Uuid;

/// How many of the server's stored operations hold `text`.
async fn stored_with(s: &TestServer, text: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM ops WHERE payload LIKE $1")
        .bind(format!("%{text}%"))
        .fetch_one(&s.pool)
        .await
        .unwrap()
}

fn accepted(r: &salondesk_protocol::PushResponse) -> bool {
    r.results.iter().all(|x| x.status == OpStatus::Accepted)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_erase_rewrites_her_follow_ups_ratings_complaints_and_messages_and_scrubs_late_ones() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let (a1, a2) = (s.enrol(c.stores[0]).await, s.enrol(c.stores[0]).await);
    let (id, task, sale, complaint, reached) = (
        Uuid::now_v7(),
        Uuid::now_v7(),
        Uuid::now_v7(),
        Uuid::now_v7(),
        Uuid::now_v7(),
    );
    let staff = Uuid::now_v7();
    let r = s
        .push(
            &a1,
            vec![
                op(
                    &a1,
                    "member",
                    id,
                    OpKind::Upsert,
                    json!({ "name": "王芳", "phone": "+8613900001111", "memberNo": "S01A0000001",
                            "registeredAt": "2026-11-23T08:00:00.000Z" }),
                ),
                op(
                    &a1,
                    "care_task",
                    task,
                    OpKind::Upsert,
                    json!({ "kind": "post_visit", "memberId": id, "dueOn": "2026-11-30",
                            "status": "done", "outcome": "reached", "note": "她说脸有点红" }),
                ),
                op(
                    &a1,
                    "visit_feedback",
                    sale,
                    OpKind::Upsert,
                    json!({ "memberId": id, "score": 2, "comment": "手法太重了",
                            "source": "checkout", "recordedBy": staff,
                            "recordedAt": "2026-11-23T09:00:00Z" }),
                ),
                op(
                    &a1,
                    "complaint",
                    complaint,
                    OpKind::Upsert,
                    json!({ "memberId": id, "kind": "attitude", "description": "前台态度冷淡",
                            "receivedBy": staff, "receivedAt": "2026-11-23T09:00:00Z",
                            "status": "open" }),
                ),
                op(
                    &a1,
                    "complaint_action",
                    Uuid::now_v7(),
                    OpKind::Append,
                    json!({ "complaintId": complaint, "staffId": staff,
                            "note": "已电话致歉王芳", "status": "in_progress" }),
                ),
                op(
                    &a1,
                    "campaign_member",
                    reached,
                    OpKind::Append,
                    json!({ "campaignId": Uuid::now_v7(), "memberId": id, "control": false,
                            "points": 0, "messaged": true }),
                ),
                op(
                    &a1,
                    "message",
                    format!("campaign-{reached}"),
                    OpKind::Upsert,
                    json!({ "kind": "campaign", "campaignMemberId": reached, "lang": "zh-CN",
                            "body": "王芳您好，送您一张春季护理券", "status": "pending" }),
                ),
            ],
        )
        .await;
    assert!(accepted(&r), "valid operations: {:?}", r.results);
    let r = s
        .push(&a2, vec![op(&a2, "member", id, OpKind::Erase, json!({}))])
        .await;
    assert!(accepted(&r), "a till of her store erases her");
    for personal in ["脸有点红", "手法太重", "态度冷淡", "致歉", "王芳"] {
        assert_eq!(
            stored_with(&s, personal).await,
            0,
            "{personal}: rewritten in the server's log by the erase"
        );
    }

    // a1 was offline: it noted more on her follow-up and her complaint (the
    // operations name no member), re-rated the visit, and sent a follow-up
    // message greeting her.
    let r = s
        .push(
            &a1,
            vec![
                op(
                    &a1,
                    "care_task",
                    task,
                    OpKind::Upsert,
                    json!({ "note": "约了下周复诊" }),
                ),
                op(
                    &a1,
                    "complaint_action",
                    Uuid::now_v7(),
                    OpKind::Append,
                    json!({ "complaintId": complaint, "staffId": staff,
                            "note": "送了一次补水护理", "status": "resolved" }),
                ),
                op(
                    &a1,
                    "complaint",
                    complaint,
                    OpKind::Upsert,
                    json!({ "description": "前台态度冷淡，等了半小时", "status": "resolved" }),
                ),
                op(
                    &a1,
                    "visit_feedback",
                    sale,
                    OpKind::Upsert,
                    json!({ "memberId": id, "comment": "其实还可以" }),
                ),
                op(
                    &a1,
                    "message",
                    format!("care-{task}"),
                    OpKind::Upsert,
                    json!({ "kind": "care", "careTaskId": task, "lang": "zh-CN",
                            "body": "亲爱的会员您好，感谢您的光临", "status": "pending" }),
                ),
            ],
        )
        .await;
    assert!(accepted(&r), "accepted: valid operations, only scrubbed");
    for personal in [
        "复诊",
        "补水护理",
        "等了半小时",
        "其实还可以",
        "感谢您的光临",
    ] {
        assert_eq!(
            stored_with(&s, personal).await,
            0,
            "{personal}: scrubbed on arrival, tied to her through the record it is about"
        );
    }
    let resolved: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ops WHERE entity = 'complaint' AND payload LIKE '%resolved%'",
    )
    .fetch_one(&s.pool)
    .await
    .unwrap();
    assert_eq!(
        resolved, 1,
        "what is not personal (the complaint's status) stays"
    );

    // Another member's complaint keeps its words.
    let other = Uuid::now_v7();
    let r = s
        .push(
            &a1,
            vec![op(
                &a1,
                "complaint",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "memberId": other, "kind": "waiting", "description": "等太久",
                        "receivedBy": staff, "receivedAt": "2026-11-23T09:00:00Z",
                        "status": "open" }),
            )],
        )
        .await;
    assert!(accepted(&r));
    assert_eq!(
        stored_with(&s, "等太久").await,
        1,
        "only an erased member's data goes"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complaint_noted_offline_for_a_member_erased_meanwhile_reaches_no_till_with_her_words() {
    let c = chain().await;
    // a1 records her complaint and syncs; then it goes offline and notes
    // what was done while a2 erases her.
    let complaint =
        c.a1.store()
            .record_complaint(
                &c.manager,
                &ComplaintInput {
                    member: c.member,
                    kind: ComplaintKind::Attitude,
                    sale_id: None,
                    staff_id: None,
                    description: "前台态度冷淡".into(),
                },
            )
            .unwrap();
    c.sync_all().await;
    c.a1.store()
        .handle_complaint(
            &c.manager,
            &complaint,
            &ComplaintMove::Take { owner: None },
            "已电话致歉",
        )
        .unwrap();
    c.a2.store()
        .erase_member(&c.manager, c.member, "王丽娜")
        .unwrap();
    c.a2.sync().await;
    c.sync_all().await;
    for t in c.tills() {
        assert_eq!(
            t.count("SELECT count(*) FROM complaints WHERE description <> ''"),
            0,
            "{}: her complaint's words are gone",
            t.name
        );
        assert_eq!(
            t.count("SELECT count(*) FROM complaint_actions WHERE note LIKE '%致歉%'"),
            0,
            "{}: and the note a1 made offline (a1 emptied it when the erase came in; the others got it scrubbed)",
            t.name
        );
        assert_eq!(
            t.count(&format!(
                "SELECT count(*) FROM complaints WHERE id = '{complaint}' AND status = 'in_progress'"
            )),
            1,
            "{}: the complaint and its handling stay",
            t.name
        );
    }
    assert_eq!(stored_with(&c.server, "致歉").await, 0, "nor on the server");
    assert_eq!(stored_with(&c.server, "态度冷淡").await, 0);
}
