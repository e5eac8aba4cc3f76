//! Campaigns (营销活动) and coupons bound to one member.
//!
//! - `member_coupons`: a coupon issued to one member, offered at checkout when
//!   she is attached, priced by the checkout's coupon rules, used once across
//!   the chain (a second use by another till offline is a conflict the server
//!   raises; the rule is `salondesk_protocol::member_coupons`), given back by
//!   a refund of the whole sale.
//! - `model`: a campaign's audience (a `SegmentFilter`), offer, message,
//!   window, schedule and control group; `issue`: issuing it (now, or by the
//!   daily job on its date); `results`: its effect against the control group.
//! - `member_prices`: the member-price offer, read at checkout for the
//!   member attached.
//! - `ids`: ids and control-group choices every till derives alike.

mod ids;
mod issue;
mod member_coupons;
mod member_prices;
mod model;
mod results;

pub use ids::in_control_group;
pub use issue::Audience;
pub(crate) use member_coupons::{for_cart, give_back_after_refund, use_by_sale};
pub use member_coupons::{reason, MemberCoupon};
pub(crate) use member_prices::for_member as member_prices;
pub use model::{
    Campaign, CampaignInput, CampaignStatus, Offer, ServicePrice, DEFAULT_CONTROL_PCT,
    MAX_MEMBER_PRICES,
};
pub(crate) use results::results;
pub use results::CampaignResults;

use crate::ids::MemberId;
use crate::write::Writer;
use crate::Result;
use chrono::NaiveDate;

/// A campaign's synced entity (store-wide).
pub const CAMPAIGN_ENTITY: &str = "campaign";
/// One member reached or held out by a campaign (store-wide, append).
pub const CAMPAIGN_MEMBER_ENTITY: &str = "campaign_member";

/// Issues one coupon bound to `member`, for one use, made from the back
/// office's coupon `coupon_code` (its kind, value and minimum spend), valid
/// `from..=to` (store dates); `source` says why it was given
/// (`campaign:<id>`, `birthday:<yyyy>`). Idempotent per (member, source): a
/// second call returns the first coupon's id and writes nothing — also at
/// another till, offline (the id derives from the two).
pub fn issue_member_coupon(
    w: &mut Writer<'_>,
    member: MemberId,
    coupon_code: &str,
    from: NaiveDate,
    to: NaiveDate,
    source: &str,
) -> Result<uuid::Uuid> {
    member_coupons::issue(w, member, coupon_code, (from, to), source, None)
}
