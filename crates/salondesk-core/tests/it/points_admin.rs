//! Points in the back office (积分): her history with every reason, a
//! manager's adjustment by hand (audited, never below zero), and the
//! exchange list, whose gifts spend points and leave stock.

use crate::checkout_fixture::{salon, Salon};
use crate::permissions::footprint;
use crate::sync_fixture::cash;
use salondesk_core::checkout::{CartLine, LineItem};
use salondesk_core::points::{ExchangeItemInput, ExchangeKind};

fn points(s: &Salon) -> i64 {
    salondesk_core::ledger::points(s.t.store.conn(), s.member).unwrap()
}

pub fn gift(s: &mut Salon, price: i64) -> String {
    let manager = s.manager.clone();
    s.t.store
        .save_exchange_item(
            &manager,
            &ExchangeItemInput {
                id: None,
                kind: ExchangeKind::Product,
                item_id: Some(s.serum.to_string()),
                coupon_code: None,
                name: "玻尿酸精华（赠品）".into(),
                points: price,
                valid_days: None,
                active: true,
            },
        )
        .expect("a manager adds a gift to the exchange list")
}

#[test]
fn an_adjustment_by_hand_is_in_her_history_with_reason_and_who_and_audited() {
    let mut s = salon();
    s.sell(
        vec![CartLine::new(LineItem::Product {
            product_id: s.serum,
            qty: 1,
        })],
        &[cash(36_800)],
    )
    .unwrap();
    let earned = points(&s);
    assert!(earned > 0, "the sale earned points");
    s.t.clock.advance(chrono::Duration::minutes(5));
    let manager = s.manager.clone();
    let after =
        s.t.store
            .adjust_points(&manager, s.member, 100, "投诉补偿")
            .unwrap();
    assert_eq!(after, earned + 100, "the new balance is the ledger's sum");
    let history = s.t.store.points_history(s.member, 50).unwrap();
    let reasons: Vec<_> = history.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(
        reasons,
        ["adjust", "earn"],
        "newest first, each with its reason"
    );
    assert_eq!(
        history[0].note.as_deref(),
        Some("投诉补偿"),
        "why, as typed"
    );
    assert_eq!(
        history[0].staff_name.as_deref(),
        Some("周店长"),
        "who did it"
    );
    assert_eq!(history[0].balance, after, "the balance after each entry");
    assert!(history[1].receipt_no.is_some(), "earned on a named sale");
    assert!(
        history[0].expires_on.is_some(),
        "points given by hand expire as earned ones do"
    );
    let audited: i64 =
        s.t.store
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'points_adjusted'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(audited, 1, "points by hand are audited");
}

#[test]
fn points_by_hand_are_refused_for_a_cashier_without_a_reason_and_below_zero() {
    let mut s = salon();
    let cashier = s.cashier.clone();
    let manager = s.manager.clone();
    let before = footprint(&s);
    let e =
        s.t.store
            .adjust_points(&cashier, s.member, 100, "送的")
            .unwrap_err();
    assert_eq!(
        e.code(),
        "forbidden",
        "a cashier does not give points by hand"
    );
    let e =
        s.t.store
            .adjust_points(&manager, s.member, 100, " ")
            .unwrap_err();
    assert_eq!(e.field(), Some("note"), "a reason is required");
    let e =
        s.t.store
            .adjust_points(&manager, s.member, -1, "扣错了")
            .unwrap_err();
    assert_eq!(
        e.field(),
        Some("delta"),
        "she has no points: taking one would go below zero"
    );
    assert_eq!(footprint(&s), before, "refusals write nothing");
    assert_eq!(points(&s), 0);
}

#[test]
fn an_exchange_spends_her_points_and_the_gift_leaves_stock() {
    let mut s = salon();
    let item = gift(&mut s, 300);
    let manager = s.manager.clone();
    s.t.store
        .adjust_points(&manager, s.member, 500, "老会员积分转入")
        .unwrap();
    let stock = salondesk_core::ledger::stock(s.t.store.conn(), &s.serum.to_string()).unwrap();
    s.t.clock.advance(chrono::Duration::minutes(5));
    let cashier = s.cashier.clone();
    let done =
        s.t.store
            .exchange_points(&cashier, s.member, &item)
            .unwrap();
    assert_eq!(done.points_left, 200, "500 less the gift's 300");
    assert_eq!(points(&s), 200, "the ledger agrees");
    assert_eq!(
        salondesk_core::ledger::stock(s.t.store.conn(), &s.serum.to_string()).unwrap(),
        stock - 1,
        "the gift left the shelf"
    );
    let history = s.t.store.points_history(s.member, 10).unwrap();
    assert_eq!(
        (history[0].reason.as_str(), history[0].note.as_deref()),
        ("exchange", Some("玻尿酸精华（赠品）")),
        "her history says what she took"
    );
    let before = footprint(&s);
    let e =
        s.t.store
            .exchange_points(&cashier, s.member, &item)
            .unwrap_err();
    assert_eq!(
        e.field(),
        Some("points"),
        "200 points do not buy a 300-point gift"
    );
    assert_eq!(footprint(&s), before, "a refused exchange writes nothing");
    assert_eq!(
        s.t.store.exchange_items(false).unwrap()[0].on_hand,
        Some(stock - 1),
        "the list shows the gift's stock"
    );
}

#[test]
fn a_gift_out_of_stock_is_refused_and_her_points_stay() {
    let mut s = salon();
    let item = gift(&mut s, 10);
    let manager = s.manager.clone();
    s.t.store
        .adjust_points(&manager, s.member, 500, "活动赠送")
        .unwrap();
    let on_hand = salondesk_core::ledger::stock(s.t.store.conn(), &s.serum.to_string()).unwrap();
    s.t.store
        .adjust_stock(
            &manager,
            &salondesk_core::stock::AdjustInput {
                product: s.serum,
                qty: -on_hand,
                reason: salondesk_core::stock::AdjustReason::Damaged,
                note: String::new(),
            },
        )
        .unwrap();
    let cashier = s.cashier.clone();
    let e =
        s.t.store
            .exchange_points(&cashier, s.member, &item)
            .unwrap_err();
    assert_eq!(e.field(), Some("itemId"), "none on the shelf to give");
    assert_eq!(points(&s), 500, "the points were not spent");
}

#[test]
fn the_exchange_list_is_kept_by_a_manager() {
    let mut s = salon();
    let cashier = s.cashier.clone();
    let e =
        s.t.store
            .save_exchange_item(
                &cashier,
                &ExchangeItemInput {
                    id: None,
                    kind: ExchangeKind::Coupon,
                    item_id: None,
                    coupon_code: Some("GIFT50".into()),
                    name: "50元券".into(),
                    points: 500,
                    valid_days: Some(30),
                    active: true,
                },
            )
            .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let id = gift(&mut s, 300);
    let manager = s.manager.clone();
    let mut edit = ExchangeItemInput {
        id: Some(id.clone()),
        kind: ExchangeKind::Product,
        item_id: Some(s.serum.to_string()),
        coupon_code: None,
        name: "精华小样".into(),
        points: 250,
        valid_days: None,
        active: false,
    };
    s.t.store.save_exchange_item(&manager, &edit).unwrap();
    assert!(
        s.t.store.exchange_items(false).unwrap().is_empty(),
        "a retired item leaves the desk's list"
    );
    let all = s.t.store.exchange_items(true).unwrap();
    assert_eq!((all[0].name.as_str(), all[0].points), ("精华小样", 250));
    edit.points = 0;
    let e = s.t.store.save_exchange_item(&manager, &edit).unwrap_err();
    assert_eq!(e.field(), Some("points"), "an item costs at least a point");
}
