use crate::checkout_fixture::salon;
use salondesk_core::checkout::{Cart, CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::staff::Permission;
use salondesk_core::Money;

fn cash(yuan_fen: i64) -> Tender {
    Tender::Cash {
        amount: Money(yuan_fen),
    }
}

fn drawer(s: &salondesk_core::Store) -> i64 {
    s.conn()
        .query_row("SELECT sum(amount) FROM cash_drawer", [], |r| r.get(0))
        .unwrap()
}

fn commission_of(s: &salondesk_core::Store, staff: salondesk_core::ids::StaffId) -> i64 {
    s.conn()
        .query_row(
            "SELECT coalesce(sum(amount), 0) FROM commission_ledger WHERE staff_id = ?1",
            [staff],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_three_line_sale_for_a_gold_member_writes_every_ledger_and_a_refund_reverses_one_line() {
    let mut s = salon();
    s.top_up();
    assert_eq!(
        s.balances().stored_value,
        Money::yuan(1200),
        "pay 1000, get 1200"
    );
    s.set_tier("gold");
    let (a, b) = (s.beautician.id, s.beautician2.id);
    let mut shared = CartLine::new(LineItem::Service {
        service_id: s.facial,
        qty: 1,
    });
    shared.staff = vec![(a, 6000), (b, 4000)];
    let sale = s
        .sell(
            vec![
                CartLine::new(LineItem::Service {
                    service_id: s.facial,
                    qty: 1,
                })
                .by(a),
                CartLine::new(LineItem::Product {
                    product_id: s.serum,
                    qty: 2,
                }),
                shared,
            ],
            &[
                Tender::StoredValue {
                    amount: Money::yuan(1000),
                },
                cash(20_000),
            ],
        )
        .expect("the sale completes");
    // 金卡 10% off: 241.20 + 662.40 + 241.20
    assert_eq!(sale.total, Money(114_480));
    assert_eq!(sale.change, Money(5_520), "200 cash on 144.80 due");
    assert_eq!(
        sale.points_earned, 1717,
        "1.5 points per yuan on 1144.80, none on the top-up"
    );
    assert!(
        sale.receipt_no.starts_with("S01-001-"),
        "receipt numbers carry store and device: {}",
        sale.receipt_no
    );
    let b1 = s.balances();
    assert_eq!(b1.stored_value, Money(20_000));
    assert_eq!(b1.points, 1717);
    let st = &s.t.store;
    assert_eq!(
        salondesk_core::ledger::stock(st.conn(), &s.serum.to_string()).unwrap(),
        8
    );
    assert_eq!(
        drawer(st),
        50_000 + 100_000 + 14_480,
        "float + top-up cash + cash kept"
    );
    assert_eq!(
        commission_of(st, a),
        2412 + 1447,
        "10% of each facial, 60% of the shared one"
    );
    assert_eq!(
        commission_of(st, b),
        965,
        "40% of the shared facial's 24.12, to the fen"
    );

    let approval = s.approval();
    let st = &s.t.store;
    let serum_line: String = st
        .conn()
        .query_row(
            "SELECT id FROM sale_lines WHERE sale_id = ?1 AND kind = 'product'",
            [&sale.sale_id],
            |r| r.get(0),
        )
        .unwrap();
    let refund =
        s.t.store
            .refund(
                &s.cashier,
                Some(&approval),
                &RefundRequest {
                    original_sale_id: sale.sale_id.clone(),
                    line_ids: Some(vec![serum_line.clone()]),
                    void: false,
                },
            )
            .expect("refund one line");
    assert_eq!(refund.total, Money(-66_240));
    let b2 = s.balances();
    assert_eq!(
        b2.stored_value,
        Money(20_000 + 57_862),
        "stored value gets its share back"
    );
    assert_eq!(
        b2.points,
        1717 - 993,
        "points earned on the serum come back off"
    );
    let st = &s.t.store;
    assert_eq!(
        salondesk_core::ledger::stock(st.conn(), &s.serum.to_string()).unwrap(),
        10,
        "stock returns"
    );
    assert_eq!(
        drawer(st),
        164_480 - 8_378,
        "the cash share leaves the drawer"
    );
    assert_eq!(
        commission_of(st, a),
        3859,
        "no commission was paid on the serum, none reversed"
    );
    // The approval was spent on the first refund; the manager refunds herself.
    let again = s.t.store.refund(
        &s.manager,
        None,
        &RefundRequest {
            original_sale_id: sale.sale_id.clone(),
            line_ids: Some(vec![serum_line]),
            void: false,
        },
    );
    assert_eq!(
        again.expect_err("refund twice").code(),
        "conflict",
        "nothing can be refunded twice"
    );
    // Refunding the rest returns every tender exactly.
    s.t.store
        .refund(
            &s.manager,
            None,
            &RefundRequest {
                original_sale_id: sale.sale_id.clone(),
                line_ids: None,
                void: false,
            },
        )
        .expect("refund the rest");
    let b3 = s.balances();
    assert_eq!(
        b3.stored_value,
        Money::yuan(1200),
        "all the stored value is back"
    );
    assert_eq!(b3.points, 0, "all the points earned are gone");
    assert_eq!(commission_of(&s.t.store, a), 0);
    assert_eq!(commission_of(&s.t.store, b), 0);
    assert_eq!(drawer(&s.t.store), 150_000, "float and top-up remain");
}

#[test]
fn refunding_a_top_up_returns_the_principal_and_voids_the_bonus() {
    let mut s = salon();
    let top_up = s.top_up();
    let approval = s.approval();
    let refund =
        s.t.store
            .refund(
                &s.cashier,
                Some(&approval),
                &RefundRequest {
                    original_sale_id: top_up.sale_id.clone(),
                    line_ids: None,
                    void: false,
                },
            )
            .unwrap();
    assert_eq!(
        refund.total,
        Money::yuan(-1000),
        "the principal is refunded, not the bonus"
    );
    assert_eq!(
        s.balances().stored_value,
        Money::ZERO,
        "principal and bonus both leave the card"
    );
    // A spent top-up cannot be refunded.
    let top_up = s.top_up();
    s.sell(
        vec![CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })],
        &[Tender::StoredValue {
            amount: Money::yuan(268),
        }],
    )
    .unwrap();
    let approval = s.approval();
    let err =
        s.t.store
            .refund(
                &s.cashier,
                Some(&approval),
                &RefundRequest {
                    original_sale_id: top_up.sale_id,
                    line_ids: None,
                    void: false,
                },
            )
            .expect_err("spent");
    assert_eq!(err.code(), "conflict");
    assert_eq!(
        s.balances().stored_value,
        Money::yuan(1200 - 268),
        "a refused refund changes nothing"
    );
}

#[test]
fn packages_are_bought_redeemed_and_returned() {
    let mut s = salon();
    let plan = s.package_plan.clone();
    s.sell(
        vec![CartLine::new(LineItem::PackagePurchase { plan_id: plan })],
        &[cash(200_000)],
    )
    .unwrap();
    let pkg = s.balances().packages.pop().expect("a package");
    assert_eq!(pkg.sessions_left, 10);
    let redeem = CartLine::new(LineItem::PackageRedemption {
        package_id: pkg.package_id.clone(),
    })
    .by(s.beautician.id);
    let sale = s
        .sell(vec![redeem], &[])
        .expect("a session needs no payment");
    assert_eq!(sale.total, Money::ZERO);
    assert_eq!(s.balances().packages[0].sessions_left, 9);
    assert_eq!(
        commission_of(&s.t.store, s.beautician.id),
        2000,
        "10% of the session's ¥200 value"
    );
    let approval = s.approval();
    s.t.store
        .refund(
            &s.cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: sale.sale_id,
                line_ids: None,
                void: false,
            },
        )
        .unwrap();
    assert_eq!(
        s.balances().packages[0].sessions_left,
        10,
        "the session returns"
    );
    assert_eq!(commission_of(&s.t.store, s.beautician.id), 0);
    let too_many: Vec<CartLine> = (0..11)
        .map(|_| {
            CartLine::new(LineItem::PackageRedemption {
                package_id: pkg.package_id.clone(),
            })
        })
        .collect();
    assert!(
        s.sell(too_many, &[]).is_err(),
        "never more sessions than are left"
    );
}

#[test]
fn manual_discounts_and_price_overrides_need_a_manager_and_are_audited() {
    let mut s = salon();
    let mut cart = Cart {
        member_id: Some(s.member),
        lines: vec![CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })],
        manual_discount: Money::yuan(20),
        ..Cart::default()
    };
    let err =
        s.t.store
            .complete_sale(&s.cashier, &cart, &[cash(30_000)])
            .expect_err("no approval");
    assert_eq!(err.code(), "forbidden");
    assert!(
        s.t.store
            .approve(s.cashier.id, "3333", Permission::ManualDiscount)
            .is_err(),
        "a cashier cannot approve"
    );
    cart.approvals = vec![s.approval_for(Permission::ManualDiscount)];
    let sale =
        s.t.store
            .complete_sale(&s.cashier, &cart, &[cash(30_000)])
            .unwrap();
    assert_eq!(sale.total, Money::yuan(248));
    let audited: i64 = s
        .t
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'manual_discount' AND approver_id = ?1",
            [s.manager.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        audited, 1,
        "the discount is in the audit log with its approver"
    );
}

#[test]
fn spending_upgrades_the_tier_and_records_why() {
    let mut s = salon();
    // Silver by spend alone (the default also asks three months in a row: `tiers_rules`).
    let mut rules = s.t.store.tier_rules().unwrap();
    rules[1].mode = salondesk_core::checkout::TierMode::Spend;
    let owner = s.owner.clone();
    s.t.store.save_tier_rules(&owner, &rules).unwrap();
    let mut line = CartLine::new(LineItem::Service {
        service_id: s.facial,
        qty: 12,
    });
    line.staff = vec![];
    s.sell(vec![line], &[cash(321_600)]).unwrap();
    let tier: String =
        s.t.store
            .conn()
            .query_row("SELECT tier FROM members WHERE id = ?1", [s.member], |r| {
                r.get(0)
            })
            .unwrap();
    assert_eq!(tier, "silver", "¥3,216 of spend passes silver's ¥3,000");
    let reason: String =
        s.t.store
            .conn()
            .query_row(
                "SELECT reason FROM tier_changes WHERE member_id = ?1",
                [s.member],
                |r| r.get(0),
            )
            .unwrap();
    assert!(reason.starts_with("sale"), "the change says why: {reason}");
}

#[test]
fn a_sale_needs_an_open_shift_and_tenders_that_cover_it() {
    let mut s = salon();
    let facial = s.facial;
    let line = || {
        vec![CartLine::new(LineItem::Service {
            service_id: facial,
            qty: 1,
        })]
    };
    assert!(s.sell(line(), &[cash(26_799)]).is_err(), "a fen short");
    let counted = [("cash".to_string(), Money(50_000))].into_iter().collect();
    let z = s.t.store.close_shift(&s.cashier, &counted).unwrap();
    assert_eq!(
        z.tenders[0].difference,
        Some(Money::ZERO),
        "the float counted back"
    );
    let err = s.sell(line(), &[cash(26_800)]).expect_err("no shift");
    assert_eq!(err.code(), "conflict");
}

#[test]
fn only_the_owner_edits_tier_rules() {
    let mut s = salon();
    let mut rules = s.t.store.tier_rules().unwrap();
    rules[1].discount_bp = 800;
    let err =
        s.t.store
            .save_tier_rules(&s.manager, &rules)
            .expect_err("a manager");
    assert_eq!(err.code(), "forbidden");
    s.t.store
        .save_tier_rules(&s.owner, &rules)
        .expect("the owner");
    assert_eq!(s.t.store.tier_rules().unwrap()[1].discount_bp, 800);
    rules[2].discount_bp = 100;
    assert!(
        s.t.store.save_tier_rules(&s.owner, &rules).is_err(),
        "gold may not give less than silver"
    );
}
