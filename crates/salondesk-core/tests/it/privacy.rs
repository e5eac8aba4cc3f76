//! Members' data requests (PIPL): her consent history, everything held about
//! her as one file, and erasing her identity while her ledgers stay whole.

use crate::appointments_fixture::{at, calendar, Calendar};
use crate::checkout_fixture::Salon;
use crate::support::{boss, member};
use salondesk_core::checkout::{CartLine, LineItem, Tender};
use salondesk_core::ids::MemberId;
use salondesk_core::member::MemberInput;
use salondesk_core::privacy::{may_send_marketing, ConsentHow};
use salondesk_core::{CoreError, Money};
use serde_json::Value;

fn count(s: &Salon, sql: &str) -> i64 {
    s.t.store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The fixture's member with a past: a top-up, a package, a facial paid from
/// her stored value (points earned), an appointment and its reminder.
fn member_with_a_past() -> Calendar {
    let mut c = calendar();
    c.s.top_up();
    let plan = c.s.package_plan.clone();
    c.s.sell(
        vec![CartLine::new(LineItem::PackagePurchase { plan_id: plan })],
        &[Tender::Cash {
            amount: Money::yuan(2000),
        }],
    )
    .unwrap();
    let facial = c.s.facial;
    c.s.sell(
        vec![CartLine::new(LineItem::Service {
            service_id: facial,
            qty: 1,
        })],
        &[Tender::StoredValue {
            amount: Money::yuan(268),
        }],
    )
    .unwrap();
    c.book(&c.facial_at(at(1, "14:00"))).unwrap();
    let now = c.s.t.store.now();
    c.s.t.store.due_reminders(now).unwrap();
    c
}

#[test]
fn consent_is_recorded_when_given_at_registration_withdrawn_in_an_edit_and_set_on_the_profile() {
    let mut t = crate::support::store();
    let owner = t.store.create_owner("林美玲", "135790").unwrap();
    let s = &mut t.store;
    let mut input = member("王芳", "13912345678");
    input.consent_marketing = true;
    let m = s.register_member(&owner, &input).unwrap();
    let h = s.consent_history(m.id).unwrap();
    assert_eq!(
        h.len(),
        1,
        "registering with consent records that she gave it"
    );
    assert!(
        h[0].consent && h[0].how == "desk_form",
        "given at the desk's form: {h:?}"
    );
    assert_eq!(
        h[0].staff_id,
        Some(owner.id),
        "by the staff who registered her"
    );
    assert_eq!(h[0].device_id, s.device().id.to_string(), "at this till");
    assert!(may_send_marketing(&s.member(m.id).unwrap()));

    let mut edit = MemberInput::editing(&m);
    edit.region = "静安".into();
    s.update_member(&owner, m.id, &edit).unwrap();
    assert_eq!(
        s.consent_history(m.id).unwrap().len(),
        1,
        "an edit that leaves consent alone records nothing"
    );
    edit.consent_marketing = false;
    s.update_member(&owner, m.id, &edit).unwrap();
    let h = s.consent_history(m.id).unwrap();
    assert_eq!(
        h.len(),
        2,
        "unticking consent in the edit form records a withdrawal"
    );
    assert!(!h[0].consent, "newest first: the withdrawal");
    assert!(
        !may_send_marketing(&s.member(m.id).unwrap()),
        "no consent, no marketing"
    );

    s.set_marketing_consent(&owner, m.id, true, ConsentHow::PaperForm)
        .unwrap();
    let h = s.consent_history(m.id).unwrap();
    assert_eq!(
        (h.len(), h[0].consent, h[0].how.as_str()),
        (3, true, "paper_form"),
        "set on her profile, saying how"
    );
    assert!(
        s.member(m.id).unwrap().consent_marketing,
        "her profile says so too"
    );
    s.set_marketing_consent(&owner, m.id, true, ConsentHow::Verbal)
        .unwrap();
    assert_eq!(
        s.consent_history(m.id).unwrap().len(),
        3,
        "consent she already gave is not recorded twice"
    );

    let none = s
        .register_member(&owner, &member("李静", "13700001111"))
        .unwrap();
    assert!(
        s.consent_history(none.id).unwrap().is_empty(),
        "registering without consent gives none"
    );
    assert!(
        !may_send_marketing(&none),
        "no consent recorded: no marketing"
    );
}

#[test]
fn the_export_holds_every_section_of_her_data_and_is_audited_without_personal_data() {
    let mut c = member_with_a_past();
    let dir = tempfile::tempdir().unwrap();
    let manager = c.s.manager.clone();
    let id = c.s.member;
    let path =
        c.s.t
            .store
            .export_member_data(&manager, id, dir.path())
            .unwrap();
    assert!(
        path.starts_with(dir.path()),
        "written where it was asked: {path:?}"
    );
    assert!(
        !path.to_string_lossy().contains("王丽娜"),
        "the file name does not name her"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\n  \""), "indented, for a person to read");
    let data: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(data["profile"]["name"], "王丽娜", "her profile, as held");
    assert_eq!(
        data["profile"]["phone"], "+8613812345678",
        "with her full phone"
    );
    assert!(
        data["profile"].get("allergies").is_some(),
        "sensitive fields included"
    );
    for section in [
        "visits",
        "storedValueLedger",
        "pointsLedger",
        "packages",
        "appointments",
        "messages",
    ] {
        let n = data[section].as_array().map_or(0, Vec::len);
        assert!(
            n > 0,
            "{section}: her past has some, the file must hold them"
        );
    }
    for section in [
        "consentHistory",
        "auditEntries",
        "tierChanges",
        "freeServiceLedger",
    ] {
        assert!(
            data[section].is_array(),
            "{section} is there even when empty"
        );
    }
    let visit = &data["visits"][0];
    assert!(
        visit["lines"].as_array().is_some_and(|l| !l.is_empty())
            && visit["tenders"].as_array().is_some_and(|t| !t.is_empty()),
        "each visit with its lines and payments"
    );
    assert!(
        data["packages"][0]["ledger"].is_array(),
        "each package with its sessions"
    );
    let (entity, detail): (String, String) =
        c.s.t
            .store
            .conn()
            .query_row(
                "SELECT entity_id, detail FROM audit_log WHERE action = 'member_data_exported'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
    assert_eq!(entity, id.to_string(), "the audit names whose data left");
    assert_eq!(detail, "{}", "and nothing about her");
}

#[test]
fn a_cashier_may_neither_export_nor_erase_and_a_refusal_writes_nothing() {
    let mut c = member_with_a_past();
    let cashier = c.s.cashier.clone();
    let dir = tempfile::tempdir().unwrap();
    let before = crate::permissions::footprint(&c.s);
    let id = c.s.member;
    let e =
        c.s.t
            .store
            .export_member_data(&cashier, id, dir.path())
            .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e:?}");
    let e =
        c.s.t
            .store
            .erase_member(&cashier, id, "王丽娜")
            .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e:?}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file written"
    );
    assert_eq!(
        crate::permissions::footprint(&c.s),
        before,
        "no operation, no audit row"
    );
    assert_eq!(
        c.s.t.store.member(id).unwrap().name,
        "王丽娜",
        "she is untouched"
    );
}

#[test]
fn erasing_needs_her_name_or_last_four_phone_digits_typed() {
    let mut c = member_with_a_past();
    let manager = c.s.manager.clone();
    let id = c.s.member;
    for wrong in ["", "王丽", "1234", "0000", "王丽娜娜"] {
        let e = c.s.t.store.erase_member(&manager, id, wrong).unwrap_err();
        assert!(
            matches!(&e, CoreError::Validation { field, .. } if *field == "confirm"),
            "{wrong:?} confirms nothing: {e:?}"
        );
    }
    c.s.t.store.erase_member(&manager, id, " 5678").unwrap();
    let e = c.s.t.store.erase_member(&manager, id, "5678").unwrap_err();
    assert!(
        matches!(e, CoreError::Conflict(_)),
        "erased once is erased: {e:?}"
    );
}

#[test]
fn erasing_clears_every_personal_field_and_keeps_every_balance_and_ledger_sum() {
    let mut c = member_with_a_past();
    let id = c.s.member;
    let manager = c.s.manager.clone();
    {
        let s = &mut c.s.t.store;
        let mut edit = MemberInput::editing(&s.member(id).unwrap());
        edit.birthday = Some("1990-05-01".into());
        edit.allergies = "果酸".into();
        edit.notes = "孕期".into();
        edit.tags = vec!["VIP".into()];
        edit.region = "静安".into();
        edit.source = "朋友介绍".into();
        edit.consent_marketing = true;
        s.update_member(&boss(), id, &edit).unwrap();
    }
    let sums = |s: &Salon| {
        (
            s.balances(),
            count(s, "SELECT coalesce(sum(total), 0) FROM sales"),
            count(s, "SELECT count(*) FROM sales WHERE member_id IS NOT NULL"),
            count(s, "SELECT coalesce(sum(delta), 0) FROM package_ledger"),
        )
    };
    let before = sums(&c.s);
    let ops_before = count(&c.s, "SELECT count(*) FROM outbox");
    c.s.t.store.erase_member(&manager, id, "王丽娜").unwrap();

    let m = c.s.t.store.member(id).unwrap();
    assert!(
        m.erased,
        "the record says it was erased (the profile offers no edit)"
    );
    let short = &id.to_string()[30..];
    assert_eq!(
        m.name,
        format!("已删除会员 #{short}"),
        "an anonymous label with her id's tail"
    );
    assert_eq!(m.phone.e164(), "+", "no phone");
    assert!(
        m.member_no.starts_with("DEL"),
        "no card number of hers: {}",
        m.member_no
    );
    assert_eq!(
        (
            m.birthday,
            m.gender,
            m.skin_type,
            m.preferred_staff_id,
            m.referrer_id
        ),
        (None, None, None, None, None)
    );
    assert!(
        m.allergies.is_empty()
            && m.notes.is_empty()
            && m.tags.is_empty()
            && m.region.is_empty()
            && m.source.is_empty(),
        "every sensitive field cleared: {m:?}"
    );
    assert!(
        !m.consent_marketing && !may_send_marketing(&m),
        "consent goes with her"
    );
    let s = &c.s.t.store;
    for q in ["王丽娜", "5678", "wln", "丽娜", "已删除"] {
        assert!(
            s.search_members(q, 10).unwrap().iter().all(|h| h.id != id),
            "{q:?} finds her no more (her search keys are gone)"
        );
    }
    assert_eq!(
        count(
            &c.s,
            "SELECT count(*) FROM messages WHERE body <> '' OR recipient_name <> '' OR phone <> ''"
        ),
        0,
        "the reminder sent to her no longer names her"
    );
    assert_eq!(
        sums(&c.s),
        before,
        "balances, sales and ledgers add up as before"
    );

    let ops = crate::sync_fixture::drain(&mut c.s.t.store);
    let erase: Vec<_> = ops
        .iter()
        .filter(|o| o.kind == salondesk_core::write::OpKind::Erase)
        .collect();
    assert_eq!(erase.len(), 1, "one erase operation travels to the chain");
    assert_eq!(erase[0].entity_id, id.to_string());
    for op in &ops {
        salondesk_protocol::schema::check(op).expect("the server's schema accepts it");
    }
    assert!(ops.len() as i64 >= ops_before, "drained");
    let (entity, detail): (String, String) =
        c.s.t
            .store
            .conn()
            .query_row(
                "SELECT entity_id, detail FROM audit_log WHERE action = 'member_erased'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
    assert_eq!(
        (entity, detail),
        (id.to_string(), "{}".into()),
        "audited by her id only"
    );
    let h = c.s.t.store.consent_history(id).unwrap();
    assert_eq!(
        (h[0].consent, h[0].how.as_str()),
        (false, "erased"),
        "her consent ends with the erase"
    );
    let e =
        c.s.t
            .store
            .update_member(&boss(), id, &MemberInput::editing(&m))
            .unwrap_err();
    assert!(
        matches!(e, CoreError::Conflict(_)),
        "an erased record is not edited back: {e:?}"
    );
    let e =
        c.s.t
            .store
            .set_marketing_consent(&boss(), id, true, ConsentHow::Verbal)
            .unwrap_err();
    assert!(
        matches!(e, CoreError::Conflict(_)),
        "nor given consent again: {e:?}"
    );
}

#[test]
fn another_till_applies_the_erase_and_an_older_operation_never_brings_her_name_back() {
    use crate::sync_fixture::{till, Server, STORE_A, STORE_B};
    let mut server = Server::default();
    let mut a = till(STORE_A, "A", "01");
    let mut b = till(STORE_B, "B", "01");
    let owner_a = a.store().create_owner("林美玲", "135790").unwrap();
    let mut input = member("王芳", "13912345678");
    input.notes = "对果酸过敏".into();
    input.consent_marketing = true;
    let id: MemberId = a.store().register_member(&owner_a, &input).unwrap().id;
    server.sync(&mut [&mut a, &mut b]);
    assert_eq!(b.store().member(id).unwrap().name, "王芳", "B has her");
    let creation = server
        .pushed
        .iter()
        .find(|o| o.entity == "member")
        .cloned()
        .unwrap();

    a.later(5);
    a.store().erase_member(&owner_a, id, "5678").unwrap();
    server.sync(&mut [&mut a, &mut b]);
    let there = b.store().member(id).unwrap();
    assert!(
        there.name.starts_with("已删除会员"),
        "B applied the erase: {}",
        there.name
    );
    assert!(
        there.notes.is_empty() && there.phone.e164() == "+",
        "her notes and phone gone on B"
    );
    assert!(
        b.store().search_members("王芳", 5).unwrap().is_empty(),
        "B finds her by name no more"
    );
    assert_eq!(
        b.store().sync_apply_errors(5).unwrap(),
        vec![],
        "applied cleanly"
    );

    // Her creation again, as an offline till's late replay would bring it.
    let mut late = creation;
    late.op_id = uuid::Uuid::now_v7();
    late.hlc = "999999999999999-000000".into();
    let report = b
        .store()
        .apply_pulled(&salondesk_protocol::PullResponse {
            ops: vec![salondesk_protocol::PulledOp {
                seq: 1000,
                store_id: None,
                op: late,
            }],
            cursor: 1000,
            head: 1000,
            more: false,
            server_time: None,
            cursor_op: None,
            head_office: None,
        })
        .unwrap();
    assert_eq!(report.applied, 1);
    let there = b.store().member(id).unwrap();
    assert!(
        there.name.starts_with("已删除会员") && there.notes.is_empty() && there.phone.e164() == "+",
        "a later-stamped op with her data is scrubbed on arrival: {there:?}"
    );
    assert!(
        b.store().search_members("王芳", 5).unwrap().is_empty(),
        "and not indexed again"
    );
}

/// A pulled operation, from another till, `late` in the order of things.
fn pulled(seq: i64, entity: &str, id: &str, payload: Value) -> salondesk_protocol::PulledOp {
    salondesk_protocol::PulledOp {
        seq,
        store_id: None,
        op: salondesk_protocol::Op {
            op_id: uuid::Uuid::now_v7(),
            hlc: format!("999999999999{seq:03}-000000"),
            device_id: uuid::Uuid::now_v7(),
            entity: entity.into(),
            entity_id: id.into(),
            kind: salondesk_protocol::OpKind::Upsert,
            payload,
            created_at: chrono::Utc::now(),
        },
    }
}

#[test]
fn what_a_till_pulls_about_an_erased_members_appointments_lands_without_her_personal_data() {
    let mut c = member_with_a_past();
    let id = c.s.member;
    let manager = c.s.manager.clone();
    let appointment: String =
        c.s.t
            .store
            .conn()
            .query_row(
                "SELECT id FROM appointments WHERE member_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
    c.s.t.store.erase_member(&manager, id, "王丽娜").unwrap();
    assert_eq!(
        count(&c.s, "SELECT count(*) FROM messages WHERE body <> '' OR phone <> ''"),
        0,
        "the erase emptied her reminder's text and number (the protocol's rule, and the till's own column)"
    );

    // Made on a till that had not heard of the erase: a new booking naming
    // her, a note added to her old appointment, its reminder's text.
    let booked = uuid::Uuid::now_v7().to_string();
    let (service, staff) = (c.s.facial.to_string(), c.s.beautician.id.to_string());
    let page = salondesk_protocol::PullResponse {
        ops: vec![
            pulled(
                1,
                "appointment",
                &booked,
                serde_json::json!({
                "memberId": id, "serviceId": service, "staffId": staff,
                "start": "2030-01-02T06:00:00.000Z", "end": "2030-01-02T07:15:00.000Z",
                "status": "booked", "notes": "孕期，避开腹部", "createdBy": staff }),
            ),
            pulled(
                2,
                "appointment",
                &appointment,
                serde_json::json!({ "notes": "对果酸过敏" }),
            ),
            pulled(
                3,
                "message",
                &format!("reminder-{appointment}"),
                serde_json::json!({
                "appointmentId": appointment, "body": "王丽娜您好，提醒您明天的预约" }),
            ),
        ],
        cursor: 3,
        head: 3,
        more: false,
        server_time: None,
        cursor_op: None,
        head_office: None,
    };
    let report = c.s.t.store.apply_pulled(&page).unwrap();
    assert_eq!(
        report.applied, 3,
        "applied, not refused: they are valid operations"
    );
    assert_eq!(c.s.t.store.sync_apply_errors(5).unwrap(), vec![], "cleanly");
    assert_eq!(
        count(
            &c.s,
            "SELECT count(*) FROM appointments WHERE member_id IS NOT NULL"
        ),
        2,
        "the new booking is kept (the slot is taken), as hers"
    );
    assert_eq!(
        count(&c.s, "SELECT count(*) FROM appointments WHERE notes <> ''"),
        0,
        "neither the new booking's note nor the late note on the old one landed"
    );
    assert_eq!(
        count(&c.s, "SELECT count(*) FROM messages WHERE body <> ''"),
        0,
        "nor the reminder's text greeting her by name"
    );
}
