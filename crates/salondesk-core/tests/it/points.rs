//! Points expiry (积分过期) and referral points (推荐积分).

use crate::checkout_fixture::{salon, Salon};
use crate::support::boss;
use crate::support::member;
use chrono::{NaiveDate, TimeZone, Utc};
use salondesk_core::checkout::{CartLine, LineItem, RefundRequest, SaleOutcome, Tender};
use salondesk_core::ledger::{points, points_expiring};
use salondesk_core::member::MemberInput;
use salondesk_core::Money;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Sets the clock to 10:00 in the store (UTC+8) on that day.
fn on(s: &Salon, y: i32, m: u32, d: u32) {
    s.t.clock
        .set(Utc.with_ymd_and_hms(y, m, d, 2, 0, 0).unwrap());
}

/// One facial (268 yuan; 268 points for a 普通 member), paid with `pay_points`
/// points and the rest in cash.
fn facial(s: &mut Salon, pay_points: i64) -> SaleOutcome {
    let mut tenders = vec![Tender::Cash {
        amount: Money::yuan(268),
    }];
    if pay_points > 0 {
        tenders.insert(0, Tender::Points { points: pay_points });
    }
    let line = CartLine::new(LineItem::Service {
        service_id: s.facial,
        qty: 1,
    });
    s.sell(vec![line], &tenders).expect("a facial")
}

fn balance(s: &Salon) -> i64 {
    points(s.t.store.conn(), s.member).unwrap()
}

fn expire_rows(s: &Salon) -> Vec<i64> {
    s.t.store
        .conn()
        .prepare("SELECT delta FROM points_ledger WHERE reason = 'expire' ORDER BY created_at, id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn points_left_unspent_expire_at_the_end_of_the_next_year_and_only_once() {
    let mut s = salon();
    on(&s, 2025, 6, 1);
    assert_eq!(facial(&mut s, 0).points_earned, 268);
    on(&s, 2025, 9, 1);
    assert_eq!(facial(&mut s, 0).points_earned, 268);
    on(&s, 2026, 3, 1);
    let spent = facial(&mut s, 100);
    assert_eq!(
        spent.points_earned, 267,
        "none on the yuan paid with points"
    );
    assert_eq!(balance(&s), 536 - 100 + 267);
    assert_eq!(
        points_expiring(s.t.store.conn(), s.member, date(2026, 12, 31)).unwrap(),
        436,
        "the 100 spent came out of 2025's points, the oldest"
    );
    assert_eq!(
        points_expiring(s.t.store.conn(), s.member, date(2026, 12, 30)).unwrap(),
        0,
        "2025's points last to the end of 2026-12-31"
    );

    on(&s, 2026, 12, 31);
    assert_eq!(
        s.t.store.expire_points(date(2026, 12, 31)).unwrap(),
        0,
        "on their last day they are still good"
    );

    on(&s, 2027, 1, 1);
    let ops_before = s.t.store.pending_ops().unwrap();
    assert_eq!(s.t.store.expire_points(date(2027, 1, 1)).unwrap(), 1);
    assert_eq!(expire_rows(&s), vec![-436]);
    assert_eq!(
        balance(&s),
        267,
        "what 2026's sale earned is untouched until 2027 ends"
    );
    assert_eq!(
        s.t.store.pending_ops().unwrap(),
        ops_before + 1,
        "one outbox operation for the member's expiry"
    );

    assert_eq!(
        s.t.store.expire_points(date(2027, 1, 1)).unwrap(),
        0,
        "run again, nothing more expires"
    );
    assert_eq!(s.t.store.expire_points(date(2027, 6, 1)).unwrap(), 0);
    assert_eq!(expire_rows(&s), vec![-436]);
    assert_eq!(balance(&s), 267);
    assert_eq!(
        points_expiring(s.t.store.conn(), s.member, date(2027, 12, 31)).unwrap(),
        267
    );

    assert_eq!(s.t.store.expire_points(date(2028, 1, 1)).unwrap(), 1);
    assert_eq!(balance(&s), 0);
}

#[test]
fn a_refund_takes_back_the_points_of_its_own_sale_not_the_oldest() {
    let mut s = salon();
    on(&s, 2025, 6, 1);
    facial(&mut s, 0);
    on(&s, 2026, 3, 1);
    let later = facial(&mut s, 0);
    let approval = s.approval();
    s.t.store
        .refund(
            &s.cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: later.sale_id,
                line_ids: None,
                void: false,
            },
        )
        .unwrap();
    assert_eq!(balance(&s), 268);
    on(&s, 2027, 1, 1);
    s.t.store.expire_points(date(2027, 1, 1)).unwrap();
    assert_eq!(
        balance(&s),
        0,
        "the refund took back 2026's points: 2025's were never spent, and expire"
    );
}

#[test]
fn expiry_never_takes_a_member_below_zero() {
    let mut s = salon();
    on(&s, 2025, 6, 1);
    let first = facial(&mut s, 0);
    on(&s, 2026, 3, 1);
    facial(&mut s, 268);
    // The 2025 sale is refunded after its points were spent: she owes them back.
    let approval = s.approval();
    s.t.store
        .refund(
            &s.cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: first.sale_id,
                line_ids: None,
                void: false,
            },
        )
        .unwrap();
    let owed = balance(&s);
    assert_eq!(
        owed, -3,
        "earned 268, spent them, earned 265 on the rest, owes 268 back"
    );
    for year in [2027, 2028] {
        on(&s, year, 1, 1);
        assert_eq!(s.t.store.expire_points(date(year, 1, 1)).unwrap(), 0);
        assert_eq!(balance(&s), owed, "nothing left unspent to expire");
    }
}

#[test]
fn a_referrer_earns_referral_points_that_expire_like_earned_ones() {
    let mut s = salon();
    let referrer = s.member;
    let input = MemberInput {
        referrer_id: Some(referrer),
        ..member("赵敏", "13900001111")
    };
    s.t.store.register_member(&boss(), &input).unwrap();
    assert_eq!(
        balance(&s),
        500,
        "the default referral points go to the referrer"
    );
    let (expires, op): (String, String) =
        s.t.store
            .conn()
            .query_row(
                "SELECT l.expires_on, o.payload FROM points_ledger l
             JOIN outbox o ON o.entity = 'points_ledger' AND o.entity_id = l.id
             WHERE l.member_id = ?1 AND l.reason = 'referral'",
                [referrer],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
    assert_eq!(
        expires, "2027-12-31",
        "registered in 2026: good to the end of 2027"
    );
    assert!(op.contains("\"referral\""), "{op}");

    on(&s, 2027, 12, 31);
    assert_eq!(s.t.store.expire_points(date(2027, 12, 31)).unwrap(), 0);
    on(&s, 2028, 1, 1);
    assert_eq!(s.t.store.expire_points(date(2028, 1, 1)).unwrap(), 1);
    assert_eq!(balance(&s), 0);
}

#[test]
fn a_referrer_who_does_not_exist_or_is_archived_is_refused_and_nothing_is_written() {
    let mut s = salon();
    let st = &mut s.t.store;
    let gone = st
        .register_member(&boss(), &member("钱多多", "13900002222"))
        .unwrap();
    st.archive_member(&boss(), gone.id).unwrap();
    let count = st.member_count().unwrap();
    let ops = st.pending_ops().unwrap();
    let nobody = salondesk_core::ids::MemberId(uuid::Uuid::now_v7());
    for referrer in [gone.id, nobody] {
        let input = MemberInput {
            referrer_id: Some(referrer),
            ..member("赵敏", "13900001111")
        };
        let err = st.register_member(&boss(), &input).unwrap_err();
        assert_eq!(err.field(), Some("referrerId"), "{err}");
    }
    assert_eq!(st.member_count().unwrap(), count, "no member registered");
    assert_eq!(st.pending_ops().unwrap(), ops, "nothing written");
    assert_eq!(points(st.conn(), gone.id).unwrap(), 0);
}

#[test]
fn a_profile_keeps_a_referrer_who_was_archived_after_she_referred() {
    let mut s = salon();
    let referrer = s.member;
    let st = &mut s.t.store;
    let input = MemberInput {
        referrer_id: Some(referrer),
        ..member("赵敏", "13900001111")
    };
    let referred = st.register_member(&boss(), &input).unwrap();
    st.archive_member(&boss(), referrer).unwrap();
    let edited = MemberInput {
        notes: "prefers mornings".into(),
        ..input
    };
    let saved = st
        .update_member(&boss(), referred.id, &edited)
        .expect("an edit that leaves the referrer as she was");
    assert_eq!(saved.referrer_id, Some(referrer));
}
