//! A rough throughput check of the server (not the benchmark, which is
//! `salondesk-cli bench sync`): 100,000 operations of mixed kinds pushed by one
//! device in batches of 1,000, then pulled by another till of the same store.
//! Ignored by default (it wants a release build):
//!   cargo test --release -p salondesk-sync-tests -- --ignored throughput --nocapture

use crate::support::{op, DeviceCreds, TestServer};
use salondesk_protocol::{Op, OpKind, MAX_PUSH_OPS};
use serde_json::json;
use std::time::Instant;
use uuid::Uuid;

/// Members, sales with their ledger rows, and appointments, in a 4:3:3 mix.
fn mixed_ops(dev: &DeviceCreds, n: usize) -> Vec<Op> {
    let staff: Vec<Uuid> = (0..20).map(|_| Uuid::now_v7()).collect();
    let mut members: Vec<Uuid> = Vec::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let k = i % 10;
        if k < 4 || members.is_empty() {
            let m = Uuid::now_v7();
            members.push(m);
            out.push(op(
                dev,
                "member",
                m,
                OpKind::Upsert,
                json!({ "memberNo": format!("M{i:07}"), "name": "王芳", "phone": format!("139{i:08}"),
                        "gender": "female", "birthday": "1990-05-01", "tier": "silver",
                        "consentMarketing": true, "registeredAt": "2026-11-23T08:00:00.000Z" }),
            ));
        } else if k < 7 {
            let m = members[i % members.len()];
            let (line, s) = (Uuid::now_v7(), staff[i % staff.len()]);
            out.push(op(
                dev,
                "sale",
                Uuid::now_v7(),
                OpKind::Append,
                json!({
                    "receiptNo": format!("S01-001-{i:06}"), "kind": "sale", "memberId": m,
                    "cashierId": s, "subtotal": 38000, "discount": 0, "total": 38000, "change": 0,
                    "businessDate": "2026-11-23", "createdAt": "2026-11-23T08:00:00.000Z", "pointsEarned": 380,
                    "lines": [{ "id": line, "lineNo": 1, "kind": "service", "itemId": Uuid::now_v7(), "name": "深层清洁",
                                "qty": 1, "unitPrice": 38000, "tierDiscount": 0, "couponDiscount": 0,
                                "manualDiscount": 0, "amount": 38000, "staff": [{ "staffId": s, "shareBp": 10000 }] }],
                    "tenders": [{ "id": Uuid::now_v7(), "kind": "stored_value", "amount": 38000 }],
                    "ledger": [
                        { "ledger": "stored_value", "id": Uuid::now_v7(), "memberId": m, "delta": 50000, "reason": "top_up" },
                        { "ledger": "stored_value", "id": Uuid::now_v7(), "memberId": m, "delta": -38000, "reason": "pay" },
                        { "ledger": "points", "id": Uuid::now_v7(), "memberId": m, "delta": 380, "reason": "earn", "expiresOn": "2027-12-31" },
                        { "ledger": "commission", "id": Uuid::now_v7(), "staffId": s, "lineId": line, "amount": 3800 },
                    ],
                }),
            ));
        } else {
            let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T01:00:00Z").unwrap()
                + chrono::Duration::minutes(60 * i as i64);
            out.push(op(
                dev,
                "appointment",
                Uuid::now_v7(),
                OpKind::Upsert,
                json!({ "memberId": members[i % members.len()], "serviceId": Uuid::now_v7(),
                        "staffId": staff[i % staff.len()], "roomId": null, "start": start.to_rfc3339(),
                        "end": (start + chrono::Duration::minutes(60)).to_rfc3339(), "status": "booked",
                        "notes": "", "createdBy": staff[0] }),
            ));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a throughput figure, not a check: run with --ignored in release"]
async fn throughput_push_and_pull_100k() {
    let n: usize = std::env::var("SYNC_THROUGHPUT_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let s = TestServer::start_with(|c| c.max_connections = 8).await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let (writer, reader) = (
        s.enrol(chain.stores[0]).await,
        s.enrol(chain.stores[0]).await,
    );
    let ops = mixed_ops(&writer, n);
    let bodies: Vec<Vec<u8>> = ops
        .chunks(MAX_PUSH_OPS)
        .map(|c| serde_json::to_vec(&json!({ "ops": c })).unwrap())
        .collect();
    let bytes: usize = bodies.iter().map(Vec::len).sum();

    let t = Instant::now();
    for body in bodies {
        let (status, reply) = s.push_raw(Some(&writer.credential), body).await;
        assert_eq!(status, 200, "{reply}");
    }
    let push_s = t.elapsed().as_secs_f64();

    // Pulled as the bytes a device receives (counted, not parsed into values:
    // this measures the server, not the test's JSON decoding).
    #[derive(serde::Deserialize)]
    struct Page {
        ops: Vec<serde::de::IgnoredAny>,
        cursor: i64,
        more: bool,
    }
    let t = Instant::now();
    let (mut after, mut pulled, mut pulled_bytes) = (0i64, 0usize, 0usize);
    loop {
        let r = s
            .http
            .get(format!("{}/v1/pull?after={after}", s.url()))
            .bearer_auth(&reader.credential)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let body = r.bytes().await.unwrap();
        pulled_bytes += body.len();
        let page: Page = serde_json::from_slice(&body).unwrap();
        pulled += page.ops.len();
        after = page.cursor;
        if !page.more {
            break;
        }
    }
    let pull_s = t.elapsed().as_secs_f64();
    let derived = pulled - n;
    println!(
        "BENCH sync.push ops_per_s={:.0} ({n} ops, {:.1} MB, {push_s:.2} s)",
        n as f64 / push_s,
        bytes as f64 / 1e6
    );
    println!(
        "BENCH sync.pull ops_per_s={:.0} ({pulled} ops incl. {derived} derived, {:.1} MB, {pull_s:.2} s)",
        pulled as f64 / pull_s,
        pulled_bytes as f64 / 1e6
    );
    assert!(pulled >= n);
}
