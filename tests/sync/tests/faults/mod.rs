//! Fault injection: three devices in two stores of one chain make 1,000
//! operations each (registrations, profile edits, top-ups, sales paid with
//! stored value, refunds, bookings: `changes`), some of them in spells
//! offline, while syncing through a proxy that drops, delays, duplicates and
//! cuts requests at random (seeded: `SALONDESK_FAULT_SEED` replays a run),
//! while syncs are abandoned half-way (as a crash would) and the server
//! restarts in the middle. When the network heals they converge (`agree`):
//! every operation reached the server exactly once, nothing was refused or
//! failed to apply, every device and the server show the same members,
//! balances and appointments, and every case that cannot merge silently (a
//! balance overdrawn between stores, a beautician double-booked between two
//! tills) is a conflict.

pub(crate) mod agree;
mod changes;
mod proxy;

use crate::support::{Device, TestServer};
use changes::{one_change, set_up, Made, Salon, OWNER_PIN};
use proxy::{FaultProxy, Faults};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use salondesk_core::staff::Role;
use salondesk_core::{Money, Store};
use salondesk_sync::{Engine, SyncStatus};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const OPS_PER_DEVICE: i64 = 1000;

/// The PIN of the manager store 2's till adds for its refunds.
const MANAGER_PIN: &str = "246802";

/// Outbox rows a device has written so far (pushed or not).
fn made(s: &Store) -> i64 {
    s.conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap()
}

fn engine(d: &Device) -> Engine<Arc<Mutex<Store>>> {
    let (tx, _) = tokio::sync::watch::channel(SyncStatus::default());
    // Small pages: more requests for the network to spoil.
    Engine::for_enrolled(d.store.clone(), tx)
        .unwrap()
        .with_pull_limit(40)
}

/// A till's working day: changes in bursts, a sync after each (which may fail,
/// or be abandoned half-way as a crash would), now and then a spell offline
/// (a few bursts with no sync at all), until it has made its share.
async fn work(d: &Device, salon: &Salon, seed: u64, target: i64, phone_prefix: u32) -> Made {
    let mut rng = StdRng::seed_from_u64(seed);
    let sync = engine(d);
    // Refunds need a manager's PIN, and a PIN works only at her own store's
    // tills: each till's store has its manager (d1's is the owner it set up).
    let approver = if d.name == "d3" {
        let manager = d
            .store()
            .add_staff("吴店长", Role::Manager, MANAGER_PIN)
            .unwrap();
        (manager.id, MANAGER_PIN)
    } else {
        (salon.owner.id, OWNER_PIN)
    };
    // An approval is good for one refund: each refund asks for its own.
    let approval = approver;
    let mut kinds = Made::default();
    let mut offline = 0;
    loop {
        let done = {
            let mut s = d.store();
            for _ in 0..rng.gen_range(5..25) {
                if made(&s) >= target {
                    break;
                }
                // The outbox only grows: a number no earlier change used.
                let n = made(&s) as usize;
                one_change(
                    &mut s,
                    salon,
                    &approval,
                    &mut rng,
                    n,
                    phone_prefix,
                    &mut kinds,
                );
            }
            made(&s) >= target
        };
        if done {
            return kinds;
        }
        if offline > 0 {
            offline -= 1;
            continue;
        }
        if rng.gen_bool(0.1) {
            offline = rng.gen_range(2..6);
            continue;
        }
        let patience = Duration::from_millis(rng.gen_range(20..1500));
        // An abandoned sync is a crash: only what it committed stays.
        let _ = tokio::time::timeout(patience, sync.sync_once()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_devices_with_a_thousand_operations_each_converge_through_a_faulty_network() {
    let seed: u64 = std::env::var("SALONDESK_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261123);
    eprintln!("fault seed {seed} (SALONDESK_FAULT_SEED replays it)");
    let mut server = TestServer::start().await;
    let stores = server.chain("丽人连锁", &["S01", "S02"]).await.stores;
    let upstream = server.url().trim_start_matches("http://").parse().unwrap();
    let proxy = FaultProxy::start(
        upstream,
        seed,
        Faults {
            drop: 0.12,
            cut_reply: 0.12,
            duplicate: 0.12,
            delay: 0.3,
            max_delay: Duration::from_millis(60),
        },
    )
    .await;
    let url = proxy.url();

    // Setting up and enrolling happens on a good day.
    proxy.set_enabled(false);
    let salon = Mutex::new(None);
    let d1 = Device::enrol_head_office(&server, &url, stores[0], "d1", |s| {
        *salon.lock().unwrap() = Some(set_up(s));
    })
    .await;
    let salon = salon.into_inner().unwrap().unwrap();
    let d2 = Device::enrol(&server, &url, stores[0], "d2", |_| {}).await;
    let d3 = Device::enrol(&server, &url, stores[1], "d3", |_| {}).await;
    let devices = [&d1, &d2, &d3];
    for d in devices {
        d.sync().await;
    }
    for d in devices {
        d.sync().await;
        let mut s = d.store();
        if s.current_shift().unwrap().is_none() {
            s.open_shift(&salon.cashier, Money::yuan(300)).unwrap();
        }
    }
    let before: Vec<i64> = devices.iter().map(|d| made(&d.store())).collect();

    // The bad day: half the work, a server restart, the other half.
    proxy.set_enabled(true);
    let half: Vec<i64> = before.iter().map(|b| b + OPS_PER_DEVICE / 2).collect();
    let (k1, k2, k3) = tokio::join!(
        work(&d1, &salon, seed ^ 1, half[0], 51),
        work(&d2, &salon, seed ^ 2, half[1], 52),
        work(&d3, &salon, seed ^ 3, half[2], 53),
    );
    let mut kinds = k1;
    kinds += k2;
    kinds += k3;
    server.restart().await;
    let full: Vec<i64> = before.iter().map(|b| b + OPS_PER_DEVICE).collect();
    let (k1, k2, k3) = tokio::join!(
        work(&d1, &salon, seed ^ 4, full[0], 51),
        work(&d2, &salon, seed ^ 5, full[1], 52),
        work(&d3, &salon, seed ^ 6, full[2], 53),
    );
    kinds += k1;
    kinds += k2;
    kinds += k3;
    eprintln!("made: {kinds:?}");
    assert!(
        kinds.refunds > 0 && kinds.bookings > 0,
        "refunds and bookings were made: {kinds:?}"
    );
    let c = proxy.counts();
    let load = |a: &std::sync::atomic::AtomicU64| a.load(std::sync::atomic::Ordering::Relaxed);
    eprintln!(
        "proxy: {} requests, {} dropped, {} cut, {} duplicated, {} delayed",
        load(&c.requests),
        load(&c.dropped),
        load(&c.cut),
        load(&c.duplicated),
        load(&c.delayed)
    );
    for (what, n) in [
        ("dropped", load(&c.dropped)),
        ("cut", load(&c.cut)),
        ("duplicated", load(&c.duplicated)),
    ] {
        assert!(
            n > 0,
            "the proxy never {what} a request: the test proved nothing"
        );
    }

    // The network heals: sync until nobody has anything to send or to pull.
    proxy.set_enabled(false);
    for _ in 0..3 {
        for d in devices {
            d.sync().await;
        }
    }

    let mut total = 0;
    for d in devices {
        let (device, mine) = {
            let s = d.store();
            assert_eq!(
                s.pending_ops().unwrap(),
                0,
                "{}: operations left to send",
                d.name
            );
            assert!(
                s.rejected_ops().unwrap().is_empty(),
                "{}: refused operations",
                d.name
            );
            let errors = s.sync_apply_errors(10).unwrap();
            assert!(
                errors.is_empty(),
                "{}: pulled operations that did not apply: {errors:?}",
                d.name
            );
            (s.device().id.0, made(&s))
        };
        assert!(mine >= before[0].min(before[1]).min(before[2]) + OPS_PER_DEVICE);
        // Exactly once on the server: every outbox row, no more, no fewer.
        let on_server: i64 = sqlx::query_scalar("SELECT count(*) FROM ops WHERE device_id = $1")
            .bind(device)
            .fetch_one(&server.pool)
            .await
            .unwrap();
        let derived: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM ops WHERE device_id = $1 AND entity = 'member_ledger'",
        )
        .bind(device)
        .fetch_one(&server.pool)
        .await
        .unwrap();
        assert_eq!(on_server - derived, mine, "{}: ops on the server", d.name);
        total += mine;
    }
    assert!(total >= 3 * OPS_PER_DEVICE);

    // Same members, profiles and balances everywhere, on the server too.
    let first = agree::members(&d1);
    assert!(first.len() > 30, "members were registered on the way");
    for d in [&d2, &d3] {
        let other = agree::members(d);
        assert_eq!(
            first.len(),
            other.len(),
            "{} has another member count",
            d.name
        );
        for (id, want) in &first {
            assert_eq!(
                Some(want),
                other.get(id),
                "member {id} on {} differs from d1",
                d.name
            );
        }
    }
    let mirrored: i64 = sqlx::query_scalar("SELECT count(*) FROM member_mirror")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(
        mirrored,
        first.len() as i64,
        "the server knows every member"
    );
    for (ledger, of) in [("points", 0), ("stored_value", 1)] {
        let on_server = agree::server_balances(&server.pool, ledger).await;
        for (id, (_, points, stored)) in &first {
            let till = [*points, *stored][of];
            assert_eq!(
                on_server.get(id).copied().unwrap_or(0),
                till,
                "member {id}'s {ledger}: the server's running balance and the tills' ledgers"
            );
        }
    }
    // The two tills of S01 hold the same sales and appointments, each once,
    // as the server does.
    let sales = |d: &Device| -> Vec<String> {
        d.store()
            .conn()
            .prepare("SELECT id FROM sales ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(
        sales(&d1),
        sales(&d2),
        "S01's tills differ on the store's sales"
    );
    let sale_ops: i64 =
        sqlx::query_scalar("SELECT count(*) FROM ops WHERE entity = 'sale' AND store_id = $1")
            .bind(stores[0])
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(
        sales(&d1).len() as i64,
        sale_ops,
        "no sale twice, none missing"
    );
    let booked = agree::appointments(&d1);
    assert_eq!(
        booked,
        agree::appointments(&d2),
        "S01's tills differ on the store's appointments"
    );
    for (store, till) in [(stores[0], &d1), (stores[1], &d3)] {
        let here = agree::appointments(till);
        let mirror = agree::server_appointments(&server.pool, store).await;
        let here: std::collections::BTreeMap<String, (String, String)> = here
            .into_iter()
            .map(|(id, (staff, _, _, status))| (id, (staff, status)))
            .collect();
        assert_eq!(
            mirror, here,
            "{}: the server's appointments and the till's",
            till.name
        );
    }

    // What could not merge silently is a conflict, every case of it.
    let raised = agree::conflicts(&server.pool).await;
    let named = |kind: &str, ids: &[&String]| {
        raised
            .get(kind)
            .is_some_and(|all| all.iter().any(|c| ids.iter().all(|id| c.contains(*id))))
    };
    let mut overdrawn = 0;
    for (id, (_, points, stored)) in &first {
        if *points < 0 || *stored < 0 {
            overdrawn += 1;
            assert!(
                named("overdraft", &[id]),
                "member {id} is overdrawn ({points} points, {stored} fen) without a conflict"
            );
        }
    }
    let double = agree::double_bookings(&booked);
    for (a, b) in &double {
        assert!(
            named("double_booking", &[a, b]),
            "appointments {a} and {b} overlap without a conflict"
        );
    }
    let count = |kind: &str| raised.get(kind).map_or(0, Vec::len);
    eprintln!(
        "conflicts: {} overdraft ({overdrawn} members overdrawn at the end), {} double booking ({} pairs overlapping)",
        count("overdraft"),
        count("double_booking"),
        double.len()
    );
    assert!(
        raised.values().flatten().count() >= overdrawn + double.len(),
        "every case is a conflict"
    );
}
