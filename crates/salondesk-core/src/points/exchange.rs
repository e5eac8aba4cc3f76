//! The points exchange list (积分兑换) and redeeming an item at the desk.
//!
//! An item is a gift product (one unit leaves the store's stock), a service
//! or a coupon. A service is given the simplest honest way: as a coupon bound
//! to her for that service — the item names the back office's coupon code
//! (a free-service coupon) — so it is used at checkout like any coupon, once,
//! and shows on her coupons; a coupon item likewise issues its code to her.
//! Both go through `campaigns::issue_member_coupon`. The points are spent by
//! an `exchange` row of the points ledger, in the same transaction as what
//! she gets, so neither happens without the other.

use super::{append, HandRow, MAX_POINTS};
use crate::ids::{new_v7, MemberId, ProductId};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExchangeKind {
    Product,
    Service,
    Coupon,
}

impl ExchangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Product => "product",
            Self::Service => "service",
            Self::Coupon => "coupon",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "service" => Self::Service,
            "coupon" => Self::Coupon,
            _ => Self::Product,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeItemInput {
    /// None: a new item.
    pub id: Option<String>,
    pub kind: ExchangeKind,
    /// The product (gift) or service it gives.
    pub item_id: Option<String>,
    /// The coupon code issued to her (coupon and service items).
    pub coupon_code: Option<String>,
    pub name: String,
    pub points: i64,
    /// How long an issued coupon is valid, in days (default 30).
    pub valid_days: Option<i64>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExchangeItem {
    pub id: String,
    pub kind: ExchangeKind,
    pub item_id: Option<String>,
    pub coupon_code: Option<String>,
    pub name: String,
    pub points: i64,
    pub valid_days: Option<i64>,
    pub active: bool,
    /// A gift's units on hand (None for services and coupons).
    pub on_hand: Option<i64>,
}

/// What an exchange did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exchanged {
    pub points_left: i64,
    pub entry_id: String,
    /// The coupon issued to her (coupon and service items).
    pub coupon_id: Option<String>,
}

const DEFAULT_VALID_DAYS: i64 = 30;

fn item(r: &Row<'_>) -> rusqlite::Result<ExchangeItem> {
    Ok(ExchangeItem {
        id: r.get(0)?,
        kind: ExchangeKind::parse(&r.get::<_, String>(1)?),
        item_id: r.get(2)?,
        coupon_code: r.get(3)?,
        name: r.get(4)?,
        points: r.get(5)?,
        valid_days: r.get(6)?,
        active: r.get(7)?,
        on_hand: r.get(8)?,
    })
}

const SELECT: &str = "
    SELECT i.id, i.kind, i.item_id, i.coupon_code, i.name, i.points, i.valid_days, i.active,
           CASE WHEN i.kind = 'product'
                THEN coalesce((SELECT on_hand FROM stock_levels WHERE product_id = i.item_id), 0)
           END
    FROM points_exchange_items i";

impl Store {
    /// The exchange list, cheapest first (with `all`, retired items too).
    pub fn exchange_items(&self, all: bool) -> Result<Vec<ExchangeItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE ?1 OR i.active = 1 ORDER BY i.active DESC, i.points, i.name, i.id"
        ))?;
        let rows = stmt.query_map([all], item)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds or edits an item of the exchange list (`AdjustPoints`). Returns its id.
    pub fn save_exchange_item(
        &mut self,
        actor: &Staff,
        input: &ExchangeItemInput,
    ) -> Result<String> {
        actor.require(Permission::AdjustPoints)?;
        let name = crate::feedback::check_text(&input.name, 80, "name")?;
        if name.is_empty() || name.contains('\n') {
            return Err(CoreError::validation(
                "name",
                "give the item a one-line name",
            ));
        }
        if !(1..=MAX_POINTS).contains(&input.points) {
            return Err(CoreError::validation(
                "points",
                format!("a price is 1 to {MAX_POINTS} points"),
            ));
        }
        let valid_days = input
            .valid_days
            .filter(|_| input.kind != ExchangeKind::Product);
        if valid_days.is_some_and(|d| !(1..=36_600).contains(&d)) {
            return Err(CoreError::validation("validDays", "1 to 36600 days"));
        }
        let coupon_code = match input.kind {
            ExchangeKind::Product => None,
            _ => {
                let code = input.coupon_code.as_deref().unwrap_or("").trim();
                if code.is_empty() || code.chars().count() > 64 {
                    return Err(CoreError::validation(
                        "couponCode",
                        "name the coupon she is given",
                    ));
                }
                Some(code.to_string())
            }
        };
        let item_id = input
            .item_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        self.write(|w| {
            let table = match input.kind {
                ExchangeKind::Product => Some("products"),
                ExchangeKind::Service => Some("services"),
                ExchangeKind::Coupon => None,
            };
            if let Some(table) = table {
                let found: bool = match item_id {
                    Some(id) => w
                        .prepare_cached(&format!(
                            "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
                        ))?
                        .query_row([id], |r| r.get(0))?,
                    None => false,
                };
                if !found {
                    return Err(CoreError::validation("itemId", "choose what it gives"));
                }
            }
            let item_id = table.and(item_id);
            let id = match &input.id {
                Some(id) => {
                    let n = w
                        .prepare_cached(
                            "UPDATE points_exchange_items SET kind = ?2, item_id = ?3,
                                coupon_code = ?4, name = ?5, points = ?6, valid_days = ?7,
                                active = ?8, updated_at = ?9 WHERE id = ?1",
                        )?
                        .execute(params![
                            id,
                            input.kind.as_str(),
                            item_id,
                            coupon_code,
                            name,
                            input.points,
                            valid_days,
                            input.active,
                            crate::time::iso(w.now())
                        ])?;
                    if n == 0 {
                        return Err(CoreError::NotFound {
                            entity: "exchange item",
                        });
                    }
                    id.clone()
                }
                None => {
                    let id = new_v7(w.now()).to_string();
                    w.prepare_cached(
                        "INSERT INTO points_exchange_items (id, kind, item_id, coupon_code, name,
                            points, valid_days, active, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                    )?
                    .execute(params![
                        id,
                        input.kind.as_str(),
                        item_id,
                        coupon_code,
                        name,
                        input.points,
                        valid_days,
                        input.active,
                        crate::time::iso(w.now())
                    ])?;
                    id
                }
            };
            w.emit(
                "points_exchange_item",
                &id,
                OpKind::Upsert,
                &json!({ "kind": input.kind.as_str(), "itemId": item_id,
                         "couponCode": coupon_code, "name": name, "points": input.points,
                         "validDays": valid_days, "active": input.active }),
            )?;
            crate::checkout::audit::record(
                w,
                actor.id,
                None,
                "points_exchange_item",
                Some(&id),
                &json!({ "kind": input.kind.as_str(), "points": input.points,
                         "active": input.active }),
            )?;
            Ok(id)
        })
    }

    /// Gives her one item of the exchange list for its points (at the desk:
    /// `Sell`). Refused without enough points, for a retired item, or for a
    /// gift out of stock; then nothing is written.
    pub fn exchange_points(
        &mut self,
        actor: &Staff,
        member: MemberId,
        item_id: &str,
    ) -> Result<Exchanged> {
        actor.require(Permission::Sell)?;
        let cfg = self.checkout_settings()?;
        let today = cfg.business_date(self.clock.now());
        self.write(|w| {
            let it = w
                .prepare_cached(&format!("{SELECT} WHERE i.id = ?1"))?
                .query_row([item_id], item)
                .optional()?
                .filter(|i| i.active)
                .ok_or(CoreError::NotFound {
                    entity: "exchange item",
                })?;
            let (points_left, entry_id) = append(
                w,
                &HandRow {
                    member,
                    delta: -it.points,
                    reason: "exchange",
                    expires_on: None,
                    staff: actor.id,
                    note: &it.name,
                    ref_id: Some(&it.id),
                },
            )?;
            let mut coupon_id = None;
            match it.kind {
                ExchangeKind::Product => {
                    let product: ProductId = it.item_id.as_deref().unwrap_or("").parse()?;
                    crate::stock::give_for_points(w, product, actor, &entry_id)?;
                }
                ExchangeKind::Service | ExchangeKind::Coupon => {
                    let days = it.valid_days.unwrap_or(DEFAULT_VALID_DAYS);
                    let to = today + chrono::Duration::days(days - 1);
                    let code = it.coupon_code.as_deref().unwrap_or("");
                    let id = crate::campaigns::issue_member_coupon(
                        w,
                        member,
                        code,
                        today,
                        to,
                        &format!("exchange:{entry_id}"),
                    )?;
                    coupon_id = Some(id.to_string());
                }
            }
            crate::checkout::audit::record(
                w,
                actor.id,
                None,
                "points_exchanged",
                Some(&entry_id),
                &json!({ "memberId": member, "itemId": it.id, "points": it.points }),
            )?;
            Ok(Exchanged {
                points_left,
                entry_id,
                coupon_id,
            })
        })
    }
}
