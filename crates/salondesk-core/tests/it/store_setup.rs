//! First run: the store's name, address, phone, receipt header and footer
//! and its time zone; the back office's "Getting started" checklist.

use crate::checkout_fixture::salon;
use crate::support::store;
use salondesk_core::catalog::{ProductInput, ServiceInput};
use salondesk_core::checkout::TIME_ZONES;
use salondesk_core::receipt::{render_text, PaperWidth, ReceiptLang};
use salondesk_core::staff::Role;
use salondesk_core::Money;

#[test]
fn a_new_store_is_in_china_at_plus_eight_and_a_chosen_zone_sets_the_offset() {
    let mut t = store();
    let owner = t.store.create_owner("林美玲", "135790").unwrap();
    let mut s = t.store.checkout_settings().unwrap();
    assert_eq!(
        (s.time_zone.as_str(), s.utc_offset_minutes),
        ("Asia/Shanghai", 480),
        "China by default"
    );
    assert!(TIME_ZONES.iter().all(|(_, o)| (-720..=840).contains(o)));
    s.time_zone = "Asia/Tokyo".into();
    s.utc_offset_minutes = 0;
    t.store.save_checkout_settings(&owner, &s).unwrap();
    let saved = t.store.checkout_settings().unwrap();
    assert_eq!(
        saved.utc_offset_minutes, 540,
        "the zone decides the offset, whatever offset was sent"
    );
    s.time_zone = "Europe/Paris".into();
    let e = t.store.save_checkout_settings(&owner, &s).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("validation", Some("timeZone")),
        "a zone with daylight saving is not offered: one offset would be wrong half the year"
    );
    s.time_zone = "Asia/Shanghai".into();
    s.store_name = "  ".into();
    let e = t.store.save_checkout_settings(&owner, &s).unwrap_err();
    assert_eq!(e.field(), Some("storeName"), "a store needs a name");
}

#[test]
fn the_receipt_header_is_printed_under_the_stores_phone() {
    let mut s = salon();
    let owner = s.owner.clone();
    let mut cfg = s.t.store.checkout_settings().unwrap();
    cfg.store_name = "丽人美容 徐汇店".into();
    cfg.store_phone = "021-6468 8888".into();
    cfg.receipt_header = "营业时间 10:00-21:00\n微信 lirenmeirong".into();
    s.t.store.save_checkout_settings(&owner, &cfg).unwrap();
    let sale = s
        .sell(
            vec![salondesk_core::checkout::CartLine::new(
                salondesk_core::checkout::LineItem::Service {
                    service_id: s.facial,
                    qty: 1,
                },
            )],
            &[salondesk_core::checkout::Tender::Cash {
                amount: Money::yuan(268),
            }],
        )
        .unwrap();
    let doc =
        s.t.store
            .receipt_doc(&sale.sale_id, ReceiptLang::ZhCn, false)
            .unwrap();
    let text = render_text(&doc, PaperWidth::Mm80, ReceiptLang::ZhCn);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is on the receipt:\n{text}"))
    };
    assert!(at("021-6468 8888") < at("营业时间 10:00-21:00"));
    assert!(
        at("微信 lirenmeirong") < at(&sale.receipt_no),
        "each header line, before the sale's own lines"
    );
}

#[test]
fn getting_started_is_done_once_the_store_has_staff_services_and_products() {
    let mut t = store();
    let owner = t.store.create_owner("林美玲", "135790").unwrap();
    let p = t.store.setup_progress().unwrap();
    assert!(
        !p.done() && p.demo_allowed,
        "a blank store: demo data may still be loaded"
    );
    assert_eq!((p.staff, p.services, p.products, p.plans), (0, 0, 0, 0));
    t.store
        .add_staff_by(&owner, "陈晓雨", Role::Cashier, "3579")
        .unwrap();
    t.store
        .add_service(&ServiceInput {
            category: "面部护理".into(),
            name: "深层清洁".into(),
            duration_min: 75,
            price: Money::yuan(268),
            ..Default::default()
        })
        .unwrap();
    assert!(!t.store.setup_progress().unwrap().done(), "no products yet");
    t.store
        .add_product(&ProductInput {
            sku: "SK-001".into(),
            barcode: None,
            name: "玻尿酸精华".into(),
            price: Money::yuan(368),
            cost: Money::yuan(150),
            opening_stock: 0,
            ..Default::default()
        })
        .unwrap();
    let p = t.store.setup_progress().unwrap();
    assert!(p.done(), "{p:?}");
    assert_eq!(
        (p.staff, p.services, p.products),
        (1, 1, 1),
        "the owner is not counted"
    );
}
