//! The back office's stock: receipts, adjustments with a reason, stock takes,
//! a product's history and the low-stock list.

use crate::checkout_fixture::{salon, Salon};
use salondesk_core::checkout::{CartLine, LineItem, Tender};
use salondesk_core::ids::ProductId;
use salondesk_core::stock::{
    AdjustInput, AdjustReason, CountLine, MoveRef, ReceiptInput, ReceiptLine,
};
use salondesk_core::{CoreError, Money};

/// The serum (10 on hand) files under 精华 with a low-stock level of `low`.
fn file_serum(s: &Salon, low: i64) {
    s.t.store
        .conn()
        .execute(
            "UPDATE products SET category = '精华', unit = '瓶', low_stock = ?2 WHERE id = ?1",
            rusqlite::params![s.serum, low],
        )
        .unwrap();
}

fn receipt(product: ProductId, qty: i64) -> ReceiptInput {
    ReceiptInput {
        supplier: "广州美妆供应链".into(),
        lines: vec![ReceiptLine {
            product,
            qty,
            unit_cost: Money::yuan(150),
        }],
        note: String::new(),
    }
}

fn adjust(product: ProductId, qty: i64, reason: AdjustReason) -> AdjustInput {
    AdjustInput {
        product,
        qty,
        reason,
        note: "摔碎一瓶".into(),
    }
}

fn on_hand(s: &Salon) -> i64 {
    s.t.store.product(s.serum).unwrap().stock
}

#[test]
fn a_receipt_raises_on_hand_and_shows_in_the_history_with_its_supplier() {
    let mut s = salon();
    let manager = s.manager.clone();
    let id =
        s.t.store
            .receive_goods(&manager, &receipt(s.serum, 24))
            .unwrap();
    assert_eq!(on_hand(&s), 34, "10 opening + 24 received");
    let history = s.t.store.stock_history(&manager, s.serum, 50).unwrap();
    let last = &history[0];
    assert_eq!(
        (last.reason.as_str(), last.qty, last.on_hand_after),
        ("receive", 24, 34)
    );
    assert_eq!(
        last.reference,
        MoveRef::Receipt {
            id,
            supplier: "广州美妆供应链".into()
        },
        "the move names its receipt"
    );
    assert_eq!(
        last.staff_name.as_deref(),
        Some("周店长"),
        "who received it"
    );
    assert_eq!(
        history[1].on_hand_after, 10,
        "the opening stock comes before"
    );
}

#[test]
fn adjustments_keep_their_reason_and_may_not_take_stock_below_zero() {
    let mut s = salon();
    let manager = s.manager.clone();
    let left =
        s.t.store
            .adjust_stock(&manager, &adjust(s.serum, -2, AdjustReason::Damaged))
            .unwrap();
    assert_eq!(left, 8, "two broken bottles leave 8");
    s.t.store
        .adjust_stock(&manager, &adjust(s.serum, -1, AdjustReason::UsedInService))
        .unwrap();
    let history = s.t.store.stock_history(&manager, s.serum, 50).unwrap();
    assert_eq!(history[0].adjust_reason, Some(AdjustReason::UsedInService));
    assert_eq!(history[1].adjust_reason, Some(AdjustReason::Damaged));
    assert_eq!(history[1].note, "摔碎一瓶", "the note is kept");
    let err =
        s.t.store
            .adjust_stock(&manager, &adjust(s.serum, -8, AdjustReason::Damaged))
            .unwrap_err();
    assert_eq!(err.field(), Some("qty"), "7 on hand: taking 8 is refused");
    assert_eq!(on_hand(&s), 7, "the refused adjustment changed nothing");
    let audited: i64 =
        s.t.store
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'stock_adjust'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(
        audited, 2,
        "each adjustment made is in the audit log, the refused one not"
    );
    let other = AdjustInput {
        note: String::new(),
        ..adjust(s.serum, 1, AdjustReason::Other)
    };
    let err = s.t.store.adjust_stock(&manager, &other).unwrap_err();
    assert_eq!(err.field(), Some("note"), "\"other\" needs a note");
}

#[test]
fn bad_quantities_are_refused_and_a_cashier_may_not_touch_stock() {
    let mut s = salon();
    let (manager, cashier) = (s.manager.clone(), s.cashier.clone());
    for qty in [0, -3] {
        let err =
            s.t.store
                .receive_goods(&manager, &receipt(s.serum, qty))
                .unwrap_err();
        assert_eq!(err.field(), Some("qty"), "receiving {qty} is refused");
    }
    let err =
        s.t.store
            .post_stock_take(
                &manager,
                "精华",
                &[CountLine {
                    product: s.serum,
                    counted: -1,
                }],
            )
            .unwrap_err();
    assert_eq!(
        err.field(),
        Some("counted"),
        "a count below zero is refused"
    );
    let err =
        s.t.store
            .receive_goods(&cashier, &receipt(s.serum, 5))
            .unwrap_err();
    assert!(
        matches!(err, CoreError::Forbidden(_)),
        "stock is a manager's: {err:?}"
    );
    assert_eq!(on_hand(&s), 10, "nothing refused was written");
}

#[test]
fn a_stock_take_posts_exactly_the_differences_and_is_kept_whole() {
    let mut s = salon();
    let manager = s.manager.clone();
    file_serum(&s, 0);
    let toner =
        s.t.store
            .add_product(&salondesk_core::catalog::ProductInput {
                sku: "SK-002".into(),
                barcode: None,
                name: "爽肤水".into(),
                price: Money::yuan(128),
                cost: Money::yuan(40),
                opening_stock: 5,
                ..Default::default()
            })
            .unwrap()
            .id;
    s.t.store
        .conn()
        .execute(
            "UPDATE products SET category = '精华' WHERE id = ?1",
            [toner],
        )
        .unwrap();
    let sheet = s.t.store.count_sheet(&manager, "精华").unwrap();
    assert_eq!(
        sheet.len(),
        2,
        "both products of the category are on the sheet"
    );
    let take =
        s.t.store
            .post_stock_take(
                &manager,
                "精华",
                &[
                    CountLine {
                        product: s.serum,
                        counted: 7,
                    },
                    CountLine {
                        product: toner,
                        counted: 5,
                    },
                ],
            )
            .unwrap();
    assert_eq!(on_hand(&s), 7, "the serum is now what was counted");
    let moves: i64 = s
        .t
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM stock_moves WHERE ref_id = ?1 AND adjust_reason = 'count_correction'",
            [&take.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(moves, 1, "only the serum differed (-3); the toner matched");
    let kept = &s.t.store.stock_takes(&manager, 10).unwrap()[0];
    assert_eq!(kept.lines.len(), 2, "matching lines are kept too");
    assert_eq!((kept.lines[0].expected, kept.lines[0].counted), (10, 7));
    assert_eq!(kept.lines[0].difference(), -3);
}

#[test]
fn a_sale_that_takes_a_product_to_its_level_puts_it_on_the_low_stock_list() {
    let mut s = salon();
    let manager = s.manager.clone();
    file_serum(&s, 8);
    assert_eq!(
        s.t.store.low_stock_count().unwrap(),
        0,
        "10 on hand, level 8"
    );
    s.sell(
        vec![CartLine::new(LineItem::Product {
            product_id: s.serum,
            qty: 2,
        })],
        &[Tender::Cash {
            amount: Money::yuan(736),
        }],
    )
    .unwrap();
    assert_eq!(
        s.t.store.low_stock_count().unwrap(),
        1,
        "8 on hand is at the level"
    );
    let low = s.t.store.low_stock(&manager).unwrap();
    assert_eq!(low[0].name, "玻尿酸精华");
    assert!(low[0].is_low());
    let history = s.t.store.stock_history(&manager, s.serum, 50).unwrap();
    assert!(
        matches!(&history[0].reference, MoveRef::Sale { .. }),
        "the sale's move names its receipt: {:?}",
        history[0].reference
    );
    assert_eq!(
        history[0].staff_name.as_deref(),
        Some("陈晓雨"),
        "the cashier sold it"
    );
    file_serum(&s, 0);
    assert_eq!(
        s.t.store.low_stock_count().unwrap(),
        0,
        "no level, never low"
    );
}
