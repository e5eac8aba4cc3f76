//! Issue 13, fault 11: money never wraps (an absurd amount is refused with
//! `amount_too_large`, where a release build would have wrapped it into a
//! small or negative number), a cashier's pay-out above the store's limit
//! needs a manager, and one database is open in one program at a time.

use crate::checkout_fixture::salon;
use crate::support::store;
use salondesk_core::checkout::{CartLine, LineItem, Tender};
use salondesk_core::clock::SystemClock;
use salondesk_core::{CoreError, Money, Store};
use std::sync::Arc;

fn code<T: std::fmt::Debug>(r: salondesk_core::Result<T>) -> (&'static str, Option<&'static str>) {
    let e = r.expect_err("refused");
    (e.code(), e.field())
}

#[test]
fn a_sale_whose_lines_would_add_up_past_what_money_can_hold_is_refused_not_wrapped() {
    let mut s = salon();
    let approval = s.approval_for(salondesk_core::staff::Permission::PriceOverride);
    let huge = |qty: i64| {
        let mut l = CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty,
        });
        l.price_override = Some(Money(i64::MAX / 2 + 1));
        l
    };
    let cart = salondesk_core::checkout::Cart {
        member_id: Some(s.member),
        lines: vec![huge(1), huge(1)],
        approvals: vec![approval],
        ..Default::default()
    };
    let cash = [Tender::Cash { amount: Money(1) }];
    assert_eq!(
        code(s.t.store.complete_sale(&s.cashier, &cart, &cash)),
        ("amount_too_large", Some("lines")),
        "two lines of just over half of i64 each would wrap to a negative total"
    );
    let cart = salondesk_core::checkout::Cart {
        lines: vec![huge(3)],
        ..cart
    };
    assert_eq!(
        code(s.t.store.complete_sale(&s.cashier, &cart, &cash)),
        ("amount_too_large", Some("qty")),
        "three of a price past a third of i64 would wrap"
    );
    assert_eq!(
        s.t.store
            .conn()
            .query_row("SELECT count(*) FROM sales", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        0,
        "nothing was written"
    );
}

#[test]
fn tenders_that_would_add_up_past_what_money_can_hold_are_refused() {
    let mut s = salon();
    let tenders = [
        Tender::Cash {
            amount: Money(i64::MAX),
        },
        Tender::Cash { amount: Money(1) },
    ];
    let r = s.sell(
        vec![CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })],
        &tenders,
    );
    assert_eq!(
        code(r),
        ("amount_too_large", Some("tenders")),
        "the cash would wrap to a negative sum and the change to nonsense"
    );
}

#[test]
fn a_drawer_that_would_hold_more_than_money_can_is_refused_and_the_z_report_still_adds_up() {
    let mut s = salon();
    let manager = s.manager.clone();
    s.t.store
        .pay_in_out(&manager, Money(i64::MAX - 1_000_000), "absurd", None)
        .expect("one huge pay-in fits");
    assert_eq!(
        code(
            s.t.store
                .pay_in_out(&manager, Money(i64::MAX / 2), "again", None)
        ),
        ("amount_too_large", Some("amount")),
        "the drawer's sum would pass i64"
    );
    assert_eq!(
        code(s.t.store.pay_in_out(&manager, Money(i64::MIN), "out", None)),
        ("amount_too_large", Some("amount")),
        "i64::MIN has no positive counterpart to compare with the limit"
    );
    let shift = s.t.store.current_shift().unwrap().unwrap();
    let z =
        s.t.store
            .z_report(&shift)
            .expect("the refused pay-in left the report summable");
    assert_eq!(z.pay_ins, Money(i64::MAX - 1_000_000));
}

#[test]
fn a_cashiers_pay_out_above_the_stores_limit_needs_a_managers_approval() {
    let mut s = salon();
    let (cashier, manager) = (s.cashier.clone(), s.manager.clone());
    let limit = s.t.store.checkout_settings().unwrap().pay_out_approval_fen;
    assert_eq!(limit, 20_000, "¥200 by default");
    s.t.store
        .pay_in_out(&cashier, Money(-limit), "买水", None)
        .expect("up to the limit a cashier pays out alone");
    let e =
        s.t.store
            .pay_in_out(&cashier, Money(-limit - 1), "供应商货款", None)
            .expect_err("one fen over the limit");
    assert_eq!(
        (e.code(), e.field()),
        ("approval_required", Some("approval"))
    );
    assert!(
        matches!(e, CoreError::ApprovalRequired { limit: l } if l == Money(limit)),
        "the refusal says the limit: {e:?}"
    );
    let approval = s.approval_for(salondesk_core::staff::Permission::PayOut);
    s.t.store
        .pay_in_out(&cashier, Money(-limit - 1), "供应商货款", Some(&approval))
        .expect("with the manager's PIN");
    s.t.store
        .pay_in_out(&manager, Money(-100_000), "银行存款", None)
        .expect("a manager paying out is the approval");
    s.t.store
        .pay_in_out(&cashier, Money(1_000_000), "找零备用", None)
        .expect("a pay-in needs no approval, whatever its size");

    // The owner sets the limit: 0 makes every cashier's pay-out need a manager.
    let mut settings = s.t.store.checkout_settings().unwrap();
    settings.pay_out_approval_fen = 0;
    let owner = s.owner.clone();
    s.t.store.save_checkout_settings(&owner, &settings).unwrap();
    assert_eq!(
        code(s.t.store.pay_in_out(&cashier, Money(-1), "零钱", None)).0,
        "approval_required"
    );
    let approver: Option<String> = s
        .t
        .store
        .conn()
        .query_row(
            "SELECT approver_id FROM audit_log WHERE action = 'pay_out' AND approver_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        approver,
        Some(s.manager.id.to_string()),
        "the audit log names who approved the pay-out"
    );
}

#[test]
fn a_second_open_of_the_same_database_for_the_app_is_refused_until_the_first_closes() {
    let t = store();
    let path = t._dir.path().join("app.sqlite3");
    let first = Store::open_exclusive(&path, Arc::new(SystemClock)).expect("the first window");
    let second = Store::open_exclusive(&path, Arc::new(SystemClock));
    assert_eq!(
        code(second.map(|_| ())).0,
        "database_in_use",
        "two programs writing one database would number receipts twice"
    );
    drop(first);
    Store::open_exclusive(&path, Arc::new(SystemClock))
        .expect("once the first has closed, the database opens again");
    let other = t._dir.path().join("other.sqlite3");
    let _a = Store::open_exclusive(&path, Arc::new(SystemClock)).unwrap();
    Store::open_exclusive(&other, Arc::new(SystemClock))
        .expect("another database is not locked by this one");
}

#[test]
fn a_stored_value_balance_past_what_money_can_hold_is_refused_not_wrapped() {
    let mut s = salon();
    s.top_up();
    // A ledger row as another till might have pushed it: absurd, but synced.
    s.t.store
        .conn()
        .execute(
            "INSERT INTO stored_value_ledger (member_id, id, delta, reason, sale_id, created_at)
             SELECT member_id, 'absurd', ?1, 'top_up', sale_id, created_at
             FROM stored_value_ledger LIMIT 1",
            [i64::MAX],
        )
        .unwrap();
    let e = salondesk_core::ledger::stored_value(s.t.store.conn(), s.member).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("amount_too_large", Some("storedValue")),
        "¥1,200 plus i64::MAX would wrap to a negative balance: {e}"
    );
}
