//! The campaigns report: a campaign's results as its own panel computes
//! them, and the coupons used in the period with the discount they gave.

use crate::campaigns_fixture::{campaign_input, gold_members, with_coupon};
use crate::checkout_fixture::salon;
use crate::reports_fixture::{date, november, query};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::member::Tier;
use salondesk_core::reports::{ReportName, ReportValue as V};

#[test]
fn a_campaign_s_row_is_its_results_panel_and_coupons_sum_their_discounts() {
    let mut s = with_coupon(salon());
    let golds = gold_members(&mut s, 4, |_| true);
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    input.control_pct = 0;
    let c = s.t.store.create_campaign(&owner, &input).unwrap();
    s.t.store
        .issue_campaign(&owner, &c.id, &mut |_, _| {})
        .unwrap();
    let coupon =
        s.t.store
            .member_coupons(golds[0], Some(s.t.store.business_date().unwrap()))
            .unwrap()[0]
            .id;
    let cashier = s.cashier.clone();
    let cart = Cart {
        member_id: Some(golds[0]),
        lines: vec![CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })],
        coupon: Some(coupon.to_string()),
        ..Cart::default()
    };
    let quote = s.t.store.quote(&cart).unwrap();
    s.t.store
        .complete_sale(
            &cashier,
            &cart,
            &[Tender::Cash {
                amount: quote.total,
            }],
        )
        .unwrap();

    let r =
        s.t.store
            .report(&owner, ReportName::Campaigns, &november())
            .unwrap();
    let panel = s.t.store.campaign_results(&owner, &c.id).unwrap();
    let row = &r.table("campaigns_results").unwrap().rows[0];
    assert_eq!(row[0], V::Text("春季回馈".into()), "the campaign by name");
    assert_eq!(row[3], V::Int(4), "all four gold members reached");
    assert_eq!(row[4], V::Int(0), "nobody held out");
    assert_eq!(row[5], V::Int(4), "a coupon each");
    assert_eq!(row[6], V::Int(1), "one redeemed");
    assert_eq!(row[7], V::Int(quote.total.fen()), "what the redeemer paid");
    assert_eq!(
        row[8],
        V::Int(panel.reached_revenue_per_member.fen()),
        "the results panel's figure"
    );
    assert_eq!(
        row[10],
        V::Int(quote.coupon_discount.fen()),
        "the discount is the cost"
    );
    let kpi = |k: &str| r.kpis.iter().find(|x| x.key == k).unwrap().clone();
    assert_eq!(kpi("campaigns_run").value, 1);
    assert_eq!(kpi("campaigns_redeemed").value, 1);
    assert_eq!(kpi("campaigns_run").previous, Some(0), "none in October");
    let coupons = r.table("campaigns_coupons").unwrap();
    let uses: i64 = coupons
        .rows
        .iter()
        .map(|row| match row[1] {
            V::Int(n) => n,
            _ => 0,
        })
        .sum();
    assert_eq!(uses, 1, "one sale used a coupon");
    assert_eq!(
        coupons.rows[0][2],
        V::Int(quote.coupon_discount.fen()),
        "the discount it gave"
    );
    let october =
        s.t.store
            .report(
                &owner,
                ReportName::Campaigns,
                &query(date(10, 1), date(10, 31)),
            )
            .unwrap();
    assert!(
        october.table("campaigns_results").unwrap().rows.is_empty(),
        "the offer ran from 11-20"
    );
}
