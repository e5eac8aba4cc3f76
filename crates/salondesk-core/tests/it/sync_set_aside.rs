//! The device's side of operations set aside (a manager retries or discards
//! them), of a server restored from a backup (pull checkpoints, pushing again),
//! and of a pulled page that goes wrong half-way (the connection's durability).

use crate::support::{boss, member};
use chrono::{DateTime, Duration, TimeZone, Utc};
use salondesk_core::clock::Clock;
use salondesk_core::staff::Role;
use salondesk_core::{CoreError, Store};
use salondesk_protocol::{OpResult, OpStatus, PullResponse};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// A clock that can be told to panic (a bug anywhere under a write).
struct Clock2 {
    at: Mutex<DateTime<Utc>>,
    panic: AtomicBool,
}

impl Clock for Clock2 {
    fn now(&self) -> DateTime<Utc> {
        if self.panic.load(Ordering::SeqCst) {
            panic!("the clock broke");
        }
        *self.at.lock().unwrap()
    }
}

fn open() -> (Store, Arc<Clock2>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(Clock2 {
        at: Mutex::new(Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap()),
        panic: AtomicBool::new(false),
    });
    let store = Store::open(&dir.path().join("s.sqlite3"), clock.clone()).unwrap();
    (store, clock, dir)
}

fn synchronous(s: &Store) -> i64 {
    s.conn()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap()
}

fn page(cursor: i64, cursor_op: Option<Uuid>) -> PullResponse {
    PullResponse {
        ops: vec![],
        cursor,
        head: cursor,
        more: false,
        cursor_op,
        head_office: None,
        server_time: None,
    }
}

fn refuse(op_id: Uuid) -> OpResult {
    OpResult {
        op_id,
        status: OpStatus::Rejected,
        code: Some("bad_field".into()),
        message: Some("phone: a control character".into()),
        data: None,
    }
}

fn settle(op_id: Uuid) -> OpResult {
    OpResult {
        op_id,
        status: OpStatus::Accepted,
        code: None,
        message: None,
        data: None,
    }
}

fn waiting(s: &Store) -> Vec<Uuid> {
    s.outbox_batch(100)
        .unwrap()
        .iter()
        .map(|o| o.op_id)
        .collect()
}

#[test]
fn a_panic_while_applying_a_pulled_page_leaves_sales_synced_to_disk_in_full() {
    let (mut s, clock, _dir) = open();
    assert_eq!(synchronous(&s), 2, "a store opens with synchronous=FULL");
    clock.panic.store(true, Ordering::SeqCst);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = s.apply_pulled(&page(1, None));
    }));
    clock.panic.store(false, Ordering::SeqCst);
    assert!(
        outcome.is_err(),
        "the clock's panic went through apply_pulled"
    );
    assert_eq!(
        synchronous(&s),
        2,
        "the page's NORMAL must not outlive it: a sale rung up next must survive a power cut"
    );
    s.register_member(&boss(), &member("王芳", "13800000001"))
        .unwrap();
}

#[test]
fn a_manager_sends_a_set_aside_operation_again_after_what_waits_and_a_cashier_may_not() {
    let (mut s, _clock, _dir) = open();
    s.create_owner("林美玲", "135790").unwrap();
    let cashier = s.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
    let manager = s.add_staff("周店长", Role::Manager, "246802").unwrap();
    s.register_member(&boss(), &member("王芳", "13800000001"))
        .unwrap();
    s.register_member(&boss(), &member("李娜", "13800000002"))
        .unwrap();
    let ops = waiting(&s);
    let (bad, rest) = (ops[ops.len() - 2], ops[ops.len() - 1]);
    // Everything before the bad one was settled; it was set aside.
    let mut results: Vec<OpResult> = ops[..ops.len() - 2].iter().map(|&o| settle(o)).collect();
    results.push(refuse(bad));
    s.record_push_results(&results).unwrap();
    assert_eq!(waiting(&s), vec![rest], "the rest goes on without it");

    let err = s.retry_set_aside(&cashier, bad).unwrap_err();
    assert!(
        matches!(err, CoreError::Forbidden(_)),
        "only managers decide: {err:?}"
    );
    s.retry_set_aside(&manager, bad).unwrap();
    let now = waiting(&s);
    assert_eq!(now[0], rest, "what waited goes first");
    assert_eq!(
        now[1], bad,
        "the retried one follows it, waiting like a new one"
    );
    assert!(
        s.rejected_ops().unwrap().is_empty(),
        "it is no longer set aside"
    );
    let audited: i64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'sync_op_retried' AND staff_id = ?1",
            [manager.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1, "who sent it again is in the audit log");
    let err = s.retry_set_aside(&manager, bad).unwrap_err();
    assert!(
        matches!(err, CoreError::NotFound { .. }),
        "an operation not set aside cannot be retried: {err:?}"
    );
}

#[test]
fn a_manager_discards_a_set_aside_operation_for_good_and_the_audit_log_keeps_it() {
    let (mut s, _clock, _dir) = open();
    let owner = s.create_owner("林美玲", "135790").unwrap();
    let beautician = s.add_staff("王芳", Role::Beautician, "4444").unwrap();
    s.register_member(&boss(), &member("李娜", "13800000002"))
        .unwrap();
    let ops = waiting(&s);
    let bad = *ops.last().unwrap();
    s.record_push_results(&[refuse(bad)]).unwrap();
    assert_eq!(s.rejected_ops().unwrap().len(), 1);

    assert!(matches!(
        s.discard_set_aside(&beautician, bad).unwrap_err(),
        CoreError::Forbidden(_)
    ));
    s.discard_set_aside(&owner, bad).unwrap();
    assert!(s.rejected_ops().unwrap().is_empty(), "no longer listed");
    assert!(!waiting(&s).contains(&bad), "and never sent");
    let detail: String = s
        .conn()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'sync_op_discarded'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        detail.contains(&bad.to_string()) && detail.contains("bad_field"),
        "the audit log says which operation and why it had been refused: {detail}"
    );
    assert!(
        !detail.contains("138"),
        "and nothing personal from the operation"
    );
}

#[test]
fn a_restored_server_sends_the_pull_back_to_the_newest_checkpoint_below_and_everything_out_again() {
    let (mut s, clock, _dir) = open();
    s.register_member(&boss(), &member("王芳", "13800000001"))
        .unwrap();
    let mine = waiting(&s);
    s.record_push_results(&mine.iter().map(|&o| settle(o)).collect::<Vec<_>>())
        .unwrap();
    assert!(waiting(&s).is_empty());
    assert_eq!(
        s.pull_anchor().unwrap().settled_op,
        mine.last().copied(),
        "a pull names this till's newest operation the server settled"
    );

    // A pull, then three a day later within minutes of each other.
    let ops: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
    let start = *clock.at.lock().unwrap();
    for (i, (cursor, minutes)) in [(10, 0), (20, 24 * 60), (30, 24 * 60 + 1), (40, 24 * 60 + 2)]
        .into_iter()
        .enumerate()
    {
        *clock.at.lock().unwrap() = start + Duration::minutes(minutes);
        s.apply_pulled(&page(cursor, Some(ops[i]))).unwrap();
    }
    let anchor = s.pull_anchor().unwrap();
    assert_eq!(
        (anchor.after, anchor.after_op),
        (40, Some(ops[3])),
        "a pull names the server's operation at its cursor"
    );

    // The server says it does not hold 40: back to 30, then 20, 10, 0.
    for (want, op) in [(30, Some(ops[2])), (20, Some(ops[1])), (10, Some(ops[0]))] {
        assert_eq!(s.rewind_pull(want == 30).unwrap(), want);
        let a = s.pull_anchor().unwrap();
        assert_eq!((a.after, a.after_op), (want, op));
        assert_eq!(
            a.settled_op, None,
            "nothing counts as held until pushed again"
        );
    }
    assert_eq!(s.rewind_pull(false).unwrap(), 0, "position 0 always holds");
    assert_eq!(s.pull_anchor().unwrap().after_op, None);
    assert_eq!(
        waiting(&s),
        mine,
        "every settled operation the outbox keeps is pushed again"
    );
}
