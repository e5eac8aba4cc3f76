//! One bad operation does not stop the till: the engine against the stand-in
//! server when a push fails as a whole because of one operation in it (a 4xx
//! naming it, a 400 naming none, a 500 every time), and when the server fails
//! on everything (nothing is set aside then).

use crate::engine_tests::{server, Device, STORE_A};
use crate::fake_server::Shared;
use uuid::Uuid;

/// The outbox's op ids, in order.
fn outbox(d: &Device) -> Vec<Uuid> {
    let s = d.store.lock().unwrap();
    let mut stmt = s
        .conn()
        .prepare("SELECT op_id FROM outbox ORDER BY seq")
        .unwrap();
    let ids = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|r| r.unwrap().parse().unwrap())
        .collect();
    ids
}

/// A device with 40 members waiting, the 23rd operation poisoned.
async fn poisoned(status: u16, named: bool) -> (Shared, Device, Uuid) {
    let (state, url) = server().await;
    let a = Device::new(&state, &url, STORE_A, "01");
    a.add_members(1, 40);
    let poison = outbox(&a)[22];
    {
        let mut s = state.lock().unwrap();
        s.knobs.poison = Some(poison);
        s.knobs.poison_status = status;
        s.knobs.poison_named = named;
    }
    (state, a, poison)
}

/// Syncs until a round succeeds (at most `rounds`); answers the failures.
async fn sync_until_ok(a: &Device, rounds: usize) -> usize {
    let engine = a.engine();
    for failures in 0..rounds {
        if engine.sync_once().await.is_ok() {
            return failures;
        }
    }
    panic!("no round succeeded in {rounds}");
}

fn assert_set_aside_alone(state: &Shared, a: &Device, poison: Uuid, code: &str) {
    let rejected = a.store.lock().unwrap().rejected_ops().unwrap();
    assert_eq!(rejected.len(), 1, "exactly the one operation: {rejected:?}");
    assert_eq!(rejected[0].op_id, poison);
    assert_eq!(rejected[0].code, code, "with its reason");
    assert_eq!(a.pending(), 0, "everything else went");
    let logged = state.lock().unwrap().logged();
    let mut want = outbox(a);
    want.retain(|o| *o != poison);
    assert_eq!(
        logged.len(),
        want.len(),
        "every other operation reached the server"
    );
    assert!(!logged.contains(&poison));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_refused_for_one_named_operation_sets_that_one_aside_and_sends_the_rest() {
    let (state, a, poison) = poisoned(400, true).await;
    let failures = sync_until_ok(&a, 3).await;
    assert_eq!(failures, 0, "no round is lost to it");
    assert_set_aside_alone(&state, &a, poison, "bad_field");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_refused_without_naming_anyone_is_split_until_the_one_operation_is_found() {
    let (state, a, poison) = poisoned(400, false).await;
    let failures = sync_until_ok(&a, 3).await;
    assert_eq!(failures, 0, "a refusal is final: found in the same round");
    assert_set_aside_alone(&state, &a, poison, "bad_request");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_the_server_fails_on_every_time_is_split_and_its_one_operation_set_aside_after_three_strikes(
) {
    let (state, a, poison) = poisoned(500, false).await;
    let failures = sync_until_ok(&a, 6).await;
    assert_eq!(
        failures,
        crate::isolate::STRIKES as usize - 1,
        "a 500 may pass: the operation is set aside on its third failure alone"
    );
    assert_set_aside_alone(&state, &a, poison, "push_failed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_fails_on_every_push_gets_nothing_set_aside() {
    let (state, url) = server().await;
    let a = Device::new(&state, &url, STORE_A, "01");
    a.add_members(1, 5);
    state.lock().unwrap().knobs.fail_every_push = true;
    let engine = a.engine();
    for _ in 0..5 {
        assert!(engine.sync_once().await.is_err());
    }
    assert!(
        a.store.lock().unwrap().rejected_ops().unwrap().is_empty(),
        "the server is broken, not the operations: nothing is set aside"
    );
    state.lock().unwrap().knobs.fail_every_push = false;
    engine.sync_once().await.expect("the server is back");
    assert_eq!(a.pending(), 0, "all of it went once the server was back");
}
