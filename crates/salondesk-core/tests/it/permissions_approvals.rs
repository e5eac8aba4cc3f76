//! A manager's approval authorises one action: the permission it was given
//! for, once, for two minutes; only a role that holds the permission herself
//! may give it; wrong PINs lock out as at login; the audit names the approver.

use crate::checkout_fixture::{salon, Salon};
use crate::permissions::footprint;
use chrono::Duration;
use salondesk_core::checkout::{
    Cart, CartLine, LineItem, RefundRequest, Tender, APPROVAL_TTL_SECONDS,
};
use salondesk_core::staff::Permission;
use salondesk_core::Money;

const MANAGER_PIN: &str = "246802";

fn sold(s: &mut Salon) -> String {
    s.sell(
        vec![CartLine::new(LineItem::Product {
            product_id: s.serum,
            qty: 1,
        })],
        &[Tender::Cash {
            amount: Money::yuan(368),
        }],
    )
    .expect("a sale")
    .sale_id
}

fn refund_of(sale: &str) -> RefundRequest {
    RefundRequest {
        original_sale_id: sale.into(),
        line_ids: None,
        void: false,
    }
}

#[test]
fn a_refund_approval_does_not_authorise_a_price_override() {
    let mut s = salon();
    let refund_ok = s.approval_for(Permission::Refund);
    let mut line = CartLine::new(LineItem::Product {
        product_id: s.serum,
        qty: 1,
    });
    line.price_override = Some(Money::yuan(100));
    let cart = Cart {
        lines: vec![line],
        approvals: vec![refund_ok],
        ..Cart::default()
    };
    let before = footprint(&s);
    let e =
        s.t.store
            .complete_sale(
                &s.cashier,
                &cart,
                &[Tender::Cash {
                    amount: Money::yuan(100),
                }],
            )
            .expect_err("approved for a refund, not a price");
    assert_eq!(
        (e.code(), e.field()),
        ("approval_invalid", Some("approval")),
        "the desk asks again: {e}"
    );
    assert_eq!(footprint(&s), before, "nothing was sold");
    // The refund approval is still good for what it was given for.
    let sale = sold(&mut s);
    s.t.store
        .refund(&s.cashier, Some(&refund_ok), &refund_of(&sale))
        .expect("a refund approval authorises a refund");
}

#[test]
fn an_approval_is_good_once() {
    let mut s = salon();
    let (a, b) = (sold(&mut s), sold(&mut s));
    let approval = s.approval_for(Permission::Refund);
    let cashier = s.cashier.clone();
    let first =
        s.t.store
            .refund(&cashier, Some(&approval), &refund_of(&a))
            .expect("the first refund");
    let approver: Option<String> =
        s.t.store
            .conn()
            .query_row(
                "SELECT approver_id FROM audit_log WHERE action = 'refund' AND entity_id = ?1",
                [&first.sale_id],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(
        approver,
        Some(s.manager.id.to_string()),
        "the audit names the manager who approved"
    );
    let before = footprint(&s);
    let e =
        s.t.store
            .refund(&cashier, Some(&approval), &refund_of(&b))
            .expect_err("spent");
    assert_eq!(e.code(), "approval_invalid", "{e}");
    assert_eq!(footprint(&s), before, "the second refund wrote nothing");
}

#[test]
fn an_approval_expires_after_two_minutes() {
    let mut s = salon();
    let sale = sold(&mut s);
    let approval = s.approval_for(Permission::Refund);
    s.t.clock
        .advance(Duration::seconds(APPROVAL_TTL_SECONDS + 1));
    let e =
        s.t.store
            .refund(&s.cashier, Some(&approval), &refund_of(&sale))
            .expect_err("expired");
    assert_eq!(e.code(), "approval_invalid", "{e}");
    let fresh = s.approval_for(Permission::Refund);
    s.t.store
        .refund(&s.cashier, Some(&fresh), &refund_of(&sale))
        .expect("a fresh approval works and the sale was left untouched");
}

#[test]
fn only_a_role_that_holds_the_permission_may_approve_it() {
    let mut s = salon();
    let e =
        s.t.store
            .approve(s.cashier.id, "3333", Permission::Refund)
            .expect_err("a cashier cannot approve a refund");
    assert_eq!(e.code(), "forbidden");
    let e =
        s.t.store
            .approve(s.manager.id, MANAGER_PIN, Permission::EditTierRules)
            .expect_err("tier rules are the owner's alone");
    assert_eq!(e.code(), "forbidden");
    let e =
        s.t.store
            .approve(s.manager.id, "111111", Permission::Refund)
            .expect_err("a wrong PIN");
    assert_eq!(e.code(), "wrong_pin", "and it counts towards the lock-out");
}

#[test]
fn a_manager_needs_no_approval_for_what_she_may_do_herself() {
    let mut s = salon();
    let sale = sold(&mut s);
    let manager = s.manager.clone();
    let done =
        s.t.store
            .refund(&manager, None, &refund_of(&sale))
            .expect("a manager refunds on her own");
    let approver: Option<String> =
        s.t.store
            .conn()
            .query_row(
                "SELECT approver_id FROM audit_log WHERE action = 'refund' AND entity_id = ?1",
                [&done.sale_id],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(
        approver,
        Some(manager.id.to_string()),
        "she is her own approver"
    );
}
