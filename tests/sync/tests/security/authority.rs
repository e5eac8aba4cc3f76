//! Authority (issue 13, fault 2): what binds the whole chain — its staff and
//! owners, the catalog and prices, tiers, coupons, plans, chain settings — is
//! accepted only from a head-office device; a store's till writes only its
//! own store's staff. PIN hashes reach only the tills of the staff member's
//! home, and every staff change is listed for the chain's owner.

use super::{outcomes, ACCEPTED};
use crate::support::{op, TestServer};
use reqwest::StatusCode;
use salondesk_protocol::admin::StaffChanges;
use salondesk_protocol::{OpKind, OpStatus, PulledOp};
use serde_json::json;
use uuid::Uuid;

const NOT_YOURS: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("not_your_store_staff"));
const HEAD_OFFICE_ONLY: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("head_office_only"));

fn staff_of(pulled: &[PulledOp], id: Uuid) -> Vec<serde_json::Value> {
    pulled
        .iter()
        .filter(|p| p.op.entity == "staff" && p.op.entity_id == id.to_string())
        .map(|p| p.op.payload.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_store_till_cannot_make_anyone_an_owner_of_the_chain_nor_set_its_prices() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["HQ", "S01", "S02"]).await;
    let (hq, s1, s2) = (c.stores[0], c.stores[1], c.stores[2]);
    let head_office = s.enrol_head_office(hq).await;
    let till_1 = s.enrol(s1).await;
    let till_2 = s.enrol(s2).await;

    // Head office makes the chain's owner and a manager of store 1.
    let (chain_owner, manager_1) = (Uuid::now_v7(), Uuid::now_v7());
    let r = s
        .push(
            &head_office,
            vec![
                op(&head_office, "staff", chain_owner, OpKind::Upsert,
                   json!({ "name": "林总", "role": "owner", "pinHash": "$argon2id$owner", "active": true, "storeId": null })),
                op(&head_office, "staff", manager_1, OpKind::Upsert,
                   json!({ "name": "周店长", "role": "manager", "pinHash": "$argon2id$m1", "active": true, "storeId": s1 })),
                op(&head_office, "service", Uuid::now_v7(), OpKind::Upsert,
                   json!({ "name": "深层清洁", "price": 26800 })),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        vec![ACCEPTED; 3],
        "head office sets the chain up"
    );

    // Store 2's till tries to take the chain over, and to set its prices.
    let me = Uuid::now_v7();
    let tries = vec![
        op(
            &till_2,
            "staff",
            chain_owner,
            OpKind::Upsert,
            json!({ "active": false }),
        ),
        op(
            &till_2,
            "staff",
            chain_owner,
            OpKind::Upsert,
            json!({ "pinHash": "$argon2id$mine" }),
        ),
        op(
            &till_2,
            "staff",
            manager_1,
            OpKind::Upsert,
            json!({ "role": "cashier" }),
        ),
        op(
            &till_2,
            "staff",
            me,
            OpKind::Upsert,
            json!({ "name": "x", "role": "owner", "pinHash": "$argon2id$x", "storeId": null }),
        ),
        op(
            &till_2,
            "staff",
            me,
            OpKind::Upsert,
            json!({ "name": "x", "role": "owner", "pinHash": "$argon2id$x", "storeId": s1 }),
        ),
        op(
            &till_2,
            "service",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "name": "x", "price": 1 }),
        ),
        op(
            &till_2,
            "product",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "name": "x", "price": 1 }),
        ),
        op(
            &till_2,
            "tier",
            "gold",
            OpKind::Upsert,
            json!({ "tier": "gold", "discountBp": 9000 }),
        ),
        op(
            &till_2,
            "coupon",
            "FREE",
            OpKind::Upsert,
            json!({ "code": "FREE", "kind": "amount", "value": 100000 }),
        ),
        op(
            &till_2,
            "top_up_plan",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "name": "x", "pay": 1, "bonus": 100000 }),
        ),
        op(
            &till_2,
            "package_plan",
            Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "name": "x", "sessions": 99, "price": 1 }),
        ),
        op(
            &till_2,
            "store_settings",
            "points_value",
            OpKind::Upsert,
            json!({ "value": 100000 }),
        ),
    ];
    let r = s.push(&till_2, tries).await;
    assert_eq!(
        outcomes(&r),
        [vec![NOT_YOURS; 5], vec![HEAD_OFFICE_ONLY; 7]].concat(),
        "the chain's and other stores' staff, and everything priced chain-wide, are out of a till's reach"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM ops WHERE entity <> 'staff' AND entity <> 'service'")
            .await,
        0,
        "nothing a till was refused is logged for others to pull"
    );

    // What it may do: its own store's owner (its first-run owner) and staff.
    let store_owner = Uuid::now_v7();
    let r = s
        .push(
            &till_2,
            vec![
                op(&till_2, "staff", store_owner, OpKind::Upsert,
                   json!({ "name": "王店主", "role": "owner", "pinHash": "$argon2id$s2owner", "active": true })),
                op(&till_2, "staff", store_owner, OpKind::Upsert, json!({ "role": "manager" })),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        vec![ACCEPTED; 2],
        "a till runs its own store's staff"
    );
    let home: Option<Uuid> =
        sqlx::query_scalar("SELECT store_id FROM staff_homes WHERE staff_id = $1")
            .bind(store_owner)
            .fetch_one(&s.pool)
            .await
            .unwrap();
    assert_eq!(
        home,
        Some(s2),
        "a till's first-run owner is its store's owner, not the chain's"
    );

    // PIN hashes go where she logs in, nowhere else.
    let at_1 = s.pull_all(&till_1).await;
    let at_2 = s.pull_all(&till_2).await;
    let at_hq = s.pull_all(&s.enrol_head_office(hq).await).await;
    let has_pin = |ops: &[serde_json::Value]| ops.iter().any(|p| p.get("pinHash").is_some());
    assert!(
        has_pin(&staff_of(&at_1, manager_1)),
        "store 1's till logs its manager in"
    );
    assert!(
        !has_pin(&staff_of(&at_2, manager_1)),
        "store 2 has no need of store 1's manager's hash"
    );
    assert!(
        !has_pin(&staff_of(&at_1, store_owner)),
        "nor store 1 of store 2's owner's"
    );
    assert!(
        !has_pin(&staff_of(&at_1, chain_owner)),
        "the chain owner's hash stays off store tills"
    );
    assert!(
        has_pin(&staff_of(&at_hq, chain_owner)),
        "head office logs the chain's owner in"
    );
    assert_eq!(
        staff_of(&at_1, store_owner).len(),
        2,
        "store 1 still learns of her (name, role): only the hash is withheld"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn role_changes_are_listed_for_the_chains_owner_and_the_admin_marks_head_office() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let till = s.enrol(c.stores[0]).await;
    let cashier = Uuid::now_v7();
    let r = s
        .push(
            &till,
            vec![
                op(&till, "staff", cashier, OpKind::Upsert,
                   json!({ "name": "陈晓雨", "role": "cashier", "pinHash": "$argon2id$c", "active": true })),
                op(&till, "staff", cashier, OpKind::Upsert, json!({ "name": "陈晓雨 (new name)" })),
                op(&till, "staff", cashier, OpKind::Upsert, json!({ "role": "manager" })),
                op(&till, "product", Uuid::now_v7(), OpKind::Upsert, json!({ "name": "x", "price": 1 })),
            ],
        )
        .await;
    assert_eq!(outcomes(&r)[..3], [ACCEPTED; 3]);
    assert_eq!(outcomes(&r)[3], HEAD_OFFICE_ONLY);

    let (status, body) = s
        .admin_get(&format!("/v1/admin/tenants/{}/staff-changes", c.tenant_id))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let changes: StaffChanges = serde_json::from_value(body).unwrap();
    let seen: Vec<_> = changes
        .changes
        .iter()
        .map(|x| {
            (
                x.staff_id,
                x.from_role.as_deref(),
                x.to_role.as_deref(),
                x.device_id,
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (cashier, None, Some("cashier"), till.device_id),
            (cashier, Some("cashier"), Some("manager"), till.device_id),
        ],
        "her arrival and her promotion, with the till that made them; a new name is no role change"
    );
    let (status, _) = s
        .admin_get(&format!(
            "/v1/admin/tenants/{}/staff-changes",
            Uuid::now_v7()
        ))
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "another chain's list is simply empty"
    );

    // The admin marks the till head office: then it may write the catalog.
    let status = s
        .admin_post(
            &format!("/v1/admin/devices/{}/head-office", till.device_id),
            json!({ "headOffice": true }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let r = s
        .push(
            &till,
            vec![op(
                &till,
                "product",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "name": "x", "price": 1 }),
            )],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        vec![ACCEPTED],
        "a head-office device writes the catalog"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_pin_takes_the_old_pins_hash_out_of_the_servers_log() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let till = s.enrol(c.stores[0]).await;
    let manager = Uuid::now_v7();
    for hash in ["$argon2id$first-pin", "$argon2id$second-pin"] {
        let r = s
            .push(
                &till,
                vec![op(
                    &till,
                    "staff",
                    manager,
                    OpKind::Upsert,
                    json!({ "name": "周店长", "role": "manager", "pinHash": hash }),
                )],
            )
            .await;
        assert_eq!(outcomes(&r), vec![ACCEPTED]);
    }
    assert_eq!(
        s.count("SELECT count(*) FROM ops WHERE payload LIKE '%first-pin%'")
            .await,
        0,
        "a copy of the log holds only her current PIN's hash"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM ops WHERE payload LIKE '%second-pin%'")
            .await,
        1
    );
    let other = s.enrol(c.stores[0]).await;
    let pulled = s.pull_all(&other).await;
    let hashes: Vec<_> = staff_of(&pulled, manager)
        .iter()
        .filter_map(|p| p.get("pinHash").cloned())
        .collect();
    assert_eq!(
        hashes,
        vec![json!("$argon2id$second-pin")],
        "a new till pulls the current hash"
    );
}
