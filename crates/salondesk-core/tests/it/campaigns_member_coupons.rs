//! A coupon bound to one member: hers only, one use, priced by the coupon
//! rules, given back when her whole sale is refunded.

use crate::campaigns_fixture::{day, gold_members, with_coupon, SPRING};
use crate::checkout_fixture::{salon, Salon};
use crate::sync_fixture::count;
use salondesk_core::campaigns::{issue_member_coupon, reason};
use salondesk_core::checkout::{coupon_reason, Cart, CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::ids::MemberId;
use salondesk_core::{CoreError, Money};

fn facial_cart(s: &Salon, member: Option<MemberId>, coupon: &str) -> Cart {
    Cart {
        member_id: member,
        lines: vec![
            CartLine::new(LineItem::Service {
                service_id: s.facial,
                qty: 1,
            }),
            CartLine::new(LineItem::Product {
                product_id: s.serum,
                qty: 1,
            }),
        ],
        coupon: Some(coupon.into()),
        ..Cart::default()
    }
}

fn refused(e: CoreError) -> &'static str {
    match e {
        CoreError::CouponRefused { reason, .. } => reason,
        other => panic!("expected a coupon refusal, got {other:?}"),
    }
}

fn give(s: &mut Salon, member: MemberId, source: &str) -> uuid::Uuid {
    s.t.store
        .write(|w| issue_member_coupon(w, member, SPRING, day(20), day(30), source))
        .unwrap()
}

fn pay(s: &mut Salon, cart: &Cart) -> String {
    let total = s.t.store.quote(cart).unwrap().total;
    let cashier = s.cashier.clone();
    s.t.store
        .complete_sale(&cashier, cart, &[Tender::Cash { amount: total }])
        .unwrap()
        .sale_id
}

#[test]
fn issuing_the_same_coupon_twice_for_one_source_gives_one_coupon() {
    let mut s = with_coupon(salon());
    let m = s.member;
    let first = give(&mut s, m, "birthday:2026");
    let outbox = count(&s.t.store, "SELECT count(*) FROM outbox");
    assert_eq!(give(&mut s, m, "birthday:2026"), first, "the same id back");
    assert_eq!(
        count(&s.t.store, "SELECT count(*) FROM outbox"),
        outbox,
        "and nothing written"
    );
    assert_ne!(
        give(&mut s, m, "birthday:2027"),
        first,
        "another source is another coupon"
    );
    let e =
        s.t.store
            .write(|w| issue_member_coupon(w, m, "NOSUCH", day(20), day(30), "x:1"))
            .unwrap_err();
    assert_eq!(e.code(), "not_found", "a coupon code the back office lacks");
}

#[test]
fn a_member_coupon_is_priced_by_the_coupon_rules_and_serves_only_its_member() {
    let mut s = with_coupon(salon());
    let her = s.member;
    let other = gold_members(&mut s, 1, |_| true)[0];
    let id = give(&mut s, her, "campaign:test").to_string();
    let today = s.t.store.business_date().unwrap();
    let offered = s.t.store.member_coupons(her, Some(today)).unwrap();
    assert_eq!(offered.len(), 1, "offered at checkout when she is attached");
    let quote = s.t.store.quote(&facial_cart(&s, Some(her), &id)).unwrap();
    assert_eq!(
        quote.coupon_discount,
        Money::yuan(50),
        "¥50 off, as SPRING50 says"
    );
    assert_eq!(
        refused(
            s.t.store
                .quote(&facial_cart(&s, Some(other), &id))
                .unwrap_err()
        ),
        reason::NOT_HERS,
        "another member cannot use her coupon"
    );
    assert_eq!(
        refused(s.t.store.quote(&facial_cart(&s, None, &id)).unwrap_err()),
        coupon_reason::MEMBER_REQUIRED,
        "nor a walk-in"
    );
    assert_eq!(
        s.t.store.member_coupons(other, Some(today)).unwrap().len(),
        0,
        "and it is not offered to anyone else"
    );
}

#[test]
fn a_member_coupon_is_used_once_and_comes_back_only_with_the_whole_sale() {
    let mut s = with_coupon(salon());
    let her = s.member;
    let id = give(&mut s, her, "campaign:test").to_string();
    let today = s.t.store.business_date().unwrap();
    let cart = facial_cart(&s, Some(her), &id);
    let sale = pay(&mut s, &cart);
    assert_eq!(
        s.t.store
            .member_coupon(id.parse().unwrap())
            .unwrap()
            .used_by_sale
            .as_deref(),
        Some(sale.as_str()),
        "the sale holds it"
    );
    assert!(
        s.t.store
            .member_coupons(her, Some(today))
            .unwrap()
            .is_empty(),
        "used: no longer offered"
    );
    assert_eq!(
        refused(
            s.t.store
                .quote(&facial_cart(&s, Some(her), &id))
                .unwrap_err()
        ),
        coupon_reason::USED_UP,
        "a second use is refused"
    );

    // Refunding one line keeps it used: the rest of the sale kept the discount.
    let manager = s.manager.clone();
    let lines: Vec<String> =
        s.t.store
            .conn()
            .prepare("SELECT id FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no")
            .unwrap()
            .query_map([&sale], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
    let part = RefundRequest {
        original_sale_id: sale.clone(),
        line_ids: Some(vec![lines[1].clone()]),
        void: false,
    };
    s.t.store.refund(&manager, None, &part).unwrap();
    assert!(
        s.t.store
            .member_coupons(her, Some(today))
            .unwrap()
            .is_empty(),
        "one line back: still used"
    );
    let rest = RefundRequest {
        original_sale_id: sale.clone(),
        line_ids: None,
        void: false,
    };
    s.t.store.refund(&manager, None, &rest).unwrap();
    assert_eq!(
        s.t.store.member_coupons(her, Some(today)).unwrap().len(),
        1,
        "the whole sale back: hers again"
    );
    let cart = facial_cart(&s, Some(her), &id);
    pay(&mut s, &cart);
    assert!(
        s.t.store
            .member_coupons(her, Some(today))
            .unwrap()
            .is_empty(),
        "and usable once more"
    );
}

#[test]
fn a_member_coupon_outside_its_dates_is_refused_as_the_rules_say() {
    let mut s = with_coupon(salon());
    let her = s.member;
    let id =
        s.t.store
            .write(|w| issue_member_coupon(w, her, SPRING, day(25), day(30), "late:1"))
            .unwrap()
            .to_string();
    assert_eq!(
        refused(
            s.t.store
                .quote(&facial_cart(&s, Some(her), &id))
                .unwrap_err()
        ),
        coupon_reason::NOT_YET_VALID,
        "the clock says the 23rd; it starts on the 25th"
    );
}
