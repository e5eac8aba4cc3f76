//! Issue 17's member-price offer across the chain: a sale a till priced at a
//! campaign's member price (the line carries the campaign's discount and the
//! campaign) is accepted by the server, and the store's other till keeps the
//! line as it was sold — so its refunds and the campaign's cost read alike.

use crate::convergence::{cash, chain};
use salondesk_core::campaigns::{CampaignInput, Offer, ServicePrice};
use salondesk_core::checkout::Cart;
use salondesk_core::segments::SegmentFilter;
use salondesk_core::Money;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sale_at_a_member_price_is_accepted_and_reaches_the_stores_other_till_as_sold() {
    let c = chain().await;
    let campaign = {
        let mut a1 = c.a1.store();
        let today = a1.business_date().unwrap();
        let input = CampaignInput {
            name: "会员价护理周".into(),
            segment: SegmentFilter::default(),
            offer: Offer::MemberPrice {
                prices: vec![ServicePrice {
                    service_id: c.facial.to_string(),
                    price: Money::yuan(198),
                }],
            },
            message_zh: String::new(),
            message_en: String::new(),
            control_pct: 0,
            window_from: today,
            window_to: today + chrono::Duration::days(7),
            issue_on: None,
        };
        let made = a1.create_campaign(&c.manager, &input).unwrap();
        a1.issue_campaign(&c.manager, &made.id, &mut |_, _| {})
            .unwrap();
        made.id
    };
    let cart = Cart {
        member_id: Some(c.member),
        lines: vec![c.facials(1)],
        ..Cart::default()
    };
    let sale =
        c.a1.store()
            .complete_sale(&c.cashier, &cart, &[cash(198)])
            .expect("¥198: the member price")
            .sale_id;
    c.sync_all().await;
    assert_eq!(
        c.a1.count("SELECT count(*) FROM outbox WHERE rejected_at IS NOT NULL"),
        0,
        "the server accepted the sale and the campaign's records"
    );
    let line = c.a2.store().sale(&sale).unwrap().lines.remove(0);
    assert_eq!(
        (line.amount, line.campaign_discount),
        (Money::yuan(198), Money::yuan(70)),
        "a2 keeps the line as a1 sold it"
    );
    assert_eq!(
        c.a2.count(&format!(
            "SELECT count(*) FROM sale_lines WHERE campaign_id = '{campaign}'"
        )),
        1,
        "and which campaign priced it"
    );
}
