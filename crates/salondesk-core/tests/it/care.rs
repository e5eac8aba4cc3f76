//! Care tasks (回访/关怀): each kind falls due on the right store date (month
//! ends, Feb 29, the store's time zone), the daily job writes each task once,
//! the birthday benefit is given once, and the desk works the list.

use crate::checkout_fixture::{salon, Salon};
use crate::support::{boss, member};
use crate::sync_fixture::{cash, count};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use salondesk_core::care::{BirthdayBenefit, CareKind, CareSettings};
use salondesk_core::checkout::{CartLine, LineItem};
use salondesk_core::ids::MemberId;
use salondesk_core::member::MemberInput;
use serde_json::Value;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Sets the clock to `hour` o'clock on `date` in the store's zone (UTC+8).
pub fn at_local(s: &Salon, date: NaiveDate, hour: u32) {
    let local = date.and_hms_opt(hour, 0, 0).unwrap();
    s.t.clock
        .set(Utc.from_utc_datetime(&local) - Duration::hours(8));
}

/// (kind, member, due day, detail) of every task, in a fixed order.
pub fn tasks(s: &salondesk_core::Store) -> Vec<(String, String, String, Value)> {
    let mut stmt = s
        .conn()
        .prepare("SELECT kind, member_id, due_on, detail FROM care_tasks ORDER BY due_on, kind, member_id")
        .unwrap();
    stmt.query_map([], |r| {
        let detail: String = r.get(3)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            serde_json::from_str(&detail).unwrap(),
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

pub fn of_kind(s: &salondesk_core::Store, kind: &str) -> Vec<(String, String, String, Value)> {
    tasks(s).into_iter().filter(|t| t.0 == kind).collect()
}

pub fn facial(s: &Salon) -> CartLine {
    CartLine::new(LineItem::Service {
        service_id: s.facial,
        qty: 1,
    })
    .by(s.beautician.id)
}

fn generate(s: &mut Salon, on: NaiveDate) -> usize {
    s.t.store.generate_care_tasks(&[on]).unwrap().created
}

fn add_member(
    s: &mut Salon,
    name: &str,
    phone: &str,
    edit: impl FnOnce(&mut MemberInput),
) -> MemberId {
    let mut input = member(name, phone);
    edit(&mut input);
    s.t.store.register_member(&boss(), &input).unwrap().id
}

#[test]
fn a_follow_up_falls_due_seven_days_after_a_service_visit_and_not_before() {
    let mut s = salon();
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    assert_eq!(
        generate(&mut s, day(2026, 11, 29)),
        0,
        "six days after: not yet"
    );
    assert_eq!(
        generate(&mut s, day(2026, 11, 30)),
        1,
        "seven days after the 23rd"
    );
    let post = of_kind(&s.t.store, "post_visit");
    assert_eq!(post.len(), 1);
    assert_eq!(post[0].1, s.member.to_string(), "the task is hers");
    assert_eq!(
        post[0].3["service"], "深层清洁",
        "the why names the service"
    );
    assert_eq!(
        post[0].3["visitOn"], "2026-11-23",
        "and the visit's store date"
    );
    assert!(
        post[0].3["saleId"]
            .as_str()
            .is_some_and(|id| !id.is_empty()),
        "and the visit's sale, which the follow-up call rates"
    );
}

#[test]
fn a_product_only_sale_is_no_service_visit() {
    let mut s = salon();
    let serum = CartLine::new(LineItem::Product {
        product_id: s.serum,
        qty: 1,
    });
    s.sell(vec![serum], &[cash(40_000)]).unwrap();
    generate(&mut s, day(2026, 11, 30));
    assert!(
        of_kind(&s.t.store, "post_visit").is_empty(),
        "buying a serum is not a treatment to follow up"
    );
}

#[test]
fn a_visit_late_in_the_evening_counts_on_the_stores_date_not_utcs() {
    let mut s = salon();
    // 23:30 in Shanghai on the 23rd is 15:30 UTC: the same store date.
    s.t.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 23, 15, 30, 0).unwrap());
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    // 00:30 on the 24th in Shanghai is still the 23rd in UTC.
    s.t.clock
        .set(Utc.with_ymd_and_hms(2026, 11, 23, 16, 30, 0).unwrap());
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    generate(&mut s, day(2026, 11, 30));
    assert_eq!(
        of_kind(&s.t.store, "post_visit").len(),
        1,
        "only the 23rd's visit (store time) is due on the 30th"
    );
    generate(&mut s, day(2026, 12, 1));
    assert_eq!(
        of_kind(&s.t.store, "post_visit").len(),
        2,
        "the 00:30 visit was on the 24th, store time"
    );
}

#[test]
fn running_the_daily_job_twice_writes_each_task_once() {
    let mut s = salon();
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    at_local(&s, day(2026, 11, 30), 10);
    let first = s.t.store.run_care_daily().unwrap();
    assert_eq!(
        first.days,
        vec![day(2026, 11, 30)],
        "a first run does today"
    );
    let ops = count(
        &s.t.store,
        "SELECT count(*) FROM outbox WHERE entity = 'care_task'",
    );
    let again = s.t.store.run_care_daily().unwrap();
    assert!(again.days.is_empty(), "today is done on this device");
    s.t.store.generate_care_tasks(&[day(2026, 11, 30)]).unwrap();
    assert_eq!(
        tasks(&s.t.store).len(),
        1,
        "the same day generated again adds nothing"
    );
    assert_eq!(
        count(
            &s.t.store,
            "SELECT count(*) FROM outbox WHERE entity = 'care_task'"
        ),
        ops,
        "and sends nothing more"
    );
}

#[test]
fn a_till_that_was_off_catches_up_on_the_days_it_missed() {
    let mut s = salon();
    at_local(&s, day(2026, 11, 23), 10);
    s.t.store.run_care_daily().unwrap();
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    at_local(&s, day(2026, 12, 3), 10);
    let run = s.t.store.run_care_daily().unwrap();
    assert_eq!(
        run.days.first(),
        Some(&day(2026, 11, 24)),
        "from the day after the last run"
    );
    assert_eq!(run.days.last(), Some(&day(2026, 12, 3)), "up to today");
    assert_eq!(
        of_kind(&s.t.store, "post_visit").len(),
        1,
        "the 30th's follow-up was made on catching up"
    );
}

#[test]
fn a_feb_29_birthday_is_celebrated_on_feb_28_in_a_common_year_with_its_points_once() {
    let mut s = salon();
    let leap = add_member(&mut s, "闰日", "13900000229", |m| {
        m.birthday = Some("2000-02-29".into())
    });
    let settings = CareSettings {
        birthday_benefit: BirthdayBenefit::Points { points: 300 },
        ..CareSettings::default()
    };
    s.t.store.save_care_settings(&s.owner, &settings).unwrap();
    generate(&mut s, day(2027, 2, 21));
    let birthdays = of_kind(&s.t.store, "birthday");
    assert_eq!(
        birthdays.len(),
        1,
        "seven days before Feb 28, 2027 (no Feb 29 that year)"
    );
    assert_eq!(birthdays[0].1, leap.to_string());
    assert_eq!(birthdays[0].3["birthdayOn"], "2027-02-28");
    assert_eq!(
        birthdays[0].3["benefit"]["points"], 300,
        "the task says what she was given"
    );
    let points = |s: &Salon| {
        salondesk_core::ledger::balances(s.t.store.conn(), leap)
            .unwrap()
            .points
    };
    assert_eq!(points(&s), 300, "the birthday points are in her ledger");
    s.t.store.generate_care_tasks(&[day(2027, 2, 21)]).unwrap();
    assert_eq!(
        points(&s),
        300,
        "given once, however often the day is generated"
    );
}

#[test]
fn a_birthday_coupon_that_cannot_be_issued_yet_leaves_the_task_without_it() {
    let mut s = salon();
    add_member(&mut s, "生日", "13900001225", |m| {
        m.birthday = Some("1990-12-25".into())
    });
    s.t.store
        .add_coupon(&salondesk_core::checkout::Coupon {
            code: "BDAY50".into(),
            kind: salondesk_core::checkout::CouponKind::Fixed,
            value: 5000,
            min_spend: salondesk_core::Money(0),
            valid_from: day(2026, 1, 1),
            valid_to: day(2027, 12, 31),
            max_uses: None,
            per_member: None,
            tiers: Vec::new(),
            active: true,
        })
        .unwrap();
    let settings = CareSettings {
        birthday_benefit: BirthdayBenefit::Coupon {
            code: "BDAY50".into(),
        },
        ..CareSettings::default()
    };
    s.t.store.save_care_settings(&s.owner, &settings).unwrap();
    generate(&mut s, day(2026, 12, 18));
    let birthdays = of_kind(&s.t.store, "birthday");
    assert_eq!(
        birthdays.len(),
        1,
        "the task is made whatever becomes of the coupon"
    );
    assert_eq!(birthdays[0].3["benefit"]["coupon"], "BDAY50");
}

#[test]
fn a_member_who_joined_on_the_31st_is_called_weekly_then_on_each_months_last_day() {
    let mut s = salon();
    s.t.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 31, 2, 0, 0).unwrap());
    let new = add_member(&mut s, "新会员", "13900000131", |_| {});
    let mut settings = CareSettings::default();
    settings
        .kinds
        .iter_mut()
        .find(|k| k.kind == CareKind::Cadence)
        .unwrap()
        .enabled = true;
    s.t.store.save_care_settings(&s.owner, &settings).unwrap();
    for d in [
        day(2026, 2, 7),
        day(2026, 2, 14),
        day(2026, 2, 28),
        day(2026, 3, 31),
        day(2026, 4, 30),
    ] {
        generate(&mut s, d);
    }
    generate(&mut s, day(2026, 4, 29));
    let mine: Vec<String> = of_kind(&s.t.store, "cadence")
        .into_iter()
        .filter(|t| t.1 == new.to_string())
        .map(|t| t.2)
        .collect();
    assert_eq!(
        mine,
        [
            "2026-02-07",
            "2026-02-14",
            "2026-02-28",
            "2026-03-31",
            "2026-04-30"
        ],
        "weekly in February, then the 31st or the month's last day"
    );
}

#[test]
fn a_gold_member_lapses_sooner_than_a_standard_one() {
    let mut s = salon();
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    s.set_tier("gold");
    generate(&mut s, day(2026, 11, 23) + Duration::days(60));
    let lapsed = of_kind(&s.t.store, "lapsed");
    assert_eq!(
        lapsed.len(),
        1,
        "60 days without a visit is lapsed for gold"
    );
    assert_eq!(lapsed[0].3["lastVisitOn"], "2026-11-23");
    s.set_tier("standard");
    generate(&mut s, day(2026, 11, 23) + Duration::days(61));
    assert_eq!(
        of_kind(&s.t.store, "lapsed").len(),
        1,
        "nothing new the next day"
    );
}

#[test]
fn a_package_with_sessions_left_is_called_about_before_it_expires() {
    let mut s = salon();
    let plan = s.package_plan.clone();
    s.sell(
        vec![CartLine::new(LineItem::PackagePurchase { plan_id: plan })],
        &[cash(200_000)],
    )
    .unwrap();
    let expires: String =
        s.t.store
            .conn()
            .query_row("SELECT expires_on FROM packages", [], |r| r.get(0))
            .unwrap();
    let expires = NaiveDate::parse_from_str(&expires, "%Y-%m-%d").unwrap();
    generate(&mut s, expires - Duration::days(14));
    let due = of_kind(&s.t.store, "package_expiry");
    assert_eq!(due.len(), 1, "14 days before the package expires");
    assert_eq!(due[0].3["sessions"], 10, "with her sessions left");
}

#[test]
fn points_about_to_expire_make_a_task_a_month_before() {
    let mut s = salon();
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    generate(&mut s, day(2027, 12, 1));
    let due = of_kind(&s.t.store, "points_expiry");
    assert_eq!(
        due.len(),
        1,
        "2026's points expire on 2027-12-31: 30 days before"
    );
    assert_eq!(
        due[0].3["points"], 268,
        "one point a yuan of the ¥268 facial"
    );
}

#[test]
fn her_usual_interval_for_a_service_makes_a_cycle_task_once_it_has_passed() {
    let mut s = salon();
    for d in [day(2026, 9, 1), day(2026, 9, 29), day(2026, 10, 27)] {
        at_local(&s, d, 11);
        s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    }
    generate(&mut s, day(2026, 11, 26));
    assert!(
        of_kind(&s.t.store, "cycle").is_empty(),
        "28 days + 3 of grace: not yet"
    );
    generate(&mut s, day(2026, 11, 27));
    let due = of_kind(&s.t.store, "cycle");
    assert_eq!(due.len(), 1, "every 28 days: due 31 days after Oct 27");
    assert_eq!(due[0].3["usualDays"], 28);
    assert_eq!(due[0].3["service"], "深层清洁");
}

#[test]
fn care_settings_out_of_range_are_refused_naming_the_kinds_field() {
    let mut s = salon();
    let mut settings = CareSettings::default();
    settings.kinds[0].days = 0;
    let err =
        s.t.store
            .save_care_settings(&s.owner, &settings)
            .unwrap_err();
    assert!(
        matches!(
            err,
            salondesk_core::CoreError::Validation {
                field: "post_visit.days",
                ..
            }
        ),
        "the form shows it on the post-visit days: {err:?}"
    );
    assert_eq!(
        s.t.store.care_settings().unwrap(),
        CareSettings::default(),
        "nothing was saved"
    );
}
