//! A campaign's message: queued with the offer, in the outbox the reminders
//! use (same sender, same quiet hours), only to reached members with
//! marketing consent and a phone; nothing for the control group; counted in
//! the results once sent; synced to the store's other tills.

use crate::campaigns_fixture::{campaign_input, gold_members, with_coupon};
use crate::checkout_fixture::{salon, Salon};
use crate::sync_fixture::{count, enrol, till, Server, Till, STORE_A};
use salondesk_core::appointments::{MessageLang, ReminderSettings};
use salondesk_core::campaigns::in_control_group;
use salondesk_core::member::Tier;

/// Gold members 0, 2, 4 … consented; a campaign for them with a message.
fn messaging(n: usize, control_pct: u32) -> (Salon, Vec<salondesk_core::ids::MemberId>, String) {
    let mut s = with_coupon(salon());
    let golds = gold_members(&mut s, n, |i| i % 2 == 0);
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    input.control_pct = control_pct;
    input.message_zh = "{name}您好，送您一张春季护理券".into();
    input.message_en = "Hello {name}, a spring voucher for you".into();
    let c = s.t.store.create_campaign(&owner, &input).unwrap();
    (s, golds, c.id)
}

#[test]
fn issuing_queues_the_message_for_each_reached_member_with_consent_and_nobody_else() {
    let (mut s, golds, id) = messaging(6, 0);
    let owner = s.owner.clone();
    s.t.store
        .issue_campaign(&owner, &id, &mut |_, _| {})
        .unwrap();
    let pending = s.t.store.pending_messages().unwrap();
    let campaign: Vec<_> = pending.iter().filter(|m| m.kind() == "campaign").collect();
    assert_eq!(
        campaign.len(),
        3,
        "members 0, 2 and 4 consented: three messages wait to be sent"
    );
    for m in &campaign {
        assert!(
            m.body.starts_with(&m.recipient_name) && m.body.contains("春季护理券"),
            "the Chinese text (the store's language), greeting her by name: {}",
            m.body
        );
        assert_eq!(m.lang, MessageLang::ZhCn);
        assert!(m.campaign_member_id.is_some(), "tied to whom it reached");
    }
    for (i, g) in golds.iter().enumerate() {
        let hers = count(
            &s.t.store,
            &format!(
                "SELECT count(*) FROM messages g JOIN campaign_members cm ON cm.id = g.campaign_member_id
                 WHERE cm.member_id = '{g}'"
            ),
        );
        assert_eq!(
            hers,
            i64::from(i % 2 == 0),
            "member {i}: a message only with consent"
        );
    }
    s.t.store
        .issue_campaign(&owner, &id, &mut |_, _| {})
        .unwrap();
    assert_eq!(
        count(
            &s.t.store,
            "SELECT count(*) FROM messages WHERE kind = 'campaign'"
        ),
        3,
        "issuing again queues nothing twice"
    );
}

#[test]
fn the_control_group_gets_no_message() {
    let (mut s, golds, id) = messaging(40, 50);
    let owner = s.owner.clone();
    s.t.store
        .issue_campaign(&owner, &id, &mut |_, _| {})
        .unwrap();
    let held: Vec<_> = golds
        .iter()
        .enumerate()
        .filter(|(_, g)| in_control_group(&id, &g.to_string(), 50))
        .collect();
    assert!(
        held.iter().any(|(i, _)| i % 2 == 0),
        "the test needs a consenting member held out"
    );
    for (_, g) in held {
        assert_eq!(
            count(
                &s.t.store,
                &format!(
                    "SELECT count(*) FROM messages g JOIN campaign_members cm
                       ON cm.id = g.campaign_member_id WHERE cm.member_id = '{g}'"
                ),
            ),
            0,
            "held out: no offer and no message, consent or not"
        );
    }
    let reached_consenting = golds
        .iter()
        .enumerate()
        .filter(|(i, g)| i % 2 == 0 && !in_control_group(&id, &g.to_string(), 50))
        .count() as i64;
    assert_eq!(
        count(
            &s.t.store,
            "SELECT count(*) FROM messages WHERE kind = 'campaign'"
        ),
        reached_consenting
    );
}

#[test]
fn an_english_store_sends_the_english_text_and_the_results_count_what_was_sent() {
    let (mut s, _, id) = messaging(2, 0);
    let owner = s.owner.clone();
    s.t.store
        .save_reminder_settings(
            &owner,
            &ReminderSettings {
                webhook_url: String::new(),
                lang: MessageLang::En,
            },
        )
        .unwrap();
    s.t.store
        .issue_campaign(&owner, &id, &mut |_, _| {})
        .unwrap();
    let m =
        s.t.store
            .pending_messages()
            .unwrap()
            .pop()
            .expect("member 0 consented");
    assert_eq!(m.lang, MessageLang::En);
    assert!(m.body.starts_with("Hello "), "{}", m.body);
    let before = s.t.store.campaign_results(&owner, &id).unwrap();
    assert_eq!(
        (before.messaged, before.messages_sent),
        (1, 0),
        "queued, not sent"
    );
    s.t.store.mark_sent(&m.id, Some(&owner)).unwrap();
    let after = s.t.store.campaign_results(&owner, &id).unwrap();
    assert_eq!(after.messages_sent, 1, "sent by hand counts as sent");
}

#[test]
fn a_campaign_message_waits_out_the_quiet_hours_like_a_reminder() {
    let (mut s, _, id) = messaging(2, 0);
    let owner = s.owner.clone();
    s.t.store
        .issue_campaign(&owner, &id, &mut |_, _| {})
        .unwrap();
    let day = s.t.store.business_date().unwrap();
    crate::care::at_local(&s, day.succ_opt().unwrap(), 22);
    assert!(
        s.t.store.messages_ready_to_send(10).unwrap().is_empty(),
        "22:00 is in the default quiet hours (21:00–09:00)"
    );
    crate::care::at_local(&s, day.succ_opt().unwrap().succ_opt().unwrap(), 10);
    assert_eq!(
        s.t.store.messages_ready_to_send(10).unwrap().len(),
        1,
        "at 10:00 the sender takes it"
    );
}

#[test]
fn the_stores_other_till_pulls_the_message_with_whom_it_is_for() {
    let (s, golds, id) = messaging(2, 0);
    let Salon { mut t, owner, .. } = s;
    enrol(&mut t, STORE_A, "A", "01");
    let mut a1 = Till {
        t,
        store_id: STORE_A,
    };
    let mut a2 = till(STORE_A, "A", "02");
    let mut server = Server::default();
    a1.store()
        .issue_campaign(&owner, &id, &mut |_, _| {})
        .unwrap();
    // `push` panics on any operation the server's schema would refuse.
    server.sync(&mut [&mut a1, &mut a2]);
    assert!(
        a2.store().sync_apply_errors(10).unwrap().is_empty(),
        "applied cleanly"
    );
    let theirs = a2.store().pending_messages().unwrap();
    assert_eq!(theirs.len(), 1, "member 0's message is there too");
    let name = a2.store().member(golds[0]).unwrap().name;
    assert_eq!(
        theirs[0].recipient_name, name,
        "whom it is for, found through her campaign_members row"
    );
    assert!(theirs[0].phone.e164().len() > 5, "and her number");
}
