//! The outbox as sync reads and settles it: batches by position, and the
//! pushed prefix (`outbox_pushed_through`) that replaced marking each row.

use crate::support::{boss, member};
use salondesk_core::clock::SystemClock;
use salondesk_core::Store;
use salondesk_protocol::{OpResult, OpStatus};
use std::path::Path;
use std::sync::Arc;
use uuid::Uuid;

fn answer(op_id: Uuid, status: OpStatus) -> OpResult {
    OpResult {
        op_id,
        status,
        code: (status == OpStatus::Rejected).then(|| "forbidden".into()),
        message: None,
        data: None,
    }
}

/// The ids of the operations still waiting, in order.
fn waiting(store: &Store) -> Vec<Uuid> {
    let batch = store.outbox_batch(10).unwrap();
    batch.iter().map(|o| o.op_id).collect()
}

fn open(path: &Path) -> Store {
    Store::open(path, Arc::new(SystemClock)).unwrap()
}

fn register(store: &mut Store, n: usize) {
    let had: usize = store
        .conn()
        .query_row("SELECT count(*) FROM members", [], |r| r.get(0))
        .unwrap();
    for i in had..had + n {
        store
            .register_member(
                &boss(),
                &member(&format!("顾客{i}"), &format!("1380000{i:04}")),
            )
            .unwrap();
    }
}

#[test]
fn batches_follow_one_another_by_position_without_overlapping() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("a.sqlite3"));
    register(&mut store, 5);
    let first = store.outbox_batch_after(0, 2).unwrap();
    let second = store.outbox_batch_after(first.last_seq, 2).unwrap();
    let third = store.outbox_batch_after(second.last_seq, 2).unwrap();
    let ids: Vec<Uuid> = [&first, &second, &third]
        .iter()
        .flat_map(|b| b.ops.iter().map(|o| o.op_id))
        .collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(
        ids,
        store
            .outbox_batch(10)
            .unwrap()
            .iter()
            .map(|o| o.op_id)
            .collect::<Vec<_>>()
    );
    let empty = store.outbox_batch_after(third.last_seq, 2).unwrap();
    assert!(empty.ops.is_empty());
    assert_eq!(
        empty.last_seq, third.last_seq,
        "an empty batch stays where it was asked"
    );
}

#[test]
fn an_answer_with_a_gap_keeps_what_follows_the_gap_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("a.sqlite3"));
    register(&mut store, 4);
    let ops = store.outbox_batch(10).unwrap();
    // Answered out of order, refusing the first and saying nothing of the third.
    store
        .record_push_results(&[
            answer(ops[3].op_id, OpStatus::Accepted),
            answer(ops[1].op_id, OpStatus::Duplicate),
            answer(ops[0].op_id, OpStatus::Rejected),
        ])
        .unwrap();
    // The fourth was accepted, but it comes after the unanswered third: it is
    // sent again (and the server will call it a duplicate), never lost.
    assert_eq!(waiting(&store), [ops[2].op_id, ops[3].op_id]);
    assert_eq!(store.pending_ops().unwrap(), 2);
    assert_eq!(store.rejected_ops().unwrap().len(), 1);
    store
        .record_push_results(&[
            answer(ops[2].op_id, OpStatus::Accepted),
            answer(ops[3].op_id, OpStatus::Duplicate),
        ])
        .unwrap();
    assert_eq!(store.pending_ops().unwrap(), 0);
    assert!(store.outbox_batch(10).unwrap().is_empty());
    // New writes wait after the settled prefix.
    register(&mut store, 1);
    assert_eq!(store.pending_ops().unwrap(), 1);
}

#[test]
fn a_database_that_marked_each_pushed_row_keeps_its_place_when_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let ids: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
    {
        // As version 4 left it: the first two marked pushed, the third refused,
        // the fourth waiting; no watermark.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        salondesk_core::db::migrate_to(&mut conn, 4).unwrap();
        let mut insert = conn
            .prepare(
                "INSERT INTO outbox (op_id, hlc, device_id, entity, entity_id, kind, payload,
                                     created_at, pushed_at, rejected_at, reject_code)
                 VALUES (?1, '001763900000000-000001', ?2, 'member', ?3, 'upsert', '{}',
                         '2026-11-01T00:00:00Z', ?4, ?5, ?6)",
            )
            .unwrap();
        let device = Uuid::now_v7().to_string();
        let at = Some("2026-11-01T00:00:00Z");
        for (i, id) in ids.iter().enumerate() {
            let (pushed, refused) = match i {
                0 | 1 => (at, None),
                2 => (None, at),
                _ => (None, None),
            };
            insert
                .execute(rusqlite::params![
                    id.to_string(),
                    device,
                    Uuid::now_v7().to_string(),
                    pushed,
                    refused,
                    refused.map(|_| "forbidden")
                ])
                .unwrap();
        }
    }
    let store = open(&path);
    assert_eq!(waiting(&store), [ids[3]]);
    assert_eq!(store.pending_ops().unwrap(), 1);
    assert_eq!(store.rejected_ops().unwrap()[0].op_id, ids[2]);
}

#[test]
fn settled_operations_are_pruned_once_old_and_nothing_else_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("a.sqlite3"));
    register(&mut store, 6);
    let ids = waiting(&store);
    let count = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
            .unwrap()
    };
    // The server took the first three, refused the fourth; two still wait.
    let results: Vec<OpResult> = ids[..4]
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let status = if i == 3 {
                OpStatus::Rejected
            } else {
                OpStatus::Accepted
            };
            answer(*id, status)
        })
        .collect();
    store.record_push_results(&results).unwrap();
    let now = store.now();

    // Made just now: too recent to prune.
    assert_eq!(
        store
            .prune_outbox(now - chrono::Duration::days(30), 500)
            .unwrap(),
        0
    );
    assert_eq!(count(&store), 6);

    // A month on: two per call, then the last settled one, then nothing more.
    let later = now + chrono::Duration::seconds(1);
    assert_eq!(store.prune_outbox(later, 2).unwrap(), 2);
    assert_eq!(store.prune_outbox(later, 2).unwrap(), 1);
    assert_eq!(store.prune_outbox(later, 2).unwrap(), 0);
    assert_eq!(count(&store), 3, "the refused one and the two waiting stay");
    assert_eq!(waiting(&store), ids[4..]);
    assert_eq!(store.pending_ops().unwrap(), 2);
    assert_eq!(store.rejected_ops().unwrap()[0].op_id, ids[3]);

    // New operations still queue after everything ever queued.
    let max_before: i64 = store
        .conn()
        .query_row("SELECT max(seq) FROM outbox", [], |r| r.get(0))
        .unwrap();
    register(&mut store, 1);
    let newest: i64 = store
        .conn()
        .query_row("SELECT max(seq) FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(newest, max_before + 1);
    assert_eq!(store.pending_ops().unwrap(), 3);
}
