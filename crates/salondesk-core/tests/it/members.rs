use crate::support::{boss, member, store};
use salondesk_core::member::{MemberInput, SkinType, Tier};
use salondesk_core::CoreError;

#[test]
fn one_phone_one_member_and_the_error_names_who_has_it() {
    let mut t = store();
    let lina = t
        .store
        .register_member(&boss(), &member("王丽娜", "13812345678"))
        .unwrap();
    let err = t
        .store
        .register_member(&boss(), &member("王小丽", "+86 138-1234-5678"))
        .expect_err("the same number typed differently is still the same phone");
    match &err {
        CoreError::DuplicatePhone {
            member_id,
            member_name,
            member_no,
            phone_masked,
        } => {
            assert_eq!(*member_id, lina.id);
            assert_eq!(member_name, "王丽娜");
            assert_eq!(member_no, &lina.member_no);
            assert_eq!(
                phone_masked, "138****5678",
                "the error must not reveal the full phone"
            );
        }
        other => panic!("expected DuplicatePhone, got {other:?}"),
    }
    assert!(
        err.to_string().contains("王丽娜"),
        "the message must name the member: {err}"
    );
    assert_eq!(err.field(), Some("phone"));
}

#[test]
fn registering_validates_every_field_and_names_the_bad_one() {
    let mut t = store();
    let cases: Vec<(MemberInput, &str)> = vec![
        (member("Bad Phone", "12345"), "phone"),
        (member("", "13812345678"), "name"),
        (
            MemberInput {
                birthday: Some("2030-01-01".into()),
                ..member("未来", "13812345679")
            },
            "birthday",
        ),
        (
            MemberInput {
                member_no: Some("#1".into()),
                ..member("卡号", "13812345670")
            },
            "memberNo",
        ),
        (
            MemberInput {
                phone: None,
                ..member("无电话", "")
            },
            "phone",
        ),
    ];
    for (input, field) in cases {
        let err = t.store.register_member(&boss(), &input).expect_err(field);
        assert_eq!(err.code(), "validation", "{field}: {err:?}");
        assert_eq!(
            err.field(),
            Some(field),
            "the error must name field {field}: {err:?}"
        );
    }
    assert_eq!(
        t.store.member_count().unwrap(),
        0,
        "no invalid member may be saved"
    );
}

#[test]
fn editing_keeps_the_phone_when_none_is_sent_and_reindexes_the_name() {
    let mut t = store();
    let m = t
        .store
        .register_member(&boss(), &member("张三", "13912340000"))
        .unwrap();
    let edited = t
        .store
        .update_member(
            &boss(),
            m.id,
            &MemberInput {
                name: "张三丰".into(),
                phone: None,
                skin_type: Some(SkinType::Sensitive),
                allergies: "酒精过敏".into(),
                ..MemberInput::default()
            },
        )
        .unwrap();
    assert_eq!(
        edited.phone.e164(),
        "+8613912340000",
        "phone None on edit must keep the phone"
    );
    assert_eq!(
        edited.member_no, m.member_no,
        "no member number sent keeps the number"
    );
    assert_eq!(edited.skin_type, Some(SkinType::Sensitive));
    let hits = t.store.search_members("三丰", 10).unwrap();
    assert_eq!(hits.len(), 1, "the new name must be searchable");
    assert!(
        t.store.search_members("zhangsanfeng", 10).unwrap().len() == 1,
        "the new pinyin must be searchable"
    );
}

#[test]
fn archiving_hides_the_member_and_frees_her_phone() {
    let mut t = store();
    let m = t
        .store
        .register_member(&boss(), &member("赵婷", "13700001111"))
        .unwrap();
    t.store.archive_member(&boss(), m.id).unwrap();
    assert!(
        t.store.search_members("1111", 10).unwrap().is_empty(),
        "archived members leave search"
    );
    assert!(
        t.store.member(m.id).unwrap().archived,
        "her record stays, marked archived"
    );
    t.store
        .register_member(&boss(), &member("新客户", "13700001111"))
        .expect("an archived member's phone may be registered again");
    let err = t
        .store
        .archive_member(&boss(), m.id)
        .expect_err("archiving twice");
    assert_eq!(err.code(), "conflict");
}

#[test]
fn merging_moves_history_to_the_survivor_and_keeps_safety_notes() {
    let mut t = store();
    let survivor = t
        .store
        .register_member(&boss(), &member("王丽娜", "13812345678"))
        .unwrap();
    let duplicate = t
        .store
        .register_member(
            &boss(),
            &MemberInput {
                allergies: "芒果过敏".into(),
                birthday: Some("1990-05-20".into()),
                tags: vec!["VIP".into()],
                ..member("王丽娜", "13987654321")
            },
        )
        .unwrap();
    let referred = t
        .store
        .register_member(
            &boss(),
            &MemberInput {
                referrer_id: Some(duplicate.id),
                ..member("介绍人", "13600000000")
            },
        )
        .unwrap();
    t.store
        .conn()
        .execute(
            "UPDATE members SET tier = 'gold', visit_count = 3 WHERE id = ?1",
            [duplicate.id],
        )
        .unwrap();
    t.store
        .conn()
        .execute(
            "UPDATE members SET visit_count = 2 WHERE id = ?1",
            [survivor.id],
        )
        .unwrap();

    let merged = t
        .store
        .merge_members(&boss(), survivor.id, duplicate.id)
        .unwrap();
    assert_eq!(
        merged.phone.e164(),
        "+8613812345678",
        "the survivor keeps her own phone"
    );
    assert_eq!(
        merged.allergies, "芒果过敏",
        "allergies from the merged record are never lost"
    );
    assert_eq!(
        merged.birthday.map(|b| b.to_string()),
        Some("1990-05-20".into())
    );
    assert_eq!(merged.tags, vec!["VIP".to_owned()]);
    assert_eq!(merged.tier, Tier::Gold, "the higher tier survives");
    assert_eq!(merged.visit_count, 5, "visits add up");
    let gone = t.store.member(duplicate.id).unwrap();
    assert!(gone.archived && gone.merged_into == Some(survivor.id));
    assert_eq!(
        t.store.member(referred.id).unwrap().referrer_id,
        Some(survivor.id),
        "a referral of the merged record must follow the survivor"
    );
    let hits = t.store.search_members("4321", 10).unwrap();
    assert!(
        hits.is_empty(),
        "the merged record must leave search: {hits:?}"
    );
    let err = t
        .store
        .merge_members(&boss(), survivor.id, duplicate.id)
        .expect_err("merge twice");
    assert_eq!(err.code(), "conflict");
    let err = t
        .store
        .merge_members(&boss(), survivor.id, survivor.id)
        .expect_err("merge into herself");
    assert_eq!(err.code(), "validation");
}
