//! Sync on the device, the edges: one phone registered in two stores, one
//! beautician booked twice from two tills, operations that cannot be applied,
//! operations the server refused, enrolment, the outbox hook, and the
//! migration of a database that already holds ledgers.

use crate::appointments_fixture::{at, calendar};
use crate::support::{boss, member, store};
use crate::sync_fixture::{enrol, till, Server, Till, STORE_A, STORE_B};
use chrono::{TimeZone, Utc};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::staff::Role;
use salondesk_core::{CoreError, Money, Store};
use salondesk_protocol::{Op, OpKind, OpResult, OpStatus, PullResponse, PulledOp};
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use uuid::Uuid;

const PHONE: &str = "13812345678";

#[test]
fn one_phone_registered_in_two_stores_keeps_both_members_until_a_manager_merges_them() {
    let mut a = till(STORE_A, "A", "01");
    let mut b = till(STORE_B, "B", "01");
    let mut server = Server::default();
    a.store().create_owner("林美玲", "135790").unwrap();
    let manager = a
        .store()
        .add_staff("周店长", Role::Manager, "246802")
        .unwrap();
    let cashier = a
        .store()
        .add_staff("陈晓雨", Role::Cashier, "3333")
        .unwrap();
    server.sync(&mut [&mut a, &mut b]);

    // Offline, each store registers her.
    let wang = a
        .store()
        .register_member(&boss(), &member("王丽娜", PHONE))
        .unwrap();
    let li = b
        .store()
        .register_member(&boss(), &member("王丽娜", PHONE))
        .unwrap();
    server.sync(&mut [&mut a, &mut b]);
    for t in [&mut a, &mut b] {
        let s = t.store();
        assert_eq!(s.member_count().unwrap(), 2, "neither member is dropped");
        assert!(s.sync_apply_errors(10).unwrap().is_empty());
        let hits = s.search_members("5678", 10).unwrap();
        assert_eq!(hits.len(), 2, "both are found by her phone");
        let err = s
            .register_member(&boss(), &member("第三位", PHONE))
            .unwrap_err();
        assert!(matches!(err, CoreError::DuplicatePhone { .. }), "{err:?}");
    }
    // Her record from the other store can still be edited here.
    let mut edit = member("王丽娜", PHONE);
    edit.phone = None;
    edit.notes = "两店都办了卡".into();
    a.store().update_member(&boss(), li.id, &edit).unwrap();

    // The server raises the conflict; a manager resolves it, not a cashier.
    let id = server.raise(
        "duplicate_phone",
        "member",
        &[wang.id.to_string(), li.id.to_string()],
        &[STORE_A, STORE_B],
    );
    server.sync(&mut [&mut a, &mut b]);
    let open = b.store().conflicts(true).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, id);
    assert_eq!(open[0].kind, "duplicate_phone");
    assert_eq!(
        open[0].entity_ids,
        vec![wang.id.to_string(), li.id.to_string()]
    );
    assert_eq!(open[0].store_ids.len(), 2);
    let err = b
        .store()
        .resolve_conflict(&cashier, &id, "merged")
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    b.store()
        .resolve_conflict(&manager, &id, "merged at store A")
        .unwrap();
    assert!(b.store().conflicts(true).unwrap().is_empty());
    let merged = a.store().merge_members(&boss(), li.id, wang.id).unwrap();
    server.sync(&mut [&mut a, &mut b]);
    for t in [&mut a, &mut b] {
        let s = t.store();
        assert!(
            s.conflicts(true).unwrap().is_empty(),
            "the resolution reached every till"
        );
        let all = s.conflicts(false).unwrap();
        assert_eq!(
            all[0].resolved_by.as_deref(),
            Some(manager.id.to_string().as_str())
        );
        assert_eq!(all[0].resolution.as_deref(), Some("merged at store A"));
        assert_eq!(s.member_count().unwrap(), 1);
        let survivor = s.member(li.id).unwrap();
        assert_eq!(survivor.notes, merged.notes);
        assert_eq!(s.member(wang.id).unwrap().merged_into, Some(li.id));
        let err = s
            .register_member(&boss(), &member("第三位", PHONE))
            .unwrap_err();
        assert!(matches!(err, CoreError::DuplicatePhone { member_id, .. } if member_id == li.id));
    }
}

#[test]
fn one_beautician_booked_twice_from_two_tills_keeps_both_appointments() {
    let mut c = calendar();
    enrol(&mut c.s.t, STORE_A, "A", "01");
    let cashier = c.s.cashier.clone();
    let input = c.facial_at(at(1, "14:00"));
    let mut a2 = till(STORE_A, "A", "02");
    let mut server = Server::default();
    let mut a1 = Till {
        t: std::mem::replace(&mut c.s.t, crate::support::store()),
        store_id: STORE_A,
    };
    server.sync(&mut [&mut a1, &mut a2]);
    a1.store().book_appointment(&cashier, &input).unwrap();
    a2.store().book_appointment(&cashier, &input).unwrap();
    server.sync(&mut [&mut a1, &mut a2]);
    for t in [&mut a1, &mut a2] {
        let s = t.store();
        let n: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM appointments WHERE staff_id = ?1 AND status = 'booked'",
                [input.staff_id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 2, "both bookings are kept for the manager to sort out");
        assert!(s.sync_apply_errors(10).unwrap().is_empty());
    }
}

fn op(entity: &str, id: &str, kind: OpKind, payload: serde_json::Value) -> Op {
    Op {
        op_id: Uuid::now_v7(),
        hlc: "001795395600000-000001".into(),
        device_id: Uuid::now_v7(),
        entity: entity.into(),
        entity_id: id.into(),
        kind,
        payload,
        created_at: Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap(),
    }
}

fn page(ops: Vec<Op>, after: i64) -> PullResponse {
    let n = ops.len() as i64;
    PullResponse {
        ops: ops
            .into_iter()
            .enumerate()
            .map(|(i, op)| PulledOp {
                seq: after + i as i64 + 1,
                store_id: None,
                op,
            })
            .collect(),
        cursor: after + n,
        head: after + n,
        more: false,
        server_time: None,
        cursor_op: None,
        head_office: None,
    }
}

#[test]
fn an_operation_that_cannot_be_applied_is_kept_aside_and_does_not_block_the_page() {
    let mut t = store();
    let staff_id = Uuid::now_v7().to_string();
    let mut bad_clock = op("staff", &staff_id, OpKind::Upsert, json!({ "name": "x" }));
    bad_clock.hlc = "yesterday".into();
    let no_member = Uuid::now_v7().to_string();
    let half_member = Uuid::now_v7().to_string();
    let ops = vec![
        op("balance", "x", OpKind::Upsert, json!({ "amount": 5 })),
        op(
            "points_ledger",
            &Uuid::now_v7().to_string(),
            OpKind::Append,
            json!({ "memberId": no_member, "delta": 100, "reason": "adjust" }),
        ),
        bad_clock,
        op(
            "staff",
            &staff_id,
            OpKind::Upsert,
            json!({ "name": "王芳", "role": "beautician", "pinHash": "", "active": true }),
        ),
        // A first write missing required fields: kept with defaults, noted.
        op(
            "member",
            &half_member,
            OpKind::Upsert,
            json!({ "notes": "只有备注" }),
        ),
    ];
    let report = t.store.apply_pulled(&page(ops, 0)).unwrap();
    assert_eq!((report.applied, report.skipped), (2, 3), "{report:?}");
    assert_eq!(
        t.store.sync_cursor().unwrap(),
        5,
        "the page is done, errors and all"
    );
    let errors = t.store.sync_apply_errors(10).unwrap();
    let skipped: Vec<_> = errors.iter().filter(|e| e.skipped).collect();
    assert_eq!(skipped.len(), 3, "{errors:?}");
    assert!(skipped.iter().any(|e| e.entity == "balance"));
    assert!(skipped.iter().any(|e| e.entity == "points_ledger"));
    assert!(errors.iter().any(|e| !e.skipped && e.entity == "member"));
    assert_eq!(
        t.store.staff(staff_id.parse().unwrap()).unwrap().name,
        "王芳"
    );
    assert_eq!(
        t.store.member(half_member.parse().unwrap()).unwrap().notes,
        "只有备注"
    );
    let points: i64 = t
        .store
        .conn()
        .query_row("SELECT count(*) FROM points_ledger", [], |r| r.get(0))
        .unwrap();
    assert_eq!(points, 0, "nothing of a refused operation is kept");
    // The next page applies as usual.
    let next = op(
        "staff",
        &staff_id,
        OpKind::Upsert,
        json!({ "name": "王芳芳" }),
    );
    let mut next = next;
    next.hlc = "001795395600000-000002".into();
    let r = t.store.apply_pulled(&page(vec![next], 5)).unwrap();
    assert_eq!(r.applied, 1);
    assert_eq!(
        t.store.staff(staff_id.parse().unwrap()).unwrap().name,
        "王芳芳"
    );
    assert_eq!(t.store.pending_ops().unwrap(), 0, "applying queues nothing");
    let synchronous: i64 = t
        .store
        .conn()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        synchronous, 2,
        "a sale after a pull is synced in full again"
    );
}

#[test]
fn an_older_write_of_a_field_loses_to_a_newer_one_whatever_order_they_arrive_in() {
    let mut t = store();
    let id = Uuid::now_v7().to_string();
    let role = |name: &str, hlc: &str, device: u128| {
        let mut o = op(
            "staff",
            &id,
            OpKind::Upsert,
            json!({ "name": name, "role": "beautician", "pinHash": "", "active": true }),
        );
        o.hlc = hlc.into();
        o.device_id = Uuid::from_u128(device);
        o
    };
    let newer = role("新名字", "001795395600000-000009", 1);
    let older = role("旧名字", "001795395600000-000003", 2);
    let tie_low = role("同时A", "001795395600000-000009", 0);
    t.store
        .apply_pulled(&page(vec![newer, older, tie_low], 0))
        .unwrap();
    assert_eq!(
        t.store.staff(id.parse().unwrap()).unwrap().name,
        "新名字",
        "older and tied-but-lower-device writes lose"
    );
    let tie_high = role("同时B", "001795395600000-000009", 3);
    t.store.apply_pulled(&page(vec![tie_high], 3)).unwrap();
    assert_eq!(t.store.staff(id.parse().unwrap()).unwrap().name, "同时B");
    // A local edit after receiving is newer than anything received.
    let hlc: String = t
        .store
        .conn()
        .query_row("SELECT value FROM meta WHERE key = 'hlc'", [], |r| r.get(0))
        .unwrap();
    assert!(
        hlc.as_str() > "001795395600000-000009",
        "the clock moved past what it received: {hlc}"
    );
}

#[test]
fn refused_operations_are_kept_shown_and_never_offered_again() {
    let mut t = store();
    for (name, phone) in [
        ("甲", "13800000001"),
        ("乙", "13800000002"),
        ("丙", "13800000003"),
    ] {
        t.store
            .register_member(&boss(), &member(name, phone))
            .unwrap();
    }
    assert_eq!(t.store.pending_ops().unwrap(), 3);
    let batch = t.store.outbox_batch(2).unwrap();
    assert_eq!(batch.len(), 2);
    assert_eq!(batch[0].entity, "member");
    assert!(batch[0].hlc < batch[1].hlc, "oldest first");
    t.store
        .record_push_results(&[
            OpResult {
                op_id: batch[0].op_id,
                status: OpStatus::Duplicate,
                code: None,
                message: None,
                data: None,
            },
            OpResult {
                op_id: batch[1].op_id,
                status: OpStatus::Rejected,
                code: Some("field_not_allowed".into()),
                message: Some("member.x cannot be written by a device".into()),
                data: None,
            },
            OpResult {
                op_id: Uuid::now_v7(),
                status: OpStatus::Accepted,
                code: None,
                message: None,
                data: None,
            },
        ])
        .unwrap();
    assert_eq!(
        t.store.pending_ops().unwrap(),
        1,
        "the refused one no longer waits"
    );
    let rest = t.store.outbox_batch(10).unwrap();
    assert_eq!(rest.len(), 1);
    assert_ne!(rest[0].op_id, batch[1].op_id);
    let refused = t.store.rejected_ops().unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].op_id, batch[1].op_id);
    assert_eq!(refused[0].code, "field_not_allowed");
    assert_eq!(refused[0].entity, "member");
}

#[test]
fn enrolment_gives_the_codes_that_number_receipts_and_members() {
    let mut t = store();
    assert!(t.store.sync_config().unwrap().is_none());
    assert_eq!(t.store.sync_cursor().unwrap(), 0);
    assert!(t.store.last_sync_at().unwrap().is_none());
    // Set up before joining: an ordinary till of a chain may not add plans.
    let topup = t
        .store
        .add_top_up_plan("充100", Money::yuan(100), Money::ZERO)
        .unwrap();
    enrol(&mut t, STORE_A, "A7", "03");
    let cfg = t.store.sync_config().unwrap().unwrap();
    assert_eq!(cfg.server_url, "http://127.0.0.1:9");
    assert_eq!(cfg.store_id, STORE_A);
    assert_eq!(cfg.store_name, "Store A7");
    assert!(
        !format!("{cfg:?}").contains(&cfg.credential),
        "the credential stays out of logs"
    );
    assert_eq!(t.store.device().code, "03");
    let owner = t.store.create_owner("林美玲", "135790").unwrap();
    let m = t
        .store
        .register_member(&boss(), &member("王丽娜", PHONE))
        .unwrap();
    assert!(m.member_no.starts_with("A703"), "{}", m.member_no);
    t.store.open_shift(&owner, Money::ZERO).unwrap();
    let sale = t
        .store
        .complete_sale(
            &owner,
            &Cart {
                member_id: Some(m.id),
                lines: vec![CartLine::new(LineItem::TopUp { plan_id: topup.id })],
                ..Cart::default()
            },
            &[Tender::Cash {
                amount: Money::yuan(100),
            }],
        )
        .unwrap();
    assert!(sale.receipt_no.starts_with("A7-03-"), "{}", sale.receipt_no);
    // It survives a restart, and the device cannot move to another store.
    let path = t.store.path().to_path_buf();
    drop(std::mem::replace(
        &mut t.store,
        Store::open(&path, t.clock.clone()).unwrap(),
    ));
    assert_eq!(t.store.device().store_code, "A7");
    enrol(&mut t, STORE_A, "A7", "03");
    let err = t
        .store
        .save_enrolment(
            "http://elsewhere",
            &salondesk_protocol::EnrolResponse {
                credential: "c".into(),
                tenant_id: crate::sync_fixture::TENANT,
                store_id: STORE_B,
                store_code: "B".into(),
                device_code: "01".into(),
                store_name: "B".into(),
                head_office: false,
            },
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    let now = t.store.now();
    t.store.record_sync_success(now).unwrap();
    assert_eq!(t.store.last_sync_at().unwrap(), Some(now));
}

#[test]
fn the_outbox_hook_runs_after_each_write_that_queued_something() {
    let mut t = store();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    t.store.on_outbox_write(Arc::new(move || {
        seen.fetch_add(1, Ordering::SeqCst);
    }));
    t.store
        .register_member(&boss(), &member("王丽娜", PHONE))
        .unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert!(t
        .store
        .register_member(&boss(), &member("重复", PHONE))
        .is_err());
    let staff = Uuid::now_v7().to_string();
    t.store
        .apply_pulled(&page(
            vec![op(
                "staff",
                &staff,
                OpKind::Upsert,
                json!({ "name": "王芳", "role": "beautician", "pinHash": "", "active": true }),
            )],
            0,
        ))
        .unwrap();
    let batch = t.store.outbox_batch(10).unwrap();
    t.store
        .record_push_results(&[OpResult {
            op_id: batch[0].op_id,
            status: OpStatus::Accepted,
            code: None,
            message: None,
            data: None,
        }])
        .unwrap();
    assert_eq!(
        calls.load(Ordering::SeqCst),
        1,
        "a refused write, a pulled page and push results queue nothing"
    );
}

#[test]
fn a_version_3_database_keeps_its_ledgers_through_the_sync_migration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../../src/db/sql/0001_init.sql"),
            include_str!("../../src/db/sql/0002_checkout.sql"),
            include_str!("../../src/db/sql/0003_appointments.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             INSERT INTO staff VALUES ('s1', '林', 'owner', 'x', 1, '2026-01-01', '2026-01-01');
             INSERT INTO members (id, member_no, name, phone, registered_at, updated_at)
                 VALUES ('m1', 'M1', '王', '+8613812345678', '2026-01-01', '2026-01-01');
             INSERT INTO services (id, category, name, duration_min, price, created_at, updated_at)
                 VALUES ('v1', 'c', '护理', 60, 100, '2026-01-01', '2026-01-01');
             INSERT INTO package_plans VALUES ('p1', 'v1', '10次', 10, 900, 365, 1, '2026-01-01');
             INSERT INTO sales (id, receipt_no, kind, cashier_id, subtotal, discount_total, total,
                                business_date, created_at)
                 VALUES ('x1', 'R1', 'sale', 's1', 900, 0, 900, '2026-01-01', '2026-01-01');
             INSERT INTO packages VALUES ('k1', 'm1', 'p1', 'v1', '10次', '2027-01-01', 'x1', '2026-01-01');
             INSERT INTO package_ledger VALUES ('l1', 'k1', 'x1', 10, 'purchase', '2026-01-01');
             INSERT INTO points_ledger VALUES ('l2', 'm1', 'x1', 90, 'earn', NULL, '2026-01-01');
             INSERT INTO stored_value_ledger VALUES ('l3', 'm1', 'x1', 500, 'top_up', '2026-01-01');
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let store = Store::open(&path, Arc::new(salondesk_core::clock::SystemClock)).unwrap();
    let c = store.conn();
    let sum = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        sum("SELECT sum(delta) FROM package_ledger WHERE package_id = 'k1'"),
        10
    );
    assert_eq!(
        sum("SELECT sum(delta) FROM points_ledger WHERE member_id = 'm1'"),
        90
    );
    assert_eq!(
        sum("SELECT sum(delta) FROM stored_value_ledger WHERE member_id = 'm1'"),
        500
    );
    assert_eq!(sum("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert_eq!(sum("PRAGMA foreign_keys"), 1, "foreign keys are back on");
    // Another store's sale may now be named by a ledger row; a member still may not be made up.
    c.execute(
        "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at) VALUES ('l4', 'm1', 'elsewhere', 10, 'earn', NULL, '2026-01-02')",
        [],
    )
    .unwrap();
    assert!(c
        .execute(
            "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at) VALUES ('l5', 'nobody', NULL, 10, 'earn', NULL, '2026-01-02')",
            [],
        )
        .is_err());
}
