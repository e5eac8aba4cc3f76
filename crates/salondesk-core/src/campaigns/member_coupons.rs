//! Coupons bound to one member (专属优惠券), for one use across the chain.
//!
//! Issuing copies a back-office coupon's terms (kind, value, minimum spend)
//! with the member's own dates; the id derives from (member, source), so the
//! same coupon issued twice — here, or by another till offline — is one
//! record. At checkout the coupon is named by its id in the cart's coupon
//! slot (a back-office code is 3–20 letters or digits, so the two cannot be
//! confused) and is priced by the same rules (`checkout::coupon_rules`).
//!
//! Uses are `member_coupon_use` records, a union (see
//! `salondesk_protocol::member_coupons`): a sale using it appends `use`; a
//! refund that takes back the whole sale (or a void) appends `give_back`, and
//! the coupon is hers again. A refund of some lines keeps it used: the rest of
//! the sale still had the discount.

use super::ids::derived_id;
use crate::checkout::{Coupon, CouponKind, CouponUse};
use crate::ids::MemberId;
use crate::money::Money;
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use salondesk_protocol::member_coupons::{
    holders, UseEvent, GIVE_BACK, MEMBER_COUPON_ENTITY, MEMBER_COUPON_USE_ENTITY, USE,
};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

/// Why a member coupon is refused beyond the coupon rules: the codes the UI translates.
pub mod reason {
    /// The coupon belongs to another member.
    pub const NOT_HERS: &str = "not_hers";
}

/// A member's coupon as the desk shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberCoupon {
    pub id: Uuid,
    pub member_id: MemberId,
    /// The back-office coupon it copies.
    pub coupon_code: String,
    pub kind: CouponKind,
    /// Fen off, or basis points off for a percent.
    pub value: i64,
    pub min_spend: Money,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub source: String,
    pub campaign_id: Option<String>,
    /// The sale that holds it (None: not used).
    pub used_by_sale: Option<String>,
}

impl MemberCoupon {
    /// The coupon as the pricing rules read it: one use, for this member.
    fn as_coupon(&self) -> Coupon {
        Coupon {
            code: self.id.to_string(),
            kind: self.kind,
            value: self.value,
            min_spend: self.min_spend,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            max_uses: Some(1),
            per_member: None,
            tiers: Vec::new(),
            active: true,
        }
    }
}

const SELECT: &str = "SELECT id, member_id, coupon_code, kind, value, min_spend, valid_from,
        valid_to, source, campaign_id FROM member_coupons";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MemberCoupon> {
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or_default();
    let id: String = r.get(0)?;
    let kind: String = r.get(3)?;
    Ok(MemberCoupon {
        id: Uuid::parse_str(&id).unwrap_or_default(),
        member_id: r.get(1)?,
        coupon_code: r.get(2)?,
        kind: if kind == "percent" {
            CouponKind::Percent
        } else {
            CouponKind::Fixed
        },
        value: r.get(4)?,
        min_spend: Money(r.get(5)?),
        valid_from: date(r.get(6)?),
        valid_to: date(r.get(7)?),
        source: r.get(8)?,
        campaign_id: r.get(9)?,
        used_by_sale: None,
    })
}

/// The sale holding coupon `id`, if one does (the first holder).
fn holder(conn: &Connection, id: Uuid) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sale_id, action FROM member_coupon_uses WHERE coupon_id = ?1
         ORDER BY created_at, rowid",
    )?;
    let events: Vec<UseEvent> = stmt
        .query_map([id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .filter_map(|row| {
            let (sale, action) = row.ok()?;
            Some(UseEvent {
                sale: Uuid::parse_str(&sale).ok()?,
                give_back: action == GIVE_BACK,
            })
        })
        .collect();
    Ok(holders(events).first().map(Uuid::to_string))
}

fn load(conn: &Connection, id: Uuid) -> Result<Option<MemberCoupon>> {
    let found = conn
        .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()?;
    match found {
        Some(mut c) => {
            c.used_by_sale = holder(conn, id)?;
            Ok(Some(c))
        }
        None => Ok(None),
    }
}

/// Issues (see `super::issue_member_coupon`); `campaign`: the campaign it is from.
pub(crate) fn issue(
    w: &mut Writer<'_>,
    member: MemberId,
    coupon_code: &str,
    (from, to): (NaiveDate, NaiveDate),
    source: &str,
    campaign: Option<&str>,
) -> Result<Uuid> {
    let id = derived_id(MEMBER_COUPON_ENTITY, &member.to_string(), source);
    if load(w, id)?.is_some() {
        return Ok(id);
    }
    if to < from {
        return Err(CoreError::validation(
            "validTo",
            "the end is before the start",
        ));
    }
    if source.is_empty() || source.len() > 64 {
        return Err(CoreError::validation(
            "source",
            "a source is 1 to 64 characters",
        ));
    }
    let (template, _) = crate::checkout::plans_coupon(w, coupon_code, None)?
        .ok_or(CoreError::NotFound { entity: "coupon" })?;
    if !template.active {
        return Err(CoreError::validation("couponCode", "this coupon has ended"));
    }
    let exists: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)",
        [member],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(CoreError::NotFound { entity: "member" });
    }
    let kind = match template.kind {
        CouponKind::Fixed => "fixed",
        CouponKind::Percent => "percent",
    };
    let now = crate::time::iso(w.now());
    w.prepare_cached(
        "INSERT INTO member_coupons (id, member_id, coupon_code, kind, value, min_spend, valid_from,
             valid_to, source, campaign_id, issued_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        id.to_string(),
        member,
        template.code,
        kind,
        template.value,
        template.min_spend.fen(),
        from.to_string(),
        to.to_string(),
        source,
        campaign,
        now
    ])?;
    w.emit(
        MEMBER_COUPON_ENTITY,
        &id,
        OpKind::Upsert,
        &json!({ "memberId": member, "couponCode": template.code, "kind": kind,
                 "value": template.value, "minSpend": template.min_spend.fen(),
                 "validFrom": from, "validTo": to, "source": source,
                 "campaignId": campaign, "issuedAt": now }),
    )?;
    Ok(id)
}

/// The member coupon the cart names by id, as the pricing rules read it, with
/// its use (1 while a sale holds it). `Ok(None)`: `code` is not a member
/// coupon's id (a back-office code).
pub(crate) fn for_cart(
    conn: &Connection,
    code: &str,
    member: Option<MemberId>,
) -> Result<Option<(Coupon, CouponUse)>> {
    let Ok(id) = Uuid::parse_str(code.trim()) else {
        return Ok(None);
    };
    let refuse = |reason: &'static str| CoreError::CouponRefused {
        code: id.to_string(),
        reason,
    };
    let c = load(conn, id)?.ok_or_else(|| refuse(crate::checkout::coupon_reason::UNKNOWN))?;
    match member {
        None => return Err(refuse(crate::checkout::coupon_reason::MEMBER_REQUIRED)),
        Some(m) if m != c.member_id => return Err(refuse(reason::NOT_HERS)),
        Some(_) => {}
    }
    let used = i64::from(c.used_by_sale.is_some());
    Ok(Some((
        c.as_coupon(),
        CouponUse {
            total: used,
            by_member: used,
        },
    )))
}

fn record(
    w: &mut Writer<'_>,
    coupon: &str,
    sale: &str,
    member: Option<MemberId>,
    action: &str,
) -> Result<()> {
    let id = crate::ids::new_v7(w.now()).to_string();
    w.prepare_cached(
        "INSERT INTO member_coupon_uses (id, coupon_id, sale_id, member_id, action, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        coupon,
        sale,
        member,
        action,
        crate::time::iso(w.now())
    ])?;
    w.emit(
        MEMBER_COUPON_USE_ENTITY,
        &id,
        OpKind::Append,
        &json!({ "couponId": coupon, "saleId": sale, "memberId": member, "action": action }),
    )?;
    Ok(())
}

/// After a sale is written: if its coupon is a member coupon, the sale uses it.
pub(crate) fn use_by_sale(
    w: &mut Writer<'_>,
    coupon_code: Option<&str>,
    sale_id: &str,
    member: Option<MemberId>,
) -> Result<()> {
    let Some(id) = coupon_code.and_then(|c| Uuid::parse_str(c).ok()) else {
        return Ok(());
    };
    record(w, &id.to_string(), sale_id, member, USE)
}

/// After a refund or void: when it takes back what was left of the sale, the
/// member coupon that sale used is hers again.
pub(crate) fn give_back_after_refund(
    w: &mut Writer<'_>,
    original_sale_id: &str,
    whole_sale_back: bool,
) -> Result<()> {
    if !whole_sale_back {
        return Ok(());
    }
    let (code, member): (Option<String>, Option<MemberId>) = w
        .prepare_cached("SELECT coupon_code, member_id FROM sales WHERE id = ?1")?
        .query_row([original_sale_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let Some(id) = code.as_deref().and_then(|c| Uuid::parse_str(c).ok()) else {
        return Ok(());
    };
    if holder(w, id)?.as_deref() != Some(original_sale_id) {
        // Another sale holds it (a double use being sorted out): nothing to give back here.
        return Ok(());
    }
    record(w, &id.to_string(), original_sale_id, member, GIVE_BACK)
}

impl Store {
    /// A member's coupons: `usable_on` given, only those she can use that day
    /// (not used, in their dates), soonest to expire first; else all of them,
    /// newest first.
    pub fn member_coupons(
        &self,
        member: MemberId,
        usable_on: Option<NaiveDate>,
    ) -> Result<Vec<MemberCoupon>> {
        let conn = self.conn();
        let ids: Vec<String> = conn
            .prepare_cached(
                "SELECT id FROM member_coupons WHERE member_id = ?1
                   AND (?2 IS NULL OR (valid_from <= ?2 AND valid_to >= ?2))
                 ORDER BY CASE WHEN ?2 IS NULL THEN '' ELSE valid_to END, issued_at DESC",
            )?
            .query_map(params![member, usable_on.map(|d| d.to_string())], |r| {
                r.get(0)
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            let Ok(id) = Uuid::parse_str(&id) else {
                continue;
            };
            if let Some(c) = load(conn, id)? {
                if usable_on.is_none() || c.used_by_sale.is_none() {
                    out.push(c);
                }
            }
        }
        Ok(out)
    }

    /// One member coupon, with the sale that holds it.
    pub fn member_coupon(&self, id: Uuid) -> Result<MemberCoupon> {
        load(self.conn(), id)?.ok_or(CoreError::NotFound {
            entity: "member_coupon",
        })
    }
}
