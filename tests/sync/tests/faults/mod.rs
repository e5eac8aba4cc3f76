//! Fault injection: three devices in two stores of one chain make 1,000
//! operations each (registrations, profile edits, top-ups, sales paid with
//! stored value) while syncing through a proxy that drops, delays, duplicates
//! and cuts requests at random (seeded: `SALONDESK_FAULT_SEED` replays a run),
//! while syncs are abandoned half-way (as a crash would) and the server
//! restarts in the middle. When the network heals they converge: every
//! operation reached the server exactly once, nothing was refused or failed to
//! apply, and every device shows the same members, profiles and balances.

mod proxy;

use crate::support::{Device, TestServer};
use proxy::{FaultProxy, Faults};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use salondesk_core::catalog::ServiceInput;
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::ids::{MemberId, ServiceId};
use salondesk_core::member::MemberInput;
use salondesk_core::staff::{Role, Staff};
use salondesk_core::{Money, Store};
use salondesk_sync::{Engine, SyncStatus};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const OPS_PER_DEVICE: i64 = 1000;

/// What the first till set up before joining, shared by all three once synced.
#[derive(Clone)]
struct Salon {
    cashier: Staff,
    beautician: Staff,
    service: ServiceId,
    top_up: String,
}

fn set_up(s: &mut Store) -> Salon {
    s.create_owner("林美玲", "135790").unwrap();
    let cashier = s.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
    let beautician = s.add_staff("王芳", Role::Beautician, "4444").unwrap();
    let service = s
        .add_service(&ServiceInput {
            category: "面部护理".into(),
            name: "补水护理".into(),
            duration_min: 60,
            price: Money::yuan(198),
        })
        .unwrap()
        .id;
    let top_up = s
        .add_top_up_plan("充500送50", Money::yuan(500), Money::yuan(50))
        .unwrap()
        .id;
    for i in 0..30 {
        s.register_member(&MemberInput {
            name: format!("会员{i:02}"),
            phone: Some(format!("1390000{i:04}")),
            ..MemberInput::default()
        })
        .unwrap();
    }
    Salon {
        cashier,
        beautician,
        service,
        top_up,
    }
}

/// One random change on a till: a new member, an edit, a top-up, or a sale
/// paid with stored value when she has enough (else cash).
fn one_change(s: &mut Store, salon: &Salon, rng: &mut StdRng, n: usize, phone_prefix: u32) {
    let members: Vec<MemberId> = s
        .conn()
        .prepare("SELECT id FROM members WHERE archived_at IS NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let member = members[rng.gen_range(0..members.len())];
    match rng.gen_range(0..10) {
        0 => {
            s.register_member(&MemberInput {
                name: format!("新客{phone_prefix}{n}"),
                phone: Some(format!("13{phone_prefix}{n:07}")),
                ..MemberInput::default()
            })
            .unwrap();
        }
        1..=3 => {
            let m = s.member(member).unwrap();
            let mut input = MemberInput::editing(&m);
            input.notes = format!("回访记录 {phone_prefix}-{n}");
            if rng.gen_bool(0.3) {
                input.allergies = format!("对{}过敏", ["酒精", "香精", "果酸"][n % 3]);
            }
            s.update_member(member, &input).unwrap();
        }
        4..=5 => {
            let cart = Cart {
                member_id: Some(member),
                lines: vec![CartLine::new(LineItem::TopUp {
                    plan_id: salon.top_up.clone(),
                })],
                ..Cart::default()
            };
            s.complete_sale(&salon.cashier, &cart, &[cash(500)])
                .unwrap();
        }
        _ => {
            let cart = Cart {
                member_id: Some(member),
                lines: vec![CartLine::new(LineItem::Service {
                    service_id: salon.service,
                    qty: 1,
                })
                .by(salon.beautician.id)],
                ..Cart::default()
            };
            let stored = salondesk_core::ledger::balances(s.conn(), member)
                .unwrap()
                .stored_value;
            let quote = s.quote(&cart).unwrap().total;
            let tender = if stored >= quote {
                Tender::StoredValue { amount: quote }
            } else {
                cash(200)
            };
            s.complete_sale(&salon.cashier, &cart, &[tender]).unwrap();
        }
    }
}

fn cash(yuan: i64) -> Tender {
    Tender::Cash {
        amount: Money::yuan(yuan),
    }
}

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
/// or be abandoned half-way as a crash would), until it has made its share.
async fn work(d: &Device, salon: &Salon, seed: u64, target: i64, phone_prefix: u32) {
    let mut rng = StdRng::seed_from_u64(seed);
    let sync = engine(d);
    loop {
        let done = {
            let mut s = d.store();
            for _ in 0..rng.gen_range(5..25) {
                if made(&s) >= target {
                    break;
                }
                // The outbox only grows: a number no earlier change used.
                let n = made(&s) as usize;
                one_change(&mut s, salon, &mut rng, n, phone_prefix);
            }
            made(&s) >= target
        };
        let patience = Duration::from_millis(rng.gen_range(20..1500));
        // An abandoned sync is a crash: only what it committed stays.
        let _ = tokio::time::timeout(patience, sync.sync_once()).await;
        if done {
            return;
        }
    }
}

/// One device's picture: every member's profile and balances.
fn picture(d: &Device) -> BTreeMap<String, (Vec<String>, i64, i64)> {
    let s = d.store();
    let ids: Vec<MemberId> = s
        .conn()
        .prepare("SELECT id FROM members")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    ids.into_iter()
        .map(|id| {
            let m = s.member(id).unwrap();
            let b = salondesk_core::ledger::balances(s.conn(), id).unwrap();
            let profile = vec![
                m.name,
                m.phone.e164().to_owned(),
                m.notes,
                m.allergies,
                m.tier.as_str().to_owned(),
                m.archived.to_string(),
            ];
            (id.to_string(), (profile, b.points, b.stored_value.fen()))
        })
        .collect()
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
    tokio::join!(
        work(&d1, &salon, seed ^ 1, half[0], 51),
        work(&d2, &salon, seed ^ 2, half[1], 52),
        work(&d3, &salon, seed ^ 3, half[2], 53),
    );
    server.restart().await;
    let full: Vec<i64> = before.iter().map(|b| b + OPS_PER_DEVICE).collect();
    tokio::join!(
        work(&d1, &salon, seed ^ 4, full[0], 51),
        work(&d2, &salon, seed ^ 5, full[1], 52),
        work(&d3, &salon, seed ^ 6, full[2], 53),
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

    // Same members, profiles and balances everywhere.
    let first = picture(&d1);
    assert!(first.len() > 30, "members were registered on the way");
    for d in [&d2, &d3] {
        let other = picture(d);
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
    // The two tills of S01 hold the same sales, each once.
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
}
