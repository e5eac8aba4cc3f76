//! Working care tasks at the desk: today's list (overdue included, "mine"
//! for a beautician), done with an outcome, snoozed, reassigned; messages go
//! to the outbox only with consent (service messages aside) and wait out the
//! quiet hours.

use crate::care::{at_local, day, facial};
use crate::checkout_fixture::{salon, Salon};
use crate::sync_fixture::{cash, count};
use salondesk_core::appointments::MessageLang;
use salondesk_core::care::{CareFilter, CareKind, CareOutcome};
use salondesk_core::checkout::{CartLine, LineItem};
use salondesk_core::member::MemberInput;
use salondesk_core::CoreError;

/// A salon whose member had a facial on Nov 23 (by 王芳), now Nov 30 at 10:00.
fn worked() -> (Salon, String) {
    let mut s = salon();
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    at_local(&s, day(2026, 11, 30), 10);
    s.t.store.run_care_daily().unwrap();
    let id: String =
        s.t.store
            .conn()
            .query_row(
                "SELECT id FROM care_tasks WHERE kind = 'post_visit'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    (s, id)
}

fn listed(s: &Salon, who: &salondesk_core::staff::Staff, mine: bool) -> Vec<String> {
    let filter = CareFilter {
        mine,
        ..CareFilter::default()
    };
    s.t.store
        .care_list(who, &filter, None, 50)
        .unwrap()
        .tasks
        .into_iter()
        .map(|t| t.id)
        .collect()
}

fn ops(s: &Salon) -> i64 {
    count(&s.t.store, "SELECT count(*) FROM outbox")
}

fn set_preferred(s: &mut Salon, staff: salondesk_core::ids::StaffId) {
    let m = s.member;
    let mut input = MemberInput::editing(&s.t.store.member(m).unwrap());
    input.preferred_staff_id = Some(staff);
    s.t.store
        .update_member(&crate::support::boss(), m, &input)
        .unwrap();
}

#[test]
fn todays_list_shows_her_why_and_masks_the_phone_for_a_cashier() {
    let (s, id) = worked();
    let list =
        s.t.store
            .care_list(&s.cashier, &CareFilter::default(), None, 50)
            .unwrap();
    let t = list
        .tasks
        .iter()
        .find(|t| t.id == id)
        .expect("the follow-up is on today's list");
    assert_eq!(t.kind, CareKind::PostVisit);
    assert_eq!(t.member_name, "王丽娜");
    assert_eq!(t.phone, "138****5678", "a cashier sees the masked phone");
    assert_eq!(t.last_visit_on, Some(day(2026, 11, 23)));
    let owner =
        s.t.store
            .care_list(&s.owner, &CareFilter::default(), None, 50)
            .unwrap();
    assert!(
        owner.tasks[0].phone.contains("5678") && !owner.tasks[0].phone.contains('*'),
        "the owner sees it whole"
    );
}

#[test]
fn an_overdue_task_stays_on_the_list_until_it_is_done() {
    let (s, id) = worked();
    at_local(&s, day(2026, 12, 5), 10);
    assert!(
        listed(&s, &s.cashier, false).contains(&id),
        "five days later it is still there"
    );
}

#[test]
fn a_beautician_sees_her_preferred_members_and_what_is_assigned_to_her() {
    let (mut s, id) = worked();
    let (wang, li) = (s.beautician.clone(), s.beautician2.clone());
    assert!(
        listed(&s, &wang, true).is_empty(),
        "nobody's preferred, nobody assigned: not hers yet"
    );
    set_preferred(&mut s, wang.id);
    assert_eq!(
        listed(&s, &wang, true),
        vec![id.clone()],
        "her preferred member's follow-up is hers"
    );
    let manager = s.manager.clone();
    s.t.store
        .reassign_care_task(&manager, &id, Some(li.id))
        .unwrap();
    assert!(
        listed(&s, &wang, true).is_empty(),
        "given to 李静, it leaves 王芳's list"
    );
    assert_eq!(listed(&s, &li, true), vec![id], "and is on 李静's");
}

#[test]
fn a_task_done_with_an_outcome_leaves_the_list_and_cannot_be_done_twice() {
    let (mut s, id) = worked();
    let cashier = s.cashier.clone();
    s.t.store
        .complete_care_task(&cashier, &id, CareOutcome::Reached, "皮肤状态很好", None)
        .unwrap();
    assert!(
        listed(&s, &cashier, false).is_empty(),
        "done: off today's list"
    );
    let t = s.t.store.care_task(&id).unwrap();
    assert_eq!(
        (t.done, t.outcome, t.note.as_str()),
        (true, Some(CareOutcome::Reached), "皮肤状态很好")
    );
    let filter = CareFilter {
        done_today: true,
        ..CareFilter::default()
    };
    let with_done = s.t.store.care_list(&cashier, &filter, None, 50).unwrap();
    assert_eq!(
        with_done.tasks.len(),
        1,
        "what was worked today can still be seen"
    );
    let err =
        s.t.store
            .complete_care_task(&cashier, &id, CareOutcome::NoAnswer, "", None)
            .unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "done once: {err:?}");
}

#[test]
fn a_task_done_by_booking_links_her_appointment_and_only_hers() {
    let (mut s, id) = worked();
    let cashier = s.cashier.clone();
    let err =
        s.t.store
            .complete_care_task(
                &cashier,
                &id,
                CareOutcome::Booked,
                "",
                Some("no-such-appointment"),
            )
            .unwrap_err();
    assert!(
        matches!(
            err,
            CoreError::Validation {
                field: "appointmentId",
                ..
            }
        ),
        "an appointment that is not hers is refused: {err:?}"
    );
    assert!(
        !s.t.store.care_task(&id).unwrap().done,
        "and nothing was written"
    );
}

#[test]
fn a_snoozed_task_comes_back_on_its_day() {
    let (mut s, id) = worked();
    let cashier = s.cashier.clone();
    let err =
        s.t.store
            .snooze_care_task(&cashier, &id, day(2026, 11, 30))
            .unwrap_err();
    assert!(
        matches!(err, CoreError::Validation { field: "until", .. }),
        "snoozing to today is no snooze"
    );
    s.t.store
        .snooze_care_task(&cashier, &id, day(2026, 12, 3))
        .unwrap();
    assert!(
        listed(&s, &cashier, false).is_empty(),
        "off the list until Dec 3"
    );
    at_local(&s, day(2026, 12, 3), 9);
    assert_eq!(listed(&s, &cashier, false), vec![id], "back on Dec 3");
}

#[test]
fn reassigning_needs_manage_care_and_a_refusal_writes_nothing() {
    let (mut s, id) = worked();
    let (cashier, li) = (s.cashier.clone(), s.beautician2.clone());
    let before = ops(&s);
    let err =
        s.t.store
            .reassign_care_task(&cashier, &id, Some(li.id))
            .unwrap_err();
    assert!(
        matches!(err, CoreError::Forbidden(_)),
        "a cashier does not hand out tasks: {err:?}"
    );
    assert_eq!(ops(&s), before, "nothing was written or sent");
    assert_eq!(s.t.store.care_task(&id).unwrap().assigned_staff_id, None);
}

#[test]
fn a_marketing_message_needs_her_consent_but_a_package_reminder_does_not() {
    let (mut s, id) = worked();
    let cashier = s.cashier.clone();
    let err =
        s.t.store
            .queue_care_message(&cashier, &id, MessageLang::ZhCn)
            .unwrap_err();
    assert!(
        matches!(
            err,
            CoreError::Validation {
                field: "consent",
                ..
            }
        ),
        "no marketing consent: no follow-up message: {err:?}"
    );
    assert_eq!(
        count(&s.t.store, "SELECT count(*) FROM messages"),
        0,
        "nothing queued"
    );

    let plan = s.package_plan.clone();
    s.sell(
        vec![CartLine::new(LineItem::PackagePurchase { plan_id: plan })],
        &[cash(200_000)],
    )
    .unwrap();
    let expires: String =
        s.t.store
            .conn()
            .query_row("SELECT expires_on FROM packages", [], |r| r.get(0))
            .unwrap();
    let expires = chrono::NaiveDate::parse_from_str(&expires, "%Y-%m-%d").unwrap();
    s.t.store
        .generate_care_tasks(&[expires - chrono::Duration::days(14)])
        .unwrap();
    let package: String =
        s.t.store
            .conn()
            .query_row(
                "SELECT id FROM care_tasks WHERE kind = 'package_expiry'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    let message =
        s.t.store
            .queue_care_message(&cashier, &package, MessageLang::ZhCn)
            .unwrap();
    let m = s.t.store.message(&message).unwrap();
    assert_eq!(
        m.care_task_id.as_deref(),
        Some(package.as_str()),
        "a service message about her own package"
    );
    assert!(
        m.body.contains("深层清洁10次卡") && m.body.contains("10次"),
        "it names the package and sessions: {}",
        m.body
    );
    s.t.store
        .queue_care_message(&cashier, &package, MessageLang::ZhCn)
        .unwrap();
    assert_eq!(
        count(&s.t.store, "SELECT count(*) FROM messages"),
        1,
        "one message per task"
    );
}

#[test]
fn with_consent_a_follow_up_message_is_queued_and_waits_out_the_quiet_hours() {
    let (mut s, id) = worked();
    let m = s.member;
    let mut input = MemberInput::editing(&s.t.store.member(m).unwrap());
    input.consent_marketing = true;
    s.t.store
        .update_member(&crate::support::boss(), m, &input)
        .unwrap();
    let cashier = s.cashier.clone();
    let message =
        s.t.store
            .queue_care_message(&cashier, &id, MessageLang::En)
            .unwrap();
    assert!(
        s.t.store
            .pending_messages()
            .unwrap()
            .iter()
            .any(|g| g.id == message),
        "listed for sending"
    );
    at_local(&s, day(2026, 11, 30), 22);
    assert!(
        s.t.store.messages_ready_to_send(10).unwrap().is_empty(),
        "22:00 is in the quiet hours"
    );
    at_local(&s, day(2026, 12, 1), 9);
    let ready = s.t.store.messages_ready_to_send(10).unwrap();
    assert_eq!(ready.len(), 1, "sent from 09:00");
    assert!(
        ready[0].body.contains("深层清洁"),
        "the English text names the service: {}",
        ready[0].body
    );
}
