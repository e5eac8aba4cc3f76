//! A till restored from a backup of itself (issue 15): it sells and pushes,
//! is backed up (with an operation not yet pushed), sells more and pushes,
//! loses its disk and is restored from the backup, then syncs. The chain
//! must not notice: the server and both tills of the store agree, nothing is
//! there twice, nothing is missing, and the restored till never hands out a
//! receipt or member number it used before.

use crate::faults::agree::members;
use crate::support::boss;
use crate::support::{Device, TestServer};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::ids::MemberId;
use salondesk_core::member::MemberInput;
use salondesk_core::staff::{Role, Staff};
use salondesk_core::{Money, Store};

fn register(s: &mut Store, name: &str, phone: &str) -> (MemberId, String) {
    let m = s
        .register_member(
            &boss(),
            &MemberInput {
                name: name.into(),
                phone: Some(phone.into()),
                ..MemberInput::default()
            },
        )
        .unwrap();
    (m.id, m.member_no)
}

/// A top-up of ¥500 (+¥50) for `member`; its receipt number.
fn top_up(s: &mut Store, cashier: &Staff, plan: &str, member: MemberId) -> String {
    if s.current_shift().unwrap().is_none() {
        s.open_shift(cashier, Money::yuan(300)).unwrap();
    }
    let cart = Cart {
        member_id: Some(member),
        lines: vec![CartLine::new(LineItem::TopUp {
            plan_id: plan.to_owned(),
        })],
        ..Cart::default()
    };
    let cash = Tender::Cash {
        amount: Money::yuan(500),
    };
    s.complete_sale(cashier, &cart, &[cash]).unwrap().receipt_no
}

fn receipts(d: &Device) -> Vec<String> {
    let s = d.store();
    let mut stmt = s
        .conn()
        .prepare("SELECT receipt_no FROM sales ORDER BY receipt_no")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_till_restored_from_its_backup_resyncs_without_duplicating_losing_or_reusing_a_number() {
    let server = TestServer::start().await;
    let stores = server.chain("丽人连锁", &["S01"]).await.stores;
    let url = server.url().to_owned();
    let mut setup = None;
    let d1 = Device::enrol_head_office(&server, &url, stores[0], "d1", |s| {
        s.create_owner("林美玲", "135790").unwrap();
        let cashier = s.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
        let plan = s
            .add_top_up_plan("充500送50", Money::yuan(500), Money::yuan(50))
            .unwrap()
            .id;
        setup = Some((cashier, plan));
    })
    .await;
    let (cashier, plan) = setup.unwrap();
    let d2 = Device::enrol(&server, &url, stores[0], "d2", |_| {}).await;

    // Sells and pushes.
    let (wang, _) = register(&mut d1.store(), "王芳", "13800000001");
    let mut used = vec![top_up(&mut d1.store(), &cashier, &plan, wang)];
    d1.sync().await;
    // Backed up with one operation still waiting to be pushed.
    let (zhao, _) = register(&mut d1.store(), "赵敏", "13800000002");
    let folder = tempfile::tempdir().unwrap();
    let backup = {
        let s = d1.store();
        salondesk_core::backup::make_backup(&s.backup_source(), folder.path(), s.now(), &mut |_| {})
            .expect("a backup")
    };
    // Sells more and pushes: what only the server will remember.
    let (li, li_no) = register(&mut d1.store(), "李娜", "13800000003");
    used.push(top_up(&mut d1.store(), &cashier, &plan, li));
    used.push(top_up(&mut d1.store(), &cashier, &plan, zhao));
    d1.sync().await;
    d2.sync().await;
    let before = members(&d2);
    assert_eq!(before.len(), 3, "d2 holds the three members");

    // The disk dies; the till is restored from the backup.
    d1.restore_from(&backup.path, true);
    assert!(
        d1.store().restore_catch_up().unwrap(),
        "an enrolled till restored will pull its own operations back"
    );
    assert_eq!(
        d1.count("SELECT count(*) FROM sales"),
        1,
        "the backup's one sale"
    );
    d1.sync().await;
    d1.sync().await;
    d2.sync().await;

    assert!(
        !d1.store().restore_catch_up().unwrap(),
        "caught up: ordinary pulls again"
    );
    assert_eq!(d1.store().pending_ops().unwrap(), 0, "nothing left to push");
    assert_eq!(
        members(&d1),
        before,
        "the restored till holds every member and balance the chain has"
    );
    assert_eq!(members(&d2), before, "and d2 saw nothing change");
    let mut expected = used.clone();
    expected.sort();
    assert_eq!(receipts(&d1), expected, "every sale back, none twice");
    assert_eq!(receipts(&d2), expected, "the other till agrees");
    let sales_on_server: i64 = sqlx::query_scalar("SELECT count(*) FROM ops WHERE entity = 'sale'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(sales_on_server, 3, "the server holds each sale once");
    let zhao_upserts: i64 =
        sqlx::query_scalar("SELECT count(*) FROM ops WHERE entity = 'member' AND entity_id = $1")
            .bind(zhao.to_string())
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(
        zhao_upserts, 1,
        "the operation pushed again from the backup's outbox was taken once"
    );

    // New numbers come after every one used before the disk died.
    let (_, next_no) = register(&mut d1.store(), "孙丽", "13800000004");
    assert!(
        next_no > li_no,
        "the next member number {next_no} comes after {li_no}"
    );
    let next = top_up(&mut d1.store(), &cashier, &plan, wang);
    assert!(
        used.iter().all(|r| &next > r),
        "the next receipt {next} comes after every one used: {used:?}"
    );
    d1.sync().await;
    d2.sync().await;
    assert_eq!(members(&d1), members(&d2), "and the tills go on agreeing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_with_own_also_returns_the_devices_own_operations() {
    use crate::support::op;
    use salondesk_protocol::OpKind;
    use serde_json::json;
    let server = TestServer::start().await;
    let chain = server.chain("丽人连锁", &["S01"]).await;
    let a = server.enrol(chain.stores[0]).await;
    let b = server.enrol(chain.stores[0]).await;
    let member = |d| {
        op(
            d,
            "member",
            uuid::Uuid::now_v7(),
            OpKind::Upsert,
            json!({ "name": "王芳" }),
        )
    };
    let mine = member(&a);
    server.push(&a, vec![mine.clone()]).await;
    let theirs = member(&b);
    server.push(&b, vec![theirs.clone()]).await;
    let ids = |body: &serde_json::Value| -> Vec<String> {
        body["ops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["opId"].as_str().unwrap().to_owned())
            .collect()
    };
    let (status, plain) = server.pull_raw(Some(&a.credential), "after=0").await;
    assert_eq!(status, 200);
    assert_eq!(
        ids(&plain),
        vec![theirs.op_id.to_string()],
        "an ordinary pull leaves the device's own operations out"
    );
    let (status, own) = server
        .pull_raw(Some(&a.credential), "after=0&own=true")
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        ids(&own),
        vec![mine.op_id.to_string(), theirs.op_id.to_string()],
        "with own=true (a till restored from a backup) its own come back too, in log order"
    );
}
