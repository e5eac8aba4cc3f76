//! Issue 17: a coupon bound to one member is used once across the chain. Two
//! tills of two stores, both offline, redeem the same coupon: each allows it
//! (each saw it unused); the server accepts the first use and raises one
//! `double_coupon_use` conflict for the second, which reaches every till. A
//! malformed coupon, use or campaign is refused alone, naming its field.

use crate::convergence::{cash, chain};
use crate::security::{outcomes, ACCEPTED};
use crate::support::{op, TestServer};
use salondesk_core::campaigns::issue_member_coupon;
use salondesk_core::checkout::{Cart, Coupon, CouponKind};
use salondesk_core::Money;
use salondesk_protocol::{OpKind, OpStatus};
use serde_json::json;
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_coupon_redeemed_offline_at_two_stores_is_one_use_and_one_conflict_everywhere() {
    let c = chain().await;
    let coupon = {
        let mut a1 = c.a1.store();
        a1.add_coupon(&Coupon {
            code: "SPRING50".into(),
            kind: CouponKind::Fixed,
            value: 5_000,
            min_spend: Money::ZERO,
            valid_from: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            valid_to: chrono::NaiveDate::from_ymd_opt(2099, 12, 31).unwrap(),
            ..Coupon::default()
        })
        .unwrap();
        let today = a1.business_date().unwrap();
        a1.write(|w| {
            issue_member_coupon(
                w,
                c.member,
                "SPRING50",
                today,
                today + chrono::Duration::days(30),
                "campaign:sync-test",
            )
        })
        .unwrap()
    };
    c.sync_all().await;
    assert!(
        c.b1.store()
            .member_coupons(c.member, None)
            .unwrap()
            .iter()
            .any(|m| m.id == coupon),
        "the other store knows her coupon"
    );

    // Offline, S01 and S02 both redeem it: each till allows it.
    let redeem = |on: &crate::support::Device| {
        let cart = Cart {
            member_id: Some(c.member),
            lines: vec![c.facials(1)],
            coupon: Some(coupon.to_string()),
            ..Cart::default()
        };
        let total = on.store().quote(&cart).unwrap().total;
        assert_eq!(total, Money::yuan(218), "{}: ¥50 off the facial", on.name);
        on.store()
            .complete_sale(&c.cashier, &cart, &[cash(218)])
            .unwrap_or_else(|e| panic!("{} redeems: {e}", on.name))
            .sale_id
    };
    let first = redeem(&c.a1);
    let second = redeem(&c.b1);
    c.a1.sync().await;
    c.b1.sync().await;
    c.sync_all().await;

    for t in c.tills() {
        let open = t.store().conflicts(true).unwrap();
        let doubles: Vec<_> = open
            .iter()
            .filter(|x| x.kind == "double_coupon_use")
            .collect();
        assert_eq!(
            doubles.len(),
            1,
            "{}: the second use to arrive is one conflict, not a silent double use: {open:?}",
            t.name
        );
        let d = &doubles[0].detail;
        assert_eq!(
            d["couponId"],
            coupon.to_string(),
            "{}: names the coupon",
            t.name
        );
        assert_eq!(
            d["firstSaleId"], first,
            "{}: S01's sale arrived first and holds it",
            t.name
        );
        assert_eq!(d["secondSaleId"], second, "{}: S02's came second", t.name);
        let mut stores = doubles[0].store_ids.clone();
        stores.sort();
        let mut both = vec![c.a1.store_id.to_string(), c.b1.store_id.to_string()];
        both.sort();
        assert_eq!(stores, both, "{}: both stores' managers see it", t.name);
        let today = t.store().business_date().unwrap();
        assert!(
            t.store()
                .member_coupons(c.member, Some(today))
                .unwrap()
                .is_empty(),
            "{}: the coupon is used",
            t.name
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_malformed_member_coupon_use_or_campaign_is_refused_alone_naming_its_field() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let dev = s.enrol(c.stores[0]).await;
    let batch = vec![
        op(
            &dev,
            "member_coupon",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "memberId": Uuid::now_v7(), "kind": "gift", "value": 100 }),
        ),
        op(
            &dev,
            "member_coupon_use",
            Uuid::now_v7(),
            OpKind::Append,
            json!({ "couponId": Uuid::now_v7(), "saleId": "not-a-sale", "action": "use" }),
        ),
        op(
            &dev,
            "member_coupon_use",
            Uuid::now_v7(),
            OpKind::Append,
            json!({ "couponId": Uuid::now_v7(), "saleId": Uuid::now_v7(), "action": "steal" }),
        ),
        op(
            &dev,
            "campaign",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "name": "春季", "controlPct": 95 }),
        ),
        op(
            &dev,
            "campaign",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "name": "春季回馈", "controlPct": 10, "status": "draft",
                    "windowFrom": "2026-11-20", "windowTo": "2026-11-30" }),
        ),
    ];
    let r = s.push(&dev, batch).await;
    let invalid = (OpStatus::Rejected, Some("invalid_field"));
    assert_eq!(
        outcomes(&r),
        vec![invalid, invalid, invalid, invalid, ACCEPTED],
        "each bad one refused, the good one kept"
    );
    let messages: Vec<&str> = r
        .results
        .iter()
        .filter_map(|x| x.message.as_deref())
        .collect();
    for (i, path) in [
        "payload.kind",
        "payload.saleId",
        "payload.action",
        "payload.controlPct",
    ]
    .iter()
    .enumerate()
    {
        assert!(
            messages[i].starts_with(path),
            "operation {i}'s refusal names its field {path}: {}",
            messages[i]
        );
    }
}
