//! The back office's staff fields on the wire (issue 14): a store's till sets
//! its own staff's calendar colour, commission rates and PIN resets; the
//! server bounds every one of them and keeps them out of other stores' reach,
//! and lists a PIN reset for the chain's owner like any PIN change.

use super::{outcomes, ACCEPTED};
use crate::support::{op, TestServer};
use salondesk_protocol::admin::StaffChanges;
use salondesk_protocol::{OpKind, OpStatus};
use serde_json::json;
use uuid::Uuid;

const INVALID: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("invalid_field"));
const NOT_YOURS: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("not_your_store_staff"));

#[tokio::test(flavor = "multi_thread")]
async fn a_till_rates_and_resets_its_own_staff_within_bounds_and_never_another_stores() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;
    let till_1 = s.enrol(c.stores[0]).await;
    let other_till_1 = s.enrol(c.stores[0]).await;
    let till_2 = s.enrol(c.stores[1]).await;
    let (wang, facial) = (Uuid::now_v7(), Uuid::now_v7());
    let staff = |till, payload| op(till, "staff", wang, OpKind::Upsert, payload);

    let r = s
        .push(
            &till_1,
            vec![
                staff(&till_1, json!({ "name": "王芳", "role": "beautician", "pinHash": "$argon2id$w",
                    "active": true })),
                staff(&till_1, json!({ "color": "teal", "commissionServiceBp": 2000,
                    "commissionProductBp": null, "commissionOverrides": { facial.to_string(): 3500 } })),
                staff(&till_1, json!({ "pinHash": "$argon2id$temporary", "pinMustChange": true })),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        vec![ACCEPTED; 3],
        "a till runs its own store's staff: colour, rates, a PIN reset"
    );

    let r = s
        .push(
            &till_1,
            vec![
                staff(&till_1, json!({ "commissionServiceBp": 10_001 })),
                staff(&till_1, json!({ "commissionProductBp": -1 })),
                staff(&till_1, json!({ "color": "#ff0000" })),
                staff(
                    &till_1,
                    json!({ "commissionOverrides": { "facial": 3000 } }),
                ),
                staff(
                    &till_1,
                    json!({ "commissionOverrides": { facial.to_string(): 20_000 } }),
                ),
                staff(&till_1, json!({ "pinMustChange": "yes" })),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        vec![INVALID; 6],
        "a rate beyond 0–100%, a colour off the palette, a rate not keyed by a service id"
    );

    let r = s
        .push(
            &till_2,
            vec![
                staff(&till_2, json!({ "commissionServiceBp": 9000 })),
                staff(
                    &till_2,
                    json!({ "pinHash": "$argon2id$mine", "pinMustChange": true }),
                ),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        vec![NOT_YOURS; 2],
        "another store's till can neither re-rate her nor reset her PIN"
    );

    let pulled = s.pull_all(&other_till_1).await;
    let payloads: Vec<_> = pulled
        .iter()
        .filter(|p| p.op.entity == "staff" && p.op.entity_id == wang.to_string())
        .map(|p| p.op.payload.clone())
        .collect();
    assert!(
        payloads
            .iter()
            .any(|p| p["commissionOverrides"][facial.to_string()] == 3500),
        "the store's other till learns her rates: {payloads:?}"
    );
    assert!(
        payloads
            .iter()
            .any(|p| p["pinMustChange"] == true && p["pinHash"] == "$argon2id$temporary"),
        "and her temporary PIN, to be changed at her next login there too"
    );

    let (_, body) = s
        .admin_get(&format!("/v1/admin/tenants/{}/staff-changes", c.tenant_id))
        .await;
    let changes: StaffChanges = serde_json::from_value(body).unwrap();
    let pins: Vec<bool> = changes
        .changes
        .iter()
        .filter(|x| x.staff_id == wang)
        .map(|x| x.pin_changed)
        .collect();
    assert_eq!(
        pins,
        vec![true, true],
        "her arrival and the reset are listed for the chain's owner; new rates are no staff change"
    );
}
