//! One till cannot starve the server (issue 13, fault 4): a chain flooding
//! pushes waits for its turn without holding database connections, so another
//! chain's pulls stay fast; a device or chain over its cap in flight is told
//! when to come back (429 + Retry-After); a push waiting for one that never
//! comes gives up within seconds.

use crate::support::{op, DeviceCreds, TestServer};
use reqwest::StatusCode;
use salondesk_protocol::{Op, OpKind, OUT_OF_ORDER};
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uuid::Uuid;

fn members(device: &DeviceCreds, n: usize) -> Vec<Op> {
    (0..n)
        .map(|i| {
            op(
                device,
                "member",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "name": format!("会员{i}"), "phone": format!("139{i:08}") }),
            )
        })
        .collect()
}

fn body(ops: &[Op], follows: Option<Uuid>) -> Vec<u8> {
    serde_json::to_vec(&json!({ "ops": ops, "follows": follows })).unwrap()
}

async fn pull_times(s: &TestServer, till: &DeviceCreds, n: usize) -> Vec<Duration> {
    let mut out = Vec::new();
    for _ in 0..n {
        let started = Instant::now();
        let (status, reply) = s
            .pull_raw(Some(&till.credential), "after=0&limit=100")
            .await;
        assert_eq!(status, StatusCode::OK, "the quiet chain's pull: {reply}");
        out.push(started.elapsed());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    out.sort();
    out
}

/// Regression: every push waited for its chain's advisory lock holding one of
/// the pool's connections, so a flood of one chain's pushes held them all and
/// another chain's pull waited seconds for one.
#[tokio::test(flavor = "multi_thread")]
async fn one_chain_flooding_pushes_leaves_another_chains_pulls_fast() {
    let s = TestServer::start().await; // a pool of 4 connections
    let flooding = s.chain("Flood", &["S01"]).await;
    let quiet = s.chain("Quiet", &["S01"]).await;
    let (writer, reader) = (
        s.enrol(quiet.stores[0]).await,
        s.enrol(quiet.stores[0]).await,
    );
    s.push(&writer, members(&writer, 100)).await;
    let mut tills = Vec::new();
    for _ in 0..4 {
        tills.push(Arc::new(s.enrol(flooding.stores[0]).await));
    }
    let baseline = pull_times(&s, &reader, 10).await;

    let stop = Arc::new(AtomicBool::new(false));
    let (pushed, told_to_wait) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let mut flood = Vec::new();
    for till in &tills {
        for n in 0..4 {
            let (http, url, till) = (s.http.clone(), s.url().to_owned(), till.clone());
            let (stop, pushed, told_to_wait) = (stop.clone(), pushed.clone(), told_to_wait.clone());
            flood.push(tokio::spawn(async move {
                let mut round = 0;
                while !stop.load(Ordering::Relaxed) {
                    round += 1;
                    // Some wait for an operation that never comes.
                    let follows = (round % 3 == n % 3).then(Uuid::now_v7);
                    let r = http
                        .post(format!("{url}/v1/push"))
                        .bearer_auth(&till.credential)
                        .header("content-type", "application/json")
                        .body(body(&members(&till, 300), follows))
                        .send()
                        .await
                        .unwrap();
                    match r.status().as_u16() {
                        200 => pushed.fetch_add(1, Ordering::Relaxed),
                        429 | 503 => {
                            assert!(
                                r.headers().contains_key("retry-after"),
                                "a till told to wait is told for how long"
                            );
                            tokio::time::sleep(Duration::from_millis(100)).await;
                            told_to_wait.fetch_add(1, Ordering::Relaxed)
                        }
                        409 => 0,
                        other => panic!("a flooding push was answered {other}"),
                    };
                }
            }));
        }
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let flooded = pull_times(&s, &reader, 20).await;
    stop.store(true, Ordering::Relaxed);
    for f in flood {
        f.await.unwrap();
    }
    let slowest = *flooded.last().unwrap();
    assert!(
        pushed.load(Ordering::Relaxed) > 0,
        "the flood was real: its pushes went through"
    );
    assert!(
        slowest < Duration::from_millis(1500),
        "the quiet chain's slowest pull under the flood took {slowest:?} \
         (without it: {:?}); pushes must not hold connections while they wait",
        baseline.last().unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_device_over_its_cap_in_flight_is_told_when_to_come_back() {
    let s = TestServer::start_with(|c| {
        c.device_in_flight = 2;
        c.push_order_wait = Duration::from_secs(1);
    })
    .await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let till = s.enrol(chain.stores[0]).await;
    // Two pushes waiting for operations that never come hold both places.
    let waiting = || {
        s.push_raw(
            Some(&till.credential),
            body(&members(&till, 1), Some(Uuid::now_v7())),
        )
    };
    let third = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let r = s
            .http
            .get(format!("{}/v1/pull?after=0", s.url()))
            .bearer_auth(&till.credential)
            .send()
            .await
            .unwrap();
        (r.status(), r.headers().get("retry-after").cloned())
    };
    let ((a, _), (b, _), (status, retry)) = tokio::join!(waiting(), waiting(), third);
    assert_eq!((a, b), (StatusCode::CONFLICT, StatusCode::CONFLICT));
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "a third request is over the cap"
    );
    assert!(
        retry.is_some(),
        "with Retry-After, which the till's backoff honours"
    );
    let (status, _) = s.pull_raw(Some(&till.credential), "after=0").await;
    assert_eq!(status, StatusCode::OK, "places are given back");
}

/// Regression: a push following an operation that never came was held 10 s.
#[tokio::test(flavor = "multi_thread")]
async fn a_push_whose_predecessor_never_comes_gives_up_within_seconds_by_default() {
    let s = TestServer::start().await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let till = s.enrol(chain.stores[0]).await;
    let started = Instant::now();
    let (status, reply) = s
        .push_raw(
            Some(&till.credential),
            body(&members(&till, 1), Some(Uuid::now_v7())),
        )
        .await;
    assert_eq!(
        (status, reply["code"].as_str()),
        (StatusCode::CONFLICT, Some(OUT_OF_ORDER))
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "answered in {:?}: the wait is bounded short",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_held_at_once_are_capped_across_the_server() {
    let s = TestServer::start_with(|c| {
        c.body_budget_bytes = salondesk_protocol::MAX_BODY_BYTES;
        c.push_order_wait = Duration::from_secs(1);
    })
    .await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let (a, b) = (
        s.enrol(chain.stores[0]).await,
        s.enrol(chain.stores[0]).await,
    );
    // A body of nearly the whole budget, held while it waits for an
    // operation that never comes.
    let mut big = members(&a, 1);
    let pad = salondesk_protocol::MAX_BODY_BYTES - body(&big, Some(Uuid::now_v7())).len() - 64;
    big[0].payload["notes"] = json!("x".repeat(pad));
    let held = s.push_raw(Some(&a.credential), body(&big, Some(Uuid::now_v7())));
    let other = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let r = s
            .http
            .post(format!("{}/v1/push", s.url()))
            .bearer_auth(&b.credential)
            .header("content-type", "application/json")
            .body(body(&members(&b, 1), None))
            .send()
            .await
            .unwrap();
        (r.status(), r.headers().contains_key("retry-after"))
    };
    let ((first, _), (status, retry)) = tokio::join!(held, other);
    assert_eq!(first, StatusCode::CONFLICT, "the big one gave up waiting");
    assert_eq!(
        (status, retry),
        (StatusCode::SERVICE_UNAVAILABLE, true),
        "no room for another body meanwhile: come back later"
    );
    s.push(&b, members(&b, 1)).await;
}
