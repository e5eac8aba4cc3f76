//! Erasing her reaches her words outside her profile (issue 17's records):
//! her follow-ups' notes, her ratings' comments, her complaints and their
//! notes, her campaign messages — on this till, and in what it pulls later
//! from a till that had not heard of the erase. Merging two records of her
//! moves those records to the survivor, here and on the other tills.

use crate::campaigns_fixture::{campaign_input, gold_members, with_coupon};
use crate::care::{at_local, day};
use crate::checkout_fixture::Salon;
use crate::feedback::visit;
use crate::feedback_complaints::complaint;
use crate::sync_fixture::count;
use salondesk_core::care::CareOutcome;
use salondesk_core::feedback::{ComplaintMove, FeedbackInput, FeedbackSource};
use salondesk_core::member::Tier;
use salondesk_protocol::OpKind;
use serde_json::{json, Value};

/// A gold member with consent who had a visit (rated with a comment), made
/// a complaint (noted), was called after it (noted) and got a campaign's
/// message. Returns (salon, sale, complaint, task).
fn her_records() -> (Salon, String, String, String) {
    let mut s = with_coupon(crate::checkout_fixture::salon());
    s.member = gold_members(&mut s, 1, |_| true)[0];
    at_local(&s, day(2026, 11, 23), 11);
    let sale = visit(&mut s);
    let cashier = s.cashier.clone();
    let manager = s.manager.clone();
    s.t.store
        .record_feedback(
            &cashier,
            &FeedbackInput {
                sale_id: sale.clone(),
                score: 2,
                staff_scores: vec![],
                comment: "手法太重了".into(),
                source: FeedbackSource::Checkout,
            },
        )
        .unwrap();
    let c = complaint(&mut s, Some(sale.clone()));
    s.t.store
        .handle_complaint(
            &manager,
            &c,
            &ComplaintMove::Take { owner: None },
            "已电话致歉",
        )
        .unwrap();
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    input.control_pct = 0;
    input.message_zh = "{name}您好，送您一张春季护理券".into();
    let campaign = s.t.store.create_campaign(&owner, &input).unwrap();
    s.t.store
        .issue_campaign(&owner, &campaign.id, &mut |_, _| {})
        .unwrap();
    at_local(&s, day(2026, 11, 30), 10);
    s.t.store.run_care_daily().unwrap();
    let task: String =
        s.t.store
            .conn()
            .query_row(
                "SELECT id FROM care_tasks WHERE kind = 'post_visit'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    s.t.store
        .complete_care_task(&cashier, &task, CareOutcome::Reached, "她说脸有点红", None)
        .unwrap();
    (s, sale, c, task)
}

/// Her words, wherever this till keeps them.
fn her_words(s: &Salon) -> i64 {
    count(
        &s.t.store,
        "SELECT (SELECT count(*) FROM care_tasks WHERE note <> '')
              + (SELECT count(*) FROM visit_feedback WHERE comment <> '')
              + (SELECT count(*) FROM complaints WHERE description <> '')
              + (SELECT count(*) FROM complaint_actions WHERE note <> '')
              + (SELECT count(*) FROM messages WHERE body <> '' OR phone NOT IN ('', '+'))",
    )
}

fn pulled(
    seq: i64,
    entity: &str,
    id: &str,
    kind: OpKind,
    payload: Value,
) -> salondesk_protocol::PulledOp {
    salondesk_protocol::PulledOp {
        seq,
        op: salondesk_protocol::Op {
            op_id: uuid::Uuid::now_v7(),
            hlc: format!("999999999999{seq:03}-000000"),
            device_id: uuid::Uuid::now_v7(),
            entity: entity.into(),
            entity_id: id.into(),
            kind,
            payload,
            created_at: chrono::Utc::now(),
        },
        store_id: None,
    }
}

#[test]
fn erasing_her_empties_her_follow_up_notes_rating_comments_complaints_and_campaign_messages() {
    let (mut s, _, c, _) = her_records();
    assert!(her_words(&s) >= 5, "the fixture wrote each of her words");
    let manager = s.manager.clone();
    let id = s.member;
    s.t.store.erase_member(&manager, id, "金卡0").unwrap();
    assert_eq!(her_words(&s), 0, "the erase emptied every one of them");
    assert_eq!(
        count(
            &s.t.store,
            &format!("SELECT count(*) FROM complaints WHERE id = '{c}' AND status = 'in_progress'")
        ),
        1,
        "the complaint and its status stay: they count in the store's figures"
    );
    assert_eq!(
        count(
            &s.t.store,
            "SELECT count(*) FROM visit_feedback WHERE score = 2"
        ),
        1,
        "and so does her score"
    );
}

#[test]
fn what_a_till_pulls_about_an_erased_members_follow_ups_ratings_and_complaints_lands_without_her_words(
) {
    let (mut s, sale, c, task) = her_records();
    let manager = s.manager.clone();
    let id = s.member;
    s.t.store.erase_member(&manager, id, "金卡0").unwrap();
    // Made on a till that had not heard of the erase: none of these names
    // her but the rating and the new complaint; the rest are tied to her
    // through the follow-up and the complaint they are about.
    let staff = s.manager.id.to_string();
    let page = salondesk_protocol::PullResponse {
        ops: vec![
            pulled(
                1,
                "care_task",
                &task,
                OpKind::Upsert,
                json!({ "note": "约了下周复诊" }),
            ),
            pulled(
                2,
                "complaint_action",
                &uuid::Uuid::now_v7().to_string(),
                OpKind::Append,
                json!({ "complaintId": c, "staffId": staff, "note": "送了一次补水护理",
                        "status": "in_progress" }),
            ),
            pulled(
                3,
                "visit_feedback",
                &sale,
                OpKind::Upsert,
                json!({ "memberId": id, "comment": "其实还可以" }),
            ),
            pulled(
                4,
                "complaint",
                &c,
                OpKind::Upsert,
                json!({ "description": "等了半小时" }),
            ),
            pulled(
                5,
                "message",
                &format!("care-{task}"),
                OpKind::Upsert,
                json!({ "kind": "care", "careTaskId": task, "lang": "zh-CN",
                        "body": "金卡0您好，感谢您的光临", "status": "pending" }),
            ),
        ],
        cursor: 5,
        head: 5,
        more: false,
        server_time: None,
        cursor_op: None,
        head_office: None,
    };
    let report = s.t.store.apply_pulled(&page).unwrap();
    assert_eq!(
        report.applied, 5,
        "applied, not refused: they are valid operations"
    );
    assert_eq!(s.t.store.sync_apply_errors(5).unwrap(), vec![], "cleanly");
    assert_eq!(her_words(&s), 0, "none of her words landed");
    assert_eq!(
        count(&s.t.store, "SELECT count(*) FROM complaint_actions"),
        2,
        "the late note is kept as a step of the handling, without its words"
    );
}

#[test]
fn merging_moves_her_follow_ups_ratings_and_complaints_to_the_survivor_and_tells_the_other_tills() {
    let (mut s, sale, c, task) = her_records();
    let duplicate = s.member;
    let survivor =
        s.t.store
            .register_member(
                &crate::support::boss(),
                &crate::support::member("金卡0", "13911112222"),
            )
            .unwrap()
            .id;
    let owner = s.owner.clone();
    s.t.store
        .merge_members(&owner, survivor, duplicate)
        .unwrap();
    let open = s.t.store.member_open_complaints(survivor).unwrap();
    assert_eq!(
        open.len(),
        1,
        "her open complaint shows on the survivor's profile and at checkout"
    );
    assert_eq!(open[0].id, c);
    assert_eq!(
        s.t.store.care_task(&task).unwrap().member_id,
        survivor,
        "her follow-up is the survivor's"
    );
    assert_eq!(
        s.t.store.member_feedback(survivor).unwrap().len(),
        1,
        "and her rating"
    );
    for (entity, id) in [
        ("care_task", &task),
        ("visit_feedback", &sale),
        ("complaint", &c),
    ] {
        let sent: String =
            s.t.store
                .conn()
                .query_row(
                    "SELECT payload FROM outbox WHERE entity = ?1 AND entity_id = ?2
                     ORDER BY seq DESC LIMIT 1",
                    [entity, id.as_str()],
                    |r| r.get(0),
                )
                .unwrap();
        let sent: Value = serde_json::from_str(&sent).unwrap();
        assert_eq!(
            sent["memberId"],
            json!(survivor.to_string()),
            "{entity}: the move is sent on, so the other tills move it too"
        );
    }
    assert!(s
        .t
        .store
        .member_open_complaints(duplicate)
        .unwrap()
        .is_empty());
}
