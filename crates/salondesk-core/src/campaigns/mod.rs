//! Campaigns (营销活动) and coupons bound to one member.
//!
//! SKELETON (issue 17): the lead fixed the one function the care part's
//! birthday benefit calls; the campaigns part owns this module and makes it
//! real (a member's coupons, offered at checkout, one use across the chain).

use crate::ids::MemberId;
use crate::write::Writer;
use crate::{CoreError, Result};
use chrono::NaiveDate;

/// Issues one coupon bound to `member`, for one use, made from the back
/// office's coupon `coupon_code` (its kind, value, minimum spend and items),
/// valid `from..=to` (store dates); `source` says why it was given
/// (`campaign:<id>`, `birthday:<yyyy>`). Idempotent per (member, source): a
/// second call returns the first coupon's id and writes nothing.
pub fn issue_member_coupon(
    _w: &mut Writer<'_>,
    _member: MemberId,
    _coupon_code: &str,
    _from: NaiveDate,
    _to: NaiveDate,
    _source: &str,
) -> Result<uuid::Uuid> {
    Err(CoreError::Internal(
        "member coupons are not built yet (issue 17, campaigns part)".into(),
    ))
}
