//! The owner's key runs her chain and nothing else: the admin token, a
//! device credential or another chain's key are not it; another chain's
//! store or till is 404 as if it did not exist; every field is checked.

use super::{call, owner_key};
use crate::support::{TestServer, ADMIN_TOKEN};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread")]
async fn the_owner_key_lists_adds_and_enrols_in_its_own_chain_only() {
    let s = TestServer::start().await;
    let lotus = s.chain("Lotus", &["S01", "S02"]).await;
    let other = s.chain("Other", &["B01"]).await;
    let key = owner_key(&s, lotus.tenant_id).await;
    let till = s.enrol(lotus.stores[0]).await;

    let (status, me) = call(&s, None, "", Some(&key)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["name"], "Lotus", "the key names its chain");
    for (who, k) in [
        ("no key", None),
        ("the admin token", Some(ADMIN_TOKEN)),
        ("a till's credential", Some(till.credential.as_str())),
        (
            "a made-up key",
            Some("sdo_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ),
    ] {
        let (status, body) = call(&s, None, "/stores", k).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{who} is not the owner's key"
        );
        assert_eq!(body["code"], "unauthorized", "{who}");
    }

    let (status, list) = call(&s, None, "/stores", Some(&key)).await;
    assert_eq!(status, StatusCode::OK);
    let codes: Vec<&str> = list["stores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["S01", "S02"],
        "its own chain's stores, by code; not B01"
    );
    assert_eq!(
        list["stores"][0]["tills"], 1,
        "S01 has the one till enrolled"
    );

    // A new store, then a till for it.
    let (status, made) = call(
        &s,
        Some(json!({"name": "静安店", "code": "S03"})),
        "/stores",
        Some(&key),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let s03 = made["storeId"].as_str().unwrap().to_owned();
    let (status, code) = call(
        &s,
        Some(json!({})),
        &format!("/stores/{s03}/enrolment-codes"),
        Some(&key),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{code}");
    let code = code["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 9, "XXXX-XXXX, as the admin's codes");
    let (status, enrolled) = s.enrol_raw(&code, Uuid::now_v7()).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the owner's code enrols a till: {enrolled}"
    );
    assert_eq!(enrolled["storeCode"], "S03");

    // Field by field: the reason and the field, never a 500.
    let cases = [
        (
            json!({"name": "x", "code": "S01"}),
            StatusCode::CONFLICT,
            "store_code_taken",
            "code",
        ),
        (
            json!({"name": "x", "code": "S 4"}),
            StatusCode::BAD_REQUEST,
            "invalid_field",
            "code",
        ),
        (
            json!({"name": "  ", "code": "S04"}),
            StatusCode::BAD_REQUEST,
            "invalid_field",
            "name",
        ),
        (
            json!({"name": "店".repeat(201), "code": "S04"}),
            StatusCode::BAD_REQUEST,
            "invalid_field",
            "name",
        ),
    ];
    for (body, want, code, field) in cases {
        let (status, reply) = call(&s, Some(body.clone()), "/stores", Some(&key)).await;
        assert_eq!(
            (status, reply["code"].as_str()),
            (want, Some(code)),
            "{body}"
        );
        assert_eq!(reply["field"], field, "the console shows it on {field}");
    }
    for body in [
        json!({"name": "x"}),
        json!({"name": "x", "code": "S05", "tenantId": other.tenant_id}),
        json!([1]),
    ] {
        let (status, reply) = call(&s, Some(body.clone()), "/stores", Some(&key)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {reply}");
    }
    let (status, reply) = call(
        &s,
        Some(json!({"ttlSeconds": 0})),
        &format!("/stores/{s03}/enrolment-codes"),
        Some(&key),
    )
    .await;
    assert_eq!(
        (status, reply["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("ttlSeconds"))
    );

    // Another chain's store is no store at all to this key.
    let theirs = other.stores[0];
    for route in [
        format!("/stores/{theirs}/enrolment-codes"),
        "/stores/not-a-uuid/enrolment-codes".into(),
    ] {
        let (status, reply) = call(&s, Some(json!({})), &route, Some(&key)).await;
        assert_eq!(
            (status, reply["code"].as_str()),
            (StatusCode::NOT_FOUND, Some("not_found")),
            "{route}"
        );
    }
    assert_eq!(
        s.count("SELECT count(*) FROM enrolment_codes").await,
        2,
        "the admin's one for the first till and the owner's: nothing made for the other chain"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM stores").await,
        4,
        "S03 alone was added"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_owner_revokes_a_lost_till_of_her_chain_and_a_new_key_replaces_the_old() {
    let s = TestServer::start().await;
    let lotus = s.chain("Lotus", &["S01"]).await;
    let other = s.chain("Other", &["B01"]).await;
    let key = owner_key(&s, lotus.tenant_id).await;
    let lost = s.enrol(lotus.stores[0]).await;
    let kept = s.enrol(lotus.stores[0]).await;
    let theirs = s.enrol(other.stores[0]).await;

    let (status, reply) = call(
        &s,
        Some(json!({})),
        &format!("/tills/{}/revoke", theirs.device_id),
        Some(&key),
    )
    .await;
    assert_eq!(
        (status, reply["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found")),
        "another chain's till"
    );
    let (status, _) = s.pull_raw(Some(&theirs.credential), "after=0").await;
    assert_eq!(status, StatusCode::OK, "and it still syncs");

    let (status, _) = call(
        &s,
        Some(json!({})),
        &format!("/tills/{}/revoke", lost.device_id),
        Some(&key),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = s.pull_raw(Some(&lost.credential), "after=0").await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the lost till's credential stopped working"
    );
    let (status, _) = s.pull_raw(Some(&kept.credential), "after=0").await;
    assert_eq!(status, StatusCode::OK, "the other till goes on");

    let (_, tills) = call(&s, None, "/tills", Some(&key)).await;
    let tills = tills["tills"].as_array().unwrap();
    assert_eq!(
        tills.len(),
        2,
        "her chain's two tills, not the other chain's"
    );
    let row = |id: Uuid| tills.iter().find(|t| t["id"] == id.to_string()).unwrap();
    assert!(
        row(lost.device_id)["revokedAt"].is_string(),
        "shown as revoked"
    );
    assert!(row(kept.device_id)["revokedAt"].is_null());

    // The operator issues a new key (the old one was on a lost laptop).
    let fresh = owner_key(&s, lotus.tenant_id).await;
    let (status, _) = call(&s, None, "/tills", Some(&key)).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the old key is revoked by the new one"
    );
    let (status, _) = call(&s, None, "/tills", Some(&fresh)).await;
    assert_eq!(status, StatusCode::OK);
    let r = s
        .http
        .post(format!(
            "{}/v1/admin/tenants/{}/owner-keys/revoke",
            s.url(),
            lotus.tenant_id
        ))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (status, _) = call(&s, None, "/tills", Some(&fresh)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "revoked by the operator");
    let r = s
        .http
        .post(format!(
            "{}/v1/admin/tenants/{}/owner-keys",
            s.url(),
            Uuid::now_v7()
        ))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "no key for a chain that does not exist"
    );
    let r = s
        .http
        .post(format!(
            "{}/v1/admin/tenants/{}/owner-keys",
            s.url(),
            lotus.tenant_id
        ))
        .bearer_auth(&fresh)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "an owner key cannot issue keys"
    );
}
