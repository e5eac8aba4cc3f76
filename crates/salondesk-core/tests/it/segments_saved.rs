//! Saved segments, a segment's export, and the summary on a till that only
//! pulls the sales.

use crate::checkout_fixture::{salon, Salon};
use crate::segments_fixture::crowd;
use crate::sync_fixture::{cash, drain, enrol, till, Server, Till, STORE_A, STORE_B};
use salondesk_core::checkout::{Cart, CartLine, LineItem};
use salondesk_core::export::Format;
use salondesk_core::ids::MemberId;
use salondesk_core::member::Tier;
use salondesk_core::records::CsvLang;
use salondesk_core::segments::SegmentFilter;
use salondesk_core::{CoreError, Money, Store};

fn gold() -> SegmentFilter {
    SegmentFilter {
        tiers: vec![Tier::Gold, Tier::Silver],
        consent: Some(true),
        ..SegmentFilter::default()
    }
}

#[test]
fn a_saved_segment_is_listed_renamed_and_removed_and_each_change_is_an_operation_the_server_accepts(
) {
    let mut w = crowd();
    let owner = w.s.owner.clone();
    let store = &mut w.s.t.store;
    drain(store);
    let saved = store
        .save_segment(&owner, None, " 金卡老客 ", &gold())
        .unwrap();
    assert_eq!(saved.name, "金卡老客", "the name is trimmed");
    match store.save_segment(&owner, None, "金卡老客", &SegmentFilter::default()) {
        Err(CoreError::Validation { field, .. }) => {
            assert_eq!(field, "name", "one name, one segment")
        }
        other => panic!("a second segment of the same name: {other:?}"),
    }
    let cashier = w.s.cashier.clone();
    assert!(
        store
            .save_segment(&cashier, None, "收银员的", &gold())
            .is_err(),
        "a cashier may not save one"
    );
    store
        .save_segment(&owner, Some(&saved.id), "金卡银卡", &gold())
        .unwrap();
    let list = store.saved_segments().unwrap();
    assert_eq!(list.len(), 1, "renamed, not added");
    assert_eq!(list[0].name, "金卡银卡");
    assert_eq!(list[0].filter, gold(), "the filter comes back as saved");
    assert_eq!(
        store.segment_member_ids(&list[0].filter).unwrap(),
        vec![w.a, w.d],
        "a campaign picks its members from the saved filter"
    );
    store.remove_segment(&owner, &saved.id).unwrap();
    assert!(
        store.saved_segments().unwrap().is_empty(),
        "removed from the list"
    );
    assert_eq!(
        store.saved_segment(&saved.id).unwrap().name,
        "金卡银卡",
        "still there for a campaign that named it"
    );
    let ops = drain(store);
    let segment_ops: Vec<_> = ops.iter().filter(|o| o.entity == "segment").collect();
    assert_eq!(segment_ops.len(), 3, "saved, renamed, removed");
    for op in segment_ops {
        salondesk_protocol::schema::check(op).expect("the server's schema accepts it");
    }
}

#[test]
fn a_segments_export_holds_its_members_only_and_is_audited_as_a_segment() {
    let mut w = crowd();
    let owner = w.s.owner.clone();
    let dir = w.s.t._dir.path().join("exports");
    let job =
        w.s.t
            .store
            .export_segment_job(&owner, &gold(), Format::Csv, CsvLang::En)
            .unwrap();
    let done = job.run(&dir, &mut |_, _| {}).unwrap();
    w.s.t.store.record_export(&owner, &done).unwrap();
    assert_eq!(done.rows, 2, "王丽娜 and 周婷");
    let name = done.files[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("segment-"),
        "the file says what it is: {name}"
    );
    let text = std::fs::read_to_string(&done.files[0]).unwrap();
    assert!(
        text.contains("王丽娜") && text.contains("周婷"),
        "its members"
    );
    assert!(
        !text.contains("赵敏") && !text.contains("孙强"),
        "nobody else"
    );
    let what: String =
        w.s.t
            .store
            .conn()
            .query_row(
                "SELECT json_extract(detail, '$.what') FROM audit_log WHERE action = 'export'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(what, "segment", "audited as a segment's export");
    let cashier = w.s.cashier.clone();
    assert!(
        w.s.t
            .store
            .export_segment_job(&cashier, &gold(), Format::Csv, CsvLang::En)
            .is_err(),
        "a cashier may not export a segment"
    );
}

fn kept(store: &Store, id: MemberId) -> (i64, i64) {
    store
        .conn()
        .query_row(
            "SELECT s.spend_365, s.visits_365 FROM member_summary s JOIN members m ON m.rid = s.rid
              WHERE m.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn a_pulled_sale_moves_the_summary_on_every_till_and_a_saved_segment_reaches_the_stores_other_till()
{
    let Salon {
        mut t,
        cashier,
        owner,
        facial,
        member,
        ..
    } = salon();
    enrol(&mut t, STORE_A, "A", "01");
    let mut a1 = Till {
        t,
        store_id: STORE_A,
    };
    let mut a2 = till(STORE_A, "A", "02");
    let mut b1 = till(STORE_B, "B", "01");
    let mut server = Server::default();
    server.sync(&mut [&mut a1, &mut a2, &mut b1]);
    b1.store().open_shift(&cashier, Money::yuan(300)).unwrap();
    let cart = Cart {
        member_id: Some(member),
        lines: vec![CartLine::new(LineItem::Service {
            service_id: facial,
            qty: 1,
        })],
        ..Cart::default()
    };
    for t in [&mut a1, &mut b1] {
        t.store()
            .complete_sale(&cashier, &cart, &[cash(26_800)])
            .unwrap();
    }
    a1.store()
        .save_segment(&owner, None, "全部", &SegmentFilter::default())
        .unwrap();
    server.sync(&mut [&mut a1, &mut a2, &mut b1]);
    server.sync(&mut [&mut a1, &mut a2, &mut b1]);
    assert_eq!(
        kept(&a1.t.store, member),
        (26_800, 2),
        "its own sale and her visit in store B"
    );
    assert_eq!(
        kept(&a2.t.store, member),
        (26_800, 2),
        "store A's other till: the same"
    );
    assert_eq!(
        kept(&b1.t.store, member),
        (26_800, 2),
        "store B: its sale, her visit in A"
    );
    for t in [&a1, &a2, &b1] {
        assert!(
            t.t.store.member_summary_drift().unwrap().is_empty(),
            "kept = rebuilt"
        );
    }
    assert_eq!(
        a2.t.store.saved_segments().unwrap().len(),
        1,
        "store A's other till has it"
    );
    assert!(
        b1.t.store.saved_segments().unwrap().is_empty(),
        "a store's own segments"
    );
}
