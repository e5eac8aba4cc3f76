//! Booking priority by tier: a member may book as many days ahead as her
//! tier's `booking_days` (walk-ins as the lowest tier); nobody books a day
//! that has passed.

use super::local::Offset;
use crate::member::Tier;
use crate::{CoreError, Result};
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

fn tier_label(t: Tier) -> &'static str {
    match t {
        Tier::Standard => "普通会员 (standard)",
        Tier::Silver => "银卡会员 (silver)",
        Tier::Gold => "金卡会员 (gold)",
        Tier::Platinum => "白金会员 (platinum)",
    }
}

/// Refuses a start on a past day or beyond the tier's booking window.
pub(crate) fn check_booking_window(
    conn: &Connection,
    tier: Tier,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    offset: Offset,
) -> Result<()> {
    let today = offset.date(now);
    let day = offset.date(start);
    if day < today {
        return Err(CoreError::validation(
            "start",
            format!("{day} has passed: book today ({today}) or later"),
        ));
    }
    let days: i64 = conn
        .prepare_cached("SELECT booking_days FROM tiers WHERE code = ?1")?
        .query_row([tier.as_str()], |r| r.get(0))?;
    let last = today + Duration::days(days);
    if day > last {
        return Err(CoreError::validation(
            "start",
            format!(
                "a {} may book up to {days} days ahead, until {last}; {day} is too far",
                tier_label(tier)
            ),
        ));
    }
    Ok(())
}
