//! What a coupon allows at checkout, without I/O: its dates, whether it has
//! ended, its uses in all and per member, the tiers it is for, and the minimum
//! spend. A refusal carries a reason code the desk translates
//! (`CoreError::CouponRefused`), never only a sentence.

use super::plans::{Coupon, CouponKind, CouponUse};
use crate::member::Tier;
use crate::money::checked;
use crate::{CoreError, Result};
use chrono::NaiveDate;

/// Why a coupon does not apply: the codes the UI translates.
pub mod reason {
    /// No coupon has this code.
    pub const UNKNOWN: &str = "unknown";
    pub const ENDED: &str = "ended";
    pub const NOT_YET_VALID: &str = "not_yet_valid";
    pub const EXPIRED: &str = "expired";
    pub const USED_UP: &str = "used_up";
    pub const USED_UP_BY_MEMBER: &str = "used_up_by_member";
    pub const MEMBER_REQUIRED: &str = "member_required";
    pub const TIER_NOT_ALLOWED: &str = "tier_not_allowed";
    pub const MIN_SPEND: &str = "min_spend";
}

/// The sale's side of a coupon check.
#[derive(Debug, Clone, Copy)]
pub struct CouponContext {
    pub used: CouponUse,
    /// The member's tier (None: a walk-in).
    pub member_tier: Option<Tier>,
    pub today: NaiveDate,
}

/// The money the coupon takes off `eligible` (what its services and products
/// come to after the tier discount), or why it does not apply.
pub fn coupon_discount(c: &Coupon, cx: &CouponContext, eligible: i64) -> Result<i64> {
    let refuse = |reason: &'static str| {
        Err(CoreError::CouponRefused {
            code: c.code.clone(),
            reason,
        })
    };
    if !c.active {
        return refuse(reason::ENDED);
    }
    if cx.today < c.valid_from {
        return refuse(reason::NOT_YET_VALID);
    }
    if cx.today > c.valid_to {
        return refuse(reason::EXPIRED);
    }
    if c.max_uses.is_some_and(|max| cx.used.total >= max) {
        return refuse(reason::USED_UP);
    }
    if !c.tiers.is_empty() {
        match cx.member_tier {
            None => return refuse(reason::MEMBER_REQUIRED),
            Some(t) if !c.tiers.contains(&t) => return refuse(reason::TIER_NOT_ALLOWED),
            Some(_) => {}
        }
    }
    if let Some(per) = c.per_member {
        if cx.member_tier.is_none() {
            return refuse(reason::MEMBER_REQUIRED);
        }
        if cx.used.by_member >= per {
            return refuse(reason::USED_UP_BY_MEMBER);
        }
    }
    if eligible < c.min_spend.fen() || eligible == 0 {
        return refuse(reason::MIN_SPEND);
    }
    Ok(match c.kind {
        CouponKind::Fixed => c.value.min(eligible),
        CouponKind::Percent => checked::mul_div(eligible, c.value, 10_000, "coupon")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Money;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn coupon() -> Coupon {
        Coupon {
            code: "GOLD20".into(),
            kind: CouponKind::Percent,
            value: 2000,
            min_spend: Money::yuan(100),
            valid_from: day(10),
            valid_to: day(20),
            max_uses: Some(10),
            per_member: Some(1),
            tiers: vec![Tier::Gold, Tier::Platinum],
            active: true,
        }
    }

    fn cx(total: i64, by_member: i64, tier: Option<Tier>, today: u32) -> CouponContext {
        CouponContext {
            used: CouponUse { total, by_member },
            member_tier: tier,
            today: day(today),
        }
    }

    fn why(r: Result<i64>) -> &'static str {
        match r {
            Err(CoreError::CouponRefused { reason, .. }) => reason,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn each_rule_refuses_with_its_own_reason() {
        let c = coupon();
        let gold = Some(Tier::Gold);
        assert_eq!(
            coupon_discount(&c, &cx(0, 0, gold, 15), 20_000).unwrap(),
            4_000,
            "20% of ¥200"
        );
        assert_eq!(
            why(coupon_discount(&c, &cx(0, 0, gold, 9), 20_000)),
            reason::NOT_YET_VALID
        );
        assert_eq!(
            why(coupon_discount(&c, &cx(0, 0, gold, 21), 20_000)),
            reason::EXPIRED
        );
        assert_eq!(
            why(coupon_discount(&c, &cx(10, 0, gold, 15), 20_000)),
            reason::USED_UP
        );
        assert_eq!(
            why(coupon_discount(&c, &cx(3, 1, gold, 15), 20_000)),
            reason::USED_UP_BY_MEMBER
        );
        assert_eq!(
            why(coupon_discount(
                &c,
                &cx(0, 0, Some(Tier::Silver), 15),
                20_000
            )),
            reason::TIER_NOT_ALLOWED
        );
        assert_eq!(
            why(coupon_discount(&c, &cx(0, 0, None, 15), 20_000)),
            reason::MEMBER_REQUIRED
        );
        assert_eq!(
            why(coupon_discount(&c, &cx(0, 0, gold, 15), 9_999)),
            reason::MIN_SPEND
        );
        let ended = Coupon {
            active: false,
            ..coupon()
        };
        assert_eq!(
            why(coupon_discount(&ended, &cx(0, 0, gold, 15), 20_000)),
            reason::ENDED
        );
    }

    #[test]
    fn a_coupon_for_everyone_serves_walk_ins_and_a_fixed_amount_never_exceeds_the_spend() {
        let c = Coupon {
            kind: CouponKind::Fixed,
            value: 5_000,
            min_spend: Money::ZERO,
            per_member: None,
            tiers: vec![],
            ..coupon()
        };
        assert_eq!(
            coupon_discount(&c, &cx(0, 0, None, 15), 3_000).unwrap(),
            3_000,
            "capped at ¥30 spent"
        );
    }
}
