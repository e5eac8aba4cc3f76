//! The chain console's checks on the till (issue 18): who may run the chain
//! and where, the owner key and a new store refused on their fields before
//! the server is asked, and another store's sale pulled by head office
//! entering its summaries only, once.

use crate::support::{boss, store, TestStore};
use crate::sync_fixture::{enrol, STORE_A, STORE_B, TENANT};
use salondesk_core::chain::{new_store_input, owner_key_input};
use salondesk_core::staff::{Role, Staff};
use salondesk_core::CoreError;
use salondesk_protocol::chain::ChainStoreInfo;
use salondesk_protocol::{EnrolResponse, Op, OpKind, PullResponse, PulledOp};
use serde_json::json;
use uuid::Uuid;

fn staff(role: Role) -> Staff {
    Staff {
        id: salondesk_core::ids::StaffId::new(chrono::Utc::now()),
        name: "x".into(),
        role,
    }
}

fn head_office() -> TestStore {
    let mut t = store();
    t.store
        .save_enrolment(
            "http://127.0.0.1:9/",
            &EnrolResponse {
                credential: "credential-hq".into(),
                tenant_id: TENANT,
                store_id: STORE_A,
                store_code: "HQ".into(),
                device_code: "001".into(),
                store_name: "总部".into(),
                head_office: true,
            },
        )
        .unwrap();
    t
}

fn reason(e: CoreError) -> &'static str {
    match e {
        CoreError::ChainRefused { reason } => reason,
        other => panic!("expected chain_refused, got {other:?}"),
    }
}

#[test]
fn only_the_owner_on_an_enrolled_head_office_device_runs_the_chain() {
    let mut plain = store();
    assert_eq!(
        reason(plain.store.chain_scope(&boss()).unwrap_err()),
        "not_enrolled"
    );
    enrol(&mut plain, STORE_B, "S02", "001");
    assert_eq!(
        reason(plain.store.chain_scope(&boss()).unwrap_err()),
        "not_head_office",
        "an ordinary till of the chain cannot run it"
    );
    let hq = head_office();
    let scope = hq
        .store
        .chain_scope(&boss())
        .expect("the owner at head office may");
    assert_eq!((scope.tenant_id, scope.store_id), (TENANT, STORE_A));
    assert_eq!(
        hq.store
            .chain_scope(&staff(Role::Manager))
            .unwrap_err()
            .code(),
        "forbidden",
        "a manager is refused before anything else"
    );
    assert_eq!(
        reason(
            hq.store
                .chain_revoke_scope(&boss(), scope.device_id)
                .unwrap_err()
        ),
        "own_till",
        "the console never revokes the till it runs on"
    );
    assert!(hq.store.chain_revoke_scope(&boss(), Uuid::now_v7()).is_ok());
}

#[test]
fn a_new_store_and_an_owner_key_are_refused_on_their_field_before_the_server() {
    assert_eq!(
        new_store_input(" 静安店 ", "S03").unwrap(),
        ("静安店".into(), "S03".into())
    );
    assert_eq!(
        new_store_input("", "S03").unwrap_err().field(),
        Some("name")
    );
    assert_eq!(
        new_store_input("静安店", "S 3").unwrap_err().field(),
        Some("code")
    );
    let key = format!("sdo_{}", "A1b2".repeat(11));
    assert_eq!(
        owner_key_input(&format!(" {key}\n")).unwrap(),
        key,
        "pasted with spaces"
    );
    for bad in [
        "",
        "ABCD-EFGH",
        "sdo_short",
        "Bearer sdo_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        assert_eq!(
            owner_key_input(bad).unwrap_err().field(),
            Some("ownerKey"),
            "{bad:?}"
        );
    }
}

fn other_store_sale(sale_id: &str, seq: i64) -> PulledOp {
    PulledOp {
        seq,
        store_id: Some(STORE_B),
        op: Op {
            op_id: Uuid::now_v7(),
            hlc: "001763900000000-000001".into(),
            device_id: Uuid::now_v7(),
            entity: "sale".into(),
            entity_id: sale_id.into(),
            kind: OpKind::Append,
            payload: json!({"receiptNo": "S02-001-000001", "businessDate": "2026-12-01",
                            "total": 26800, "cashierId": Uuid::now_v7().to_string(), "lines": [], "tenders": []}),
            created_at: chrono::Utc::now(),
        },
    }
}

fn page(ops: Vec<PulledOp>, cursor: i64) -> PullResponse {
    PullResponse {
        ops,
        cursor,
        head: cursor,
        more: false,
        server_time: None,
        cursor_op: None,
        head_office: Some(true),
    }
}

#[test]
fn another_stores_sale_enters_head_offices_summaries_once_and_never_its_sales() {
    let mut hq = head_office();
    let sale = Uuid::now_v7().to_string();
    let r = hq
        .store
        .apply_pulled(&page(vec![other_store_sale(&sale, 1)], 1))
        .unwrap();
    assert_eq!(r.applied, 1, "entered the summaries");
    let count = |t: &TestStore, sql: &str| -> i64 {
        t.store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    };
    assert_eq!(
        count(&hq, "SELECT count(*) FROM sales"),
        0,
        "not head office's own sale"
    );
    assert_eq!(count(&hq, "SELECT count(*) FROM other_store_sales"), 1);
    let r = hq
        .store
        .apply_pulled(&page(vec![other_store_sale(&sale, 2)], 2))
        .unwrap();
    assert_eq!(
        (r.applied, r.skipped),
        (0, 1),
        "the same sale again counts once"
    );
    assert_eq!(count(&hq, "SELECT count(*) FROM other_store_sales"), 1);

    // The store picker: its own store, then S02 (named once the console listed it).
    let stores = hq.store.report_stores(&boss()).unwrap();
    assert_eq!(stores.len(), 2);
    assert!(stores[0].own && stores[0].name == "总部");
    assert_eq!(
        (stores[1].id.clone(), stores[1].name.clone()),
        (STORE_B.to_string(), String::new())
    );
    let listed = [STORE_A, STORE_B].map(|id| ChainStoreInfo {
        id,
        name: if id == STORE_B {
            "静安店".into()
        } else {
            "总部".into()
        },
        code: if id == STORE_B {
            "S02".into()
        } else {
            "HQ".into()
        },
        created_at: chrono::Utc::now(),
        tills: 1,
    });
    hq.store.remember_chain_stores(&boss(), &listed).unwrap();
    let stores = hq.store.report_stores(&boss()).unwrap();
    assert_eq!(stores.len(), 2, "its own store is not listed twice");
    assert_eq!(stores[1].name, "静安店");
    assert_eq!(
        hq.store
            .remember_chain_stores(&staff(Role::Manager), &listed)
            .unwrap_err()
            .code(),
        "forbidden"
    );
}
