//! What the cart comes to before it is paid: each line with its discounts, the
//! total, what the member's tier takes off and the points she would earn. It
//! reads and never writes, so the desk asks again after every change.

use super::cart::Cart;
use super::priced_cart::price_cart;
use super::pricing::LineKind;
use super::settings;
use crate::money::Money;
use crate::store::Store;
use crate::Result;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteLine {
    pub kind: LineKind,
    pub item_id: String,
    pub name: String,
    pub qty: i64,
    pub unit_price: Money,
    pub overridden: bool,
    /// A campaign's member price: what it took off the list price.
    pub campaign_discount: Money,
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
    /// What her campaigns' member prices took off.
    pub campaign_discount: Money,
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
        // A typed price is quoted as typed; the sale asks for the manager's approval.
        let cart_priced = price_cart(conn, cart, today, true)?;
        let priced = &cart_priced.lines;
        let sum = |f: &dyn Fn(&super::pricing::PricedLine) -> i64| -> Money {
            Money(priced.iter().map(f).sum())
        };
        let points_to_earn = cart_priced.points_earned(Money::ZERO, &cfg, today);
        Ok(Quote {
            subtotal: sum(&|p| p.line.unit_price.fen() * p.line.qty),
            campaign_discount: sum(&|p| p.campaign_discount.fen()),
            tier_discount: sum(&|p| p.tier_discount.fen()),
            coupon_discount: sum(&|p| p.coupon_discount.fen()),
            manual_discount: sum(&|p| p.manual_discount.fen()),
            total: cart_priced.total,
            top_up_total: cart_priced.top_up_total,
            point_value_fen: cfg.point_value_fen,
            points_to_earn,
            lines: priced
                .iter()
                .map(|p| QuoteLine {
                    kind: p.line.kind,
                    item_id: p.line.item_id.clone(),
                    name: p.line.name.clone(),
                    qty: p.line.qty,
                    unit_price: p.line.unit_price,
                    overridden: p.line.overridden,
                    campaign_discount: p.campaign_discount,
                    tier_discount: p.tier_discount,
                    coupon_discount: p.coupon_discount,
                    manual_discount: p.manual_discount,
                    amount: p.amount,
                })
                .collect(),
        })
    }
}
