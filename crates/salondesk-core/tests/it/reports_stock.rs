//! The stock report: on hand and its value at cost, units sold in the
//! period (refunds taken back), slow movers and the low-stock list.

use crate::checkout_fixture::salon;
use crate::reports_fixture::{date, november, on, query};
use salondesk_core::catalog::ProductInput;
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::reports::{ReportName, ReportQuery, ReportValue as V};
use salondesk_core::Money;

#[test]
fn stock_on_hand_sold_slow_movers_and_low_stock_as_worked_out_by_hand() {
    let mut s = salon();
    // The salon's serum: 10 on hand at ¥150 cost. A mask: 5 at ¥20, low at 5.
    let mask =
        s.t.store
            .add_product(&ProductInput {
                sku: "MK-001".into(),
                name: "补水面膜".into(),
                price: Money::yuan(58),
                cost: Money::yuan(20),
                low_stock: 5,
                opening_stock: 5,
                ..ProductInput::default()
            })
            .unwrap()
            .id;
    let cashier = s.cashier.clone();
    let sell = |s: &mut crate::checkout_fixture::Salon, qty: i64| {
        let cart = Cart {
            member_id: None,
            lines: vec![CartLine::new(LineItem::Product {
                product_id: s.serum,
                qty,
            })],
            ..Cart::default()
        };
        let total = s.t.store.quote(&cart).unwrap().total;
        s.t.store
            .complete_sale(&cashier, &cart, &[Tender::Cash { amount: total }])
            .unwrap();
    };
    on(&s, 10, 20);
    sell(&mut s, 1);
    on(&s, 11, 10);
    sell(&mut s, 2);
    on(&s, 11, 20);
    sell(&mut s, 1);
    let owner = s.owner.clone();
    let r =
        s.t.store
            .report(&owner, ReportName::Stock, &november())
            .unwrap();
    let kpi = |k: &str| r.kpis.iter().find(|x| x.key == k).unwrap().clone();
    assert_eq!(kpi("stock_on_hand").value, 6 + 5, "10 − 4 serums, 5 masks");
    assert_eq!(
        kpi("stock_value").value,
        6 * 15_000 + 5 * 2_000,
        "on hand at cost"
    );
    assert_eq!(kpi("stock_sold").value, 3, "2 on 11-10 and 1 on 11-20");
    assert_eq!(
        kpi("stock_sold").previous,
        Some(1),
        "the one of 10-20 (October 2 to 31)"
    );
    assert_eq!(kpi("stock_low_count").value, 1, "the mask, at its level");
    let slow = r.table("stock_slow_movers").unwrap();
    assert_eq!(
        slow.rows[0],
        vec![
            V::Text("补水面膜".into()),
            V::Int(5),
            V::Int(0),
            V::Null,
            V::Null
        ],
        "never sold: the slowest"
    );
    assert_eq!(
        slow.rows[1],
        vec![
            V::Text("玻尿酸精华".into()),
            V::Int(6),
            V::Int(3),
            V::Text("2026-11-20".into()),
            V::Int(10)
        ],
        "last sold 11-20, ten days before the period's end"
    );
    let low = r.table("stock_low").unwrap();
    assert_eq!(
        low.rows,
        vec![vec![V::Text("补水面膜".into()), V::Int(5), V::Int(5)]]
    );
    let _ = mask;
    let october =
        s.t.store
            .report(&owner, ReportName::Stock, &query(date(10, 1), date(10, 31)))
            .unwrap();
    let sold = october.kpis.iter().find(|x| x.key == "stock_sold").unwrap();
    assert_eq!(sold.value, 1, "one serum in October");
}

/// The Stock and Campaigns tabs tell a head office "this store only" when
/// another store or the whole chain is picked (other stores' stock moves and
/// campaigns never reach it: `Scope::Store`); that is true only while both
/// reports read this device's store whatever is picked.
#[test]
fn stock_and_campaigns_read_this_store_whatever_store_or_chain_is_picked() {
    let mut s = salon();
    let cashier = s.cashier.clone();
    on(&s, 11, 10);
    let cart = Cart {
        member_id: None,
        lines: vec![CartLine::new(LineItem::Product {
            product_id: s.serum,
            qty: 2,
        })],
        ..Cart::default()
    };
    let total = s.t.store.quote(&cart).unwrap().total;
    s.t.store
        .complete_sale(&cashier, &cart, &[Tender::Cash { amount: total }])
        .unwrap();
    let owner = s.owner.clone();
    let own = november();
    let chain = ReportQuery {
        chain: true,
        ..november()
    };
    let other = ReportQuery {
        store_id: Some("another-store".into()),
        ..november()
    };
    for name in [ReportName::Stock, ReportName::Campaigns] {
        let mine = s.t.store.report(&owner, name, &own).unwrap();
        for q in [&chain, &other] {
            assert_eq!(
                s.t.store.report(&owner, name, q).unwrap(),
                mine,
                "{name:?} for {q:?} is this store's figures (the screen says so)"
            );
        }
    }
    let r = s.t.store.report(&owner, ReportName::Stock, &chain).unwrap();
    let sold = r.kpis.iter().find(|x| x.key == "stock_sold").unwrap();
    assert_eq!(sold.value, 2, "this store's two serums, not nothing");
}
