//! The back office's catalog fields over HTTP (issue 14): a head-office device's
//! new catalog fields and price changes are accepted and reach the other
//! stores; an out-of-range one is refused naming its field; a store's till may
//! not write a price change at all.

use super::{outcomes, ACCEPTED};
use crate::support::{op, TestServer};
use salondesk_protocol::{OpKind, OpStatus};
use serde_json::json;
use uuid::Uuid;

const INVALID: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("invalid_field"));
const HEAD_OFFICE_ONLY: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("head_office_only"));

#[tokio::test(flavor = "multi_thread")]
async fn new_catalog_fields_are_accepted_from_head_office_and_bounded() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["HQ", "S01"]).await;
    let hq = s.enrol_head_office(c.stores[0]).await;
    let till = s.enrol(c.stores[1]).await;
    let (service, product) = (Uuid::now_v7(), Uuid::now_v7());
    let good = vec![
        op(
            &hq,
            "service",
            service,
            OpKind::Upsert,
            json!({ "name": "补水护理", "nameEn": "Hydrating facial", "price": 19800,
                   "commissionBp": 1500, "sortOrder": 3, "resourceKind": "bed" }),
        ),
        op(
            &hq,
            "product",
            product,
            OpKind::Upsert,
            json!({ "name": "修护面霜", "sku": "6901234599991", "barcode": "6901234599991", "price": 29800,
                   "cost": 11000, "category": "护肤", "unit": "瓶", "lowStock": 5, "commissionBp": 500 }),
        ),
        op(
            &hq,
            "price_change",
            Uuid::now_v7(),
            OpKind::Append,
            json!({ "itemKind": "service", "itemId": service, "oldPrice": 19800, "newPrice": 21800,
                   "staffId": Uuid::now_v7() }),
        ),
        op(
            &hq,
            "coupon",
            "GOLD20",
            OpKind::Upsert,
            json!({ "code": "GOLD20", "kind": "percent", "value": 2000, "per_member": 1,
                   "tiers": ["gold", "platinum"], "active": true }),
        ),
    ];
    let r = s.push(&hq, good).await;
    assert_eq!(
        outcomes(&r),
        vec![ACCEPTED; 4],
        "head office may write every new field"
    );
    let pulled = s.pull_all(&till).await;
    assert!(
        pulled.iter().any(|p| p.op.entity == "price_change"),
        "the other stores pull the price history with the catalog"
    );

    let bad = vec![
        op(
            &hq,
            "service",
            service,
            OpKind::Upsert,
            json!({ "commissionBp": 10_001 }),
        ),
        op(
            &hq,
            "product",
            product,
            OpKind::Upsert,
            json!({ "lowStock": -1 }),
        ),
        op(
            &hq,
            "product",
            product,
            OpKind::Upsert,
            json!({ "unit": "x".repeat(11) }),
        ),
        op(
            &hq,
            "price_change",
            Uuid::now_v7(),
            OpKind::Append,
            json!({ "itemKind": "member", "itemId": service, "oldPrice": 1, "newPrice": 2 }),
        ),
        op(
            &hq,
            "price_change",
            Uuid::now_v7(),
            OpKind::Append,
            json!({ "itemKind": "service", "itemId": service, "oldPrice": -1, "newPrice": 2 }),
        ),
        op(
            &hq,
            "coupon",
            "GOLD20",
            OpKind::Upsert,
            json!({ "per_member": 0 }),
        ),
        op(
            &hq,
            "coupon",
            "GOLD20",
            OpKind::Upsert,
            json!({ "tiers": ["a", "b", "c", "d", "e"] }),
        ),
    ];
    let r = s.push(&hq, bad).await;
    assert_eq!(
        outcomes(&r),
        vec![INVALID; 7],
        "each out-of-range value is refused"
    );
    for (result, field) in r.results.iter().zip([
        "payload.commissionBp",
        "payload.lowStock",
        "payload.unit",
        "payload.itemKind",
        "payload.oldPrice",
        "payload.per_member",
        "payload.tiers",
    ]) {
        let message = result.message.as_deref().unwrap_or_default();
        assert!(
            message.starts_with(field),
            "the refusal names {field}: {message}"
        );
    }

    let r = s
        .push(
            &till,
            vec![op(
                &till,
                "price_change",
                Uuid::now_v7(),
                OpKind::Append,
                json!({ "itemKind": "service", "itemId": service, "oldPrice": 1, "newPrice": 2 }),
            )],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        vec![HEAD_OFFICE_ONLY],
        "a store's till keeps no chain-wide price history"
    );
}
