//! `bench flood`: one chain's tills flood the central server with pushes
//! while a till of another chain pulls; prints that till's pull latency with
//! no flood (`flood.pull.baseline`) and under the flood (`flood.pull`), in the
//! same run, and what became of the flood's pushes.
//!
//! The flood is what one enrolled till (or a chain of them) can do: many
//! pushes at once, each a full batch of new members, some naming a `follows`
//! that never comes. The server runs in this process with its default limits
//! on a fresh database (see `bench sync` for where PostgreSQL comes from).

use super::stats;
use super::sync::{drop_database, fresh_database, ADMIN_TOKEN};
use anyhow::{anyhow, bail};
use salondesk_protocol::{EnrolRequest, EnrolResponse, Op, OpKind, PushRequest, MAX_PUSH_OPS};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Options {
    /// Flooding tills (all of one chain).
    pub devices: usize,
    /// Pushes each flooding till keeps in flight.
    pub per_device: usize,
    /// Pulls timed, without the flood and under it.
    pub pulls: usize,
}

pub fn run(opts: Options, database_url: Option<String>) -> anyhow::Result<()> {
    let url = database_url
        .or_else(|| std::env::var("SALONDESK_BENCH_DATABASE_URL").ok())
        .unwrap_or_else(|| "postgres://salondesk@127.0.0.1:55432/postgres".into());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let (db, name) = fresh_database(&url).await?;
        let server = salondesk_server::spawn(salondesk_server::Config::new(db, ADMIN_TOKEN))
            .await
            .map_err(|e| anyhow!("server did not start: {e}"))?;
        let measured = measure(&server.url(), &opts).await;
        server.shutdown().await;
        let dropped = drop_database(&url, &name).await;
        measured?;
        dropped
    })
}

struct Till {
    id: uuid::Uuid,
    credential: String,
}

async fn measure(base: &str, opts: &Options) -> anyhow::Result<()> {
    let http = reqwest::Client::new();
    let flooding = enrol_chain(&http, base, "Flood", opts.devices).await?;
    let quiet = enrol_chain(&http, base, "Quiet", 2).await?;
    // The quiet chain's reader pulls a page of 200 members another till wrote.
    let (writer, reader) = (&quiet[0], &quiet[1]);
    push(&http, base, writer, members(writer, 200), None).await?;

    let mut baseline = time_pulls(&http, base, reader, opts.pulls).await?;
    let stop = Arc::new(AtomicBool::new(false));
    let counts: Arc<[AtomicU64; 4]> = Arc::new(Default::default());
    let mut flood = Vec::new();
    for till in flooding {
        let till = Arc::new(till);
        for n in 0..opts.per_device {
            let (http, base, till) = (http.clone(), base.to_owned(), till.clone());
            let (stop, counts) = (stop.clone(), counts.clone());
            flood.push(tokio::spawn(async move {
                let mut round = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    round += 1;
                    // One push in four waits for an operation that never comes.
                    let follows = (round % 4 == n % 4).then(uuid::Uuid::now_v7);
                    let status = push(&http, &base, &till, members(&till, MAX_PUSH_OPS), follows)
                        .await
                        .unwrap_or(0);
                    let slot = match status {
                        200 => 0,
                        429 | 503 => 1,
                        409 => 2,
                        _ => 3,
                    };
                    counts[slot].fetch_add(1, Ordering::Relaxed);
                    if slot == 1 {
                        // What a till does when told to come back later.
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                }
            }));
        }
    }
    // Let the flood build up before timing.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut flooded = time_pulls(&http, base, reader, opts.pulls).await?;
    stop.store(true, Ordering::Relaxed);
    for f in flood {
        let _ = f.await;
    }
    stats::print("flood.pull.baseline", &mut baseline);
    stats::print("flood.pull", &mut flooded);
    let [ok, busy, out_of_order, other] = counts.each_ref().map(|c| c.load(Ordering::Relaxed));
    println!("BENCH flood.push ok={ok} busy={busy} out_of_order={out_of_order} other={other}");
    Ok(())
}

async fn time_pulls(
    http: &reqwest::Client,
    base: &str,
    till: &Till,
    n: usize,
) -> anyhow::Result<Vec<Duration>> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let started = Instant::now();
        let r = http
            .get(format!("{base}/v1/pull?after=0&limit=200"))
            .bearer_auth(&till.credential)
            .send()
            .await?;
        if !r.status().is_success() {
            bail!("a pull of the quiet chain was answered {}", r.status());
        }
        r.bytes().await?;
        out.push(started.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(out)
}

/// `n` new members by `till`, as its outbox would send them.
fn members(till: &Till, n: usize) -> Vec<Op> {
    let now = chrono::Utc::now();
    (0..n)
        .map(|i| Op {
            op_id: uuid::Uuid::now_v7(),
            hlc: format!("{:015}-{:06}", now.timestamp_millis(), i),
            device_id: till.id,
            entity: "member".into(),
            entity_id: uuid::Uuid::now_v7().to_string(),
            kind: OpKind::Upsert,
            payload: serde_json::json!({ "name": format!("会员{i}"), "phone": format!("139{i:08}") }),
            created_at: now,
        })
        .collect()
}

/// The status of one push (its reply read in full).
async fn push(
    http: &reqwest::Client,
    base: &str,
    till: &Till,
    ops: Vec<Op>,
    follows: Option<uuid::Uuid>,
) -> anyhow::Result<u16> {
    let r = http
        .post(format!("{base}/v1/push"))
        .bearer_auth(&till.credential)
        .json(&PushRequest { ops, follows })
        .send()
        .await?;
    let status = r.status().as_u16();
    r.bytes().await?;
    Ok(status)
}

/// A chain with one store and `n` tills enrolled in it.
async fn enrol_chain(
    http: &reqwest::Client,
    base: &str,
    name: &str,
    n: usize,
) -> anyhow::Result<Vec<Till>> {
    let admin = |path: String, body: serde_json::Value| {
        http.post(format!("{base}{path}"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&body)
            .send()
    };
    let tenant: serde_json::Value = admin(
        "/v1/admin/tenants".into(),
        serde_json::json!({ "name": name }),
    )
    .await?
    .json()
    .await?;
    let store: serde_json::Value = admin(
        format!(
            "/v1/admin/tenants/{}/stores",
            tenant["tenantId"].as_str().unwrap_or("")
        ),
        serde_json::json!({ "name": name, "code": "S01" }),
    )
    .await?
    .json()
    .await?;
    let store = store["storeId"].as_str().unwrap_or("").to_owned();
    let mut tills = Vec::new();
    for i in 0..n {
        let code: serde_json::Value = admin(
            format!("/v1/admin/stores/{store}/enrolment-codes"),
            serde_json::json!({}),
        )
        .await?
        .json()
        .await?;
        let id = uuid::Uuid::now_v7();
        let r = http
            .post(format!("{base}/v1/enrol"))
            .json(&EnrolRequest {
                code: code["code"].as_str().unwrap_or("").to_owned(),
                device_id: id,
                device_name: format!("{name} {i}"),
            })
            .send()
            .await?;
        if !r.status().is_success() {
            bail!("enrolment was answered {}", r.status());
        }
        let e: EnrolResponse = r.json().await?;
        tills.push(Till {
            id,
            credential: e.credential,
        });
    }
    Ok(tills)
}
