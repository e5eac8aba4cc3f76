use crate::support::{boss, member, store};
use salondesk_core::CoreError;

fn outbox(store: &salondesk_core::Store) -> Vec<(String, String, String)> {
    let mut stmt = store
        .conn()
        .prepare("SELECT entity, kind, hlc FROM outbox ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_change_records_its_operation_in_the_same_transaction() {
    let mut t = store();
    let before = outbox(&t.store).len();
    let m = t
        .store
        .register_member(&boss(), &member("王丽娜", "13812345678"))
        .unwrap();
    let ops = outbox(&t.store);
    assert_eq!(
        ops.len(),
        before + 1,
        "registering must append exactly one operation"
    );
    assert_eq!(
        (ops[before].0.as_str(), ops[before].1.as_str()),
        ("member", "upsert")
    );
    let (op_id, device): (String, String) = t
        .store
        .conn()
        .query_row(
            "SELECT op_id, device_id FROM outbox ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(&op_id[14..15], "7", "operation ids are UUID v7: {op_id}");
    assert_eq!(device, t.store.device().id.to_string());
    t.store.archive_member(&boss(), m.id).unwrap();
    let ops = outbox(&t.store);
    assert!(
        ops.windows(2).all(|w| w[0].2 < w[1].2),
        "HLC timestamps must strictly increase: {ops:?}"
    );
}

#[test]
fn a_refused_change_leaves_neither_data_nor_operation() {
    let mut t = store();
    t.store
        .register_member(&boss(), &member("王丽娜", "13812345678"))
        .unwrap();
    let ops_before = outbox(&t.store).len();
    let err = t
        .store
        .register_member(&boss(), &member("李四", "138 1234 5678"))
        .expect_err("the phone is taken");
    assert!(matches!(err, CoreError::DuplicatePhone { .. }), "{err:?}");
    assert_eq!(
        outbox(&t.store).len(),
        ops_before,
        "a refused write must record no operation"
    );
    assert_eq!(t.store.member_count().unwrap(), 1);
}

#[test]
fn the_hybrid_clock_survives_a_restart_and_a_clock_stepping_back() {
    let mut t = store();
    t.store
        .register_member(&boss(), &member("甲", "13800000001"))
        .unwrap();
    let last = outbox(&t.store).last().unwrap().2.clone();
    let path = t.store.path().to_path_buf();
    t.clock.advance(chrono::Duration::hours(-3));
    drop(t.store);
    let mut reopened = salondesk_core::Store::open(&path, t.clock.clone()).unwrap();
    reopened
        .register_member(&boss(), &member("乙", "13800000002"))
        .unwrap();
    let next = outbox(&reopened).last().unwrap().2.clone();
    assert!(
        next > last,
        "after a restart with the clock 3 h back, {next} must still follow {last}"
    );
}
