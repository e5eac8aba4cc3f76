//! One chain's clock cannot poison another's: a stamp far ahead of the
//! server's wall clock is refused `clock_ahead` (with the minutes ahead), the
//! server keeps a clock per chain, and a till whose date is wrong is told so
//! and sends what was refused again once its date is fixed.

use super::{member, outcomes, ACCEPTED};
use crate::support::boss;
use crate::support::{op, Device, TestServer};
use chrono::{DateTime, Duration, Utc};
use salondesk_core::clock::Clock;
use salondesk_protocol::hlc::CLOCK_AHEAD;
use salondesk_protocol::{Hlc, OpKind, OpStatus, MAX_DRIFT_MS, SERVER_DEVICE_ID};
use serde_json::json;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

#[tokio::test(flavor = "multi_thread")]
async fn a_far_future_stamp_from_one_chain_is_refused_and_never_reaches_another_chains_conflicts() {
    // Regression: chain A's `999999999999999-999999` was accepted; the next
    // conflict the server raised in chain B carried `999999999999999-1000000`
    // (23 characters), B's tills adopted it, and B's next push was refused.
    let s = TestServer::start().await;
    let a_chain = s.chain("Lotus", &["S01"]).await;
    let b_chain = s.chain("Peony", &["S01", "S02"]).await;
    let a = s.enrol(a_chain.stores[0]).await;
    let (b1, b2) = (
        s.enrol(b_chain.stores[0]).await,
        s.enrol(b_chain.stores[1]).await,
    );

    let mut poisoned = op(
        &a,
        "member",
        Uuid::now_v7(),
        OpKind::Upsert,
        member("王芳", "13800000001"),
    );
    poisoned.hlc = "999999999999999-999999".into();
    let r = s.push(&a, vec![poisoned]).await;
    assert_eq!(
        outcomes(&r),
        vec![(OpStatus::Rejected, Some(CLOCK_AHEAD))],
        "a stamp centuries ahead of the server's clock is refused"
    );
    let minutes = r.results[0].data.as_ref().unwrap()["minutesAhead"]
        .as_i64()
        .expect("the refusal says how many minutes ahead");
    assert!(minutes > 60 * 24 * 365, "centuries ahead: {minutes} min");
    assert!(
        r.server_time.is_some(),
        "the answer carries the server's time"
    );

    // Chain B: one phone registered in two stores makes a conflict.
    let phone = "13900000002";
    for d in [&b1, &b2] {
        let r = s
            .push(
                d,
                vec![op(
                    d,
                    "member",
                    Uuid::now_v7(),
                    OpKind::Upsert,
                    member("李娜", phone),
                )],
            )
            .await;
        assert_eq!(outcomes(&r), vec![ACCEPTED]);
    }
    let pulled = s.pull_all(&b1).await;
    let conflict = pulled
        .iter()
        .find(|p| p.op.entity == "conflict" && p.op.device_id == SERVER_DEVICE_ID)
        .expect("chain B got its conflict");
    let now = Utc::now();
    let stamp = Hlc::parse(&conflict.op.hlc).expect("the conflict's stamp is well formed");
    assert!(
        stamp.ahead_of(now) <= MAX_DRIFT_MS,
        "chain B's conflict is stamped by chain B's clock, near now: {stamp}"
    );

    // A till of chain B that saw the conflict stamps its next write after it,
    // and the server takes it.
    let mut next = op(
        &b1,
        "conflict",
        &conflict.op.entity_id,
        OpKind::Upsert,
        json!({ "resolution": "merged", "resolvedBy": Uuid::now_v7(), "resolvedAt": "2026-11-23T10:00:00.000Z" }),
    );
    next.hlc = Hlc::default().receive(stamp, now).tick(now).to_string();
    assert_eq!(
        outcomes(&s.push(&b1, vec![next]).await),
        vec![ACCEPTED],
        "chain B goes on writing"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_judges_stamps_by_the_wall_clock_it_is_handed() {
    // The server's clock an hour behind the real one (the tests' devices).
    let s = TestServer::start_with(|c| {
        c.clock = salondesk_server::WallClock::from_fn(|| Utc::now() - Duration::hours(1));
    })
    .await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let d = s.enrol(chain.stores[0]).await;
    let r = s
        .push(
            &d,
            vec![op(
                &d,
                "member",
                Uuid::now_v7(),
                OpKind::Upsert,
                member("王芳", "13800000001"),
            )],
        )
        .await;
    assert_eq!(outcomes(&r), vec![(OpStatus::Rejected, Some(CLOCK_AHEAD))]);
    assert_eq!(
        r.results[0].data,
        Some(json!({ "minutesAhead": 60 })),
        "an hour ahead of the server's clock"
    );
}

/// A device clock that reads the real time plus an offset the test sets.
struct Offset(Mutex<Duration>);

impl Clock for Offset {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.0.lock().unwrap()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_till_whose_date_is_wrong_is_told_so_and_sends_its_work_again_once_it_is_fixed() {
    let s = TestServer::start().await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let clock = Arc::new(Offset(Mutex::new(
        Duration::hours(3) + Duration::minutes(12),
    )));
    let till =
        Device::enrol_with_clock(&s, s.url(), chain.stores[0], "till", clock.clone(), |_| {}).await;
    till.store()
        .register_member(
            &boss(),
            &salondesk_core::member::MemberInput {
                name: "王芳".into(),
                phone: Some("13800000001".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let report = till.sync().await;
    assert_eq!(report.rejected, 1, "stamped 3 h 12 min ahead: refused");
    let skew = till
        .status()
        .clock_skew_ms
        .expect("the sync status says the till's clock is wrong");
    assert_eq!(
        (skew + 30_000) / 60_000,
        192,
        "by 3 h 12 min (ahead: positive), measured {skew} ms"
    );
    let again = till.sync().await;
    assert_eq!(again.rejected, 0, "not sent again while the date is wrong");
    assert_eq!(
        till.status().rejected_ops,
        1,
        "it stays set aside meanwhile"
    );

    // Someone fixes the PC's date and time.
    *clock.0.lock().unwrap() = Duration::zero();
    till.sync().await;
    till.sync().await;
    let status = till.status();
    assert_eq!(status.clock_skew_ms, None, "the clocks agree again");
    assert_eq!(
        (status.rejected_ops, status.pending_ops),
        (0, 0),
        "the refused operation went again, stamped afresh, and was accepted"
    );
    assert_eq!(
        s.count("SELECT count(*) FROM ops WHERE entity = 'member'")
            .await,
        1,
        "the member reached the server"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn stamps_stored_out_of_bounds_by_an_older_server_become_the_earliest_stamp() {
    let s = TestServer::start().await;
    let chain = s.chain("Lotus", &["S01"]).await;
    let d = s.enrol(chain.stores[0]).await;
    let (sane, poisoned) = (Uuid::now_v7(), Uuid::now_v7());
    let ops = vec![
        op(
            &d,
            "member",
            sane,
            OpKind::Upsert,
            member("王芳", "13800000001"),
        ),
        op(
            &d,
            "member",
            poisoned,
            OpKind::Upsert,
            member("李娜", "13800000002"),
        ),
    ];
    let sane_hlc = ops[0].hlc.clone();
    assert_eq!(outcomes(&s.push(&d, ops).await), vec![ACCEPTED, ACCEPTED]);
    // What an older server let in: a far-future stamp and its overflowed twin.
    for sql in [
        "UPDATE ops SET hlc = '999999999999999-1000000' WHERE entity_id = $1::text",
        "UPDATE member_mirror SET phone_hlc = '999999999999999-999999' WHERE id = $1",
    ] {
        sqlx::query(sql)
            .bind(poisoned)
            .execute(&s.pool)
            .await
            .unwrap();
    }
    // The migration (idempotent) run again over that database.
    sqlx::raw_sql(include_str!(
        "../../../../crates/salondesk-server/migrations/0002_clock_bounds.sql"
    ))
    .execute(&s.pool)
    .await
    .unwrap();
    let hlc_of = |sql: &'static str, id: Uuid| {
        let pool = s.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>(sql)
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    const EARLIEST: &str = "000946684800000-000000";
    assert_eq!(
        hlc_of("SELECT hlc FROM ops WHERE entity_id = $1::text", poisoned).await,
        EARLIEST,
        "the overflowed stamp now loses to any later write, as on the tills"
    );
    assert_eq!(
        hlc_of(
            "SELECT phone_hlc FROM member_mirror WHERE id = $1",
            poisoned
        )
        .await,
        EARLIEST,
        "the mirror judges the next phone change alike"
    );
    assert_eq!(
        hlc_of("SELECT hlc FROM ops WHERE entity_id = $1::text", sane).await,
        sane_hlc,
        "a stamp within bounds is left alone"
    );
}
