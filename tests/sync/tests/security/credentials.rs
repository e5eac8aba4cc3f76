//! Who may call: device credentials (missing, wrong, revoked), enrolment codes
//! (mistyped, expired, used, for a device enrolled elsewhere), the admin token,
//! and the rate limits.

use crate::support::{op, TestServer, ADMIN_TOKEN};
use reqwest::StatusCode;
use salondesk_protocol::OpKind;
use salondesk_server::RateLimit;
use serde_json::json;
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread")]
async fn bad_unknown_and_revoked_credentials_get_401() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let dev = s.enrol(c.stores[0]).await;
    let body = || {
        serde_json::to_vec(&json!({ "ops": [op(&dev, "member", Uuid::now_v7(), OpKind::Upsert, json!({"name": "x"}))] })).unwrap()
    };

    let forged = "A".repeat(43);
    let tampered = format!("{}x", &dev.credential[..42]);
    for credential in [
        None,
        Some(""),
        Some(forged.as_str()),
        Some(tampered.as_str()),
        Some(ADMIN_TOKEN),
    ] {
        let (status, reply) = s.push_raw(credential, body()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{credential:?}");
        assert_eq!(reply["code"], "unauthorized");
        let (status, _) = s.pull_raw(credential, "after=0").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{credential:?}");
    }
    // Not a bearer token at all.
    let r = s
        .http
        .get(format!("{}/v1/pull", s.url()))
        .basic_auth("device", Some(&dev.credential))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // The real one works, until the admin revokes the device.
    let (status, _) = s.push_raw(Some(&dev.credential), body()).await;
    assert_eq!(status, StatusCode::OK);
    let r = s
        .http
        .post(format!(
            "{}/v1/admin/devices/{}/revoke",
            s.url(),
            dev.device_id
        ))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (status, reply) = s.push_raw(Some(&dev.credential), body()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply["code"], "unauthorized");
    assert_eq!(
        s.count("SELECT count(*) FROM ops").await,
        1,
        "only the push before revocation"
    );

    // A code cannot bring it back: it stays revoked, and the code is not used up.
    let code = s.enrolment_code(c.stores[0], None).await;
    let (status, again) = s.enrol_raw(&code, dev.device_id).await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    assert_eq!(again["code"], "device_already_enrolled");
    assert_eq!(
        s.pull_raw(Some(&dev.credential), "after=0").await.0,
        StatusCode::UNAUTHORIZED,
        "a revoked device stays revoked"
    );
    let revoked = s
        .count("SELECT count(*) FROM devices WHERE revoked_at IS NOT NULL")
        .await;
    assert_eq!(revoked, 1, "the refusal left the revocation in place");
    let (status, _) = s.enrol_raw(&code, Uuid::now_v7()).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the refused attempt left the code usable"
    );

    // The server kept hashes only.
    let stored: Vec<u8> = sqlx::query_scalar("SELECT credential_hash FROM devices WHERE id = $1")
        .bind(dev.device_id)
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 32);
    assert!(!String::from_utf8_lossy(&stored).contains(&dev.credential));
}

/// Regression (issue 13, fault 7): with a code for a store, enrolling under an
/// enrolled till's device id replaced its credential, and the real till got 401.
#[tokio::test(flavor = "multi_thread")]
async fn an_enrolment_code_cannot_take_over_an_enrolled_till() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let till = s.enrol(c.stores[0]).await;
    assert_eq!(
        s.pull_raw(Some(&till.credential), "after=0").await.0,
        StatusCode::OK,
        "the till works: it has used its credential"
    );
    let code = s.enrolment_code(c.stores[0], None).await;
    let (status, reply) = s.enrol_raw(&code, till.device_id).await;
    assert_eq!(status, StatusCode::CONFLICT, "{reply}");
    assert_eq!(reply["code"], "device_already_enrolled");
    assert!(
        reply.get("credential").is_none(),
        "no credential is handed to whoever holds the code"
    );
    assert_eq!(
        s.pull_raw(Some(&till.credential), "after=0").await.0,
        StatusCode::OK,
        "the real till's credential still works"
    );
    assert_eq!(s.count("SELECT count(*) FROM devices").await, 1);
}

/// The reply to an enrolment can be lost on a flaky network: the server made
/// the credential, the till never got it. Its next try with a new code must
/// not be refused for good (it could never join); until the credential is
/// used, the same device id enrols again and the lost credential is void.
#[tokio::test(flavor = "multi_thread")]
async fn a_till_whose_enrolment_reply_was_lost_enrols_again_until_it_has_synced() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let device = Uuid::now_v7();
    let first = s.enrolment_code(c.stores[0], None).await;
    let (status, lost) = s.enrol_raw(&first, device).await;
    assert_eq!(status, StatusCode::OK, "{lost}");
    let second = s.enrolment_code(c.stores[0], None).await;
    let (status, again) = s.enrol_raw(&second, device).await;
    assert_eq!(status, StatusCode::OK, "the till asks again: {again}");
    assert_eq!(
        again["deviceCode"], lost["deviceCode"],
        "the same device keeps its code"
    );
    let lost = lost["credential"].as_str().unwrap().to_owned();
    let kept = again["credential"].as_str().unwrap().to_owned();
    assert_eq!(
        s.pull_raw(Some(&lost), "after=0").await.0,
        StatusCode::UNAUTHORIZED,
        "the lost credential is void"
    );
    assert_eq!(s.pull_raw(Some(&kept), "after=0").await.0, StatusCode::OK);
    let third = s.enrolment_code(c.stores[0], None).await;
    let (status, reply) = s.enrol_raw(&third, device).await;
    assert_eq!(
        (status, reply["code"].as_str()),
        (StatusCode::CONFLICT, Some("device_already_enrolled")),
        "once it has synced, no code replaces its credential: {reply}"
    );
    assert_eq!(s.count("SELECT count(*) FROM devices").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn enrolment_codes_are_single_use_short_lived_and_exact() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;

    // Typed in lower case without the dash: accepted, once.
    let code = s.enrolment_code(c.stores[0], None).await;
    assert!(code.len() == 9 && code.as_bytes()[4] == b'-', "{code}");
    let typed = code.replace('-', "").to_lowercase();
    let first = Uuid::now_v7();
    let (status, body) = s.enrol_raw(&typed, first).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["storeCode"], "S01");
    assert_eq!(body["deviceCode"], "001");
    let (status, body) = s.enrol_raw(&code, Uuid::now_v7()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "enrolment_invalid", "a used code");

    // Expired (made to expire in the database, not by waiting).
    let code = s.enrolment_code(c.stores[0], Some(60)).await;
    sqlx::query(
        "UPDATE enrolment_codes SET expires_at = now() - interval '1 second' WHERE used_at IS NULL",
    )
    .execute(&s.pool)
    .await
    .unwrap();
    let (status, body) = s.enrol_raw(&code, Uuid::now_v7()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "enrolment_expired");

    // Mistyped or made up.
    for bad in ["", "ABCD-EFGH", "0000-0000", "toolong-code-here"] {
        let (status, body) = s.enrol_raw(bad, Uuid::now_v7()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{bad}");
        assert_eq!(body["code"], "enrolment_invalid");
    }

    // A device enrolled in S01 cannot take a code of S02, and the code survives.
    let code = s.enrolment_code(c.stores[1], None).await;
    let (status, body) = s.enrol_raw(&code, first).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, _) = s.enrol_raw(&code, Uuid::now_v7()).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the refused attempt did not use the code up"
    );

    // Codes live at most a day.
    let r = s
        .http
        .post(format!(
            "{}/v1/admin/stores/{}/enrolment-codes",
            s.url(),
            c.stores[0]
        ))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({ "ttlSeconds": 86_401 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(s.count("SELECT count(*) FROM devices").await, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_routes_need_the_admin_token() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let dev = s.enrol(c.stores[0]).await;
    let calls = [
        ("/v1/admin/tenants".to_owned(), json!({ "name": "Evil" })),
        (
            format!("/v1/admin/tenants/{}/stores", c.tenant_id),
            json!({ "name": "Evil", "code": "EV" }),
        ),
        (
            format!("/v1/admin/stores/{}/enrolment-codes", c.stores[0]),
            json!({}),
        ),
        (
            format!("/v1/admin/devices/{}/revoke", dev.device_id),
            json!({}),
        ),
    ];
    let wrong = format!("{ADMIN_TOKEN}x");
    for (path, body) in &calls {
        for token in [
            None,
            Some(wrong.as_str()),
            Some(dev.credential.as_str()),
            Some(""),
        ] {
            let mut req = s.http.post(format!("{}{path}", s.url())).json(body);
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            let r = req.send().await.unwrap();
            assert_eq!(
                r.status(),
                StatusCode::UNAUTHORIZED,
                "{path} with {token:?}"
            );
            let reply: serde_json::Value = r.json().await.unwrap();
            assert_eq!(reply["code"], "unauthorized");
        }
    }
    assert_eq!(s.count("SELECT count(*) FROM tenants").await, 1);
    assert_eq!(s.count("SELECT count(*) FROM stores").await, 1);
    assert_eq!(
        s.count("SELECT count(*) FROM enrolment_codes").await,
        1,
        "the one enrol used"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM devices WHERE revoked_at IS NOT NULL")
            .await,
        0
    );
    // A store for a tenant that does not exist, or a duplicate store code.
    let r = s
        .http
        .post(format!(
            "{}/v1/admin/tenants/{}/stores",
            s.url(),
            Uuid::now_v7()
        ))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({ "name": "Ghost", "code": "G1" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = s
        .http
        .post(format!(
            "{}/v1/admin/tenants/{}/stores",
            s.url(),
            c.tenant_id
        ))
        .bearer_auth(ADMIN_TOKEN)
        .json(&json!({ "name": "Again", "code": "S01" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

#[tokio::test(flavor = "multi_thread")]
async fn too_many_requests_get_429() {
    let s = TestServer::start_with(|c| {
        c.device_rate = RateLimit {
            per_second: 0.1,
            burst: 3.0,
        };
        c.ip_rate = RateLimit {
            per_second: 0.1,
            burst: 6.0,
        };
    })
    .await;
    // Admin and enrolment share the per-address bucket: 6 calls.
    let c = s.chain("Lotus", &["S01"]).await; // 2 calls
    let dev = s.enrol(c.stores[0]).await; // 2 calls
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(s.pull_raw(Some(&dev.credential), "after=0").await);
    }
    let codes: Vec<u16> = statuses.iter().map(|(st, _)| st.as_u16()).collect();
    assert_eq!(codes, vec![200, 200, 200, 429]);
    assert_eq!(statuses[3].1["code"], "rate_limited");
    let mut admin = Vec::new();
    for _ in 0..3 {
        let r = s
            .http
            .post(format!("{}/v1/admin/tenants", s.url()))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({ "name": "x" }))
            .send()
            .await
            .unwrap();
        admin.push(r.status().as_u16());
    }
    assert_eq!(admin, vec![201, 201, 429]);
}
