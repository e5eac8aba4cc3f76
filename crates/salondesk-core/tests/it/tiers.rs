//! Tiers set by hand: only the owner (`EditTierRules`: a tier gives its
//! discounts as a rule would), always with a reason, kept in the member's tier
//! history.

use crate::checkout_fixture::salon;
use salondesk_core::member::Tier;
use salondesk_core::CoreError;

#[test]
fn the_owner_sets_a_tier_by_hand_with_a_reason_and_the_history_keeps_it() {
    let mut s = salon();
    let (cashier, manager, member) = (s.cashier.clone(), s.owner.clone(), s.member);
    let st = &mut s.t.store;
    let refused = st.set_member_tier(&cashier, member, Tier::Gold, "bought a gold card");
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "{refused:?}"
    );
    let refused = st.set_member_tier(&s.manager, member, Tier::Gold, "bought a gold card");
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "a manager does not hold EditTierRules: {refused:?}"
    );
    let no_reason = st.set_member_tier(&manager, member, Tier::Gold, "  ");
    assert_eq!(no_reason.unwrap_err().field(), Some("reason"));
    assert!(
        st.tier_history(member).unwrap().is_empty(),
        "nothing written by refusals"
    );

    st.set_member_tier(&manager, member, Tier::Gold, "bought a gold card")
        .unwrap();
    assert_eq!(st.member(member).unwrap().tier, Tier::Gold);
    let history = st.tier_history(member).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].from, history[0].to),
        (Tier::Standard, Tier::Gold)
    );
    assert!(
        history[0].reason.contains("林美玲") && history[0].reason.contains("bought a gold card"),
        "{}",
        history[0].reason
    );
    st.set_member_tier(&manager, member, Tier::Gold, "again")
        .unwrap();
    assert_eq!(
        st.tier_history(member).unwrap().len(),
        1,
        "no change, no record"
    );
}

#[test]
fn month_end_falls_due_once_a_month_and_moves_tiers_to_what_spending_earns() {
    use chrono::{Duration, TimeZone, Utc};
    let mut s = salon();
    let manager = s.owner.clone();
    let member = s.member;
    s.t.store
        .set_member_tier(&manager, member, Tier::Gold, "trial")
        .unwrap();
    // 2026-11-23: a new store starts from last month, with nothing due.
    assert!(s.t.store.due_month_ends().unwrap().is_empty());
    assert!(
        s.t.store.due_month_ends().unwrap().is_empty(),
        "still nothing"
    );
    // Into January: November and December have ended.
    s.t.clock
        .set(Utc.with_ymd_and_hms(2027, 1, 2, 2, 0, 0).unwrap());
    let due = s.t.store.due_month_ends().unwrap();
    assert_eq!(due, vec!["2026-11".to_string(), "2026-12".to_string()]);
    for month in &due {
        s.t.store.run_month_end(month).unwrap();
        s.t.store.mark_month_end_done(month).unwrap();
    }
    assert!(s.t.store.due_month_ends().unwrap().is_empty());
    assert_eq!(
        s.t.store.member(member).unwrap().tier,
        Tier::Standard,
        "no spending keeps no 金卡 at month's end"
    );
    let history = s.t.store.tier_history(member).unwrap();
    assert!(
        history[0].reason.starts_with("month end 2026-11"),
        "{}",
        history[0].reason
    );
    assert_eq!(
        history.len(),
        2,
        "one downgrade, then nothing more to change"
    );
    // Points expiry runs once a business day.
    let today = s.t.store.points_expiry_due().unwrap().expect("due today");
    s.t.store.mark_points_expiry_done(today).unwrap();
    assert_eq!(s.t.store.points_expiry_due().unwrap(), None);
    s.t.clock.advance(Duration::days(1));
    assert!(s.t.store.points_expiry_due().unwrap().is_some());
}
