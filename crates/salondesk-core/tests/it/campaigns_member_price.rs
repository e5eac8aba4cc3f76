//! The member-price offer (会员价): a campaign prices some services for its
//! segment over its window; at checkout a reached member buying one pays
//! that price, shown as the campaign's discount on the line and the
//! receipt; the held-out members and every other day pay as before; the
//! campaign's cost counts it, net of refunds.

use crate::campaigns_fixture::{campaign_input, day, gold_members};
use crate::checkout_fixture::{salon, Salon};
use salondesk_core::campaigns::{in_control_group, Offer, ServicePrice};
use salondesk_core::checkout::{Cart, CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::ids::MemberId;
use salondesk_core::member::Tier;
use salondesk_core::receipt::{render_text, PaperWidth, ReceiptLang};
use salondesk_core::Money;

/// The ¥268 facial at ¥198 for gold members, Nov 20–30, 30% held out.
fn offer(s: &mut Salon, n: usize) -> (Vec<MemberId>, String) {
    let golds = gold_members(s, n, |_| true);
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    input.control_pct = 30;
    input.offer = Offer::MemberPrice {
        prices: vec![ServicePrice {
            service_id: s.facial.to_string(),
            price: Money::yuan(198),
        }],
    };
    let c = s.t.store.create_campaign(&owner, &input).unwrap();
    s.t.store
        .issue_campaign(&owner, &c.id, &mut |_, _| {})
        .unwrap();
    (golds, c.id)
}

fn facial_for(s: &Salon, m: MemberId) -> Cart {
    Cart {
        member_id: Some(m),
        lines: vec![CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })
        .by(s.beautician.id)],
        ..Cart::default()
    }
}

/// Sets the clock to noon (store time) on November `d`.
fn on(s: &Salon, d: u32) {
    crate::care::at_local(s, day(d), 12);
}

#[test]
fn a_reached_member_pays_the_member_price_in_the_window_and_the_held_out_do_not() {
    let mut s = salon();
    on(&s, 19);
    let (golds, id) = offer(&mut s, 20);
    let reached = *golds
        .iter()
        .find(|m| !in_control_group(&id, &m.to_string(), 30))
        .unwrap();
    let held = *golds
        .iter()
        .find(|m| in_control_group(&id, &m.to_string(), 30))
        .expect("30% of 20: some are held out");

    let before = s.t.store.quote(&facial_for(&s, reached)).unwrap();
    assert_eq!(
        before.campaign_discount,
        Money::ZERO,
        "Nov 19 is before the window"
    );
    on(&s, 21);
    let q = s.t.store.quote(&facial_for(&s, reached)).unwrap();
    assert_eq!(q.total, Money::yuan(198), "the member price");
    assert_eq!(
        q.lines[0].campaign_discount,
        Money::yuan(70),
        "¥268 − ¥198, shown as the campaign's discount on the line"
    );
    assert_eq!(
        q.lines[0].tier_discount,
        Money::ZERO,
        "the offer is a price: the tier discount is not taken on top"
    );
    let control = s.t.store.quote(&facial_for(&s, held)).unwrap();
    assert_eq!(
        control.campaign_discount,
        Money::ZERO,
        "held out: she pays what she would have paid"
    );
    assert_eq!(control.total, before.total, "her tier price, as on Nov 19");
    on(&s, 30);
    let last = s.t.store.quote(&facial_for(&s, reached)).unwrap();
    assert_eq!(last.total, Money::yuan(198), "the window's last day counts");
    on(&s, 21);
    let mut walk_in = facial_for(&s, reached);
    walk_in.member_id = None;
    assert_eq!(
        s.t.store.quote(&walk_in).unwrap().campaign_discount,
        Money::ZERO,
        "without her attached there is no member price"
    );
}

#[test]
fn the_sale_and_receipt_show_the_campaigns_discount_and_its_cost_nets_out_refunds() {
    let mut s = salon();
    on(&s, 21);
    let (golds, id) = offer(&mut s, 10);
    let reached: Vec<MemberId> = golds
        .iter()
        .copied()
        .filter(|m| !in_control_group(&id, &m.to_string(), 30))
        .take(2)
        .collect();
    let cashier = s.cashier.clone();
    let mut sales = Vec::new();
    for m in &reached {
        let cart = facial_for(&s, *m);
        let sale =
            s.t.store
                .complete_sale(
                    &cashier,
                    &cart,
                    &[Tender::Cash {
                        amount: Money::yuan(198),
                    }],
                )
                .expect("¥198 pays it");
        sales.push(sale);
    }
    let read = s.t.store.sale(&sales[0].sale_id).unwrap();
    assert_eq!(read.lines[0].campaign_discount, Money::yuan(70));
    assert_eq!(read.lines[0].amount, Money::yuan(198));
    let doc =
        s.t.store
            .receipt_doc(&sales[0].sale_id, ReceiptLang::ZhCn, false)
            .unwrap();
    let text = render_text(&doc, PaperWidth::Mm80, ReceiptLang::ZhCn);
    assert!(
        text.contains("活动会员价") && text.contains("70.00"),
        "the receipt names the campaign's discount:\n{text}"
    );
    let owner = s.owner.clone();
    let r = s.t.store.campaign_results(&owner, &id).unwrap();
    assert_eq!(
        r.member_price_discount,
        Money::yuan(140),
        "two facials at ¥70 off"
    );
    assert_eq!(r.cost, Money::yuan(140), "the offer's whole cost");
    assert_eq!(
        r.coupons_redeemed, 2,
        "a member who bought at the member price took the offer: she is a redeemer"
    );
    assert_eq!(
        r.redeemer_revenue,
        Money::yuan(396),
        "what the two who took the offer spent"
    );

    let approval = s.approval();
    s.t.store
        .refund(
            &cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: sales[1].sale_id.clone(),
                line_ids: None,
                void: false,
            },
        )
        .unwrap();
    let r = s.t.store.campaign_results(&owner, &id).unwrap();
    assert_eq!(
        r.member_price_discount,
        Money::yuan(70),
        "a refunded facial cost the campaign nothing"
    );
    assert_eq!(
        r.coupons_redeemed, 1,
        "a member whose member-price sale was refunded took nothing"
    );
}

#[test]
fn a_member_price_must_be_below_the_list_price_of_a_service_on_the_menu() {
    let mut s = salon();
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![]);
    let field = |e: salondesk_core::CoreError| e.field().map(str::to_owned);
    for prices in [
        vec![],
        vec![ServicePrice {
            service_id: s.facial.to_string(),
            price: Money::yuan(268),
        }],
        vec![ServicePrice {
            service_id: uuid::Uuid::now_v7().to_string(),
            price: Money::yuan(1),
        }],
    ] {
        input.offer = Offer::MemberPrice { prices };
        assert_eq!(
            field(s.t.store.create_campaign(&owner, &input).unwrap_err()).as_deref(),
            Some("prices")
        );
    }
}
