//! From appointment to sale: the cart the checkout opens with, and the
//! appointment completed once the sale is written (idempotently).

use crate::appointments_fixture::{at, calendar};
use salondesk_core::appointments::AppointmentStatus as St;
use salondesk_core::checkout::{Cart, LineItem, Tender};
use salondesk_core::Money;

#[test]
fn the_cart_credits_the_beautician_and_the_sale_completes_the_appointment() {
    let mut c = calendar();
    let desk = c.s.cashier.clone();
    let a = c.book(&c.facial_at(at(0, "15:00"))).unwrap();
    c.s.t.store.mark_arrived(&desk, &a.id).unwrap();
    let cart = c.s.t.store.appointment_cart(&a.id).unwrap();
    assert_eq!(cart.member_id, Some(c.s.member));
    assert_eq!(cart.service_name, "深层清洁");
    assert_eq!(cart.list_price, Money::yuan(268));
    assert_eq!(cart.lines.len(), 1);
    assert_eq!(
        cart.lines[0].item,
        LineItem::Service {
            service_id: c.s.facial,
            qty: 1
        }
    );
    assert_eq!(cart.lines[0].staff, vec![(c.s.beautician.id, 10_000)]);
    let sale =
        c.s.t
            .store
            .complete_sale(
                &desk,
                &Cart {
                    member_id: cart.member_id,
                    lines: cart.lines.clone(),
                    ..Cart::default()
                },
                &[Tender::Cash {
                    amount: Money::yuan(300),
                }],
            )
            .unwrap();
    let done =
        c.s.t
            .store
            .complete_appointment_after_sale(&desk, &a.id, &sale.sale_id)
            .unwrap();
    assert_eq!(done.status, St::Completed);
    assert_eq!(done.sale_id.as_deref(), Some(sale.sale_id.as_str()));
    let h = c.s.t.store.appointment_history(&a.id).unwrap();
    assert_eq!(
        h.last().unwrap().reason,
        format!("sale {}", sale.receipt_no)
    );
    // Again (a retry after a lost answer): nothing more is written.
    let ops = c.outbox_len();
    let again =
        c.s.t
            .store
            .complete_appointment_after_sale(&desk, &a.id, &sale.sale_id)
            .unwrap();
    assert_eq!(again.status, St::Completed);
    assert_eq!(c.outbox_len(), ops);
    assert_eq!(
        c.s.t.store.appointment_history(&a.id).unwrap().len(),
        h.len()
    );
    let e = c.s.t.store.appointment_cart(&a.id).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "the appointment was already checked out (sale {})",
            sale.receipt_no
        )
    );
}

#[test]
fn an_appointment_completed_by_hand_is_linked_and_a_cancelled_one_is_refused() {
    let mut c = calendar();
    let desk = c.s.cashier.clone();
    let a = c.book(&c.facial_at(at(0, "15:00"))).unwrap();
    let b = c.book(&c.facial_at(at(0, "17:00"))).unwrap();
    let store = &mut c.s.t.store;
    store.mark_arrived(&desk, &a.id).unwrap();
    store.complete_appointment(&desk, &a.id).unwrap();
    store.cancel_appointment(&desk, &b.id, "客户改约").unwrap();
    let sale =
        c.s.sell(
            vec![salondesk_core::checkout::CartLine::new(LineItem::Service {
                service_id: c.s.facial,
                qty: 1,
            })
            .by(c.s.beautician.id)],
            &[Tender::Cash {
                amount: Money::yuan(300),
            }],
        )
        .unwrap();
    let store = &mut c.s.t.store;
    let linked = store
        .complete_appointment_after_sale(&desk, &a.id, &sale.sale_id)
        .unwrap();
    assert_eq!(linked.sale_id.as_deref(), Some(sale.sale_id.as_str()));
    let e = store
        .complete_appointment_after_sale(&desk, &b.id, &sale.sale_id)
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("stands"), "{e}");
    assert_eq!(
        store.appointment_cart(&b.id).unwrap_err().code(),
        "conflict",
        "nothing to check out for a cancelled appointment"
    );
    let e = store
        .complete_appointment_after_sale(&desk, &a.id, "no-such-sale")
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
}
