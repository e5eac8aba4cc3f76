//! Care tasks across tills: two tills of one store generating the same day
//! write one task (its id is made from what it is about), work on it at one
//! reaches the other, and a birthday's points are given once chain-wide.

use crate::care::facial;
use crate::checkout_fixture::salon;
use crate::support::boss;
use crate::sync_fixture::{count, enrol, till, Server, Till, STORE_A, STORE_B};
use chrono::{TimeZone, Utc};
use salondesk_core::care::{BirthdayBenefit, CareOutcome, CareSettings};
use salondesk_core::checkout::Cart;
use salondesk_core::member::MemberInput;

fn ids(t: &Till) -> Vec<String> {
    let mut stmt =
        t.t.store
            .conn()
            .prepare("SELECT id FROM care_tasks ORDER BY id")
            .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Nov 30, 10:00 in the store's zone, on this till's clock.
fn nov_30(t: &Till) {
    t.t.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 30, 2, 0, 0).unwrap());
}

#[test]
fn two_tills_of_one_store_converge_on_one_task_and_its_outcome() {
    let mut s = salon();
    let settings = CareSettings {
        birthday_benefit: BirthdayBenefit::Points { points: 300 },
        ..CareSettings::default()
    };
    s.t.store.save_care_settings(&s.owner, &settings).unwrap();
    let m = s.member;
    let mut input = MemberInput::editing(&s.t.store.member(m).unwrap());
    input.birthday = Some("1990-12-07".into());
    s.t.store.update_member(&boss(), m, &input).unwrap();
    let line = facial(&s);
    let cart = Cart {
        member_id: Some(m),
        lines: vec![line],
        ..Cart::default()
    };
    s.t.store
        .complete_sale(&s.cashier, &cart, &[crate::sync_fixture::cash(30_000)])
        .unwrap();
    let cashier = s.cashier.clone();
    enrol(&mut s.t, STORE_A, "A", "01");
    let mut a1 = Till {
        t: s.t,
        store_id: STORE_A,
    };
    let mut a2 = till(STORE_A, "A", "02");
    let mut b1 = till(STORE_B, "B", "01");
    let mut server = Server::default();
    server.sync(&mut [&mut a1, &mut a2, &mut b1]);

    // Offline, each till runs the day's job.
    for t in [&mut a1, &mut a2, &mut b1] {
        nov_30(t);
        t.store().run_care_daily().unwrap();
    }
    assert_eq!(ids(&a1), ids(&a2), "a1 and a2 made the same tasks, by id");
    assert_eq!(ids(&a1).len(), 2, "store A: her follow-up and her birthday");
    assert_eq!(
        ids(&b1).len(),
        1,
        "store B: only the birthday (the visit was A's)"
    );
    assert!(
        !ids(&a1).contains(&ids(&b1)[0]),
        "another store's task is its own"
    );
    server.sync(&mut [&mut a1, &mut a2, &mut b1]);
    assert_eq!(
        ids(&a1).len(),
        2,
        "after sync store A still has one of each"
    );
    assert_eq!(ids(&b1).len(), 1, "store B gets nothing of store A's tasks");

    let follow_up: String =
        a2.t.store
            .conn()
            .query_row(
                "SELECT id FROM care_tasks WHERE kind = 'post_visit'",
                [],
                |r| r.get(0),
            )
            .unwrap();
    a2.store()
        .complete_care_task(&cashier, &follow_up, CareOutcome::Reached, "很满意", None)
        .unwrap();
    // a1 runs the same day again before it hears of it: nothing reopens.
    a1.store()
        .generate_care_tasks(&[chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()])
        .unwrap();
    server.sync(&mut [&mut a1, &mut a2, &mut b1]);
    let on_a1 = a1.t.store.care_task(&follow_up).unwrap();
    assert!(on_a1.done, "a2's outcome reached a1");
    assert_eq!(on_a1.outcome, Some(CareOutcome::Reached));
    assert_eq!(on_a1.note, "很满意");

    for t in [&a1, &a2, &b1] {
        assert_eq!(
            count(
                &t.t.store,
                "SELECT count(*) FROM points_ledger WHERE reason = 'birthday'"
            ),
            1,
            "both stores generated her birthday, the chain gave its points once"
        );
    }
}
