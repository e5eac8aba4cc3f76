//! `bench sync`: one device pushes 100,000 real operations to the central
//! server (PostgreSQL on loopback) and a second device of the same store pulls
//! and applies them.
//!
//! The operations are made by the core's write path on device A, as a store
//! makes them: member registrations (seeded), profile edits, top-ups and
//! five-line member sales (each sale op carries its lines, tenders and ledger
//! rows). Making them is not timed. Timed: device A's sync engine pushing its
//! whole outbox in batches of `MAX_PUSH_OPS` (reading the outbox, HTTP, the
//! server's one-transaction-per-batch apply, recording the results), then
//! device B's engine pulling every page and applying it through its write path
//! (the server's derived chain-wide `member_ledger` ops included, counted).
//! Both devices checkpoint their WAL in the background, as the desktop app does.
//!
//! The server runs in this process on a fresh database of the PostgreSQL at
//! `--database-url` (default: `$SALONDESK_BENCH_DATABASE_URL`, then
//! `scripts/pg.sh url`); `scripts/pg.sh start` starts a throwaway one.

use anyhow::{anyhow, Context};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::clock::SystemClock;
use salondesk_core::ids::MemberId;
use salondesk_core::member::MemberInput;
use salondesk_core::seed::SeedOptions;
use salondesk_core::staff::{Role, Staff};
use salondesk_core::{Money, Store};
use salondesk_protocol::admin::{
    CreateEnrolmentCode, CreateStore, CreateTenant, EnrolmentCode, StoreCreated, TenantCreated,
};
use salondesk_sync::{Engine, SyncStatus};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub(super) const ADMIN_TOKEN: &str = "bench-admin-token-0123456789abcdef";

pub fn run(dir: &Path, ops: usize, database_url: Option<String>) -> anyhow::Result<()> {
    let url = database_url
        .or_else(|| std::env::var("SALONDESK_BENCH_DATABASE_URL").ok())
        .unwrap_or_else(|| "postgres://salondesk@127.0.0.1:55432/postgres".into());
    std::fs::create_dir_all(dir)?;
    let a_path = dir.join("sync-device-a.sqlite3");
    let b_path = dir.join("sync-device-b.sqlite3");
    for path in [&a_path, &b_path] {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    let made = Instant::now();
    let mut a = make_ops(&a_path, ops)?;
    let pending = a.pending_ops()?;
    eprintln!(
        "device A made {pending} operations in {:.1}s ({})",
        made.elapsed().as_secs_f64(),
        a_path.display()
    );
    let mut b = Store::open(&b_path, Arc::new(SystemClock))?;
    // As the desktop app runs them: WAL checkpoints on a thread of their own.
    a.checkpoint_in_background()?;
    b.checkpoint_in_background()?;

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let (db, name) = fresh_database(&url).await?;
        let config = salondesk_server::Config::new(db, ADMIN_TOKEN);
        let server = salondesk_server::spawn(config)
            .await
            .map_err(|e| anyhow!("server did not start: {e}"))?;
        let measured = measure(&server, a, b).await;
        server.shutdown().await;
        // The bench's database goes with it, whatever the outcome.
        let dropped = drop_database(&url, &name).await;
        measured?;
        dropped
    })
}

/// Enrols both devices, then times A's push and B's pull.
async fn measure(
    server: &salondesk_server::RunningServer,
    a: Store,
    b: Store,
) -> anyhow::Result<()> {
    let base = server.url();
    let codes = enrolment_codes(&base, 2).await?;
    let a = enrol(a, &base, &codes[0], "Bench till A").await?;
    let b = enrol(b, &base, &codes[1], "Bench till B").await?;

    let push = engine(&a)?;
    let t = Instant::now();
    let pushed = push.sync_once().await?;
    let push_s = t.elapsed().as_secs_f64();
    if pushed.rejected > 0 {
        return Err(anyhow!("{} operations were rejected", pushed.rejected));
    }
    println!(
        "BENCH sync.push ops_per_s={:.0} ops={} seconds={push_s:.2} batch={}",
        pushed.pushed as f64 / push_s,
        pushed.pushed,
        salondesk_protocol::MAX_PUSH_OPS
    );

    let pull = engine(&b)?;
    let t = Instant::now();
    let pulled = pull.sync_once().await?;
    let pull_s = t.elapsed().as_secs_f64();
    let got = pulled.applied + pulled.skipped;
    println!(
        "BENCH sync.pull ops_per_s={:.0} ops={got} applied={} seconds={pull_s:.2} pages={}",
        got as f64 / pull_s,
        pulled.applied,
        pulled.pages
    );
    let (left_a, left_b) = (lock(&a).pending_ops()?, lock(&b).pending_ops()?);
    if left_a != 0 || pulled.applied < pushed.accepted {
        return Err(anyhow!(
            "not converged: {left_a} left on A, {left_b} on B, {} applied of {} accepted",
            pulled.applied,
            pushed.accepted
        ));
    }
    Ok(())
}

type Shared = Arc<Mutex<Store>>;

fn lock(s: &Shared) -> std::sync::MutexGuard<'_, Store> {
    s.lock().unwrap_or_else(|p| p.into_inner())
}

fn engine(s: &Shared) -> anyhow::Result<Engine<Shared>> {
    let (tx, _rx) = tokio::sync::watch::channel(SyncStatus::default());
    Ok(Engine::for_enrolled(s.clone(), tx)?)
}

/// Device A's outbox: seeded members, then edits, top-ups and sales until it
/// holds `target` operations. Written with synchronous=OFF: making the
/// operations is not what is measured.
fn make_ops(path: &Path, target: usize) -> anyhow::Result<Store> {
    let mut store = Store::open(path, Arc::new(SystemClock))?;
    store.conn().pragma_update(None, "synchronous", "OFF")?;
    let owner = store.create_owner("Bench Owner", "999999")?;
    let members = (target as u64 * 55 / 100).max(100);
    store.seed_demo(
        &SeedOptions {
            members,
            calendar: false,
            // Device A joins the bench's throwaway chain with its demo data.
            mark_demo: false,
            ..SeedOptions::default()
        },
        &mut |_, _| {},
    )?;
    let staff = store.list_staff()?;
    let cashier = staff
        .iter()
        .find(|s| s.role == Role::Cashier)
        .cloned()
        .ok_or_else(|| anyhow!("no cashier"))?;
    let beautician = staff
        .iter()
        .find(|s| s.role == Role::Beautician)
        .map(|s| s.id)
        .ok_or_else(|| anyhow!("no beautician"))?;
    let services: Vec<_> = store
        .find_services("", 50)?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let products: Vec<_> = store
        .find_products("", 50)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    for p in &products {
        store.receive_stock(&owner, *p, 1_000_000)?;
    }
    let plan = store
        .add_top_up_plan("充1000送200", Money::yuan(1000), Money::yuan(200))?
        .id;
    let ids: Vec<MemberId> = store
        .conn()
        .prepare("SELECT id FROM members LIMIT 5000")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    store.open_shift(&cashier, Money::yuan(500))?;
    let mut rng = StdRng::seed_from_u64(5);
    let mut i = 0usize;
    // Counted now and then, not after every operation: each step below adds
    // at least one, so half of what is missing never overshoots by much.
    let mut steps = 0usize;
    loop {
        if steps == 0 {
            let missing = target.saturating_sub(store.pending_ops()? as usize);
            if missing == 0 {
                break;
            }
            steps = missing.div_ceil(2);
        }
        steps -= 1;
        let member = ids[rng.gen_range(0..ids.len())];
        match i % 4 {
            0 => {
                let m = store.member(member)?;
                let mut input = MemberInput::editing(&m);
                input.notes = format!("回访 {i}");
                store.update_member(&owner, member, &input)?;
            }
            1 => sell(
                &mut store,
                &cashier,
                member,
                vec![top_up(&plan)],
                Money::yuan(1000),
            )?,
            _ => {
                let mut lines = Vec::with_capacity(5);
                for l in 0..5 {
                    lines.push(if l % 2 == 0 {
                        CartLine::new(LineItem::Service {
                            service_id: services[rng.gen_range(0..services.len())],
                            qty: 1,
                        })
                        .by(beautician)
                    } else {
                        CartLine::new(LineItem::Product {
                            product_id: products[rng.gen_range(0..products.len())],
                            qty: 1,
                        })
                    });
                }
                sell(&mut store, &cashier, member, lines, Money::yuan(20_000))?;
            }
        }
        i += 1;
    }
    store.conn().pragma_update(None, "synchronous", "FULL")?;
    Ok(store)
}

fn top_up(plan: &str) -> CartLine {
    CartLine::new(LineItem::TopUp {
        plan_id: plan.to_owned(),
    })
}

fn sell(
    store: &mut Store,
    cashier: &Staff,
    member: MemberId,
    lines: Vec<CartLine>,
    cash: Money,
) -> anyhow::Result<()> {
    let cart = Cart {
        member_id: Some(member),
        lines,
        ..Cart::default()
    };
    store.complete_sale(cashier, &cart, &[Tender::Cash { amount: cash }])?;
    Ok(())
}

/// A database of its own on the given server, so runs never see each other:
/// its URL and name.
pub(super) async fn fresh_database(url: &str) -> anyhow::Result<(String, String)> {
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(url).await.with_context(|| {
        format!(
            "cannot reach PostgreSQL at {} (start one: scripts/pg.sh start)",
            salondesk_server::config::redact_url(url)
        )
    })?;
    let name = format!(
        "salondesk_bench_{}",
        chrono::Utc::now().format("%Y%m%d%H%M%S%f")
    );
    // The name is made here from digits and underscores: safe to splice.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    let (base, _) = url
        .rsplit_once('/')
        .ok_or_else(|| anyhow!("a database URL ends in /<database>"))?;
    Ok((format!("{base}/{name}"), name))
}

pub(super) async fn drop_database(url: &str, name: &str) -> anyhow::Result<()> {
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(url).await?;
    // A name this bench made (digits and underscores): safe to splice.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await?;
    Ok(())
}

async fn enrolment_codes(base: &str, n: usize) -> anyhow::Result<Vec<String>> {
    let http = reqwest::Client::new();
    let admin = |path: String| http.post(format!("{base}{path}")).bearer_auth(ADMIN_TOKEN);
    let tenant: TenantCreated = admin("/v1/admin/tenants".into())
        .json(&CreateTenant {
            name: "Bench chain".into(),
        })
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let store: StoreCreated = admin(format!("/v1/admin/tenants/{}/stores", tenant.tenant_id))
        .json(&CreateStore {
            name: "Bench store".into(),
            code: "B01".into(),
        })
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let mut codes = Vec::with_capacity(n);
    for i in 0..n {
        // The first (till A) is head office: it brings the demo catalog, which
        // only a head-office device may write.
        let code: EnrolmentCode = admin(format!(
            "/v1/admin/stores/{}/enrolment-codes",
            store.store_id
        ))
        .json(&CreateEnrolmentCode {
            head_office: i == 0,
            ..CreateEnrolmentCode::default()
        })
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
        codes.push(code.code);
    }
    Ok(codes)
}

async fn enrol(mut store: Store, base: &str, code: &str, name: &str) -> anyhow::Result<Shared> {
    let device = store.device().id.0;
    let reply = salondesk_sync::enrol(base, code, device, name).await?;
    store.save_enrolment(base, &reply)?;
    Ok(Arc::new(Mutex::new(store)))
}
