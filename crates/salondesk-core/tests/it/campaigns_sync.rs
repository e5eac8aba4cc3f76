//! Campaigns across tills: everything issuing and redeeming emits passes the
//! server's schema and applies cleanly elsewhere; a member coupon used at one
//! store is used at every store (its uses are chain-wide, the sale is not).

use crate::campaigns_fixture::{campaign_input, with_coupon};
use crate::checkout_fixture::{salon, Salon};
use crate::sync_fixture::{enrol, till, Server, Till, STORE_A, STORE_B};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::Money;

#[test]
fn a_coupon_issued_and_used_at_one_store_is_used_at_every_store() {
    let Salon {
        mut t,
        owner,
        cashier,
        facial,
        member,
        ..
    } = with_coupon(salon());
    enrol(&mut t, STORE_A, "A", "01");
    let mut a1 = Till {
        t,
        store_id: STORE_A,
    };
    let mut a2 = till(STORE_A, "A", "02");
    let mut b1 = till(STORE_B, "B", "01");
    let mut server = Server::default();

    let mut input = campaign_input(vec![]);
    input.control_pct = 0;
    input.message_en = "Hello {name}".into();
    let c = a1.store().create_campaign(&owner, &input).unwrap();
    a1.store()
        .issue_campaign(&owner, &c.id, &mut |_, _| {})
        .unwrap();
    let today = a1.store().business_date().unwrap();
    let coupon = a1.store().member_coupons(member, Some(today)).unwrap()[0].id;
    let cart = Cart {
        member_id: Some(member),
        lines: vec![CartLine::new(LineItem::Service {
            service_id: facial,
            qty: 1,
        })],
        coupon: Some(coupon.to_string()),
        ..Cart::default()
    };
    let total = a1.store().quote(&cart).unwrap().total;
    a1.store()
        .complete_sale(&cashier, &cart, &[Tender::Cash { amount: total }])
        .unwrap();
    assert_eq!(total, Money::yuan(268 - 50), "¥50 off the ¥268 facial");

    // `push` panics on any operation the server's schema would refuse.
    server.sync(&mut [&mut a1, &mut a2, &mut b1]);
    for (name, t) in [("A2", &mut a2), ("B1", &mut b1)] {
        assert!(
            t.store().sync_apply_errors(10).unwrap().is_empty(),
            "{name} applied every operation cleanly"
        );
        let mine = t.store().member_coupons(member, None).unwrap();
        assert_eq!(mine.len(), 1, "{name} knows her coupon");
        assert!(
            mine[0].used_by_sale.is_some(),
            "{name} knows it is used, though the sale stays in store A"
        );
        assert!(
            t.store()
                .member_coupons(member, Some(today))
                .unwrap()
                .is_empty(),
            "{name} does not offer it again"
        );
    }
    assert_eq!(
        a2.store().campaigns().unwrap().len(),
        1,
        "the store's other till sees the campaign"
    );
    assert!(
        b1.store().campaigns().unwrap().is_empty(),
        "another store does not: campaigns are a store's"
    );
}
