//! Reminders: made once per appointment the day before, kept in the outbox
//! until sent (by the sender or by hand), retried after a failure, rewritten
//! when the appointment moves and withdrawn when it is cancelled.

use crate::appointments_fixture::{at, calendar};
use chrono::Duration;
use salondesk_core::appointments::{
    BookingInput, Client, MessageLang, MessageStatus, MoveInput, ReminderSettings,
};

#[test]
fn a_reminder_is_made_once_per_appointment_for_tomorrow() {
    let mut c = calendar();
    let tomorrow = c.book(&c.facial_at(at(1, "15:00"))).unwrap();
    // Booked this morning for this afternoon: no reminder needed.
    c.book(&c.facial_at(at(0, "16:00"))).unwrap();
    // No phone to send to.
    c.book(&BookingInput {
        client: Client::WalkIn {
            name: "刘女士".into(),
            phone: None,
        },
        staff_id: c.s.beautician2.id,
        ..c.facial_at(at(1, "15:00"))
    })
    .unwrap();
    // Not due yet.
    c.book(&c.facial_at(at(3, "15:00"))).unwrap();
    let now = c.s.t.store.now();
    assert_eq!(c.s.t.store.due_reminders(now).unwrap(), 1);
    let ops = c.outbox_len();
    assert_eq!(c.s.t.store.due_reminders(now).unwrap(), 0, "idempotent");
    c.s.t.clock.advance(Duration::hours(20));
    let later = c.s.t.store.now();
    assert_eq!(
        c.s.t.store.due_reminders(later).unwrap(),
        0,
        "still one per appointment"
    );
    assert_eq!(c.outbox_len(), ops);
    let pending = c.s.t.store.pending_messages().unwrap();
    assert_eq!(pending.len(), 1);
    let m = &pending[0];
    assert_eq!(m.appointment_id, tomorrow.id);
    assert_eq!(m.phone.e164(), "+8613812345678");
    assert_eq!(m.lang, MessageLang::ZhCn);
    assert_eq!(
        m.body,
        "【SalonDesk 美业】王丽娜您好，提醒您已预约 11月24日（周二）15:00 的「深层清洁」，美容师王芳。如需改期请联系门店，期待您的光临。"
    );
}

#[test]
fn messages_wait_for_daytime_are_retried_after_failures_and_can_be_sent_by_hand() {
    let mut c = calendar();
    c.book(&c.facial_at(at(1, "15:00"))).unwrap();
    let now = c.s.t.store.now();
    c.s.t.store.due_reminders(now).unwrap();
    let store = &mut c.s.t.store;
    let ready = store.messages_ready_to_send(10).unwrap();
    assert_eq!(ready.len(), 1);
    let id = ready[0].id.clone();
    // Offline: tried again after a minute, then two.
    store
        .mark_failed(&id, "could not reach the webhook", false)
        .unwrap();
    assert!(store.messages_ready_to_send(10).unwrap().is_empty());
    c.s.t.clock.advance(Duration::seconds(61));
    let store = &mut c.s.t.store;
    assert_eq!(store.messages_ready_to_send(10).unwrap().len(), 1);
    store
        .mark_failed(&id, "the webhook answered 503", false)
        .unwrap();
    let m = store.message(&id).unwrap();
    assert_eq!((m.status, m.attempts), (MessageStatus::Pending, 2));
    assert_eq!(m.next_attempt_at, store.now() + Duration::minutes(2));
    // At night nothing is sent.
    c.s.t.clock.set(at(0, "22:30"));
    assert!(c.s.t.store.messages_ready_to_send(10).unwrap().is_empty());
    c.s.t.clock.set(at(0, "12:00"));
    let store = &mut c.s.t.store;
    // Refused by the gateway: left for sending by hand.
    store
        .mark_failed(&id, "the webhook answered 422", true)
        .unwrap();
    assert!(store.messages_ready_to_send(10).unwrap().is_empty());
    let listed = store.pending_messages().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, MessageStatus::Failed);
    assert_eq!(
        listed[0].last_error.as_deref(),
        Some("the webhook answered 422")
    );
    let desk = c.s.cashier.clone();
    store.mark_sent(&id, Some(&desk)).unwrap();
    assert!(store.pending_messages().unwrap().is_empty());
    let ops: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    store.mark_sent(&id, None).unwrap();
    let again: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ops, again, "marking twice writes nothing");
    assert_eq!(store.message(&id).unwrap().status, MessageStatus::Sent);
}

#[test]
fn an_unsent_reminder_follows_its_appointment() {
    let mut c = calendar();
    let desk = c.s.cashier.clone();
    let a = c.book(&c.facial_at(at(1, "15:00"))).unwrap();
    let b = c
        .book(&BookingInput {
            staff_id: c.s.beautician2.id,
            ..c.facial_at(at(1, "11:00"))
        })
        .unwrap();
    let now = c.s.t.store.now();
    assert_eq!(c.s.t.store.due_reminders(now).unwrap(), 2);
    let store = &mut c.s.t.store;
    store
        .move_appointment(
            &desk,
            &a.id,
            &MoveInput {
                start: at(1, "17:30"),
                staff_id: None,
                room_id: None,
                allow_outside_hours: false,
            },
        )
        .unwrap();
    store.cancel_appointment(&desk, &b.id, "客户改约").unwrap();
    let pending = store.pending_messages().unwrap();
    assert_eq!(pending.len(), 1);
    assert!(pending[0].body.contains("17:30"), "{}", pending[0].body);
    let withdrawn = store.message(&format!("reminder-{}", b.id)).unwrap();
    assert_eq!(withdrawn.status, MessageStatus::Cancelled);
    assert_eq!(
        store
            .mark_sent(&withdrawn.id, Some(&desk))
            .unwrap_err()
            .code(),
        "conflict"
    );
}

#[test]
fn reminder_settings_choose_the_language_and_check_the_url() {
    let mut c = calendar();
    let manager = c.s.manager.clone();
    let desk = c.s.cashier.clone();
    let english = ReminderSettings {
        webhook_url: " https://sms.example.cn/hook?token=abc ".into(),
        lang: MessageLang::En,
    };
    assert_eq!(
        c.s.t
            .store
            .save_reminder_settings(&desk, &english)
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let bad = ReminderSettings {
        webhook_url: "ftp://x".into(),
        ..english.clone()
    };
    assert_eq!(
        c.s.t
            .store
            .save_reminder_settings(&manager, &bad)
            .unwrap_err()
            .field(),
        Some("webhookUrl")
    );
    c.s.t
        .store
        .save_reminder_settings(&manager, &english)
        .unwrap();
    let saved = c.s.t.store.reminder_settings().unwrap();
    assert_eq!(saved.webhook_url, "https://sms.example.cn/hook?token=abc");
    assert!(saved.sender_configured());
    c.book(&c.facial_at(at(1, "15:00"))).unwrap();
    let now = c.s.t.store.now();
    c.s.t.store.due_reminders(now).unwrap();
    let m = &c.s.t.store.pending_messages().unwrap()[0];
    assert_eq!(m.lang, MessageLang::En);
    assert!(
        m.body.starts_with("SalonDesk 美业: Hi 王丽娜, a reminder of your 深层清洁 appointment on Tue 24 Nov at 15:00 with 王芳."),
        "{}",
        m.body
    );
}
