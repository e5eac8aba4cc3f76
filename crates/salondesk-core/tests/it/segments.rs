//! The member list's filters (Back office → Member list): each alone, in
//! combination, who may use them, and its pages. The members and their
//! visits are in `segments_fixture` (a table of who is what).

use crate::segments_fixture::{crowd, set};
use chrono::NaiveDate;
use salondesk_core::member::{Gender, SkinType, Tier};
use salondesk_core::segments::{RfmClass, SegmentFilter};
use salondesk_core::CoreError;

fn day(m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, m, d)
}

#[test]
fn each_filter_alone_picks_the_members_the_table_says() {
    let mut w = crowd();
    w.s.t
        .store
        .run_segments_nightly(day(11, 23).unwrap())
        .unwrap();
    let f = SegmentFilter::default;
    let cases: Vec<(SegmentFilter, &[&str], &str)> = vec![
        (
            f(),
            &["王丽娜", "赵敏", "孙强", "周婷", "吴芳"],
            "no filter: everyone on the books",
        ),
        (
            SegmentFilter {
                tiers: vec![Tier::Gold],
                ..f()
            },
            &["王丽娜"],
            "gold",
        ),
        (
            SegmentFilter {
                tiers: vec![Tier::Silver, Tier::Gold],
                ..f()
            },
            &["王丽娜", "周婷"],
            "tiers within one filter are alternatives",
        ),
        (
            SegmentFilter {
                last_visit_from: day(11, 1),
                ..f()
            },
            &["王丽娜", "赵敏"],
            "a refunded visit is still her last visit",
        ),
        (
            SegmentFilter {
                last_visit_to: day(8, 1),
                ..f()
            },
            &["周婷", "吴芳"],
            "the 'to' day is included, to the store's midnight",
        ),
        (
            SegmentFilter {
                last_visit_from: day(8, 2),
                last_visit_to: day(11, 17),
                ..f()
            },
            &["赵敏"],
            "a range",
        ),
        (
            SegmentFilter {
                spend_min: Some(300_000),
                ..f()
            },
            &["王丽娜"],
            "18 facials at gold price",
        ),
        (
            SegmentFilter {
                spend_max: Some(0),
                ..f()
            },
            &["赵敏", "孙强"],
            "a refund takes its spend back; no visit is no spend",
        ),
        (
            SegmentFilter {
                spend_min: Some(20_000),
                spend_max: Some(30_000),
                ..f()
            },
            &["周婷", "吴芳"],
            "one facial at ¥268",
        ),
        (
            SegmentFilter {
                visits_min: Some(2),
                ..f()
            },
            &["王丽娜"],
            "six visits",
        ),
        (
            SegmentFilter {
                visits_max: Some(0),
                ..f()
            },
            &["孙强"],
            "never came",
        ),
        (
            SegmentFilter {
                age_min: Some(41),
                ..f()
            },
            &["孙强", "吴芳"],
            "吴芳 turns 41 today, 孙强 is 46",
        ),
        (
            SegmentFilter {
                age_max: Some(30),
                ..f()
            },
            &["赵敏", "周婷"],
            "周婷 is 30 until 31 December",
        ),
        (
            SegmentFilter {
                age_min: Some(30),
                age_max: Some(36),
                ..f()
            },
            &["王丽娜", "周婷"],
            "an age band",
        ),
        (
            SegmentFilter {
                genders: vec![Gender::Male],
                ..f()
            },
            &["孙强"],
            "men",
        ),
        (
            SegmentFilter {
                regions: vec!["海淀".into(), "西城".into()],
                ..f()
            },
            &["赵敏", "周婷", "吴芳"],
            "either region",
        ),
        (
            SegmentFilter {
                skin_types: vec![SkinType::Sensitive],
                ..f()
            },
            &["王丽娜"],
            "sensitive skin (the owner may)",
        ),
        (
            SegmentFilter {
                tags: vec!["学生".into()],
                ..f()
            },
            &["周婷"],
            "a tag",
        ),
        (
            SegmentFilter {
                tags: vec!["VIP".into(), "学生".into()],
                ..f()
            },
            &["王丽娜", "周婷"],
            "any of the tags, each member once",
        ),
        (
            SegmentFilter {
                consent: Some(true),
                ..f()
            },
            &["王丽娜", "孙强", "周婷"],
            "gave marketing consent",
        ),
        (
            SegmentFilter {
                consent: Some(false),
                ..f()
            },
            &["赵敏", "吴芳"],
            "did not",
        ),
        (
            SegmentFilter {
                birthday_month: Some(3),
                ..f()
            },
            &["王丽娜", "孙强"],
            "March birthdays",
        ),
        (
            SegmentFilter {
                rfm: vec![RfmClass::HighValue],
                ..f()
            },
            &["王丽娜"],
            "high value",
        ),
        (
            SegmentFilter {
                rfm: vec![RfmClass::AtRisk, RfmClass::Lost],
                ..f()
            },
            &["周婷", "吴芳"],
            "114 and 206 days since their last visit",
        ),
        (
            SegmentFilter {
                rfm: vec![RfmClass::LowValue],
                ..f()
            },
            &["赵敏"],
            "one visit, refunded",
        ),
    ];
    for (filter, want, why) in cases {
        assert_eq!(w.names(&filter), set(want), "{why}: {filter:?}");
    }
}

#[test]
fn filters_combine_so_a_member_must_match_every_one() {
    let w = crowd();
    let three = SegmentFilter {
        tiers: vec![Tier::Standard],
        consent: Some(true),
        birthday_month: Some(3),
        ..SegmentFilter::default()
    };
    assert_eq!(
        w.names(&three),
        set(&["孙强"]),
        "王丽娜 has a March birthday and consent but is gold"
    );
    let women_of_haidian_vip = SegmentFilter {
        genders: vec![Gender::Female],
        regions: vec!["海淀".into()],
        tags: vec!["VIP".into()],
        ..SegmentFilter::default()
    };
    assert_eq!(
        w.names(&women_of_haidian_vip),
        set(&["周婷"]),
        "赵敏 has no tag"
    );
    let none = SegmentFilter {
        genders: vec![Gender::Male],
        spend_min: Some(1),
        ..SegmentFilter::default()
    };
    assert!(w.names(&none).is_empty(), "the only man never spent");
}

#[test]
fn an_archived_member_leaves_every_list() {
    let mut w = crowd();
    let boss = w.s.owner.clone();
    w.s.t.store.archive_member(&boss, w.c).unwrap();
    let men = SegmentFilter {
        genders: vec![Gender::Male],
        ..SegmentFilter::default()
    };
    assert!(w.names(&men).is_empty(), "孙强 was archived");
    assert_eq!(
        w.names(&SegmentFilter::default()).len(),
        4,
        "four left on the books"
    );
}

#[test]
fn a_cashier_may_not_list_members_and_only_who_sees_sensitive_notes_filters_by_skin_type() {
    let w = crowd();
    let store = &w.s.t.store;
    let err = store
        .segment_count(&w.s.cashier, &SegmentFilter::default())
        .unwrap_err();
    assert!(
        matches!(err, CoreError::Forbidden(_)),
        "choosing an audience is ManageCampaigns: {err:?}"
    );
    let skin = SegmentFilter {
        skin_types: vec![SkinType::Sensitive],
        ..SegmentFilter::default()
    };
    for who in [&w.s.owner, &w.s.manager, &w.s.cashier, &w.s.beautician] {
        let may = who
            .role
            .may(salondesk_core::staff::Permission::SeeSensitiveNotes)
            && who
                .role
                .may(salondesk_core::staff::Permission::ManageCampaigns);
        assert_eq!(
            store.segment_count(who, &skin).is_ok(),
            may,
            "{:?}: a skin-type filter needs SeeSensitiveNotes on top of the list's permission",
            who.role
        );
    }
}

#[test]
fn a_filter_no_one_could_mean_is_refused_on_its_field() {
    let w = crowd();
    let refused = |f: SegmentFilter| match w.s.t.store.segment_count(&w.s.owner, &f) {
        Err(CoreError::Validation { field, .. }) => field,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(
        refused(SegmentFilter {
            birthday_month: Some(13),
            ..SegmentFilter::default()
        }),
        "birthdayMonth"
    );
    assert_eq!(
        refused(SegmentFilter {
            spend_min: Some(10),
            spend_max: Some(5),
            ..SegmentFilter::default()
        }),
        "spendMax",
        "the maximum is the field to fix"
    );
    assert_eq!(
        refused(SegmentFilter {
            last_visit_from: day(11, 2),
            last_visit_to: day(11, 1),
            ..SegmentFilter::default()
        }),
        "lastVisitTo"
    );
}

#[test]
fn the_list_pages_by_registration_order_and_shows_the_phone_as_the_role_may_see_it() {
    let w = crowd();
    let store = &w.s.t.store;
    let all = SegmentFilter::default();
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.segment_page(&w.s.owner, &all, after, 2).unwrap();
        assert!(page.members.len() <= 2, "a page holds what was asked");
        seen.extend(page.members.iter().map(|m| m.name.clone()));
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    assert_eq!(
        seen,
        ["王丽娜", "赵敏", "孙强", "周婷", "吴芳"],
        "every member once, in the order they registered"
    );
    let first = store.segment_page(&w.s.owner, &all, None, 1).unwrap();
    let a = &first.members[0];
    assert!(
        !a.phone.contains('*') && a.phone.contains("5678"),
        "the owner sees the whole number: {}",
        a.phone
    );
    assert_eq!(a.tier, Tier::Gold);
    assert_eq!(a.visits, 6, "six visits in all");
    assert!(
        a.spend365 >= 300_000,
        "her spend in the last 365 days: {}",
        a.spend365
    );
    assert!(
        store.segment_page(&w.s.beautician, &all, None, 10).is_err(),
        "a beautician may not page through members"
    );
}
