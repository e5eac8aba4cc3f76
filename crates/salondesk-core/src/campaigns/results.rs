//! A campaign's effect, read from this store's sales in its window: members
//! reached and held out, coupons redeemed, what redeemers spent, what a
//! reached member spent on average against a held-out member (the lift the
//! offer bought), and what the offer cost (coupon discounts used, member
//! prices' discounts, points given).

use super::model::load;
use crate::money::Money;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::Result;
use rusqlite::params;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignResults {
    pub reached: u32,
    pub held_out: u32,
    /// Reached members to be messaged (consent and a phone).
    pub messaged: u32,
    /// Of their messages, those sent (by the sender, or marked sent by hand).
    pub messages_sent: u32,
    pub coupons_issued: u32,
    /// Members who took the offer: used one of its coupons, or bought at
    /// its member price (and kept it).
    pub coupons_redeemed: u32,
    /// What the members who redeemed spent in the window (sales less refunds).
    pub redeemer_revenue: Money,
    /// Spend in the window per reached member, and per held-out member.
    pub reached_revenue_per_member: Money,
    pub control_revenue_per_member: Money,
    /// Coupon discounts taken on this store's sales, what its member prices
    /// took off (less refunds), plus points given at the store's point value.
    pub cost: Money,
    /// Of the cost, what its member prices took off.
    pub member_price_discount: Money,
    pub points_given: i64,
}

/// Spend in the window by the campaign's members of one group: (total, members).
const GROUP_SPEND: &str = "SELECT coalesce(sum(s.total), 0) FROM sales s
    JOIN campaign_members cm ON cm.member_id = s.member_id
    WHERE cm.campaign_id = ?1 AND cm.control = ?2
      AND s.business_date >= ?3 AND s.business_date <= ?4";

impl Store {
    pub fn campaign_results(&self, actor: &Staff, id: &str) -> Result<CampaignResults> {
        actor.require(Permission::ManageCampaigns)?;
        results(self.conn(), id)
    }
}

/// One campaign's results (its results panel and the campaigns report).
pub(crate) fn results(conn: &rusqlite::Connection, id: &str) -> Result<CampaignResults> {
    let c = load(conn, id)?;
    let (from, to) = (
        c.input.window_from.to_string(),
        c.input.window_to.to_string(),
    );
    let (reached, held_out, messaged, issued, points_given): (u32, u32, u32, u32, i64) = conn
        .prepare_cached(
            "SELECT coalesce(sum(control = 0), 0), coalesce(sum(control = 1), 0),
                        coalesce(sum(messaged), 0), count(coupon_id), coalesce(sum(points), 0)
                 FROM campaign_members WHERE campaign_id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    // Redeemed: coupons of the campaign used by a sale that still holds them.
    let redeemed_by: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT mc.member_id, u.sale_id FROM member_coupons mc
                 JOIN member_coupon_uses u ON u.coupon_id = mc.id AND u.action = 'use'
                 WHERE mc.campaign_id = ?1
                   AND NOT EXISTS (SELECT 1 FROM member_coupon_uses g
                                   WHERE g.coupon_id = mc.id AND g.sale_id = u.sale_id
                                     AND g.action = 'give_back')",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // A member-price campaign's redeemers are the members who bought at its
    // price and kept it (a refund line carries the campaign and the negated
    // discount, so a refunded purchase nets to nothing).
    let took_price: Vec<String> = conn
        .prepare_cached(
            "SELECT s.member_id FROM sale_lines l JOIN sales s ON s.id = l.sale_id
              WHERE l.campaign_id = ?1 AND s.member_id IS NOT NULL
              GROUP BY s.member_id HAVING sum(l.campaign_discount) > 0",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut redeemers: Vec<&str> = redeemed_by
        .iter()
        .map(|(m, _)| m.as_str())
        .chain(took_price.iter().map(String::as_str))
        .collect();
    redeemers.sort_unstable();
    redeemers.dedup();
    let mut redeemer_revenue = 0i64;
    for m in &redeemers {
        let spent: i64 = conn
            .prepare_cached(
                "SELECT coalesce(sum(total), 0) FROM sales
                     WHERE member_id = ?1 AND business_date >= ?2 AND business_date <= ?3",
            )?
            .query_row(params![m, from, to], |r| r.get(0))?;
        redeemer_revenue = redeemer_revenue.saturating_add(spent);
    }
    let mut discount = 0i64;
    for (_, sale) in &redeemed_by {
        let d: i64 = conn
            .prepare_cached(
                "SELECT coalesce(sum(coupon_discount), 0) FROM sale_lines WHERE sale_id = ?1",
            )?
            .query_row([sale], |r| r.get(0))?;
        discount = discount.saturating_add(d);
    }
    let spend = |control: bool| -> Result<i64> {
        Ok(conn
            .prepare_cached(GROUP_SPEND)?
            .query_row(params![id, control, from, to], |r| r.get(0))?)
    };
    let per = |total: i64, n: u32| Money(if n == 0 { 0 } else { total / i64::from(n) });
    let messages_sent: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM messages g
             JOIN campaign_members cm ON cm.id = g.campaign_member_id
             WHERE cm.campaign_id = ?1 AND g.status = 'sent'",
        )?
        .query_row([id], |r| r.get(0))?;
    // Refund lines carry the campaign and a negated discount: net.
    let member_price: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(campaign_discount), 0) FROM sale_lines WHERE campaign_id = ?1",
        )?
        .query_row([id], |r| r.get(0))?;
    let point_value = crate::checkout::settings_load(conn)?.point_value_fen;
    Ok(CampaignResults {
        reached,
        held_out,
        messaged,
        messages_sent,
        coupons_issued: issued,
        coupons_redeemed: redeemers.len() as u32,
        redeemer_revenue: Money(redeemer_revenue),
        reached_revenue_per_member: per(spend(false)?, reached),
        control_revenue_per_member: per(spend(true)?, held_out),
        cost: Money(
            discount
                .saturating_add(member_price)
                .saturating_add(points_given.saturating_mul(point_value)),
        ),
        member_price_discount: Money(member_price),
        points_given,
    })
}
