//! Tiers set by hand: only a manager or the owner, always with a reason, kept
//! in the member's tier history.

use crate::checkout_fixture::salon;
use salondesk_core::member::Tier;
use salondesk_core::CoreError;

#[test]
fn a_manager_sets_a_tier_by_hand_with_a_reason_and_the_history_keeps_it() {
    let mut s = salon();
    let (cashier, manager, member) = (s.cashier.clone(), s.manager.clone(), s.member);
    let st = &mut s.t.store;
    let refused = st.set_member_tier(&cashier, member, Tier::Gold, "bought a gold card");
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "{refused:?}"
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
        history[0].reason.contains("周店长") && history[0].reason.contains("bought a gold card"),
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
