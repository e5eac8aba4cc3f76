//! A salon with a back-office coupon to give and gold members to give it to.

use crate::checkout_fixture::Salon;
use crate::support::{boss, member};
use chrono::NaiveDate;
use salondesk_core::campaigns::{CampaignInput, Offer};
use salondesk_core::checkout::{Coupon, CouponKind};
use salondesk_core::ids::MemberId;
use salondesk_core::member::Tier;
use salondesk_core::segments::SegmentFilter;
use salondesk_core::Money;

/// ¥50 off a spend of ¥200, the coupon campaigns copy.
pub const SPRING: &str = "SPRING50";

pub fn with_coupon(mut s: Salon) -> Salon {
    s.t.store
        .add_coupon(&Coupon {
            code: SPRING.into(),
            kind: CouponKind::Fixed,
            value: 5_000,
            min_spend: Money::yuan(200),
            valid_from: day(1),
            valid_to: day(30),
            ..Coupon::default()
        })
        .unwrap();
    s
}

pub fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// `n` gold members; `consents(i)`: whether the i-th gave marketing consent.
pub fn gold_members(s: &mut Salon, n: usize, consents: impl Fn(usize) -> bool) -> Vec<MemberId> {
    (0..n)
        .map(|i| {
            let mut input = member(&format!("金卡{i}"), &format!("1370000{i:04}"));
            input.consent_marketing = consents(i);
            let id = s.t.store.register_member(&boss(), &input).unwrap().id;
            s.t.store
                .set_member_tier(&s.owner, id, Tier::Gold, "a gold card")
                .unwrap();
            id
        })
        .collect()
}

/// A campaign for `tiers` giving SPRING50 over November (the test clock's
/// month), 10% held out, no message, issued by hand.
pub fn campaign_input(tiers: Vec<Tier>) -> CampaignInput {
    CampaignInput {
        name: "春季回馈".into(),
        segment: SegmentFilter {
            tiers,
            ..SegmentFilter::default()
        },
        offer: Offer::Coupon {
            coupon_code: SPRING.into(),
        },
        message_zh: String::new(),
        message_en: String::new(),
        control_pct: 10,
        window_from: day(20),
        window_to: day(30),
        issue_on: None,
    }
}
