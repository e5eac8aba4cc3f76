//! Tier rules and free services across a chain: head office sets a rule
//! (mode, benefits) and every store applies it; a free service (免费护理) used
//! in one store is used up in the others too.

use crate::convergence::chain;
use salondesk_core::checkout::{Cart, CartLine, FreeService, LineItem, Period, TierMode};
use salondesk_core::member::Tier;
use salondesk_core::staff::Role;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_free_service_used_in_one_store_is_used_in_every_store() {
    let c = chain().await;
    let owner =
        c.a1.store()
            .list_staff()
            .unwrap()
            .into_iter()
            .find(|s| s.role == Role::Owner)
            .expect("a1's owner");
    {
        let mut store = c.a1.store();
        let mut rules = store.tier_rules().unwrap();
        rules[2].free_services = vec![FreeService {
            service_id: c.facial,
            count: 1,
            period: Period::Quarter,
        }];
        rules[1].mode = TierMode::Spend;
        store
            .save_tier_rules(&owner, &rules)
            .expect("head office sets the rules");
        store
            .set_member_tier(&owner, c.member, Tier::Gold, "bought a gold card")
            .unwrap();
    }
    c.sync_all().await;
    let there = c.b1.store().tier_rules().unwrap();
    assert_eq!(
        there,
        c.a1.store().tier_rules().unwrap(),
        "the other store applies head office's rules, mode and benefits included"
    );
    let free = CartLine::new(LineItem::FreeService {
        service_id: c.facial,
    })
    .by(c.beautician.id);
    let cart = Cart {
        member_id: Some(c.member),
        lines: vec![free],
        ..Cart::default()
    };
    c.b1.store()
        .complete_sale(&c.cashier, &cart, &[])
        .expect("S02 gives her the quarter's free facial");
    c.sync_all().await;
    for t in c.tills() {
        let left = t.store().free_service_allowances(c.member).unwrap();
        assert_eq!(
            left[0].left, 0,
            "{}: the facial used in S02 is used here too (the server hands on the ledger row)",
            t.name
        );
    }
}
