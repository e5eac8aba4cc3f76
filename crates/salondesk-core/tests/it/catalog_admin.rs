//! The back office's services and products: who may edit them, every field
//! error on its field, archive and restore, display order, price history, and
//! a past sale that keeps the price it was sold at.

use crate::checkout_fixture::salon;
use crate::sync_fixture::drain;
use salondesk_core::appointments::ResourceKind;
use salondesk_core::catalog::{ProductInput, ServiceInput};
use salondesk_core::checkout::{CartLine, LineItem, Tender};
use salondesk_core::{CoreError, Money};

fn facial() -> ServiceInput {
    ServiceInput {
        category: "面部护理".into(),
        name: "补水护理".into(),
        name_en: "Hydrating facial".into(),
        duration_min: 60,
        price: Money::yuan(198),
        resource_kind: Some(ResourceKind::Bed),
        commission_bp: Some(1500),
    }
}

fn cream() -> ProductInput {
    ProductInput {
        barcode: Some("6901234599991".into()),
        name: "修护面霜".into(),
        name_en: "Repair cream".into(),
        category: "护肤".into(),
        unit: "瓶".into(),
        price: Money::yuan(298),
        cost: Money::yuan(110),
        low_stock: 5,
        ..ProductInput::default()
    }
}

fn field<T: std::fmt::Debug>(r: salondesk_core::Result<T>) -> &'static str {
    r.expect_err("refused").field().expect("names its field")
}

#[test]
fn only_a_role_with_edit_catalog_changes_services_and_products() {
    let mut s = salon();
    let cashier = s.cashier.clone();
    let refused = s.t.store.create_service(&cashier, &facial());
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "a cashier may sell services, not make them: {refused:?}"
    );
    let refused = s.t.store.edit_product(&cashier, s.serum, &cream());
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "nor edit products"
    );
    let manager = s.manager.clone();
    let made = s.t.store.create_service(&manager, &facial()).unwrap();
    assert_eq!(
        made.name_en.as_deref(),
        Some("Hydrating facial"),
        "every field kept"
    );
    assert_eq!(made.resource_kind, Some(ResourceKind::Bed));
    assert_eq!(made.commission_bp, 1500);
    assert!(made.active, "a new service is on sale");
}

#[test]
fn bad_service_input_is_refused_on_its_field() {
    let mut s = salon();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    let cases = [
        (
            ServiceInput {
                name: "  ".into(),
                ..facial()
            },
            "name",
        ),
        (
            ServiceInput {
                category: "".into(),
                ..facial()
            },
            "category",
        ),
        (
            ServiceInput {
                price: Money::ZERO,
                ..facial()
            },
            "price",
        ),
        (
            ServiceInput {
                price: Money(-100),
                ..facial()
            },
            "price",
        ),
        (
            ServiceInput {
                duration_min: 0,
                ..facial()
            },
            "durationMin",
        ),
        (
            ServiceInput {
                commission_bp: Some(10_001),
                ..facial()
            },
            "commissionBp",
        ),
        (
            ServiceInput {
                name_en: "x".repeat(81),
                ..facial()
            },
            "nameEn",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(field(st.create_service(&owner, &input)), want, "{input:?}");
    }
}

#[test]
fn bad_product_input_is_refused_on_its_field_and_a_barcode_is_unique() {
    let mut s = salon();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    let cases = [
        (
            ProductInput {
                name: "".into(),
                ..cream()
            },
            "name",
        ),
        (
            ProductInput {
                price: Money::ZERO,
                ..cream()
            },
            "price",
        ),
        (
            ProductInput {
                price: Money(-1),
                ..cream()
            },
            "price",
        ),
        (
            ProductInput {
                cost: Money(-1),
                ..cream()
            },
            "cost",
        ),
        (
            ProductInput {
                low_stock: -1,
                ..cream()
            },
            "lowStock",
        ),
        (
            ProductInput {
                barcode: Some("12".into()),
                ..cream()
            },
            "barcode",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(field(st.create_product(&owner, &input)), want, "{input:?}");
    }
    let dup = ProductInput {
        barcode: Some("6901234500017".into()),
        ..cream()
    };
    let e = st
        .create_product(&owner, &dup)
        .expect_err("the serum has it");
    assert_eq!(e.field(), Some("barcode"), "on the barcode field");
    assert!(e.to_string().contains("duplicate barcode"), "{e}");
    let made = st.create_product(&owner, &cream()).unwrap();
    assert_eq!(
        made.sku, "6901234599991",
        "no SKU typed: the barcode is its SKU"
    );
    assert_eq!((made.unit.as_str(), made.low_stock), ("瓶", 5));
    let e = st
        .edit_product(&owner, made.id, &dup)
        .expect_err("still the serum's");
    assert_eq!(
        e.field(),
        Some("barcode"),
        "editing is held to the same rule"
    );
    assert!(
        st.edit_product(&owner, made.id, &cream()).is_ok(),
        "a product keeps its own barcode when edited"
    );
}

#[test]
fn archived_items_leave_the_checkout_grid_and_come_back_when_restored() {
    let mut s = salon();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    st.set_service_active(&owner, s.facial, false).unwrap();
    st.set_product_active(&owner, s.serum, false).unwrap();
    assert!(
        st.find_services("", 50).unwrap().is_empty(),
        "archived: not on the grid"
    );
    assert!(st.find_products("", 50).unwrap().is_empty());
    assert!(
        st.product_by_barcode("6901234500017").unwrap().is_none(),
        "nor scanned"
    );
    assert_eq!(
        st.services_with_use().unwrap().len(),
        1,
        "still in the back office"
    );
    st.set_service_active(&owner, s.facial, true).unwrap();
    assert_eq!(st.find_services("", 50).unwrap().len(), 1, "restored");
}

#[test]
fn the_grid_follows_the_display_order_the_owner_sets() {
    let mut s = salon();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    let b = st
        .create_service(
            &owner,
            &ServiceInput {
                name: "B 肩颈".into(),
                ..facial()
            },
        )
        .unwrap();
    let c = st
        .create_service(
            &owner,
            &ServiceInput {
                name: "C 眼部".into(),
                ..facial()
            },
        )
        .unwrap();
    let names = |st: &salondesk_core::Store| -> Vec<String> {
        st.find_services("", 50)
            .unwrap()
            .into_iter()
            .map(|s| s.name)
            .collect()
    };
    assert_eq!(
        names(st),
        ["深层清洁", "B 肩颈", "C 眼部"],
        "new ones go last"
    );
    st.move_service(&owner, c.id, true).unwrap();
    assert_eq!(
        names(st),
        ["深层清洁", "C 眼部", "B 肩颈"],
        "C moved up one"
    );
    st.move_service(&owner, s.facial, true).unwrap();
    assert_eq!(
        names(st),
        ["深层清洁", "C 眼部", "B 肩颈"],
        "the first stays first"
    );
    st.move_service(&owner, b.id, false).unwrap();
    assert_eq!(
        names(st),
        ["深层清洁", "C 眼部", "B 肩颈"],
        "the last stays last"
    );
}

#[test]
fn a_price_change_is_kept_and_a_past_sale_keeps_the_price_it_was_sold_at() {
    let mut s = salon();
    let sold = s
        .sell(
            vec![CartLine::new(LineItem::Service {
                service_id: s.facial,
                qty: 1,
            })],
            &[Tender::Cash {
                amount: Money::yuan(268),
            }],
        )
        .unwrap();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    let mut input = ServiceInput {
        category: "面部护理".into(),
        name: "深层清洁".into(),
        duration_min: 75,
        price: Money::yuan(298),
        ..ServiceInput::default()
    };
    st.edit_service(&owner, s.facial, &input).unwrap();
    input.duration_min = 80;
    st.edit_service(&owner, s.facial, &input).unwrap();
    let history = st.price_history(&s.facial.to_string()).unwrap();
    assert_eq!(
        history.len(),
        1,
        "a change of duration alone is not a price change"
    );
    assert_eq!(
        (history[0].old_price, history[0].new_price),
        (Money::yuan(268), Money::yuan(298)),
        "old → new"
    );
    assert_eq!(
        history[0].staff_name.as_deref(),
        Some("林美玲"),
        "who changed it"
    );
    let past = st.sale(&sold.sale_id).unwrap();
    assert_eq!(
        past.lines[0].unit_price,
        Money::yuan(268),
        "the sale line stores the price it was sold at, not today's"
    );
    assert_eq!(st.service(s.facial).unwrap().price, Money::yuan(298));
    let used = st.services_with_use().unwrap();
    assert_eq!(used[0].used, 1, "sold once");
}

#[test]
fn every_catalog_write_syncs_in_a_shape_the_server_accepts() {
    let mut s = salon();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    drain(st);
    let svc = st.create_service(&owner, &facial()).unwrap();
    st.edit_service(
        &owner,
        svc.id,
        &ServiceInput {
            price: Money::yuan(1),
            ..facial()
        },
    )
    .unwrap();
    st.move_service(&owner, svc.id, true).unwrap();
    let p = st.create_product(&owner, &cream()).unwrap();
    st.edit_product(
        &owner,
        p.id,
        &ProductInput {
            price: Money::yuan(5),
            ..cream()
        },
    )
    .unwrap();
    st.set_product_active(&owner, p.id, false).unwrap();
    let ops = drain(st);
    for op in &ops {
        salondesk_protocol::schema::check(op).unwrap_or_else(|r| {
            panic!(
                "the server would refuse {} {}: {r:?}",
                op.entity, op.payload
            )
        });
    }
    let changes = ops.iter().filter(|o| o.entity == "price_change").count();
    assert_eq!(
        changes, 2,
        "one price change each for the service and the product"
    );
}

#[test]
fn every_catalog_change_is_in_the_audit_log_with_who_made_it() {
    let mut s = salon();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    let made = st.create_service(&owner, &facial()).unwrap();
    let dearer = ServiceInput {
        price: Money::yuan(218),
        ..facial()
    };
    st.edit_service(&owner, made.id, &dearer).unwrap();
    st.set_service_active(&owner, made.id, false).unwrap();
    st.set_service_active(&owner, made.id, true).unwrap();
    let entries: Vec<(String, String, String)> = st
        .conn()
        .prepare(
            "SELECT action, staff_id, detail FROM audit_log
             WHERE entity_id = ?1 ORDER BY rowid",
        )
        .unwrap()
        .query_map([made.id.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        actions,
        [
            "catalog_created",
            "catalog_edited",
            "catalog_archived",
            "catalog_restored"
        ],
        "each change, in order"
    );
    assert!(
        entries.iter().all(|e| e.1 == owner.id.to_string()),
        "each names who made it"
    );
    let edited: serde_json::Value = serde_json::from_str(&entries[1].2).unwrap();
    assert_eq!(
        edited["amount"], 21800,
        "the edit says the new price (its history keeps the old one)"
    );
}
