//! The device's clock: bounded by its wall clock when it receives, told the
//! server's time, brought back (with the stamps it stored) when it ran ahead,
//! and operations refused for their stamp sent again.

use crate::support::{boss, member, store};
use chrono::{Duration, Utc};
use salondesk_core::clock::{Clock, SystemClock};
use salondesk_core::hlc::{Hlc, CLOCK_AHEAD, MAX_DRIFT_MS};
use salondesk_core::Store;
use salondesk_protocol::{Op, OpKind, OpResult, OpStatus, PullResponse, PulledOp};
use serde_json::json;
use std::sync::Arc;
use uuid::Uuid;

/// (seq, hlc, rejected code) of every outbox row, in order.
fn outbox(s: &Store) -> Vec<(i64, String, Option<String>)> {
    s.conn()
        .prepare("SELECT seq, hlc, reject_code FROM outbox ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn meta(s: &Store, key: &str) -> String {
    s.conn()
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .unwrap()
}

fn refused(op_id: Uuid, code: &str) -> OpResult {
    OpResult {
        op_id,
        status: OpStatus::Rejected,
        code: Some(code.into()),
        message: Some("refused".into()),
        data: None,
    }
}

#[test]
fn a_pulled_far_future_stamp_moves_the_clock_no_further_than_the_drift() {
    // Regression: a till adopted `999999999999999-999999` from any pulled
    // operation and stamped everything after with it (refused `bad_hlc`).
    let mut t = store();
    let poisoned = Op {
        op_id: Uuid::now_v7(),
        hlc: "999999999999999-999999".into(),
        device_id: Uuid::now_v7(),
        entity: "staff".into(),
        entity_id: Uuid::now_v7().to_string(),
        kind: OpKind::Upsert,
        payload: json!({ "name": "甲", "role": "beautician", "pinHash": "", "active": true }),
        created_at: t.clock.now(),
    };
    t.store
        .apply_pulled(&PullResponse {
            ops: vec![PulledOp {
                seq: 1,
                store_id: None,
                op: poisoned,
            }],
            cursor: 1,
            head: 1,
            more: false,
            server_time: None,
            cursor_op: None,
            head_office: None,
        })
        .unwrap();
    t.store
        .register_member(&boss(), &member("王芳", "13800000001"))
        .unwrap();
    let (_, stamp, _) = outbox(&t.store).pop().unwrap();
    let stamp = Hlc::parse(&stamp).expect("the next stamp is well formed");
    assert!(
        stamp.ahead_of(t.clock.now()) <= MAX_DRIFT_MS,
        "the next operation is stamped within the drift of the till's wall clock: {stamp}"
    );
}

#[test]
fn a_till_whose_clock_was_a_year_ahead_sends_its_refused_operations_again_once_it_is_fixed() {
    let mut t = store();
    let right = t.clock.now();
    t.clock.set(right + Duration::days(365));
    let ahead = t
        .store
        .register_member(&boss(), &member("王芳", "13800000001"))
        .unwrap();
    let op = t.store.outbox_batch(10).unwrap().remove(0);
    // The server says its time, and refuses the operation: a year ahead.
    t.store.record_server_time(right).unwrap();
    t.store
        .record_push_results(&[refused(op.op_id, CLOCK_AHEAD)])
        .unwrap();
    assert_eq!(
        t.store.clock_skew_ms().unwrap(),
        Some(Duration::days(365).num_milliseconds()),
        "the till knows it is a year ahead (the sync status shows it)"
    );
    assert_eq!(
        t.store.resend_clock_refused().unwrap(),
        0,
        "not sent again while the clock is still wrong"
    );
    assert_eq!(t.store.pending_ops().unwrap(), 0, "it stays set aside");

    // Someone fixes the PC's date; the next answer says the clocks agree.
    t.clock.set(right + Duration::minutes(1));
    t.store
        .record_server_time(right + Duration::minutes(1))
        .unwrap();
    t.store.resend_clock_refused().unwrap();
    let rows = outbox(&t.store);
    let (_, stamp, code) = &rows[0];
    assert_eq!(*code, None, "the operation is no longer refused");
    assert_eq!(
        t.store.pending_ops().unwrap(),
        1,
        "it waits to be sent again"
    );
    let stamp = Hlc::parse(stamp).unwrap();
    assert!(
        stamp.ahead_of(t.clock.now()).abs() <= MAX_DRIFT_MS,
        "it carries a fresh stamp from the fixed clock: {stamp}"
    );
    let field_clock: String = t
        .store
        .conn()
        .query_row(
            "SELECT hlc FROM field_clocks WHERE entity = 'member' AND entity_id = ?1",
            [ahead.id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        field_clock,
        stamp.to_string(),
        "the member's clock here follows the new stamp, as the server will see it"
    );
    assert_eq!(
        t.store.outbox_batch(10).unwrap()[0].op_id,
        op.op_id,
        "the same operation (same id) is what the next push sends"
    );
    t.store
        .register_member(&boss(), &member("李娜", "13800000002"))
        .unwrap();
    let rows = outbox(&t.store);
    assert!(
        rows[1].1 > rows[0].1,
        "what is written after it is stamped after it: {} then {}",
        rows[0].1,
        rows[1].1
    );
}

#[test]
fn an_operation_refused_bad_hlc_is_stamped_afresh_and_sent_again_in_its_place() {
    let mut t = store();
    t.store
        .register_member(&boss(), &member("王芳", "13800000001"))
        .unwrap();
    t.store
        .register_member(&boss(), &member("李娜", "13800000002"))
        .unwrap();
    let batch = t.store.outbox_batch(10).unwrap();
    let accepted = OpResult {
        op_id: batch[1].op_id,
        status: OpStatus::Accepted,
        code: None,
        message: None,
        data: None,
    };
    t.store
        .record_push_results(&[refused(batch[0].op_id, "bad_hlc"), accepted])
        .unwrap();
    assert_eq!(t.store.pending_ops().unwrap(), 0, "both settled");
    let before = outbox(&t.store)[0].1.clone();
    assert_eq!(
        t.store.resend_clock_refused().unwrap(),
        1,
        "a clock never measured as wrong is taken as right"
    );
    let again = t.store.outbox_batch(10).unwrap();
    assert_eq!(
        again.iter().map(|o| o.op_id).collect::<Vec<_>>(),
        vec![batch[0].op_id, batch[1].op_id],
        "pushed again from its place (the accepted one after it is acknowledged as a duplicate)"
    );
    assert!(again[0].hlc > before, "with a fresh stamp");
    t.store
        .record_push_results(&[refused(batch[0].op_id, "forbidden")])
        .unwrap();
    assert_eq!(
        t.store.resend_clock_refused().unwrap(),
        0,
        "a refusal for anything but the stamp is never sent again by itself"
    );
}

/// Version 10 → 11: a till poisoned before stamps were bounded (its clock at
/// the 23-character `999999999999999-1000000`, its outbox refused or waiting
/// with such stamps) recovers.
#[test]
fn a_poisoned_till_recovers_its_clock_and_outbox_when_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.sqlite3");
    let me = Uuid::now_v7();
    let other = Uuid::now_v7();
    let good = format!("{:015}-{:06}", Utc::now().timestamp_millis() - 60_000, 0);
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        salondesk_core::db::migrate_to(&mut conn, 10).unwrap();
        conn.execute_batch(&format!(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('device_id', '{me}'), ('device_code', '001'),
                 ('store_code', 'S01'), ('hlc', '999999999999999-1000002'),
                 ('outbox_pushed_through', '2');
             INSERT INTO outbox (seq, op_id, hlc, device_id, entity, entity_id, kind, payload,
                                 created_at, reject_code, reject_message, rejected_at) VALUES
                 (1, '{}', '{good}', '{me}', 'member', 'm1', 'upsert', '{{}}', '2026-01-01', NULL, NULL, NULL),
                 (2, '{}', '999999999999999-1000000', '{me}', 'member', 'm2', 'upsert', '{{}}',
                  '2026-01-01', 'bad_hlc', 'hlc must look like', '2026-01-01'),
                 (3, '{}', '999999999999999-1000001', '{me}', 'member', 'm3', 'upsert', '{{}}',
                  '2026-01-01', NULL, NULL, NULL);
             INSERT INTO field_clocks (entity, entity_id, field, hlc, device_id) VALUES
                 ('member', 'm1', '', '{good}', '{me}'),
                 ('member', 'm2', '', '999999999999999-1000000', '{me}'),
                 ('member', 'm9', '', '999999999999999-999999', '{other}');",
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        ))
        .unwrap();
    }
    let store = Store::open(&path, Arc::new(SystemClock)).expect("the poisoned till opens");
    let now = Utc::now();
    let clock = Hlc::parse(&meta(&store, "hlc")).expect("the clock is well formed again");
    assert!(
        clock.ahead_of(now) <= MAX_DRIFT_MS,
        "and back within the drift: {clock}"
    );
    let rows = outbox(&store);
    assert_eq!(rows[0].1, good, "a sane stamp already sent is left alone");
    for (seq, stamp, code) in &rows[1..] {
        let s = Hlc::parse(stamp).expect("re-stamped well formed");
        assert!(s.ahead_of(now) <= MAX_DRIFT_MS, "op {seq} within the drift");
        assert!(s <= clock, "op {seq} not after the device's clock");
        assert_eq!(*code, None, "op {seq} is no longer refused");
    }
    assert!(rows[1].1 < rows[2].1, "re-stamped in outbox order");
    assert_eq!(
        store.pending_ops().unwrap(),
        2,
        "the refused and the waiting operation are both waiting to be sent"
    );
    let field = |id: &str| -> String {
        store
            .conn()
            .query_row(
                "SELECT hlc FROM field_clocks WHERE entity_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(field("m1"), good, "a sane field clock is left alone");
    assert_eq!(
        field("m2"),
        rows[1].1,
        "this till's own write follows its new stamp"
    );
    assert_eq!(
        field("m9"),
        "000946684800000-000000",
        "a far-future write from elsewhere now loses to any later write"
    );
}
