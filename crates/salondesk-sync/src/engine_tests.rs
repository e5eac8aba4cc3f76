//! The engine and its loop with real stores (the core on temporary SQLite
//! files) against the stand-in server over loopback HTTP: operations move
//! both ways, two pushes in flight keep their order (a lost one too), 413
//! halves the batch, an interrupted initial sync resumes where it stopped
//! (also after reopening the store), a rejected operation is kept and not
//! sent again, settled operations are pruned after a month, members whose
//! visits moved are re-ranked, the outbox hook wakes the loop, a refused
//! credential stops it, and it comes back by itself when the server does.

use crate::fake_server::{self, Shared};
use crate::run::{prepare, Controller, Options};
use crate::status::{Snapshot, SyncStatus};
use crate::Engine;
use crate::SyncError;
use salondesk_core::clock::SystemClock;
use salondesk_core::member::MemberInput;
use salondesk_core::Store;
use salondesk_protocol::{EnrolResponse, MAX_PUSH_OPS};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tempfile::TempDir;
use tokio::sync::watch;
use uuid::Uuid;

const TENANT: Uuid = Uuid::from_u128(0x0195_0000_0000_7000_8000_0000_0000_0001);
pub(crate) const STORE_A: Uuid = Uuid::from_u128(0x0195_0000_0000_7000_8000_0000_0000_000a);
const STORE_B: Uuid = Uuid::from_u128(0x0195_0000_0000_7000_8000_0000_0000_000b);

pub(crate) struct Device {
    pub(crate) store: Arc<Mutex<Store>>,
    dir: TempDir,
    path: std::path::PathBuf,
}

impl Device {
    /// A device enrolled at `url` in `store_id`, known to the stand-in server.
    pub(crate) fn new(server: &Shared, url: &str, store_id: Uuid, code: &str) -> Device {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("salondesk.sqlite3");
        let mut store = Store::open(&path, Arc::new(SystemClock)).unwrap();
        let credential = format!("cred-{code}");
        store
            .save_enrolment(
                url,
                &EnrolResponse {
                    credential: credential.clone(),
                    tenant_id: TENANT,
                    store_id,
                    store_code: format!("S{code}"),
                    device_code: "001".into(),
                    store_name: format!("Store {code}"),
                    head_office: false,
                },
            )
            .unwrap();
        fake_server::register(server, &credential, store.device().id.0, store_id);
        Device {
            store: Arc::new(Mutex::new(store)),
            dir,
            path,
        }
    }

    pub(crate) fn add_members(&self, prefix: u32, n: u32) {
        let mut s = self.store.lock().unwrap();
        // Whoever registers them: the engine is the test, not who may.
        let desk = salondesk_core::staff::Staff {
            id: salondesk_core::ids::StaffId::new(chrono::Utc::now()),
            name: "desk".into(),
            role: salondesk_core::staff::Role::Cashier,
        };
        for i in 0..n {
            let input = MemberInput {
                name: format!("会员{prefix}{i:03}"),
                phone: Some(format!("139{prefix:02}{i:06}")),
                ..MemberInput::default()
            };
            s.register_member(&desk, &input).unwrap();
        }
    }

    fn members(&self) -> i64 {
        self.store.lock().unwrap().member_count().unwrap()
    }

    pub(crate) fn pending(&self) -> i64 {
        self.store.lock().unwrap().pending_ops().unwrap()
    }

    /// One number from this device's database.
    pub(crate) fn count(&self, sql: &str) -> i64 {
        let s = self.store.lock().unwrap();
        s.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Runs a statement on this device's database, as a test's setup.
    fn exec(&self, sql: &str) {
        self.store.lock().unwrap().conn().execute(sql, []).unwrap();
    }

    pub(crate) fn engine(&self) -> Engine<Arc<Mutex<Store>>> {
        let (tx, _rx) = watch::channel(SyncStatus::default());
        Engine::for_enrolled(self.store.clone(), tx).unwrap()
    }
}

pub(crate) async fn server() -> (Shared, String) {
    let state = Shared::default();
    let url = fake_server::start(state.clone()).await;
    (state, url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_round_prunes_what_the_server_has_had_for_a_month() {
    let (state, url) = server().await;
    let a = Device::new(&state, &url, STORE_A, "01");
    a.add_members(1, 10);
    let outbox = |d: &Device| d.count("SELECT count(*) FROM outbox");
    let engine = a.engine();
    engine.sync_once().await.expect("A syncs");
    let pushed = outbox(&a);
    assert!(pushed >= 10, "kept right after they were pushed: {pushed}");
    // As if those were made six years ago; one more is made now.
    a.exec("UPDATE outbox SET created_at = '2020-01-01T00:00:00.000Z'");
    a.add_members(2, 1);
    engine.sync_once().await.expect("A syncs again");
    assert_eq!(
        outbox(&a),
        1,
        "the old settled ones went, the new one stays"
    );
    assert_eq!(a.pending(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_round_re_ranks_members_whose_visits_moved() {
    let (state, url) = server().await;
    let a = Device::new(&state, &url, STORE_A, "01");
    a.add_members(1, 3);
    let dirty = |d: &Device| d.count("SELECT count(*) FROM members WHERE search_dirty = 1");
    // As a pulled visit leaves them: her last visit moved, her search rank not yet.
    a.exec("UPDATE members SET search_dirty = 1");
    assert_eq!(dirty(&a), 3);
    a.engine().sync_once().await.expect("A syncs");
    assert_eq!(dirty(&a), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_registered_in_two_stores_reach_both() {
    let (state, url) = server().await;
    let a = Device::new(&state, &url, STORE_A, "01");
    let b = Device::new(&state, &url, STORE_B, "02");
    a.add_members(1, 30);
    b.add_members(2, 5);
    let waiting = a.pending();
    assert!(waiting >= 30, "each registration is queued: {waiting}");

    let engine_a = a.engine();
    let report = engine_a.sync_once().await.expect("A syncs");
    assert_eq!(report.pushed as i64, waiting);
    assert_eq!(a.pending(), 0, "everything A wrote was accepted");
    b.engine().sync_once().await.expect("B syncs");
    engine_a.sync_once().await.expect("A syncs again");
    assert_eq!((a.members(), b.members()), (35, 35));

    let status = engine_a.status();
    let snapshot = a.store.lock().unwrap().last_sync_at().unwrap();
    assert!(snapshot.is_some(), "a successful sync is recorded");
    assert!(status.pending_ops == 0 && status.online && status.last_error.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_413_halves_the_batch_until_it_fits_and_nothing_is_applied_twice() {
    let (state, url) = server().await;
    state.lock().unwrap().knobs.max_push_ops = Some(7);
    let a = Device::new(&state, &url, STORE_A, "01");
    a.add_members(1, 30);
    let waiting = a.pending() as usize;

    let report = a
        .engine()
        .sync_once()
        .await
        .expect("synced in smaller batches");
    let s = state.lock().unwrap();
    assert!(s.push_sizes.iter().all(|n| *n <= 7), "{:?}", s.push_sizes);
    // A push given up behind a 413 may still be applied once the operation it
    // follows comes in a smaller batch: sent twice then, applied once.
    assert_eq!(s.accepted(), waiting);
    assert_eq!(report.accepted + report.duplicates, waiting);
    assert_eq!(s.logged().len(), waiting);
    drop(s);
    assert_eq!(a.pending(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pushes_in_flight_keep_the_order_and_a_lost_one_is_pushed_again() {
    let (state, url) = server().await;
    let a = Device::new(&state, &url, STORE_A, "01");
    // Three batches: two of them in flight at once.
    a.add_members(1, (MAX_PUSH_OPS * 2 + 100) as u32);
    let made: Vec<Uuid> = {
        let s = a.store.lock().unwrap();
        let mut stmt = s
            .conn()
            .prepare("SELECT op_id FROM outbox ORDER BY seq")
            .unwrap();
        let ids = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        ids.map(|id| id.unwrap().parse().unwrap()).collect()
    };

    // The first push is lost: the one behind it waits for it, is given up,
    // and nothing at all is applied.
    state.lock().unwrap().knobs.lose_pushes = 1;
    let lost = a
        .engine()
        .sync_once()
        .await
        .expect_err("a lost push fails the round");
    assert!(matches!(lost, SyncError::Offline(_)), "{lost:?}");
    assert_eq!(state.lock().unwrap().accepted(), 0);
    assert_eq!(a.pending() as usize, made.len());

    // The push given up may still be applied once the first comes again (as
    // the real server may): then its operations come back as duplicates.
    let report = a.engine().sync_once().await.expect("pushed again");
    assert_eq!(report.accepted + report.duplicates, made.len());
    let s = state.lock().unwrap();
    assert_eq!(s.logged(), made, "logged once each, in the order made");
    drop(s);
    assert_eq!(a.pending(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_initial_sync_resumes_from_its_last_page_even_after_a_restart() {
    let (state, url) = server().await;
    let a = Device::new(&state, &url, STORE_A, "01");
    a.add_members(1, 40);
    a.engine().sync_once().await.unwrap();
    let head = state.lock().unwrap().accepted() as i64;

    // A new device of another store joins; the server fails after two pages.
    let b = Device::new(&state, &url, STORE_B, "02");
    let pulls_so_far = state.lock().unwrap().pulls_answered;
    state.lock().unwrap().knobs.pulls_before_failing = Some(pulls_so_far + 2);
    let e = b
        .engine()
        .with_pull_limit(10)
        .sync_once()
        .await
        .expect_err("the third page fails");
    assert_eq!(e.code(), "server");
    let cursor = b.store.lock().unwrap().sync_cursor().unwrap();
    assert_eq!(cursor, 20, "two pages of ten are kept");
    assert!(b.members() > 0 && b.members() < 40);

    // The app quits and starts again: the progress is still there.
    let path = b.path.clone();
    let Device { store, dir, .. } = b;
    drop(store);
    let reopened = Store::open(&path, Arc::new(SystemClock)).unwrap();
    let after_restart = SyncStatus::from_snapshot(&Snapshot::read(&reopened).unwrap());
    assert_eq!(
        after_restart.initial_sync.map(|i| (i.cursor, i.head)),
        Some((20, head))
    );
    let b = Device {
        store: Arc::new(Mutex::new(reopened)),
        dir,
        path,
    };

    state.lock().unwrap().knobs.pulls_before_failing = None;
    let engine_b = b.engine().with_pull_limit(10);
    let report = engine_b.sync_once().await.unwrap();
    assert_eq!(
        engine_b.status().initial_sync,
        None,
        "the status says caught up"
    );
    let afters = state.lock().unwrap().pull_afters.clone();
    assert_eq!(
        &afters[afters.len() - report.pages..][..1],
        &[20],
        "the resumed sync starts at the saved cursor, not at zero"
    );
    assert_eq!(b.members(), 40);
    let snapshot = Snapshot::read(&b.store.lock().unwrap()).unwrap();
    assert_eq!(snapshot.initial_sync(), None, "caught up");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_operation_is_kept_and_not_sent_again() {
    let (state, url) = server().await;
    state.lock().unwrap().knobs.reject_entity = Some("member".into());
    let a = Device::new(&state, &url, STORE_A, "01");
    a.add_members(1, 1);
    let engine = a.engine();
    let report = engine.sync_once().await.unwrap();
    assert!(report.rejected >= 1);
    let rejected = a.store.lock().unwrap().rejected_ops().unwrap();
    assert_eq!(rejected[0].code, "forbidden");
    assert_eq!(a.pending(), 0, "a rejected op no longer waits");
    let pushes = state.lock().unwrap().push_sizes.len();
    engine.sync_once().await.unwrap();
    assert_eq!(
        state.lock().unwrap().push_sizes.len(),
        pushes,
        "nothing is pushed again"
    );
    assert_eq!(engine.status().rejected_ops, rejected.len() as i64);
}

/// Waits (at most 5 s) until `f` holds.
async fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..250 {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("never happened: {what}");
}

fn quick() -> Options {
    Options {
        pull_every: Duration::from_secs(3600),
        pull_limit: 100,
        backoff_base: Duration::from_millis(20),
        backoff_cap: Duration::from_millis(100),
        probe_every: Duration::from_secs(3600),
    }
}

fn run(device: &Device) -> Controller {
    let (controller, runner) = prepare(device.store.clone(), quick()).unwrap();
    tokio::spawn(runner.run());
    controller
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loop_wakes_on_a_write_stops_on_a_refused_credential_and_resumes_when_asked() {
    let (state, url) = server().await;
    let a = Device::new(&state, &url, STORE_A, "01");
    let c = run(&a);
    eventually("the first round", || c.status().rounds >= 1).await;

    // No timer is due for an hour: only the outbox hook can send this.
    a.add_members(1, 1);
    eventually("the write reaches the server", || {
        state.lock().unwrap().accepted() >= 1
    })
    .await;
    eventually("nothing waits", || c.status().pending_ops == 0).await;

    state.lock().unwrap().knobs.refuse = true;
    a.add_members(2, 1);
    eventually("the refusal is reported", || c.status().credential_refused).await;
    let s = c.status();
    assert_eq!(s.last_error.map(|e| e.code), Some("unauthorized".into()));
    assert_eq!(
        s.next_retry_at, None,
        "a refused credential is not retried by itself"
    );
    let rounds = c.status().rounds;
    a.add_members(3, 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(c.status().rounds, rounds, "stopped: a write does not retry");
    assert!(
        c.status().pending_ops >= 2,
        "but the count of waiting ops moves"
    );

    state.lock().unwrap().knobs.refuse = false;
    let s = c.sync_now_and_wait(Duration::from_secs(5)).await;
    assert!(!s.credential_refused && s.last_error.is_none(), "{s:?}");
    assert_eq!(s.pending_ops, 0);
    c.stop();
}

/// A loopback address nobody listens on yet.
fn unused_port() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}

/// Starts the fake server on `addr` and waits until the loop has sent everything.
async fn serve_and_catch_up(
    addr: std::net::SocketAddr,
    state: &Shared,
    c: &Controller,
    what: &str,
) {
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    fake_server::serve_on(listener, state.clone());
    eventually(what, || {
        let s = c.status();
        s.online && s.pending_ops == 0 && s.last_error.is_none()
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_it_backs_off_and_catches_up_when_the_server_appears() {
    let state = Shared::default();
    let addr = unused_port();
    let a = Device::new(&state, &format!("http://{addr}"), STORE_A, "01");
    a.add_members(1, 3);
    let waiting = a.pending() as usize;
    let c = run(&a);
    eventually("offline is reported", || {
        c.status().last_error.is_some_and(|e| e.code == "offline")
    })
    .await;
    let s = c.status();
    assert!(!s.online && s.next_retry_at.is_some() && s.pending_ops >= 3);

    serve_and_catch_up(
        addr,
        &state,
        &c,
        "the backlog is sent once the server answers",
    )
    .await;
    assert_eq!(state.lock().unwrap().accepted(), waiting);
    c.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_it_notices_the_network_is_back_long_before_its_backoff_ends() {
    let state = Shared::default();
    let addr = unused_port();
    let a = Device::new(&state, &format!("http://{addr}"), STORE_A, "01");
    a.add_members(1, 2);
    let options = Options {
        // Backoff alone would wait up to a minute (full jitter from zero).
        backoff_base: Duration::from_secs(60),
        backoff_cap: Duration::from_secs(60),
        probe_every: Duration::from_millis(50),
        ..quick()
    };
    let (c, runner) = prepare(a.store.clone(), options).unwrap();
    tokio::spawn(runner.run());
    // Wait for a draw that leaves the next retry a few seconds ahead.
    let mut retry_at = None;
    eventually("a backoff of some seconds", || {
        retry_at = c
            .status()
            .next_retry_at
            .filter(|at| *at > chrono::Utc::now() + chrono::Duration::seconds(3));
        retry_at.is_some()
    })
    .await;
    let retry_at = retry_at.unwrap();

    serve_and_catch_up(addr, &state, &c, "synced as soon as a probe gets through").await;
    assert!(
        chrono::Utc::now() < retry_at,
        "synced before the backoff would have tried again"
    );
    assert!(state.lock().unwrap().health_checks >= 1);
    c.stop();
}
