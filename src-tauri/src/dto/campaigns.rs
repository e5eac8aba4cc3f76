//! Campaigns and member coupons on the wire: the campaign form (its segment is
//! the core's `SegmentFilter`), the campaign as listed, who it would reach,
//! its results, and a member's coupons offered at checkout. Amounts are fen.

use salondesk_core::campaigns::{
    Audience, Campaign, CampaignInput, CampaignResults, CampaignStatus, MemberCoupon, Offer,
    ServicePrice,
};
use salondesk_core::checkout::CouponKind;
use salondesk_core::segments::SegmentFilter;
use salondesk_core::CoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OfferKind {
    Coupon,
    Points,
    MemberPrice,
}

/// One service's member price (offer `member_price`), in fen.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServicePriceView {
    pub service_id: String,
    #[ts(type = "number")]
    pub price: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatusView {
    Draft,
    Scheduled,
    Issued,
}

/// A campaign as entered and as shown. Dates are `YYYY-MM-DD` store dates;
/// `issueOn` empty: issued by hand.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignForm {
    pub name: String,
    pub segment: SegmentFilter,
    pub offer_kind: OfferKind,
    /// The back-office coupon each member gets a copy of (offer `coupon`).
    pub coupon_code: String,
    /// Points each member gets (offer `points`).
    #[ts(type = "number")]
    pub points: i64,
    /// The services and their member price (offer `member_price`).
    #[serde(default)]
    pub member_prices: Vec<ServicePriceView>,
    pub message_zh: String,
    pub message_en: String,
    pub control_pct: u32,
    pub window_from: String,
    pub window_to: String,
    pub issue_on: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignView {
    pub id: String,
    pub form: CampaignForm,
    pub status: CampaignStatusView,
    pub issued_at: Option<String>,
}

fn date(field: &'static str, s: &str) -> Result<chrono::NaiveDate, CoreError> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| CoreError::validation(field, "a date is YYYY-MM-DD"))
}

impl TryFrom<&CampaignForm> for CampaignInput {
    type Error = CoreError;
    fn try_from(f: &CampaignForm) -> Result<Self, CoreError> {
        Ok(CampaignInput {
            name: f.name.clone(),
            segment: f.segment.clone(),
            offer: match f.offer_kind {
                OfferKind::Coupon => Offer::Coupon {
                    coupon_code: f.coupon_code.trim().to_ascii_uppercase(),
                },
                OfferKind::Points => Offer::Points { points: f.points },
                OfferKind::MemberPrice => Offer::MemberPrice {
                    prices: f
                        .member_prices
                        .iter()
                        .map(|p| ServicePrice {
                            service_id: p.service_id.clone(),
                            price: salondesk_core::Money(p.price),
                        })
                        .collect(),
                },
            },
            message_zh: f.message_zh.clone(),
            message_en: f.message_en.clone(),
            control_pct: f.control_pct,
            window_from: date("windowFrom", &f.window_from)?,
            window_to: date("windowTo", &f.window_to)?,
            issue_on: match f.issue_on.trim() {
                "" => None,
                s => Some(date("issueOn", s)?),
            },
        })
    }
}

impl From<&Campaign> for CampaignView {
    fn from(c: &Campaign) -> Self {
        let i = &c.input;
        let (offer_kind, coupon_code, points) = match &i.offer {
            Offer::Coupon { coupon_code } => (OfferKind::Coupon, coupon_code.clone(), 0),
            Offer::Points { points } => (OfferKind::Points, String::new(), *points),
            Offer::MemberPrice { .. } => (OfferKind::MemberPrice, String::new(), 0),
        };
        let member_prices = match &i.offer {
            Offer::MemberPrice { prices } => prices
                .iter()
                .map(|p| ServicePriceView {
                    service_id: p.service_id.clone(),
                    price: p.price.fen(),
                })
                .collect(),
            _ => Vec::new(),
        };
        CampaignView {
            id: c.id.clone(),
            form: CampaignForm {
                name: i.name.clone(),
                segment: i.segment.clone(),
                offer_kind,
                coupon_code,
                points,
                member_prices,
                message_zh: i.message_zh.clone(),
                message_en: i.message_en.clone(),
                control_pct: i.control_pct,
                window_from: i.window_from.to_string(),
                window_to: i.window_to.to_string(),
                issue_on: i.issue_on.map(|d| d.to_string()).unwrap_or_default(),
            },
            status: match c.status {
                CampaignStatus::Draft => CampaignStatusView::Draft,
                CampaignStatus::Scheduled => CampaignStatusView::Scheduled,
                CampaignStatus::Issued => CampaignStatusView::Issued,
            },
            issued_at: c.issued_at.clone(),
        }
    }
}

/// Who the campaign would reach if issued now (the confirm step).
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AudienceView {
    pub segment: u32,
    pub control: u32,
    pub reach: u32,
    pub messages: u32,
}

impl From<Audience> for AudienceView {
    fn from(a: Audience) -> Self {
        AudienceView {
            segment: a.segment,
            control: a.control,
            reach: a.reach,
            messages: a.messages,
        }
    }
}

/// `{done, total}` members as an issue goes (the `campaign-progress` event).
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct CampaignProgress {
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CampaignResultsView {
    pub reached: u32,
    pub held_out: u32,
    pub messaged: u32,
    /// Of their messages, those sent.
    pub messages_sent: u32,
    pub coupons_issued: u32,
    pub coupons_redeemed: u32,
    #[ts(type = "number")]
    pub redeemer_revenue: i64,
    #[ts(type = "number")]
    pub reached_revenue_per_member: i64,
    #[ts(type = "number")]
    pub control_revenue_per_member: i64,
    #[ts(type = "number")]
    pub cost: i64,
    #[ts(type = "number")]
    pub points_given: i64,
    /// Of the cost, what its member prices took off.
    #[ts(type = "number")]
    pub member_price_discount: i64,
}

impl From<CampaignResults> for CampaignResultsView {
    fn from(r: CampaignResults) -> Self {
        CampaignResultsView {
            reached: r.reached,
            held_out: r.held_out,
            messaged: r.messaged,
            messages_sent: r.messages_sent,
            coupons_issued: r.coupons_issued,
            coupons_redeemed: r.coupons_redeemed,
            redeemer_revenue: r.redeemer_revenue.fen(),
            reached_revenue_per_member: r.reached_revenue_per_member.fen(),
            control_revenue_per_member: r.control_revenue_per_member.fen(),
            cost: r.cost.fen(),
            points_given: r.points_given,
            member_price_discount: r.member_price_discount.fen(),
        }
    }
}

/// One of a member's coupons; at checkout, applied by putting `id` in the
/// cart's coupon.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberCouponView {
    pub id: String,
    pub coupon_code: String,
    /// `fixed`: `value` fen off; `percent`: basis points off.
    pub percent: bool,
    #[ts(type = "number")]
    pub value: i64,
    #[ts(type = "number")]
    pub min_spend: i64,
    pub valid_from: String,
    pub valid_to: String,
    pub used: bool,
}

impl From<&MemberCoupon> for MemberCouponView {
    fn from(c: &MemberCoupon) -> Self {
        MemberCouponView {
            id: c.id.to_string(),
            coupon_code: c.coupon_code.clone(),
            percent: c.kind == CouponKind::Percent,
            value: c.value,
            min_spend: c.min_spend.fen(),
            valid_from: c.valid_from.to_string(),
            valid_to: c.valid_to.to_string(),
            used: c.used_by_sale.is_some(),
        }
    }
}
