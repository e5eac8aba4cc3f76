//! Pricing a cart, without I/O: list price, a campaign's member price or the
//! tier discount, the coupon and the manual discount, each allocated to lines
//! to the fen so a refund of some lines returns exactly what those lines cost.

use super::allocate::allocate;
use super::coupon_rules::{coupon_discount, CouponContext};
use super::plans::{Coupon, CouponUse};
use crate::ids::StaffId;
use crate::member::Tier;
use crate::money::{checked, Money};
use crate::{CoreError, Result};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Service,
    Product,
    PackagePurchase,
    TopUp,
    PackageRedemption,
}

impl LineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Service => "service",
            LineKind::Product => "product",
            LineKind::PackagePurchase => "package_purchase",
            LineKind::TopUp => "top_up",
            LineKind::PackageRedemption => "package_redemption",
        }
    }

    /// Tier and manual discounts apply to what is consumed or bought, not to prepayment.
    fn discountable(self) -> bool {
        matches!(
            self,
            LineKind::Service | LineKind::Product | LineKind::PackagePurchase
        )
    }

    /// Coupons are for services and products.
    fn coupon_eligible(self) -> bool {
        matches!(self, LineKind::Service | LineKind::Product)
    }
}

/// A cart line with its catalog facts looked up.
#[derive(Debug, Clone)]
pub struct ResolvedLine {
    pub kind: LineKind,
    pub item_id: String,
    pub name: String,
    pub qty: i64,
    pub unit_price: Money,
    /// The price was typed over the list price.
    pub overridden: bool,
    pub staff: Vec<(StaffId, i64)>,
    /// The item's own commission rate.
    pub commission_bp: i64,
    /// Each credited staff member's rate on this line (her own rates, see
    /// `staff::CommissionRates`), in the order of `staff`; missing: the item's.
    pub staff_bp: Vec<i64>,
    /// What commission is paid on per unit: the price for most lines, a
    /// session's share of the package price for a redemption (which costs 0).
    pub commission_unit: Money,
    /// A tier's free service (免费护理), and the period it is counted in.
    pub free_period: Option<String>,
}

/// A campaign's member price for one service, for the member attached
/// (`campaigns::member_prices`: she was reached, today is in its window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberPrice {
    pub service_id: String,
    pub campaign_id: String,
    pub unit_price: Money,
}

#[derive(Debug, Clone)]
pub struct PricedLine {
    pub line: ResolvedLine,
    /// What a campaign's member price took off the list price.
    pub campaign_discount: Money,
    /// The campaign whose member price this line was sold at.
    pub campaign_id: Option<String>,
    pub tier_discount: Money,
    pub coupon_discount: Money,
    pub manual_discount: Money,
    pub amount: Money,
}

pub struct PriceInput<'a> {
    pub lines: Vec<ResolvedLine>,
    pub tier_discount_bp: i64,
    pub coupon: Option<(&'a Coupon, CouponUse)>,
    /// The member's tier, for the coupon's tiers (None: a walk-in).
    pub member_tier: Option<Tier>,
    pub manual_discount: Money,
    pub today: NaiveDate,
    /// Her campaigns' member prices (empty for a walk-in).
    pub member_prices: &'a [MemberPrice],
}

/// The member price a service line is sold at, if it has one that is lower
/// than the list price less the tier discount: the offer is a price, so the
/// tier discount is not taken on top of it, and she never pays more for
/// having been reached. A typed price is what the manager agreed: no offer.
fn member_price<'p>(
    l: &ResolvedLine,
    list: i64,
    tier: i64,
    prices: &'p [MemberPrice],
) -> Result<Option<(&'p MemberPrice, i64)>> {
    if l.kind != LineKind::Service || l.overridden {
        return Ok(None);
    }
    let Some(p) = prices.iter().find(|p| p.service_id == l.item_id) else {
        return Ok(None);
    };
    let at = checked::mul(p.unit_price.fen(), l.qty, "qty")?;
    Ok((at < list - tier && at >= 0).then_some((p, list - at)))
}

pub fn price(input: PriceInput<'_>) -> Result<Vec<PricedLine>> {
    let lists: Vec<i64> = input
        .lines
        .iter()
        .map(|l| checked::mul(l.unit_price.fen(), l.qty, "qty"))
        .collect::<Result<_>>()?;
    // Every discount is a part of its line's list amount, so once the lists'
    // sum fits, every later sum of parts does too.
    checked::sum(lists.iter().copied(), "lines")?;
    let tier: Vec<i64> = input
        .lines
        .iter()
        .zip(&lists)
        .map(|(l, list)| {
            // Overridden prices are already what the manager agreed: no tier discount on top.
            if l.kind.discountable() && !l.overridden {
                checked::mul_div(*list, input.tier_discount_bp, 10_000, "tierDiscount")
            } else {
                Ok(0)
            }
        })
        .collect::<Result<_>>()?;
    let mut tier = tier;
    let mut campaign = vec![0i64; lists.len()];
    let mut campaign_ids: Vec<Option<String>> = vec![None; lists.len()];
    for (i, l) in input.lines.iter().enumerate() {
        if let Some((p, off)) = member_price(l, lists[i], tier[i], input.member_prices)? {
            campaign[i] = off;
            campaign_ids[i] = Some(p.campaign_id.clone());
            tier[i] = 0;
        }
    }
    // "after tier": after the member price or the tier discount, whichever the line took.
    let after_tier: Vec<i64> = (0..lists.len())
        .map(|i| lists[i] - tier[i] - campaign[i])
        .collect();

    let coupon_weights: Vec<i64> = input
        .lines
        .iter()
        .zip(&after_tier)
        .map(|(l, a)| if l.kind.coupon_eligible() { *a } else { 0 })
        .collect();
    let coupon_total = match input.coupon {
        None => 0,
        Some((c, used)) => {
            let cx = CouponContext {
                used,
                member_tier: input.member_tier,
                today: input.today,
            };
            coupon_discount(c, &cx, coupon_weights.iter().sum())?
        }
    };
    let coupon = allocate(coupon_total, &coupon_weights);

    let manual_weights: Vec<i64> = input
        .lines
        .iter()
        .zip(after_tier.iter().zip(&coupon))
        .map(|(l, (a, c))| if l.kind.discountable() { a - c } else { 0 })
        .collect();
    let manual_total = input.manual_discount.fen();
    if manual_total < 0 || manual_total > manual_weights.iter().sum::<i64>() {
        return Err(CoreError::validation(
            "manualDiscount",
            "a discount cannot be negative or more than the discountable items cost",
        ));
    }
    let manual = allocate(manual_total, &manual_weights);

    Ok(input
        .lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| PricedLine {
            amount: Money(after_tier[i] - coupon[i] - manual[i]),
            campaign_discount: Money(campaign[i]),
            campaign_id: campaign_ids[i].take(),
            tier_discount: Money(tier[i]),
            coupon_discount: Money(coupon[i]),
            manual_discount: Money(manual[i]),
            line,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::CouponKind;

    fn line(kind: LineKind, yuan: i64, qty: i64) -> ResolvedLine {
        ResolvedLine {
            kind,
            item_id: "x".into(),
            name: "x".into(),
            qty,
            unit_price: Money::yuan(yuan),
            overridden: false,
            staff: vec![],
            commission_bp: 1000,
            staff_bp: vec![],
            commission_unit: Money::yuan(yuan),
            free_period: None,
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn tier_discount_skips_top_ups_and_coupon_allocates_to_the_fen() {
        let coupon = Coupon {
            code: "OFF10".into(),
            kind: CouponKind::Fixed,
            value: 1000,
            min_spend: Money::yuan(100),
            valid_from: day(),
            valid_to: day(),
            max_uses: None,
            ..Coupon::default()
        };
        let priced = price(PriceInput {
            lines: vec![
                line(LineKind::Service, 198, 1),
                line(LineKind::Product, 128, 2),
                line(LineKind::TopUp, 1000, 1),
            ],
            tier_discount_bp: 1000,
            coupon: Some((&coupon, CouponUse::default())),
            member_tier: None,
            manual_discount: Money::ZERO,
            today: day(),
            member_prices: &[],
        })
        .unwrap();
        assert_eq!(priced[0].tier_discount, Money(1980), "10% off the service");
        assert_eq!(
            priced[2].tier_discount,
            Money::ZERO,
            "no tier discount on a top-up"
        );
        assert_eq!(
            priced[2].amount,
            Money::yuan(1000),
            "a top-up costs what it says"
        );
        let coupon_sum: i64 = priced.iter().map(|p| p.coupon_discount.fen()).sum();
        assert_eq!(coupon_sum, 1000, "the coupon's ¥10 is allocated exactly");
        assert_eq!(priced[2].coupon_discount, Money::ZERO);
    }

    #[test]
    fn coupons_check_dates_uses_and_minimum_spend() {
        let mut c = Coupon {
            code: "SPRING".into(),
            kind: CouponKind::Percent,
            value: 2000,
            min_spend: Money::yuan(300),
            valid_from: day(),
            valid_to: day(),
            max_uses: Some(1),
            ..Coupon::default()
        };
        fn input(c: &Coupon, used: i64) -> PriceInput<'_> {
            PriceInput {
                lines: vec![line(LineKind::Service, 198, 1)],
                tier_discount_bp: 0,
                coupon: Some((
                    c,
                    CouponUse {
                        total: used,
                        by_member: 0,
                    },
                )),
                member_tier: None,
                manual_discount: Money::ZERO,
                today: day(),
                member_prices: &[],
            }
        }
        assert!(
            price(input(&c, 0)).is_err(),
            "¥198 is below the ¥300 minimum"
        );
        c.min_spend = Money::ZERO;
        assert_eq!(
            price(input(&c, 0)).unwrap()[0].coupon_discount,
            Money(3960),
            "20% of ¥198"
        );
        assert!(price(input(&c, 1)).is_err(), "used up");
        c.valid_to = day().pred_opt().unwrap();
        c.valid_from = c.valid_to;
        assert!(price(input(&c, 0)).is_err(), "expired");
    }

    #[test]
    fn a_member_price_replaces_the_tier_discount_only_when_it_is_lower() {
        let offer = |yuan: i64| MemberPrice {
            service_id: "x".into(),
            campaign_id: "c".into(),
            unit_price: Money::yuan(yuan),
        };
        let priced = |prices: &[MemberPrice]| {
            price(PriceInput {
                lines: vec![
                    line(LineKind::Service, 268, 2),
                    line(LineKind::Product, 128, 1),
                ],
                tier_discount_bp: 1000,
                coupon: None,
                member_tier: None,
                manual_discount: Money::yuan(10),
                today: day(),
                member_prices: prices,
            })
            .unwrap()
        };
        let cheap = priced(&[offer(198)]);
        assert_eq!(
            cheap[0].campaign_discount,
            Money::yuan(140),
            "2 × (268 − 198)"
        );
        assert_eq!(
            cheap[0].tier_discount,
            Money::ZERO,
            "not on top of the offer"
        );
        assert_eq!(cheap[0].campaign_id.as_deref(), Some("c"));
        assert_eq!(
            cheap[1].campaign_discount,
            Money::ZERO,
            "the product (same id, another kind) is not a service"
        );
        assert_eq!(
            cheap[0].amount + cheap[1].amount,
            Money::yuan(396 + 128 - 12 - 10) + Money(-80),
            "¥396 + the product at 10% off (¥115.20), less the ¥10 typed off"
        );
        let dear = priced(&[offer(250)]);
        assert_eq!(
            dear[0].campaign_discount,
            Money::ZERO,
            "¥250 is dearer than her tier price (¥241.20): she keeps the tier's"
        );
        assert_eq!(dear[0].tier_discount, Money(5_360));
    }
}
