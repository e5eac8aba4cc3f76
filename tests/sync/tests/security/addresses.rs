//! Per-address limits behind the TLS proxy and on IPv6 (issue 13, fault 10):
//! from a configured trusted proxy the forwarded address counts (from anyone
//! else the header is ignored), IPv6 counts per /64, and failed device logins
//! are limited per address.

use crate::support::{op, TestServer};
use reqwest::StatusCode;
use salondesk_protocol::OpKind;
use salondesk_server::RateLimit;
use serde_json::json;
use std::net::IpAddr;
use uuid::Uuid;

/// Enrols with a made-up code as the client `forwarded` (through the proxy):
/// 401 while its address may still try, 429 once its bucket is empty.
async fn guess_code(s: &TestServer, forwarded: &str) -> u16 {
    s.http
        .post(format!("{}/v1/enrol", s.url()))
        .header("x-forwarded-for", forwarded)
        .json(&json!({ "code": "ABCD-EFGH", "deviceId": Uuid::now_v7() }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn strict(c: &mut salondesk_server::Config, trusted: bool) {
    c.ip_rate = RateLimit {
        per_second: 0.01,
        burst: 3.0,
    };
    if trusted {
        c.trusted_proxies = vec![IpAddr::from([127, 0, 0, 1])];
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn behind_a_trusted_proxy_each_client_has_its_own_bucket_and_ipv6_counts_per_64() {
    let s = TestServer::start_with(|c| strict(c, true)).await;
    let mut a = Vec::new();
    for _ in 0..4 {
        a.push(guess_code(&s, "198.51.100.1").await);
    }
    assert_eq!(
        a,
        vec![401, 401, 401, 429],
        "client A spends its own bucket"
    );
    assert_eq!(
        guess_code(&s, "198.51.100.2").await,
        401,
        "client B behind the same proxy is not throttled for A"
    );
    assert_eq!(
        guess_code(&s, "6.6.6.6, 198.51.100.1").await,
        429,
        "an address A puts in front of the header is not the one the proxy saw"
    );

    // IPv6: one /64 is one client, whichever address of it is used.
    let mut v6 = Vec::new();
    for host in [
        "2001:db8:1:2::1",
        "2001:db8:1:2::2",
        "2001:db8:1:2:ffff::9",
        "2001:db8:1:2::3",
    ] {
        v6.push(guess_code(&s, host).await);
    }
    assert_eq!(
        v6,
        vec![401, 401, 401, 429],
        "four addresses of one /64 share a bucket"
    );
    assert_eq!(
        guess_code(&s, "2001:db8:1:3::1").await,
        401,
        "the next /64 is someone else"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forwarded_address_from_an_untrusted_peer_is_ignored() {
    let s = TestServer::start_with(|c| strict(c, false)).await;
    let mut got = Vec::new();
    for i in 0..4 {
        got.push(guess_code(&s, &format!("198.51.100.{i}")).await);
    }
    assert_eq!(
        got,
        vec![401, 401, 401, 429],
        "a client cannot make itself a new bucket per request by sending the header"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_device_logins_are_limited_per_address() {
    let s = TestServer::start_with(|c| {
        c.trusted_proxies = vec![IpAddr::from([127, 0, 0, 1])];
        c.login_failure_rate = RateLimit {
            per_second: 0.01,
            burst: 3.0,
        };
    })
    .await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let till = s.enrol(chain.stores[0]).await;
    let pull = |credential: String, from: &'static str| {
        let req = s
            .http
            .get(format!("{}/v1/pull?after=0", s.url()))
            .header("x-forwarded-for", from)
            .bearer_auth(credential);
        async move { req.send().await.unwrap().status() }
    };
    let mut tries = Vec::new();
    for i in 0..4 {
        tries.push(pull(format!("guess-{i}"), "203.0.113.9").await.as_u16());
    }
    assert_eq!(
        tries,
        vec![401, 401, 401, 429],
        "three wrong credentials, then the address must wait"
    );
    assert_eq!(
        pull(till.credential.clone(), "203.0.113.77").await,
        StatusCode::OK,
        "a till at another address is not locked out"
    );
    assert_eq!(
        pull("guess".into(), "203.0.113.78").await,
        StatusCode::UNAUTHORIZED,
        "another address has its own budget"
    );
    // Good logins never spend the budget.
    for _ in 0..5 {
        let body = json!({ "ops": [op(&till, "member", Uuid::now_v7(), OpKind::Upsert, json!({ "name": "x" }))] });
        let r = s
            .http
            .post(format!("{}/v1/push", s.url()))
            .header("x-forwarded-for", "203.0.113.77")
            .bearer_auth(&till.credential)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
}
