//! A device keeps two pushes in flight, the second naming the last operation
//! of the first (`follows`). The server applies the second only after the
//! first, whichever reaches it first; a second whose first never comes is
//! refused 409 `out_of_order` with nothing of it applied.

use crate::support::{op, DeviceCreds, TestServer};
use reqwest::StatusCode;
use salondesk_protocol::{Op, OpKind, OUT_OF_ORDER};
use serde_json::json;
use std::time::Duration;
use uuid::Uuid;

fn members(device: &DeviceCreds, n: usize) -> Vec<Op> {
    (0..n)
        .map(|i| {
            op(
                device,
                "member",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "name": format!("会员{i}"), "registeredAt": "2026-11-23T08:00:00.000Z" }),
            )
        })
        .collect()
}

fn body(ops: &[Op], follows: Option<Uuid>) -> Vec<u8> {
    serde_json::to_vec(&json!({ "ops": ops, "follows": follows })).unwrap()
}

/// The device's logged operations in log order.
async fn logged(s: &TestServer, device: &DeviceCreds) -> Vec<Uuid> {
    sqlx::query_scalar("SELECT op_id FROM ops WHERE device_id = $1 ORDER BY seq")
        .bind(device.device_id)
        .fetch_all(&s.pool)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_push_that_arrives_before_the_one_it_follows_is_applied_after_it() {
    let s = TestServer::start().await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let dev = s.enrol(chain.stores[0]).await;
    let (first, second) = (members(&dev, 5), members(&dev, 5));
    let follows = first.last().map(|o| o.op_id);
    let cred = Some(dev.credential.as_str());

    // The second batch is sent first; the first only a while later.
    let (late, early) = tokio::join!(s.push_raw(cred, body(&second, follows)), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        s.push_raw(cred, body(&first, None)).await
    });
    assert_eq!(early.0, StatusCode::OK, "{}", early.1);
    assert_eq!(late.0, StatusCode::OK, "{}", late.1);
    let made: Vec<Uuid> = first.iter().chain(&second).map(|o| o.op_id).collect();
    assert_eq!(logged(&s, &dev).await, made, "logged in the order made");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_push_whose_predecessor_never_comes_is_refused_and_applies_nothing() {
    let s = TestServer::start_with(|c| c.push_order_wait = Duration::from_millis(300)).await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let (dev, other) = (
        s.enrol(chain.stores[0]).await,
        s.enrol(chain.stores[0]).await,
    );
    let cred = Some(dev.credential.as_str());
    // Another till's operation does not count as this one's predecessor.
    let theirs = members(&other, 1);
    s.push(&other, theirs.clone()).await;

    for follows in [Uuid::now_v7(), theirs[0].op_id] {
        let (status, reply) = s
            .push_raw(cred, body(&members(&dev, 3), Some(follows)))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{reply}");
        assert_eq!(reply["code"], OUT_OF_ORDER);
    }
    assert!(logged(&s, &dev).await.is_empty(), "nothing applied");
    let refused = s.count("SELECT count(*) FROM rejected_ops").await;
    assert_eq!(refused, 0, "nor recorded as refused: it comes again");

    // Pushed again from its first unsettled operation (no `follows`), it goes.
    let again = members(&dev, 3);
    let (status, reply) = s.push_raw(cred, body(&again, None)).await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(logged(&s, &dev).await.len(), 3);
}
