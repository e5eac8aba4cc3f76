//! The cart priced as a sale prices it, shared by the quote the desk shows and
//! the sale itself, so the two can never disagree: the member, her tier's
//! rule, the coupon, each line with its discounts, and the points it earns.

use super::cart::Cart;
use super::plans::{Coupon, CouponUse};
use super::pricing::{price, LineKind, PriceInput, PricedLine};
use super::resolve::resolve;
use super::settings::CheckoutSettings;
use super::tiers::{load_rules, rule_for, TierRule};
use crate::member::Member;
use crate::money::Money;
use crate::{CoreError, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

pub(super) struct PricedCart {
    pub member: Option<Member>,
    pub tier: Option<TierRule>,
    /// The coupon and how often it has been used.
    pub coupon: Option<(Coupon, CouponUse)>,
    pub lines: Vec<PricedLine>,
    pub total: Money,
    /// The part of the total that is a stored-value top-up.
    pub top_up_total: Money,
}

/// Prices `cart` on `today`. `approved`: a manager approved typed prices.
pub(super) fn price_cart(
    conn: &Connection,
    cart: &Cart,
    today: NaiveDate,
    approved: bool,
) -> Result<PricedCart> {
    let member = match cart.member_id {
        Some(id) => {
            let (m, _) = crate::member::load_member(conn, id)?;
            if m.archived {
                return Err(CoreError::validation("memberId", "this member is archived"));
            }
            Some(m)
        }
        None => None,
    };
    let rules = load_rules(conn)?;
    let tier = member.as_ref().map(|m| rule_for(&rules, m.tier).clone());
    let resolved = resolve(conn, &cart.lines, cart.member_id, today, approved)?;
    let coupon = match cart
        .coupon
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(code) => Some(
            // A member coupon is named by its id; a back-office one by its code.
            match crate::campaigns::for_cart(conn, code, cart.member_id)? {
                Some(found) => Some(found),
                None => super::plans::coupon(conn, code, cart.member_id)?,
            }
            .ok_or_else(|| CoreError::CouponRefused {
                code: code.to_ascii_uppercase(),
                reason: super::coupon_rules::reason::UNKNOWN,
            })?,
        ),
        None => None,
    };
    let member_prices = match cart.member_id {
        Some(id) => crate::campaigns::member_prices(conn, id, today)?,
        None => Vec::new(),
    };
    let lines = price(PriceInput {
        lines: resolved,
        tier_discount_bp: tier.as_ref().map_or(0, |t| t.discount_bp),
        coupon: coupon.as_ref().map(|(c, used)| (c, *used)),
        member_tier: member.as_ref().map(|m| m.tier),
        manual_discount: cart.manual_discount,
        today,
        member_prices: &member_prices,
    })?;
    let sum = |top_ups_only: bool| {
        Money(
            lines
                .iter()
                .filter(|p| !top_ups_only || p.line.kind == LineKind::TopUp)
                .map(|p| p.amount.fen())
                .sum(),
        )
    };
    Ok(PricedCart {
        total: sum(false),
        top_up_total: sum(true),
        member,
        tier,
        coupon,
        lines,
    })
}

impl PricedCart {
    /// Points on what was spent, by tier multiplier (and the birthday month's),
    /// none on `points_value` (the part paid with points) and none on top-ups.
    pub fn points_earned(
        &self,
        points_value: Money,
        cfg: &CheckoutSettings,
        today: NaiveDate,
    ) -> i64 {
        let (Some(member), Some(tier)) = (&self.member, &self.tier) else {
            return 0;
        };
        let base = (self.total - self.top_up_total - points_value).fen().max(0);
        let birthday = member.birthday.is_some_and(|b| b.month() == today.month());
        // The tier's own birthday offer, else the store's birthday multiplier.
        let birthday_pct = if birthday {
            tier.birthday_multiplier_pct
                .unwrap_or(cfg.birthday_multiplier_pct)
        } else {
            100
        };
        // fen → yuan (/100), multiplier (/100), birthday (/100)
        i64::try_from(
            i128::from(base)
                * i128::from(cfg.points_per_yuan)
                * i128::from(tier.points_multiplier_pct)
                * i128::from(birthday_pct)
                / 1_000_000,
        )
        .unwrap_or(i64::MAX)
    }
}
