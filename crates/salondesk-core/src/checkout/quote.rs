//! What the cart comes to before it is paid: each line with its discounts, the
//! total, what the member's tier takes off and the points she would earn. It
//! reads and never writes, so the desk asks again after every change.

use super::cart::Cart;
use super::pricing::{price, LineKind, PriceInput};
use super::resolve::resolve;
use super::settings;
use super::tiers::{load_rules, rule_for};
use crate::money::Money;
use crate::store::Store;
use crate::{CoreError, Result};
use chrono::Datelike;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteLine {
    pub kind: LineKind,
    pub item_id: String,
    pub name: String,
    pub qty: i64,
    pub unit_price: Money,
    pub overridden: bool,
    pub tier_discount: Money,
    pub coupon_discount: Money,
    pub manual_discount: Money,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub lines: Vec<QuoteLine>,
    /// Before any discount.
    pub subtotal: Money,
    pub tier_discount: Money,
    pub coupon_discount: Money,
    pub manual_discount: Money,
    pub total: Money,
    /// The part of the total that is a stored-value top-up (points, stored
    /// value and package sessions cannot pay for it).
    pub top_up_total: Money,
    /// What one point is worth when paying with points, in fen.
    pub point_value_fen: i64,
    /// Points the member earns if nothing is paid with points.
    pub points_to_earn: i64,
}

impl Store {
    /// Prices `cart` as `complete_sale` would, without writing anything. A
    /// coupon that does not apply, a missing member for a package, stock or
    /// sessions not there: the same errors as completing it.
    pub fn quote(&self, cart: &Cart) -> Result<Quote> {
        let conn = self.conn();
        let cfg = settings::load(conn)?;
        let today = cfg.business_date(self.now());
        let member = match cart.member_id {
            Some(id) => Some(crate::member::load_member(conn, id)?.0),
            None => None,
        };
        let rules = load_rules(conn)?;
        let tier = member.as_ref().map(|m| rule_for(&rules, m.tier).clone());
        let lines = resolve(conn, &cart.lines, cart.member_id, today, true)?;
        let coupon = match cart
            .coupon
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(code) => Some(
                super::plans::coupon(conn, code)?
                    .ok_or_else(|| CoreError::validation("coupon", format!("no coupon {code}")))?,
            ),
            None => None,
        };
        let priced = price(PriceInput {
            lines,
            tier_discount_bp: tier.as_ref().map_or(0, |t| t.discount_bp),
            coupon: coupon.as_ref().map(|(c, used)| (c, *used)),
            manual_discount: cart.manual_discount,
            today,
        })?;
        let sum = |f: &dyn Fn(&super::pricing::PricedLine) -> i64| -> Money {
            Money(priced.iter().map(f).sum())
        };
        let total = sum(&|p| p.amount.fen());
        let top_up_total = sum(&|p| {
            if p.line.kind == LineKind::TopUp {
                p.amount.fen()
            } else {
                0
            }
        });
        let earning = (total - top_up_total).fen();
        let points_to_earn = match (&member, &tier) {
            (Some(m), Some(t)) => {
                let birthday = m.birthday.is_some_and(|b| b.month() == today.month());
                let birthday_pct = if birthday {
                    cfg.birthday_multiplier_pct
                } else {
                    100
                };
                i64::try_from(
                    i128::from(earning)
                        * i128::from(cfg.points_per_yuan)
                        * i128::from(t.points_multiplier_pct)
                        * i128::from(birthday_pct)
                        / 1_000_000,
                )
                .unwrap_or(i64::MAX)
            }
            _ => 0,
        };
        Ok(Quote {
            subtotal: sum(&|p| p.line.unit_price.fen() * p.line.qty),
            tier_discount: sum(&|p| p.tier_discount.fen()),
            coupon_discount: sum(&|p| p.coupon_discount.fen()),
            manual_discount: sum(&|p| p.manual_discount.fen()),
            total,
            top_up_total,
            point_value_fen: cfg.point_value_fen,
            points_to_earn,
            lines: priced
                .into_iter()
                .map(|p| QuoteLine {
                    kind: p.line.kind,
                    item_id: p.line.item_id,
                    name: p.line.name,
                    qty: p.line.qty,
                    unit_price: p.line.unit_price,
                    overridden: p.line.overridden,
                    tier_discount: p.tier_discount,
                    coupon_discount: p.coupon_discount,
                    manual_discount: p.manual_discount,
                    amount: p.amount,
                })
                .collect(),
        })
    }
}
