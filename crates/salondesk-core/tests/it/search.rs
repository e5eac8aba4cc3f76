use crate::support::{boss, member, store};
use chrono::Duration;
use proptest::prelude::*;
use salondesk_core::member::{MatchKind, MemberInput};

#[test]
fn exact_matches_rank_before_partial_ones_then_recent_visitors_first() {
    let mut t = store();
    let zhang_san = t
        .store
        .register_member(&boss(), &member("张三", "13800001234"))
        .unwrap();
    t.clock.advance(Duration::days(1));
    let zhang_san_feng = t
        .store
        .register_member(&boss(), &member("张三丰", "13900001234"))
        .unwrap();
    t.clock.advance(Duration::days(1));
    let li = t
        .store
        .register_member(&boss(), &member("李四", "13700005678"))
        .unwrap();

    let hits = t.store.search_members("张三", 10).unwrap();
    let ids: Vec<_> = hits.iter().map(|h| h.id).collect();
    assert_eq!(
        ids,
        vec![zhang_san.id, zhang_san_feng.id],
        "the exact name first, though less recent"
    );
    assert!(hits[0].exact && !hits[1].exact);

    let hits = t.store.search_members("张", 10).unwrap();
    let ids: Vec<_> = hits.iter().map(|h| h.id).collect();
    assert_eq!(
        ids,
        vec![zhang_san_feng.id, zhang_san.id],
        "one character: most recent first"
    );

    let hits = t.store.search_members("1234", 10).unwrap();
    assert_eq!(hits.len(), 2, "both phones end in 1234: {hits:?}");
    assert!(hits.iter().all(|h| h.matched == MatchKind::PhoneSuffix));

    let hits = t.store.search_members("13700005678", 10).unwrap();
    assert_eq!(
        (hits[0].id, hits[0].matched, hits[0].exact),
        (li.id, MatchKind::Phone, true)
    );

    let hits = t.store.search_members(&li.member_no, 10).unwrap();
    assert_eq!(hits[0].id, li.id, "the card number finds her");
    assert!(t.store.search_members("", 10).unwrap().is_empty());
    assert!(
        t.store.search_members("12", 10).unwrap().is_empty(),
        "two digits are too few to search"
    );
}

#[test]
fn pinyin_finds_chinese_names_in_full_by_initials_and_by_prefix() {
    let mut t = store();
    let m = t
        .store
        .register_member(&boss(), &member("张三", "13800001234"))
        .unwrap();
    for q in ["zhangsan", "zs", "ZS", "zhang", "zhangs", "zhang san"] {
        let hits = t.store.search_members(q, 10).unwrap();
        assert!(
            hits.iter().any(|h| h.id == m.id),
            "{q:?} must find 张三, got {hits:?}"
        );
    }
    let latin = t
        .store
        .register_member(&boss(), &member("Emily Chen", "13800004321"))
        .unwrap();
    for q in ["emily", "Emi", "chen", "Emily Chen"] {
        let hits = t.store.search_members(q, 10).unwrap();
        assert!(
            hits.iter().any(|h| h.id == latin.id),
            "{q:?} must find Emily Chen, got {hits:?}"
        );
    }
}

#[test]
fn a_card_scan_opens_exactly_that_member() {
    let mut t = store();
    let m = t
        .store
        .register_member(
            &boss(),
            &MemberInput {
                member_no: Some("vip0042".into()),
                ..member("卡客", "13800009999")
            },
        )
        .unwrap();
    assert_eq!(m.member_no, "VIP0042", "card numbers are kept upper-case");
    assert_eq!(
        t.store.member_by_no("vip0042").unwrap().map(|x| x.id),
        Some(m.id)
    );
    assert!(t.store.member_by_no("VIP0043").unwrap().is_none());
}

// An independent oracle for the property test: characters with one reading.
const SURNAMES: &[(&str, &str)] = &[
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("周", "zhou"),
    ("吴", "wu"),
];
const GIVEN: &[(&str, &str)] = &[
    ("丽", "li"),
    ("静", "jing"),
    ("敏", "min"),
    ("芳", "fang"),
    ("婷", "ting"),
    ("雪", "xue"),
    ("慧", "hui"),
    ("琳", "lin"),
    ("颖", "ying"),
    ("梅", "mei"),
];

#[derive(Debug, Clone)]
struct Person {
    parts: Vec<(&'static str, &'static str)>,
    phone: String,
}

fn person() -> impl Strategy<Value = Person> {
    (
        0..SURNAMES.len(),
        prop::collection::vec(0..GIVEN.len(), 1..=2),
        prop::sample::select(vec!["138", "139", "150", "186", "199"]),
        0u32..100_000_000,
    )
        .prop_map(|(s, given, prefix, rest)| {
            let mut parts = vec![SURNAMES[s]];
            parts.extend(given.into_iter().map(|g| GIVEN[g]));
            Person {
                parts,
                phone: format!("{prefix}{rest:08}"),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Every member is found by each of her keys: phone suffixes of 4+ digits,
    /// the whole phone, one- and two-character parts of her name, her whole
    /// name, pinyin in full and by initials, and her card number.
    #[test]
    fn every_member_is_found_by_each_of_her_keys(people in prop::collection::vec(person(), 1..20)) {
        let mut t = store();
        let mut registered = Vec::new();
        for p in &people {
            let name: String = p.parts.iter().map(|(c, _)| *c).collect();
            // Duplicate phones are refused by design; the property is about the rest.
            if let Ok(m) = t.store.register_member(&boss(), &member(&name, &p.phone)) {
                registered.push((m, p.clone()));
            }
            t.clock.advance(Duration::minutes(7));
        }
        for (m, p) in &registered {
            let chars: Vec<&str> = p.parts.iter().map(|(c, _)| *c).collect();
            let mut keys: Vec<String> = vec![
                p.phone.clone(),
                m.member_no.clone(),
                chars.concat(),
                p.parts.iter().map(|(_, py)| *py).collect::<String>(),
                p.parts.iter().map(|(_, py)| &py[..1]).collect::<String>(),
            ];
            for len in 4..=p.phone.len() {
                keys.push(p.phone[p.phone.len() - len..].to_owned());
            }
            for c in &chars {
                keys.push((*c).to_owned());
            }
            for pair in chars.windows(2) {
                keys.push(pair.concat());
            }
            for key in keys {
                let hits = t.store.search_members(&key, 200).unwrap();
                prop_assert!(
                    hits.iter().any(|h| h.id == m.id),
                    "{} ({}) not found by key {:?}; got {:?}",
                    m.name, p.phone, key, hits.iter().map(|h| &h.name).collect::<Vec<_>>()
                );
            }
        }
    }
}
