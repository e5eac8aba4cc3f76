//! Sync on the device: every operation the core emits is one the server's
//! schema accepts, and another till applies all of them cleanly.

use crate::appointments_fixture::{at, calendar};
use crate::support::boss;
use crate::sync_fixture::{cash, count, drain};
use crate::sync_fixture::{till, STORE_A};
use salondesk_core::appointments::MoveInput;
use salondesk_core::checkout::{
    Cart, CartLine, Coupon, CouponKind, LineItem, RefundRequest, Tender,
};
use salondesk_core::member::{MemberInput, Tier};
use salondesk_core::seed::SeedOptions;
use salondesk_core::staff::{CommissionRates, Role, StaffDraft};
use salondesk_core::Money;
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn every_operation_the_core_emits_passes_the_servers_schema() {
    let mut c = calendar();
    let (owner, manager, cashier) = (c.s.owner.clone(), c.s.manager.clone(), c.s.cashier.clone());
    let facial = c.s.facial;
    let store = &mut c.s.t.store;
    store
        .seed_demo(
            &SeedOptions {
                members: 40,
                // The demo week would take the slots booked below.
                calendar: false,
                ..SeedOptions::default()
            },
            &mut |_, _| {},
        )
        .unwrap();
    // Staff: added with a colour and rates, renamed, a PIN reset, deactivated and back.
    let mut zhao = StaffDraft {
        name: "赵雅".into(),
        role: Role::Beautician,
        color: Some("teal".into()),
        rates: CommissionRates {
            service_bp: Some(2000),
            product_bp: None,
            overrides: [(facial, 3000)].into(),
        },
    };
    let zhao_id = store.add_staff_member(&owner, &zhao, "5678").unwrap().id;
    zhao.name = "赵雅琪".into();
    store.edit_staff(&owner, zhao_id, &zhao).unwrap();
    store.reset_staff_pin(&manager, zhao_id).unwrap();
    store.set_staff_active(&manager, zhao_id, false).unwrap();
    store.set_staff_active(&manager, zhao_id, true).unwrap();
    // Catalog and rules.
    let mut rules = store.tier_rules().unwrap();
    rules[1].discount_bp += 100;
    store.save_tier_rules(&owner, &rules).unwrap();
    store
        .add_coupon(&Coupon {
            code: "WELCOME20".into(),
            kind: CouponKind::Fixed,
            value: 2000,
            min_spend: Money::yuan(100),
            valid_from: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            valid_to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            max_uses: Some(100),
            ..Coupon::default()
        })
        .unwrap();
    store
        .add_top_up_plan("充500送50", Money::yuan(500), Money::yuan(50))
        .unwrap();
    // The back office: a price change, a coupon for some tiers, an archived product.
    // (a new service: the sales below pay the fixture's facial at its price)
    let mut input = salondesk_core::catalog::ServiceInput {
        category: "眼部护理".into(),
        name: "眼周淡纹".into(),
        name_en: "Eye care".into(),
        duration_min: 45,
        price: Money::yuan(238),
        ..Default::default()
    };
    let eye = store.create_service(&owner, &input).unwrap();
    input.price = Money::yuan(258);
    store.edit_service(&owner, eye.id, &input).unwrap();
    store
        .create_coupon(
            &owner,
            &Coupon {
                code: "GOLDONLY".into(),
                kind: CouponKind::Percent,
                value: 1000,
                valid_from: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                valid_to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
                per_member: Some(2),
                tiers: vec![Tier::Gold, Tier::Platinum],
                ..Coupon::default()
            },
        )
        .unwrap();
    let mut settings = store.checkout_settings().unwrap();
    settings.referral_points = 50;
    store.save_checkout_settings(&owner, &settings).unwrap();
    // Selling: a top-up, a package, a sale with a coupon, a refund.
    c.s.top_up();
    c.s.sell(
        vec![CartLine::new(LineItem::PackagePurchase {
            plan_id: c.s.package_plan.clone(),
        })],
        &[cash(200_000)],
    )
    .unwrap();
    let cart = Cart {
        member_id: Some(c.s.member),
        lines: vec![
            CartLine::new(LineItem::Service {
                service_id: c.s.facial,
                qty: 1,
            })
            .by(c.s.beautician.id),
            CartLine::new(LineItem::Product {
                product_id: c.s.serum,
                qty: 1,
            }),
        ],
        coupon: Some("WELCOME20".into()),
        ..Cart::default()
    };
    let sale =
        c.s.t
            .store
            .complete_sale(
                &cashier,
                &cart,
                &[Tender::StoredValue {
                    amount: Money::yuan(616),
                }],
            )
            .unwrap();
    let approval = c.s.approval();
    c.s.t
        .store
        .refund(
            &cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: sale.sale_id.clone(),
                line_ids: None,
                void: false,
            },
        )
        .unwrap();
    // Members: edit, tier by hand, merge, archive.
    let store = &mut c.s.t.store;
    let lina = store.member(c.s.member).unwrap();
    let mut input = MemberInput::editing(&lina);
    input.notes = "喜欢安静".into();
    store.update_member(&boss(), lina.id, &input).unwrap();
    store
        .set_member_tier(&owner, lina.id, Tier::Gold, "老会员转入")
        .unwrap();
    let twin = store
        .register_member(&boss(), &crate::support::member("王丽娜", "13912345678"))
        .unwrap();
    store.merge_members(&boss(), lina.id, twin.id).unwrap();
    let other = store
        .register_member(&boss(), &crate::support::member("张三", "13700001111"))
        .unwrap();
    store.archive_member(&boss(), other.id).unwrap();
    let mut friend = crate::support::member("赵敏", "13600002222");
    friend.referrer_id = Some(lina.id);
    friend.consent_marketing = true;
    let friend = store.register_member(&boss(), &friend).unwrap();
    // Members' data requests: consent withdrawn by phone, then she is erased.
    store
        .set_marketing_consent(
            &boss(),
            friend.id,
            false,
            salondesk_core::privacy::ConsentHow::Verbal,
        )
        .unwrap();
    store.erase_member(&owner, friend.id, "2222").unwrap();
    // Appointments: book, move, arrive, cancel; reminders.
    let a = c.book(&c.facial_at(at(1, "14:00"))).unwrap();
    let b = c.book(&c.facial_at(at(1, "16:00"))).unwrap();
    let store = &mut c.s.t.store;
    store.due_reminders(store.now()).unwrap();
    store
        .move_appointment(
            &cashier,
            &a.id,
            &MoveInput {
                start: at(1, "12:00"),
                staff_id: None,
                room_id: None,
                allow_outside_hours: false,
            },
        )
        .unwrap();
    store
        .cancel_appointment(&cashier, &b.id, "客人改期")
        .unwrap();
    store.confirm_appointment(&cashier, &a.id).unwrap();
    // The back office's stock and days off.
    let serum = c.s.serum;
    stock_and_days_off(store, &manager, serum, c.s.beautician.id);
    // The drawer and the day's end.
    store
        .pay_in_out(&manager, Money::yuan(-50), "买水", None)
        .unwrap();
    store.close_shift(&cashier, &BTreeMap::new()).unwrap();

    let ops = drain(store);
    let mut entities = BTreeSet::new();
    for op in &ops {
        if let Err(r) = salondesk_protocol::schema::check(op) {
            panic!(
                "the server would refuse {} {}: {r:?}",
                op.entity, op.payload
            );
        }
        entities.insert(op.entity.clone());
    }
    for e in [
        "member",
        "member_consent",
        "staff",
        "service",
        "product",
        "tier",
        "tier_change",
        "top_up_plan",
        "package_plan",
        "coupon",
        "price_change",
        "points_ledger",
        "store_settings",
        "sale",
        "audit_log",
        "shift",
        "cash_drawer",
        "stock_move",
        "stock_receipt",
        "stock_take",
        "appointment",
        "appointment_history",
        "message",
        "room",
        "staff_hours",
    ] {
        assert!(
            entities.contains(e),
            "no {e} operation was exercised: {entities:?}"
        );
    }
    assert_eq!(store.pending_ops().unwrap(), 0, "all pushed");

    // Another till of the store applies every one of them cleanly.
    let mut other = till(STORE_A, "A", "09");
    let pulled: Vec<_> = ops
        .iter()
        .enumerate()
        .map(|(i, op)| salondesk_protocol::PulledOp {
            seq: i as i64 + 1,
            store_id: None,
            op: op.clone(),
        })
        .collect();
    let report = other
        .store()
        .apply_pulled(&salondesk_protocol::PullResponse {
            cursor: pulled.len() as i64,
            head: pulled.len() as i64,
            more: false,
            cursor_op: None,
            head_office: None,
            ops: pulled,
            server_time: None,
        })
        .unwrap();
    assert_eq!(
        other.store().sync_apply_errors(10).unwrap(),
        vec![],
        "{report:?}"
    );
    assert_eq!(report.applied, ops.len());
    let here = &c.s.t.store;
    let there = other.store();
    assert_eq!(there.tier_rules().unwrap(), here.tier_rules().unwrap());
    assert_eq!(
        there.staff_record(zhao_id).unwrap(),
        here.staff_record(zhao_id).unwrap(),
        "her name, colour, rates and PIN to change reach the store's other till"
    );
    assert_eq!(
        there.checkout_settings().unwrap(),
        here.checkout_settings().unwrap()
    );
    assert_eq!(there.member_count().unwrap(), here.member_count().unwrap());
    assert_eq!(
        there.working_hours(c.s.beautician.id).unwrap(),
        here.working_hours(c.s.beautician.id).unwrap()
    );
    assert_eq!(
        there.appointment(&a.id).unwrap(),
        here.appointment(&a.id).unwrap()
    );
    assert_eq!(there.rooms().unwrap(), here.rooms().unwrap());
    assert_eq!(
        there.days_off(c.s.beautician.id).unwrap(),
        here.days_off(c.s.beautician.id).unwrap(),
        "days off travel with their reasons"
    );
    assert_eq!(
        there.stock_history(&manager, serum, 50).unwrap(),
        here.stock_history(&manager, serum, 50).unwrap(),
        "a product's stock book reads the same on the other till"
    );
    assert_eq!(
        there.sale(&sale.sale_id).unwrap(),
        here.sale(&sale.sale_id).unwrap()
    );
    for sql in [
        "SELECT count(*) FROM messages",
        "SELECT count(*) FROM appointment_history",
        "SELECT count(*) FROM audit_log",
        "SELECT count(*) FROM coupons",
        "SELECT count(*) FROM tier_changes",
        "SELECT coalesce(sum(amount), 0) FROM cash_drawer",
        "SELECT count(*) FROM shifts WHERE closed_at IS NOT NULL",
        "SELECT coalesce(sum(delta), 0) FROM points_ledger",
        "SELECT count(*) FROM member_search",
    ] {
        assert_eq!(count(there, sql), count(here, sql), "{sql}");
    }
}

/// A delivery, an adjustment, a stock take and a day off with its reason.
fn stock_and_days_off(
    store: &mut salondesk_core::Store,
    manager: &salondesk_core::staff::Staff,
    serum: salondesk_core::ids::ProductId,
    beautician: salondesk_core::ids::StaffId,
) {
    use salondesk_core::stock::{AdjustInput, AdjustReason, CountLine, ReceiptInput, ReceiptLine};
    store
        .receive_goods(
            manager,
            &ReceiptInput {
                supplier: "广州美妆供应链".into(),
                lines: vec![ReceiptLine {
                    product: serum,
                    qty: 6,
                    unit_cost: Money::yuan(150),
                }],
                note: "十二月到货".into(),
            },
        )
        .unwrap();
    store
        .adjust_stock(
            manager,
            &AdjustInput {
                product: serum,
                qty: -1,
                reason: AdjustReason::Damaged,
                note: "瓶子摔碎".into(),
            },
        )
        .unwrap();
    store
        .post_stock_take(
            manager,
            "",
            &[CountLine {
                product: serum,
                counted: 3,
            }],
        )
        .unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
    store.add_day_off(manager, beautician, day, "年假").unwrap();
}
