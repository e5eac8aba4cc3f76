//! A server restored from a backup (fault 9): three tills in two stores sync,
//! the server's database is backed up, they go on selling and syncing, the
//! database is put back to the backup, one till writes before anyone notices,
//! and they sync again. Nothing may be missing anywhere: every operation any
//! till made is on the server once, and every till holds every member and
//! balance the others made. Before tills named what they had pulled and
//! pushed, the restored server's new operations reused the positions the
//! tills' cursors had passed (skipped for good), and what the server lost was
//! never pushed again.

use crate::faults::agree::members;
use crate::support::boss;
use crate::support::{Device, TestServer};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::ids::MemberId;
use salondesk_core::member::MemberInput;
use salondesk_core::staff::{Role, Staff};
use salondesk_core::{Money, Store};

fn register(s: &mut Store, name: &str, phone: &str) -> MemberId {
    s.register_member(
        &boss(),
        &MemberInput {
            name: name.into(),
            phone: Some(phone.into()),
            ..MemberInput::default()
        },
    )
    .unwrap()
    .id
}

/// A top-up of ¥500 (+¥50) for `member`: a sale and stored-value ledger rows.
fn top_up(s: &mut Store, cashier: &Staff, plan: &str, member: MemberId) {
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
    s.complete_sale(cashier, &cart, &[cash]).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_restored_from_a_backup_is_caught_up_by_its_tills_and_nothing_is_missing() {
    let mut server = TestServer::start().await;
    let stores = server.chain("丽人连锁", &["S01", "S02"]).await.stores;
    let url = server.url().to_owned();
    let mut staff = None;
    // d1 sets the catalog up: the chain's head-office till.
    let d1 = Device::enrol_head_office(&server, &url, stores[0], "d1", |s| {
        s.create_owner("林美玲", "135790").unwrap();
        let cashier = s.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
        let plan = s
            .add_top_up_plan("充500送50", Money::yuan(500), Money::yuan(50))
            .unwrap()
            .id;
        staff = Some((cashier, plan));
    })
    .await;
    let (cashier, plan) = staff.unwrap();
    let d2 = Device::enrol(&server, &url, stores[0], "d2", |_| {}).await;
    let d3 = Device::enrol(&server, &url, stores[1], "d3", |_| {}).await;
    let tills = [&d1, &d2, &d3];
    let sync_all = || async {
        for d in tills {
            d.sync().await;
        }
    };

    // Before the backup.
    let wang = register(&mut d1.store(), "王芳", "13800000001");
    top_up(&mut d1.store(), &cashier, &plan, wang);
    sync_all().await;
    sync_all().await;
    let backup = server.back_up().await;

    // After it: what the restore will lose, from every till.
    let li = register(&mut d1.store(), "李娜", "13800000002");
    top_up(&mut d1.store(), &cashier, &plan, li);
    register(&mut d2.store(), "张敏", "13800000003");
    top_up(&mut d2.store(), &cashier, &plan, wang);
    register(&mut d3.store(), "陈静", "13800000004");
    sync_all().await;
    sync_all().await;
    let before_restore = members(&d1);
    assert_eq!(before_restore.len(), 4);

    server.restore(&backup).await;
    // One till writes and syncs first: its new operations take the positions
    // the others' cursors had already passed.
    register(&mut d3.store(), "刘洋", "13800000005");
    let first = d3.sync().await;
    assert!(
        first.rewinds >= 1,
        "the till noticed the server went back: {first:?}"
    );
    let mut rewinds = first.rewinds;
    for _ in 0..2 {
        for d in tills {
            rewinds += d.sync().await.rewinds;
        }
    }
    assert!(rewinds >= 3, "every till noticed: {rewinds}");

    // Every operation any till made is on the server, once.
    for d in tills {
        let (device, made, waiting) = {
            let s = d.store();
            let made: i64 = s
                .conn()
                .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
                .unwrap();
            (s.device().id.0, made, s.pending_ops().unwrap())
        };
        assert_eq!(waiting, 0, "{}: nothing left to send", d.name);
        let on_server: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM ops WHERE device_id = $1 AND entity <> 'member_ledger'",
        )
        .bind(device)
        .fetch_one(&server.pool)
        .await
        .unwrap();
        assert_eq!(
            on_server, made,
            "{}: the server holds every operation the till made, once",
            d.name
        );
    }
    // Every till holds every member and balance.
    let all = members(&d1);
    assert_eq!(
        all.len(),
        5,
        "the four from before the restore and the new one"
    );
    for (id, want) in &before_restore {
        assert_eq!(all.get(id), Some(want), "member {id} survived the restore");
    }
    for d in [&d2, &d3] {
        assert_eq!(members(d), all, "{} agrees with d1", d.name);
    }
    let sales = |d: &Device| d.count("SELECT count(*) FROM sales");
    assert_eq!(sales(&d1), 3, "S01's three top-ups");
    assert_eq!(sales(&d2), 3, "the other till of S01 holds them too");
    let on_server: i64 = sqlx::query_scalar("SELECT count(*) FROM ops WHERE entity = 'sale'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(on_server, 3, "no sale twice, none missing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_naming_what_the_log_does_not_hold_is_answered_log_rewound() {
    use crate::support::op;
    use salondesk_protocol::OpKind;
    use serde_json::json;
    let server = TestServer::start().await;
    let chain = server.chain("丽人连锁", &["S01"]).await;
    let a = server.enrol(chain.stores[0]).await;
    let b = server.enrol(chain.stores[0]).await;
    let mine = op(
        &a,
        "member",
        uuid::Uuid::now_v7(),
        OpKind::Upsert,
        json!({ "name": "王芳" }),
    );
    server.push(&a, vec![mine.clone()]).await;
    let page = server.pull(&b, 0).await;
    let at = page
        .cursor_op
        .expect("a page names the operation at its cursor");
    assert_eq!(at, mine.op_id, "the only operation is at the cursor");
    let pull = |query: String| {
        let credential = b.credential.clone();
        let server = &server;
        async move { server.pull_raw(Some(&credential), &query).await }
    };
    let (status, _) = pull(format!("after={}&afterOp={at}", page.cursor)).await;
    assert_eq!(status, 200, "the log holds what b pulled");
    let (status, body) = pull(format!(
        "after={}&afterOp={}",
        page.cursor,
        uuid::Uuid::now_v7()
    ))
    .await;
    assert_eq!(
        status, 409,
        "another operation at the cursor: the log went back"
    );
    assert_eq!(body["code"], "log_rewound");
    let (status, _) = pull(format!("after={}&afterOp={at}", page.cursor + 5)).await;
    assert_eq!(status, 409, "a cursor past the log's end");
    let (status, _) = pull(format!("after=0&settledOp={}", mine.op_id)).await;
    assert_eq!(
        status, 200,
        "a's operation is held (any device of the chain may name it)"
    );
    let (status, _) = pull(format!("after=0&settledOp={}", uuid::Uuid::now_v7())).await;
    assert_eq!(
        status, 409,
        "an operation the server settled and no longer holds"
    );
}
