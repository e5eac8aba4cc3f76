use crate::support::store;
use salondesk_core::catalog::{ProductInput, ServiceInput};
use salondesk_core::Money;

#[test]
fn products_are_found_by_barcode_and_name_with_stock_from_moves() {
    let mut t = store();
    let serum = t
        .store
        .add_product(&ProductInput {
            sku: "SK-001".into(),
            barcode: Some("6901234500017".into()),
            name: "玻尿酸保湿精华 30ml".into(),
            price: Money::yuan(368),
            cost: Money::yuan(150),
            opening_stock: 40,
        })
        .unwrap();
    assert_eq!(
        serum.stock, 40,
        "stock on hand is the sum of the opening move"
    );
    let found = t
        .store
        .product_by_barcode("6901234500017")
        .unwrap()
        .expect("by barcode");
    assert_eq!(found.id, serum.id);
    assert!(t.store.product_by_barcode("0000000000").unwrap().is_none());
    assert_eq!(t.store.find_products("保湿", 10).unwrap().len(), 1);
    let dup = t.store.add_product(&ProductInput {
        sku: "SK-001".into(),
        barcode: None,
        ..found_input()
    });
    assert_eq!(dup.expect_err("same SKU").field(), Some("sku"));
}

fn found_input() -> ProductInput {
    ProductInput {
        sku: "X".into(),
        barcode: None,
        name: "x".into(),
        price: Money::ZERO,
        cost: Money::ZERO,
        opening_stock: 0,
    }
}

#[test]
fn services_have_a_duration_and_are_found_by_name_or_category() {
    let mut t = store();
    t.store
        .add_service(&ServiceInput {
            category: "面部护理".into(),
            name: "深层清洁".into(),
            duration_min: 75,
            price: Money::yuan(268),
        })
        .unwrap();
    assert_eq!(t.store.find_services("面部", 10).unwrap().len(), 1);
    assert_eq!(
        t.store.find_services("清洁", 10).unwrap()[0].price,
        Money(26800)
    );
    let bad = t.store.add_service(&ServiceInput {
        category: "x".into(),
        name: "y".into(),
        duration_min: 0,
        price: Money::ZERO,
    });
    assert_eq!(bad.expect_err("zero minutes").field(), Some("durationMin"));
}
