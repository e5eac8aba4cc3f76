//! Tier rules as the store says (issue 14): spend AND a run of months by
//! default (3 / 6 / 12), or spend only, run only, or either; where a member
//! stands; members judged again when the rules change.

use crate::checkout_fixture::{salon, Salon};
use chrono::{TimeZone, Utc};
use salondesk_core::checkout::{rule_met, CartLine, LineItem, Tender, TierMode, TierRule};
use salondesk_core::member::Tier;
use salondesk_core::Money;

fn cash(fen: i64) -> Tender {
    Tender::Cash { amount: Money(fen) }
}

/// Sells her `qty` facials (¥268 each) on the 25th of `month` of 2026/2027.
fn spend_in(s: &mut Salon, year: i32, month: u32, qty: i64) {
    s.t.clock
        .set(Utc.with_ymd_and_hms(year, month, 25, 3, 0, 0).unwrap());
    let line = CartLine::new(LineItem::Service {
        service_id: s.facial,
        qty,
    });
    s.sell(vec![line], &[cash(26_800 * qty)])
        .expect("a cash sale");
}

fn tier_of(s: &Salon) -> Tier {
    s.t.store.member(s.member).unwrap().tier
}

fn rule(
    tier: Tier,
    mode: TierMode,
    cum: Option<i64>,
    monthly: Option<i64>,
    n: Option<i64>,
) -> TierRule {
    TierRule {
        tier,
        discount_bp: 0,
        points_multiplier_pct: 100,
        booking_days: 7,
        mode,
        min_cumulative_spend: cum.map(Money),
        min_monthly_spend: monthly.map(Money),
        consecutive_months: n,
        birthday_multiplier_pct: None,
        free_services: vec![],
    }
}

#[test]
fn a_new_store_asks_for_spend_and_a_run_of_3_6_and_12_months() {
    let s = salon();
    let rules = s.t.store.tier_rules().unwrap();
    let runs: Vec<_> = rules
        .iter()
        .map(|r| (r.tier, r.mode, r.consecutive_months))
        .collect();
    assert_eq!(
        runs[1..],
        [
            (Tier::Silver, TierMode::Both, Some(3)),
            (Tier::Gold, TierMode::Both, Some(6)),
            (Tier::Platinum, TierMode::Both, Some(12)),
        ],
        "001's rule: 银卡 three months, 金卡 six, 白金 twelve, each with the spend"
    );
}

#[test]
fn each_mode_combines_spend_and_run_as_it_says() {
    let months_ok = vec![Money(80_000); 3];
    let months_short = vec![Money(80_000), Money(79_999), Money(80_000)];
    let (cum_ok, cum_short) = (Money(300_000), Money(299_999));
    let r = |mode| rule(Tier::Silver, mode, Some(300_000), Some(80_000), Some(3));
    for (mode, cum, months, met) in [
        (TierMode::Both, cum_ok, &months_ok, true),
        (TierMode::Both, cum_ok, &months_short, false),
        (TierMode::Both, cum_short, &months_ok, false),
        (TierMode::Either, cum_short, &months_ok, true),
        (TierMode::Either, cum_ok, &months_short, true),
        (TierMode::Either, cum_short, &months_short, false),
        (TierMode::Spend, cum_ok, &months_short, true),
        (TierMode::Spend, cum_short, &months_ok, false),
        (TierMode::Run, cum_short, &months_ok, true),
        (TierMode::Run, cum_ok, &months_short, false),
    ] {
        assert_eq!(
            rule_met(&r(mode), cum, months),
            met,
            "{mode:?} with spend {cum} and months {months:?}"
        );
    }
}

#[test]
fn one_big_sale_no_longer_earns_silver_but_spend_and_three_months_do() {
    let mut s = salon();
    spend_in(&mut s, 2026, 11, 12);
    assert_eq!(
        tier_of(&s),
        Tier::Standard,
        "¥3,216 in one month passes silver's spend but not its three-month run"
    );
    let p = s.t.store.tier_progress(s.member).unwrap();
    let next = p.next.expect("silver is next");
    assert_eq!(
        (next.tier, next.spend, next.spend_target),
        (Tier::Silver, Money(321_600), Some(Money(300_000)))
    );
    assert!(next.spend_met && !next.run_met && !next.met, "{next:?}");
    assert_eq!(
        (next.months, next.months_target),
        (1, Some(3)),
        "November counts: 1 of 3"
    );

    spend_in(&mut s, 2026, 12, 3);
    assert_eq!(tier_of(&s), Tier::Standard, "two months of three");
    let next = s.t.store.tier_progress(s.member).unwrap().next.unwrap();
    assert_eq!(
        next.months, 2,
        "¥804 in December is over silver's ¥800 a month"
    );
    spend_in(&mut s, 2027, 1, 3);
    assert_eq!(tier_of(&s), Tier::Silver, "spend and three months in a row");
    let p = s.t.store.tier_progress(s.member).unwrap();
    let current = p.current.expect("her silver rule");
    assert!(current.met && current.months == 3, "{current:?}");
    let gold = p.next.expect("gold is next");
    assert_eq!(
        (
            gold.tier,
            gold.spend,
            gold.spend_target,
            gold.months,
            gold.months_target
        ),
        (
            Tier::Gold,
            Money(482_400),
            Some(Money(1_000_000)),
            0,
            Some(6)
        ),
        "¥4,824 of ¥10,000; no month at gold's ¥2,000 yet"
    );
}

#[test]
fn the_month_in_progress_is_not_held_against_her_run() {
    let mut s = salon();
    spend_in(&mut s, 2026, 11, 3);
    s.t.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 2, 3, 0, 0).unwrap());
    let next = s.t.store.tier_progress(s.member).unwrap().next.unwrap();
    assert_eq!(
        next.months, 1,
        "December has only begun: November still counts"
    );
    assert_eq!(next.monthly_target, Some(Money(80_000)));
}

#[test]
fn saving_new_rules_moves_members_up_with_the_reason_and_keeps_the_rest_until_the_review() {
    let mut s = salon();
    spend_in(&mut s, 2026, 11, 12);
    let manager = s.manager.clone();
    let other =
        s.t.store
            .register_member(&manager, &crate::support::member("赵敏", "13900001111"))
            .unwrap()
            .id;
    let owner = s.owner.clone();
    s.t.store
        .set_member_tier(&owner, other, Tier::Gold, "bought a gold card")
        .unwrap();
    let mut rules = s.t.store.tier_rules().unwrap();
    rules[1].mode = TierMode::Spend;
    let saved = s.t.store.save_tier_rules(&owner, &rules).unwrap();
    assert_eq!(saved.moved_up, 1, "¥3,216 now earns silver by spend alone");
    assert_eq!(
        saved.down_at_review, 1,
        "赵敏's gold is not earned by her spending: counted, not taken"
    );
    assert_eq!(tier_of(&s), Tier::Silver);
    assert_eq!(
        s.t.store.member(other).unwrap().tier,
        Tier::Gold,
        "a rule change never demotes: that waits for the month-end review"
    );
    let history = s.t.store.tier_history(s.member).unwrap();
    assert!(
        history[0].reason.starts_with("rule_change"),
        "the change says why: {}",
        history[0].reason
    );
    let audited: i64 = s
        .t
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'tier_rules' AND detail LIKE '%silver%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        audited, 1,
        "the rule change is audited, naming the tier changed"
    );
    let again = s.t.store.save_tier_rules(&owner, &rules).unwrap();
    assert_eq!(again.moved_up, 0, "saving the same rules moves nobody");
}

#[test]
fn a_rule_that_lacks_what_its_mode_needs_is_refused_on_its_field() {
    let mut s = salon();
    let owner = s.owner.clone();
    let mut rules = s.t.store.tier_rules().unwrap();
    rules[2].consecutive_months = None;
    let err = s.t.store.save_tier_rules(&owner, &rules).unwrap_err();
    assert_eq!(
        err.field(),
        Some("months"),
        "gold's 'both' needs its run: {err}"
    );
    let mut rules = s.t.store.tier_rules().unwrap();
    rules[1].consecutive_months = Some(25);
    let err = s.t.store.save_tier_rules(&owner, &rules).unwrap_err();
    assert_eq!(err.field(), Some("months"), "a run is at most 24 months");
    let mut rules = s.t.store.tier_rules().unwrap();
    rules[1].mode = TierMode::Run;
    rules[1].min_cumulative_spend = None;
    s.t.store
        .save_tier_rules(&owner, &rules)
        .expect("a run-only silver needs no cumulative spend");
    assert_eq!(s.t.store.tier_rules().unwrap()[1].mode, TierMode::Run);
    let manager = s.manager.clone();
    let err = s.t.store.save_tier_rules(&manager, &rules).unwrap_err();
    assert_eq!(err.code(), "forbidden", "only the owner edits tier rules");
}

#[test]
fn a_tier_birthday_offer_replaces_the_store_birthday_multiplier() {
    let mut s = salon();
    let owner = s.owner.clone();
    let mut rules = s.t.store.tier_rules().unwrap();
    rules[2].birthday_multiplier_pct = Some(300);
    s.t.store.save_tier_rules(&owner, &rules).unwrap();
    s.set_tier("gold");
    s.t.store
        .conn()
        .execute(
            "UPDATE members SET birthday = '1990-11-05' WHERE id = ?1",
            [s.member],
        )
        .unwrap();
    let line = CartLine::new(LineItem::Service {
        service_id: s.facial,
        qty: 1,
    });
    // Gold: 10% off ¥268 = ¥241.20 → 241 points × 1.5 (gold) × 3 (gold's birthday offer).
    let out = s.sell(vec![line], &[cash(24_120)]).unwrap();
    assert_eq!(
        out.points_earned, 1085,
        "241.2 × 1.5 × 3, not the store's 2× birthday multiplier"
    );
}

#[test]
fn an_existing_store_keeps_the_rules_its_owner_edited_and_takes_the_new_defaults_for_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = rusqlite::Connection::open(dir.path().join("v15.sqlite3")).unwrap();
    salondesk_core::db::migrate_to(&mut conn, 15).unwrap();
    // Before issue 14 the owner had made silver ¥2,000 or ¥500 a month for 2.
    conn.execute_batch(
        "UPDATE tiers SET min_cumulative_spend = 200000, min_monthly_spend = 50000,
                consecutive_months = 2, updated_at = '2026-06-01T00:00:00.000Z' WHERE code = 'silver'",
    )
    .unwrap();
    salondesk_core::db::migrate(&mut conn).unwrap();
    let rows: Vec<(String, String, Option<i64>)> = conn
        .prepare("SELECT code, rule_mode, consecutive_months FROM tiers ORDER BY rank")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        rows[1..],
        [
            ("silver".into(), "either".into(), Some(2)),
            ("gold".into(), "both".into(), Some(6)),
            ("platinum".into(), "both".into(), Some(12)),
        ],
        "an edited rule means what it meant (spend OR run); untouched ones take 3/6/12 with both"
    );
}
