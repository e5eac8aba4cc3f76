//! The chain's view on a head-office device (issue 18): the staff report
//! counts every store's staff's complaints (complaints are the chain's), and
//! the stores side by side are named, never shown by a raw id.

use crate::support::{boss, member, store, TestStore};
use crate::sync_fixture::{STORE_A, STORE_B, TENANT};
use chrono::{NaiveDate, TimeZone, Utc};
use salondesk_core::export::Format;
use salondesk_core::feedback::{ComplaintInput, ComplaintKind};
use salondesk_core::records::CsvLang;
use salondesk_core::reports::{Granularity, Report, ReportName, ReportQuery, ReportValue as V};
use salondesk_core::staff::Role;
use salondesk_protocol::chain::ChainStoreInfo;
use salondesk_protocol::{EnrolResponse, Op, OpKind, PullResponse, PulledOp};
use serde_json::json;
use uuid::Uuid;

/// A head-office device of store A, not yet holding anything.
pub fn head_office() -> TestStore {
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

/// Store B's facial by `staff`, 268 in cash, on 2026-12-01, as pulled.
fn facial_at_b(staff: &str) -> PullResponse {
    let payload = json!({"receiptNo": "S02-001-000001", "kind": "sale", "businessDate": "2026-12-01",
        "createdAt": "2026-12-01T02:00:00.000Z", "total": 26800,
        "cashierId": Uuid::now_v7().to_string(),
        "lines": [{"id": Uuid::now_v7().to_string(), "kind": "service", "itemId": Uuid::now_v7().to_string(),
                   "qty": 1, "amount": 26800, "staff": [{"staffId": staff, "shareBp": 10000}]}],
        "tenders": [{"kind": "cash", "amount": 26800}]});
    PullResponse {
        ops: vec![PulledOp {
            seq: 1,
            store_id: Some(STORE_B),
            op: Op {
                op_id: Uuid::now_v7(),
                hlc: "001763900000000-000001".into(),
                device_id: Uuid::now_v7(),
                entity: "sale".into(),
                entity_id: Uuid::now_v7().to_string(),
                kind: OpKind::Append,
                payload,
                created_at: Utc::now(),
            },
        }],
        cursor: 1,
        head: 1,
        more: false,
        server_time: None,
        cursor_op: None,
        head_office: Some(true),
    }
}

fn december(chain: bool) -> ReportQuery {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    ReportQuery {
        from: d("2026-12-01"),
        to: d("2026-12-31"),
        store_id: None,
        chain,
        granularity: Granularity::Day,
    }
}

fn rows(r: &Report, table: &str) -> Vec<Vec<V>> {
    r.table(table).expect(table).rows.clone()
}

#[test]
fn the_chains_staff_report_counts_each_stores_complaints_and_names_the_stores() {
    let mut hq = head_office();
    hq.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 4, 0, 0).unwrap());
    let owner = hq.store.create_owner("林美玲", "135790").unwrap();
    // 刘丹 works at store B (staff are the chain's: head office holds her).
    let liu = hq
        .store
        .add_staff("刘丹", Role::Beautician, "5555")
        .unwrap();
    hq.store
        .apply_pulled(&facial_at_b(&liu.id.to_string()))
        .unwrap();
    let m = hq
        .store
        .register_member(&boss(), &member("王丽娜", "13812345678"))
        .unwrap();
    hq.store
        .record_complaint(
            &owner,
            &ComplaintInput {
                member: m.id,
                kind: ComplaintKind::Attitude,
                sale_id: None,
                staff_id: Some(liu.id),
                description: "服务态度差".into(),
            },
        )
        .unwrap();

    let staff = hq
        .store
        .report(&boss(), ReportName::Staff, &december(true))
        .unwrap();
    let by_staff = rows(&staff, "by_staff");
    assert_eq!(by_staff.len(), 1, "store B's facial: {by_staff:?}");
    assert_eq!(by_staff[0][1], V::Text("刘丹".into()), "her name");
    assert_eq!(by_staff[0][2], V::Int(26_800), "her facial at store B");
    assert_eq!(
        by_staff[0][7],
        V::Int(1),
        "the complaint naming her counts in the chain's view too"
    );

    let sales = hq
        .store
        .report(&boss(), ReportName::Sales, &december(true))
        .unwrap();
    assert_eq!(
        rows(&sales, "by_store")[0][0],
        V::Int(2),
        "store B before the console named it: its place in the list (worded by the screen \
         and the export in their language), not its id"
    );
    for (lang, word) in [(CsvLang::En, "Store 2"), (CsvLang::ZhCn, "门店 2")] {
        let dir = tempfile::tempdir().unwrap();
        let done = hq
            .store
            .export_report(
                &owner,
                ReportName::Sales,
                &december(true),
                Some("by_store"),
                Format::Csv,
                lang,
                dir.path(),
            )
            .unwrap();
        let text = std::fs::read_to_string(&done.files[0]).unwrap();
        assert!(
            text.contains(&format!("{word},268.00")),
            "the export words the unnamed store in its language: {text}"
        );
    }
    let listed = [ChainStoreInfo {
        id: STORE_B,
        name: "静安店".into(),
        code: "S02".into(),
        created_at: Utc::now(),
        tills: 1,
    }];
    hq.store.remember_chain_stores(&boss(), &listed).unwrap();
    let sales = hq
        .store
        .report(&boss(), ReportName::Sales, &december(true))
        .unwrap();
    assert_eq!(
        rows(&sales, "by_store"),
        vec![vec![
            V::Text("静安店".into()),
            V::Int(26_800),
            V::Int(1),
            V::Int(26_800),
            V::Int(0)
        ]],
        "named once listed; head office sold nothing itself"
    );
}
