//! The update gate (`updates::SaleGate`): an update is never looked for or installed while a
//! sale is open.

use salondesk_core::updates::{SaleGate, CART_OPEN, PAYING};
use salondesk_core::CoreError;

fn reason(gate: &SaleGate) -> Option<&'static str> {
    match gate.may_update() {
        Ok(()) => None,
        Err(CoreError::SaleOpen { reason, .. }) => Some(reason),
        Err(e) => panic!("the gate answers only sale_open, not {e}"),
    }
}

#[test]
fn an_update_waits_while_the_cart_has_lines_and_may_go_once_it_is_emptied() {
    let gate = SaleGate::default();
    assert_eq!(reason(&gate), None, "a fresh start has no sale open");
    gate.cart_changed(3);
    assert_eq!(
        reason(&gate),
        Some(CART_OPEN),
        "three lines rung up: a sale is open"
    );
    let e = gate.may_update().expect_err("still open");
    assert_eq!(e.code(), "sale_open", "the UI branches on this code");
    gate.cart_changed(0);
    assert_eq!(reason(&gate), None, "emptied (or paid): nothing is open");
}

#[test]
fn an_update_waits_while_a_payment_runs_even_with_the_cart_already_cleared() {
    let gate = SaleGate::default();
    let first = gate.paying();
    gate.cart_changed(0);
    assert_eq!(
        reason(&gate),
        Some(PAYING),
        "tenders taken, receipt not yet written"
    );
    let second = gate.paying();
    drop(first);
    assert_eq!(reason(&gate), Some(PAYING), "another payment still runs");
    drop(second);
    assert_eq!(reason(&gate), None, "both payments finished");
}

#[test]
fn a_payment_that_fails_or_panics_does_not_keep_updates_away_for_ever() {
    let gate = std::sync::Arc::new(SaleGate::default());
    let g = gate.clone();
    let joined = std::thread::spawn(move || {
        let _paying = g.paying();
        panic!("a payment that panics half-way");
    })
    .join();
    assert!(joined.is_err(), "the payment thread panicked");
    assert_eq!(
        reason(&gate),
        None,
        "the guard let go when the payment unwound"
    );
}
