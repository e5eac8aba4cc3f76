//! The care job as the app runs it: planned on a connection of its own
//! (`CareJob::plan`) and written a few tasks per transaction
//! (`write_care_step`), so the till keeps selling meanwhile. It must leave
//! what the one-shot job (`generate_care_tasks`) leaves.

use crate::care::{at_local, day, facial, tasks};
use crate::checkout_fixture::{salon, Salon};
use crate::support::{boss, member};
use crate::sync_fixture::{cash, count};
use chrono::NaiveDate;
use salondesk_core::care::{BirthdayBenefit, CareSettings, PlanAt};

/// A salon whose 2026-11-30 has several tasks: a follow-up of the 23rd's
/// facial, three birthdays on 12-07 (with their points), and the weekly
/// call of everyone who joined on the 23rd.
fn busy_day() -> (Salon, NaiveDate) {
    let mut s = salon();
    at_local(&s, day(2026, 11, 23), 10);
    let mut settings = CareSettings {
        birthday_benefit: BirthdayBenefit::Points { points: 200 },
        ..CareSettings::default()
    };
    for k in &mut settings.kinds {
        k.enabled = true;
    }
    s.t.store.save_care_settings(&s.owner, &settings).unwrap();
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    for (i, phone) in ["13900001201", "13900001202", "13900001203"]
        .iter()
        .enumerate()
    {
        let mut m = member(&format!("寿星{i}"), phone);
        m.birthday = Some("1990-12-07".into());
        s.t.store.register_member(&boss(), &m).unwrap();
    }
    let d = day(2026, 11, 30);
    at_local(&s, d, 9);
    (s, d)
}

/// Every task's (kind, due day), sorted: what two stores can compare (ids differ).
fn kinds(s: &Salon) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = tasks(&s.t.store)
        .into_iter()
        .map(|(k, _, due, _)| (k, due))
        .collect();
    out.sort();
    out
}

fn care_ops(s: &Salon) -> i64 {
    count(
        &s.t.store,
        "SELECT count(*) FROM outbox WHERE entity = 'care_task'",
    )
}

fn points_given(s: &Salon) -> i64 {
    count(
        &s.t.store,
        "SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE reason LIKE 'birthday%'",
    )
}

#[test]
fn a_care_run_written_two_tasks_at_a_time_beside_sales_leaves_what_the_one_shot_run_leaves() {
    let (mut one, d) = busy_day();
    let whole = one.t.store.generate_care_tasks(&[d]).unwrap();
    assert!(
        whole.created >= 5,
        "the day has a follow-up, three birthdays and weekly calls: {}",
        whole.created
    );

    let (mut s, d2) = busy_day();
    assert_eq!(d, d2);
    let job = s.t.store.care_job(&[d]).unwrap();
    let plan = job.plan().unwrap();
    assert_eq!(
        plan.len(),
        whole.created,
        "the plan read on the job's own connection has every task the one-shot run made"
    );
    let (made, next) =
        s.t.store
            .write_care_step(&plan, PlanAt::default(), 2)
            .unwrap();
    assert_eq!(made, 2, "a step writes at most its two tasks");
    assert_eq!(
        s.t.store.care_days_due().unwrap(),
        vec![d],
        "a day half written is not done yet: a crash here does it again"
    );
    // The till sells between two chunks: the job holds no lock meanwhile.
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    let mut total = made;
    let mut at = next;
    while let Some(step) = at {
        let (n, next) = s.t.store.write_care_step(&plan, step, 2).unwrap();
        assert!(n <= 2, "never more than a chunk per transaction");
        total += n;
        at = next;
    }
    assert_eq!(total, whole.created, "the chunks add up to the whole run");
    assert!(
        s.t.store.care_days_due().unwrap().is_empty(),
        "the day is done once its last chunk is written"
    );
    assert_eq!(
        kinds(&s),
        kinds(&one),
        "the same tasks, kind by kind and day by day"
    );
    assert_eq!(
        care_ops(&s),
        care_ops(&one),
        "one sync operation per task, as in one transaction"
    );
    assert_eq!(
        points_given(&s),
        points_given(&one),
        "each birthday's points given once either way"
    );
    assert_eq!(
        s.t.store.generate_care_tasks(&[d]).unwrap().created,
        0,
        "the one-shot run after the chunked one finds nothing left to add"
    );
}

#[test]
fn a_plan_written_again_adds_nothing() {
    let (mut s, d) = busy_day();
    let plan = s.t.store.care_job(&[d]).unwrap().plan().unwrap();
    let first = s.t.store.write_care_plan(&plan, 3).unwrap();
    let ops = care_ops(&s);
    let again = s.t.store.write_care_plan(&plan, 3).unwrap();
    assert_eq!(first.days, vec![d]);
    assert_eq!(again.created, 0, "each task's id is made from its content");
    assert_eq!(care_ops(&s), ops, "and nothing more is sent");
}
