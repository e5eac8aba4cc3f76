//! Points outside a sale: when earned points expire (31 December of the year
//! they were earned in, plus the store's `points_expiry_years`), the daily job
//! that writes off what has expired unspent, and the points a member earns
//! when someone she referred registers.

use super::settings::{self, CheckoutSettings};
use crate::ids::MemberId;
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::Result;
use blake2::{Blake2s256, Digest};
use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use serde_json::json;

/// The day points earned on `earned_on` expire at the end of.
pub(crate) fn expiry_date(cfg: &CheckoutSettings, earned_on: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(earned_on.year() + cfg.points_expiry_years, 12, 31).unwrap_or(earned_on)
}

/// Members whose expiry is written per transaction: the desk can sell between batches.
const BATCH: usize = 500;

impl Store {
    /// The daily expiry (积分过期): for each member, one `expire` row taking off
    /// the points whose date is before `today` and that she has not spent
    /// (spending uses the oldest-expiring points first). Returns how many
    /// members lost points. Running it again changes nothing.
    pub fn expire_points(&mut self, today: NaiveDate) -> Result<usize> {
        let due = crate::ledger::members_with_points_due(&self.conn, today)?;
        let mut expired = 0;
        for batch in due.chunks(BATCH) {
            expired += self.write(|w| {
                let mut n = 0;
                for member in batch {
                    n += usize::from(expire(w, *member, today)?);
                }
                Ok(n)
            })?;
        }
        Ok(expired)
    }
}

/// Writes off a member's expired points, re-read inside the transaction.
fn expire(w: &mut Writer<'_>, member: MemberId, today: NaiveDate) -> Result<bool> {
    let due = crate::ledger::points_due(w, member, today)?;
    let points = due.unwritten();
    if points == 0 {
        return Ok(false);
    }
    let id = expire_row_id(member, due.expired, due.expired + points).to_string();
    w.prepare_cached(
        "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at)
         VALUES (?1, ?2, NULL, ?3, 'expire', NULL, ?4)",
    )?
    .execute(params![id, member, -points, crate::time::iso(w.now())])?;
    w.emit(
        "points_ledger",
        &id,
        OpKind::Append,
        &json!({ "memberId": member, "delta": -points, "reason": "expire", "dueBefore": today }),
    )?;
    Ok(true)
}

/// An expiry row's id follows from what it writes off: the member and her
/// expired total before and after it. Two tills running the expiry over the
/// same ledger write the same row, whatever day each runs it, and the ledgers'
/// union keeps one. (A UUID v8: made from content, not from a clock.)
fn expire_row_id(member: MemberId, before: i64, after: i64) -> uuid::Uuid {
    let digest = Blake2s256::digest(format!("points-expire/{member}/{before}/{after}"));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The referrer earns the store's referral points (推荐积分), expiring as
/// earned points do, in the transaction that registers the member she referred.
pub(crate) fn award_referral(
    w: &mut Writer<'_>,
    referrer: MemberId,
    referred: MemberId,
) -> Result<()> {
    let cfg = settings::load(w)?;
    if cfg.referral_points <= 0 {
        return Ok(());
    }
    let expires = expiry_date(&cfg, cfg.business_date(w.now()));
    let id = crate::ids::new_v7(w.now()).to_string();
    w.prepare_cached(
        "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at)
         VALUES (?1, ?2, NULL, ?3, 'referral', ?4, ?5)",
    )?
    .execute(params![
        id,
        referrer,
        cfg.referral_points,
        expires.to_string(),
        crate::time::iso(w.now())
    ])?;
    w.emit(
        "points_ledger",
        &id,
        OpKind::Append,
        &json!({ "memberId": referrer, "delta": cfg.referral_points, "reason": "referral",
                 "expiresOn": expires, "referredId": referred }),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_last_to_the_end_of_the_year_after_they_were_earned() {
        let cfg = CheckoutSettings::default();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(expiry_date(&cfg, d(2025, 1, 1)), d(2026, 12, 31));
        assert_eq!(expiry_date(&cfg, d(2025, 12, 31)), d(2026, 12, 31));
        let same_year = CheckoutSettings {
            points_expiry_years: 0,
            ..CheckoutSettings::default()
        };
        assert_eq!(expiry_date(&same_year, d(2025, 6, 1)), d(2025, 12, 31));
    }

    #[test]
    fn an_expiry_row_id_depends_on_what_it_writes_off() {
        let m = MemberId(uuid::Uuid::from_u128(42));
        let id = expire_row_id(m, 0, 700);
        assert_eq!(
            id,
            expire_row_id(m, 0, 700),
            "the same write-off, the same id"
        );
        assert_ne!(id, expire_row_id(m, 700, 900));
        assert_ne!(
            id,
            expire_row_id(MemberId(uuid::Uuid::from_u128(43)), 0, 700)
        );
        assert_eq!(id.get_version_num(), 8);
    }
}
