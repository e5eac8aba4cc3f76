//! The care settings and the RFM thresholds are the chain's policy: saved on
//! a head-office till (or one not in a chain), refused on an ordinary till,
//! and pulled by every till of every store — so the tills of a store make the
//! same follow-ups and class members alike. Pulled thresholds re-class the
//! till's members at once, as saving them did at head office.

use crate::care::facial;
use crate::checkout_fixture::salon;
use crate::sync_fixture::{cash, enrol, till, Server, Till, STORE_A, STORE_B};
use salondesk_core::care::{CareKind, CareSettings};
use salondesk_core::segments::{RfmClass, RfmThresholds};

#[test]
fn care_settings_and_rfm_thresholds_from_head_office_reach_every_store_and_re_class_its_members() {
    let mut s = salon();
    s.sell(vec![facial(&s)], &[cash(30_000)]).unwrap();
    let mut care = CareSettings::default();
    let post = care
        .kinds
        .iter_mut()
        .find(|k| k.kind == CareKind::PostVisit)
        .unwrap();
    post.days = 3;
    s.t.store.save_care_settings(&s.owner, &care).unwrap();
    let rfm = RfmThresholds {
        medium_visits: 1,
        ..RfmThresholds::default()
    };
    s.t.store.save_rfm_thresholds(&s.owner, &rfm).unwrap();
    let (owner, member) = (s.owner.clone(), s.member);
    enrol(&mut s.t, STORE_A, "A", "01");
    let mut a1 = Till {
        t: s.t,
        store_id: STORE_A,
    };
    let mut a2 = till(STORE_A, "A", "02");
    let mut b1 = till(STORE_B, "B", "01");
    Server::default().sync(&mut [&mut a1, &mut a2, &mut b1]);

    for (name, t) in [("A2", &mut a2), ("B1", &mut b1)] {
        assert_eq!(
            t.store().care_settings().unwrap(),
            care,
            "{name} follows the chain's care settings"
        );
        assert_eq!(
            t.store().rfm_thresholds().unwrap(),
            rfm,
            "{name}: and its thresholds"
        );
    }
    assert_eq!(
        a2.store().member_rfm(member).unwrap(),
        Some(RfmClass::MediumValue),
        "one visit is medium value under the chain's thresholds: a2 re-classed her when they came, not at night"
    );
    let e = a2
        .store()
        .save_care_settings(&owner, &CareSettings::default())
        .unwrap_err();
    assert_eq!(
        e.code(),
        "head_office_only",
        "an ordinary till of a chain may not change the chain's policy"
    );
    assert!(a2
        .store()
        .save_rfm_thresholds(&owner, &RfmThresholds::default())
        .is_err());
}
