//! Campaigns: issuing a segment its coupons once, the control group held out,
//! messages only with consent, the daily job, and the results panel's figures.

use crate::campaigns_fixture::{campaign_input, gold_members, with_coupon, SPRING};
use crate::checkout_fixture::salon;
use crate::sync_fixture::count;
use salondesk_core::campaigns::{in_control_group, CampaignStatus, Offer};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::member::Tier;
use salondesk_core::Money;

#[test]
fn issuing_a_campaign_gives_each_reached_member_one_coupon_and_issuing_again_gives_nothing_more() {
    let mut s = with_coupon(salon());
    let golds = gold_members(&mut s, 12, |_| true);
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    input.control_pct = 0;
    let c = s.t.store.create_campaign(&owner, &input).unwrap();
    assert_eq!(c.status, CampaignStatus::Draft, "no date: issued by hand");
    let audience = s.t.store.campaign_audience(&owner, &c.id).unwrap();
    assert_eq!(
        audience.segment, 12,
        "the 12 gold members, not the standard one"
    );
    assert_eq!(audience.reach, 12, "nobody held out at 0%");

    let mut seen = Vec::new();
    let issued =
        s.t.store
            .issue_campaign(&owner, &c.id, &mut |done, total| seen.push((done, total)))
            .unwrap();
    assert_eq!(issued.reach, 12);
    assert_eq!(
        seen.last(),
        Some(&(12, 12)),
        "progress ends at the whole segment"
    );
    for m in &golds {
        let coupons = s.t.store.member_coupons(*m, None).unwrap();
        assert_eq!(coupons.len(), 1, "each gold member got one coupon");
        assert_eq!(
            coupons[0].coupon_code, SPRING,
            "copied from the back-office coupon"
        );
        assert_eq!(coupons[0].campaign_id.as_deref(), Some(c.id.as_str()));
    }
    let before = count(&s.t.store, "SELECT count(*) FROM outbox");
    s.t.store
        .issue_campaign(&owner, &c.id, &mut |_, _| {})
        .unwrap();
    assert_eq!(
        count(&s.t.store, "SELECT count(*) FROM member_coupons"),
        12,
        "issuing twice issues once"
    );
    assert_eq!(
        count(&s.t.store, "SELECT count(*) FROM outbox"),
        before,
        "the second issue writes nothing at all"
    );
    assert_eq!(
        s.t.store.campaign(&c.id).unwrap().status,
        CampaignStatus::Issued
    );
    assert_eq!(
        count(
            &s.t.store,
            "SELECT count(*) FROM audit_log WHERE action = 'campaign_issued'"
        ),
        1,
        "the issue is audited once"
    );
    let e = s.t.store.edit_campaign(&owner, &c.id, &input).unwrap_err();
    assert_eq!(e.code(), "conflict", "an issued campaign is fixed");
}

#[test]
fn the_control_group_is_chosen_from_the_ids_recorded_and_given_nothing() {
    let mut s = with_coupon(salon());
    let golds = gold_members(&mut s, 60, |_| true);
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    input.control_pct = 30;
    let c = s.t.store.create_campaign(&owner, &input).unwrap();
    let audience =
        s.t.store
            .issue_campaign(&owner, &c.id, &mut |_, _| {})
            .unwrap();
    let expected: Vec<_> = golds
        .iter()
        .filter(|m| in_control_group(&c.id, &m.to_string(), 30))
        .collect();
    assert_eq!(
        audience.control as usize,
        expected.len(),
        "the held-out members are exactly those the hash of campaign and member picks"
    );
    assert!(
        (6..=30).contains(&expected.len()),
        "about 30% of 60 (18), give or take chance: {}",
        expected.len()
    );
    for m in &golds {
        let held = expected.contains(&m);
        let coupons = s.t.store.member_coupons(*m, None).unwrap();
        assert_eq!(
            coupons.is_empty(),
            held,
            "held out: no coupon; reached: one"
        );
        let recorded = count(
            &s.t.store,
            &format!(
                "SELECT count(*) FROM campaign_members WHERE member_id = '{m}' AND control = {}",
                i32::from(held)
            ),
        );
        assert_eq!(recorded, 1, "each member is recorded once, in her group");
    }
}

#[test]
fn only_members_with_marketing_consent_are_messaged() {
    let mut s = with_coupon(salon());
    // Members 0, 2, 4 … consented.
    gold_members(&mut s, 8, |i| i % 2 == 0);
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    input.control_pct = 0;
    input.message_zh = "{name}您好，送您一张春季护理券".into();
    let c = s.t.store.create_campaign(&owner, &input).unwrap();
    let audience = s.t.store.campaign_audience(&owner, &c.id).unwrap();
    assert_eq!(
        audience.messages, 4,
        "the four who consented, of eight reached"
    );
    s.t.store
        .issue_campaign(&owner, &c.id, &mut |_, _| {})
        .unwrap();
    assert_eq!(
        count(
            &s.t.store,
            "SELECT count(*) FROM campaign_members cm JOIN members m ON m.id = cm.member_id
             WHERE cm.messaged = 1 AND m.consent_marketing = 0"
        ),
        0,
        "nobody without consent is messaged"
    );
    assert_eq!(
        count(&s.t.store, "SELECT count(*) FROM member_coupons"),
        8,
        "the offer itself goes to all: consent is about messages"
    );
}

#[test]
fn a_points_offer_credits_each_reached_member_once() {
    let mut s = salon();
    let golds = gold_members(&mut s, 3, |_| true);
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    input.control_pct = 0;
    input.offer = Offer::Points { points: 200 };
    let c = s.t.store.create_campaign(&owner, &input).unwrap();
    s.t.store
        .issue_campaign(&owner, &c.id, &mut |_, _| {})
        .unwrap();
    s.t.store
        .issue_campaign(&owner, &c.id, &mut |_, _| {})
        .unwrap();
    for m in golds {
        assert_eq!(
            salondesk_core::ledger::points(s.t.store.conn(), m).unwrap(),
            200,
            "200 points, once, however often it is issued"
        );
    }
    let results = s.t.store.campaign_results(&owner, &c.id).unwrap();
    assert_eq!(results.points_given, 600);
}

#[test]
fn the_daily_job_issues_a_scheduled_campaign_on_its_date_and_only_once() {
    let mut s = with_coupon(salon());
    gold_members(&mut s, 2, |_| true);
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    let today = s.t.store.business_date().unwrap();
    input.issue_on = Some(today.succ_opt().unwrap());
    let c = s.t.store.create_campaign(&owner, &input).unwrap();
    assert_eq!(c.status, CampaignStatus::Scheduled);
    assert_eq!(
        s.t.store.issue_due_campaigns().unwrap(),
        0,
        "tomorrow's is not due today"
    );
    s.t.clock.advance(chrono::Duration::days(1));
    assert_eq!(
        s.t.store.issue_due_campaigns().unwrap(),
        1,
        "its day has come"
    );
    assert_eq!(
        s.t.store.issue_due_campaigns().unwrap(),
        0,
        "issued already"
    );
    assert_eq!(
        s.t.store.campaign(&c.id).unwrap().status,
        CampaignStatus::Issued
    );
}

#[test]
fn a_campaign_needs_a_name_a_live_coupon_and_a_window_that_ends_after_it_starts() {
    let mut s = with_coupon(salon());
    let owner = s.owner.clone();
    let mut bad = campaign_input(vec![]);
    bad.name = " ".into();
    let field = |e: salondesk_core::CoreError| e.field().map(str::to_owned);
    assert_eq!(
        field(s.t.store.create_campaign(&owner, &bad).unwrap_err()).as_deref(),
        Some("name")
    );
    let mut bad = campaign_input(vec![]);
    bad.offer = Offer::Coupon {
        coupon_code: "NOSUCH".into(),
    };
    assert_eq!(
        field(s.t.store.create_campaign(&owner, &bad).unwrap_err()).as_deref(),
        Some("couponCode")
    );
    let mut bad = campaign_input(vec![]);
    bad.window_to = bad.window_from.pred_opt().unwrap();
    assert_eq!(
        field(s.t.store.create_campaign(&owner, &bad).unwrap_err()).as_deref(),
        Some("windowTo")
    );
    assert_eq!(
        count(&s.t.store, "SELECT count(*) FROM campaigns"),
        0,
        "nothing refused was kept"
    );
}

#[test]
fn results_compare_what_reached_members_spent_with_the_control_groups_spend() {
    let mut s = with_coupon(salon());
    let golds = gold_members(&mut s, 40, |_| true);
    let owner = s.owner.clone();
    let mut input = campaign_input(vec![Tier::Gold]);
    input.control_pct = 25;
    let c = s.t.store.create_campaign(&owner, &input).unwrap();
    s.t.store
        .issue_campaign(&owner, &c.id, &mut |_, _| {})
        .unwrap();
    let reached = *golds
        .iter()
        .find(|m| !in_control_group(&c.id, &m.to_string(), 25))
        .unwrap();
    let coupon =
        s.t.store
            .member_coupons(reached, Some(s.t.store.business_date().unwrap()))
            .unwrap()[0]
            .id;
    let cashier = s.cashier.clone();
    let cart = Cart {
        member_id: Some(reached),
        lines: vec![CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })],
        coupon: Some(coupon.to_string()),
        ..Cart::default()
    };
    let quote = s.t.store.quote(&cart).unwrap();
    s.t.store
        .complete_sale(
            &cashier,
            &cart,
            &[Tender::Cash {
                amount: quote.total,
            }],
        )
        .unwrap();
    let r = s.t.store.campaign_results(&owner, &c.id).unwrap();
    assert_eq!(
        r.reached + r.held_out,
        40,
        "every gold member is in one group"
    );
    assert_eq!(r.coupons_redeemed, 1);
    assert_eq!(r.redeemer_revenue, quote.total, "what the redeemer paid");
    assert_eq!(
        r.reached_revenue_per_member,
        Money(quote.total.fen() / i64::from(r.reached)),
        "one sale spread over the reached"
    );
    assert_eq!(
        r.control_revenue_per_member,
        Money::ZERO,
        "the control group bought nothing"
    );
    assert_eq!(
        r.cost, quote.coupon_discount,
        "the coupon's discount is the cost"
    );
    let cashier_may_not = s.t.store.campaign_results(&cashier, &c.id).unwrap_err();
    assert_eq!(cashier_may_not.code(), "forbidden");
}
