//! A campaign as the back office sets it up: its audience (a segment filter),
//! its offer, its message, its window and schedule, and the share held out.
//! Set up (draft or scheduled) it may be edited; once issued it is fixed, so
//! its results compare what was actually given.

use super::CAMPAIGN_ENTITY;
use crate::money::Money;
use crate::segments::SegmentFilter;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// What each reached member is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Offer {
    /// A coupon bound to her, copied from the back-office coupon `couponCode`,
    /// valid over the campaign's window.
    Coupon {
        #[serde(rename = "couponCode")]
        coupon_code: String,
    },
    /// Points credited to her (reason `adjust`, audited with the campaign).
    Points { points: i64 },
    /// A member price for some services over the campaign's window: at
    /// checkout, a reached member (not one held out) buying one of them in
    /// the window pays this price (`campaigns::member_prices`).
    MemberPrice { prices: Vec<ServicePrice> },
}

/// One service's member price in a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePrice {
    pub service_id: String,
    /// Fen, below the service's list price.
    pub price: Money,
}

/// At most this many services in one member-price offer.
pub const MAX_MEMBER_PRICES: usize = 50;

fn validate_prices(w: &Writer<'_>, prices: &[ServicePrice]) -> Result<()> {
    if prices.is_empty() || prices.len() > MAX_MEMBER_PRICES {
        return Err(CoreError::validation(
            "prices",
            "choose 1 to 50 services and their member price",
        ));
    }
    for (i, p) in prices.iter().enumerate() {
        if prices[..i].iter().any(|q| q.service_id == p.service_id) {
            return Err(CoreError::validation("prices", "a service is listed twice"));
        }
        let list: Option<i64> = w
            .prepare_cached("SELECT price FROM services WHERE id = ?1 AND active = 1")?
            .query_row([&p.service_id], |r| r.get(0))
            .optional()?;
        let Some(list) = list else {
            return Err(CoreError::validation(
                "prices",
                "choose a service on the menu",
            ));
        };
        if p.price.fen() < 0 || p.price.fen() >= list {
            return Err(CoreError::validation(
                "prices",
                "a member price is below the service's price",
            ));
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CampaignStatus {
    Draft,
    /// Waiting for its issue date (the daily job issues it).
    Scheduled,
    Issued,
}

impl CampaignStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Issued => "issued",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "scheduled" => Self::Scheduled,
            "issued" => Self::Issued,
            _ => Self::Draft,
        }
    }
}

/// What the back office types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignInput {
    pub name: String,
    pub segment: SegmentFilter,
    pub offer: Offer,
    /// Message templates; `{name}` is the member's name. Empty: no message.
    pub message_zh: String,
    pub message_en: String,
    /// Percent of the segment held out (get nothing): 0..=90.
    pub control_pct: u32,
    /// The offer's dates, and the window its results are measured in.
    pub window_from: NaiveDate,
    pub window_to: NaiveDate,
    /// Issue on this store date (the daily job); None: issued by hand.
    pub issue_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Campaign {
    pub id: String,
    #[serde(flatten)]
    pub input: CampaignInput,
    pub status: CampaignStatus,
    pub issued_at: Option<String>,
}

pub const DEFAULT_CONTROL_PCT: u32 = 10;

impl CampaignInput {
    fn validate(&self, w: &Writer<'_>) -> Result<()> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(CoreError::validation(
                "name",
                "a name is 1 to 80 characters",
            ));
        }
        if self.control_pct > 90 {
            return Err(CoreError::validation(
                "controlPct",
                "at most 90% may be held out",
            ));
        }
        if self.window_to < self.window_from {
            return Err(CoreError::validation(
                "windowTo",
                "the end is before the start",
            ));
        }
        for (field, text) in [
            ("messageZh", &self.message_zh),
            ("messageEn", &self.message_en),
        ] {
            if text.chars().count() > 500 {
                return Err(CoreError::validation(
                    field,
                    "a message is at most 500 characters",
                ));
            }
        }
        match &self.offer {
            Offer::Coupon { coupon_code } => {
                let found = crate::checkout::plans_coupon(w, coupon_code, None)?;
                if !found.is_some_and(|(c, _)| c.active) {
                    return Err(CoreError::validation(
                        "couponCode",
                        "choose a coupon that has not ended",
                    ));
                }
            }
            Offer::Points { points } => {
                if !(1..=1_000_000).contains(points) {
                    return Err(CoreError::validation("points", "points are 1 to 1,000,000"));
                }
            }
            Offer::MemberPrice { prices } => validate_prices(w, prices)?,
        }
        Ok(())
    }
}

const SELECT: &str = "SELECT id, name, segment, offer, message_zh, message_en, control_pct,
        window_from, window_to, issue_on, status, issued_at FROM campaigns";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Campaign> {
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or_default();
    let segment: String = r.get(2)?;
    let offer: String = r.get(3)?;
    let issue_on: Option<String> = r.get(9)?;
    let status: String = r.get(10)?;
    Ok(Campaign {
        id: r.get(0)?,
        input: CampaignInput {
            name: r.get(1)?,
            // A filter this build cannot read matches nobody rather than everybody.
            segment: serde_json::from_str(&segment).unwrap_or_else(|_| SegmentFilter {
                birthday_month: Some(13),
                ..SegmentFilter::default()
            }),
            offer: serde_json::from_str(&offer).unwrap_or(Offer::Points { points: 0 }),
            message_zh: r.get(4)?,
            message_en: r.get(5)?,
            control_pct: r.get(6)?,
            window_from: date(r.get(7)?),
            window_to: date(r.get(8)?),
            issue_on: issue_on.map(date),
        },
        status: CampaignStatus::parse(&status),
        issued_at: r.get(11)?,
    })
}

pub(super) fn load(conn: &rusqlite::Connection, id: &str) -> Result<Campaign> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { entity: "campaign" })
}

fn save(
    w: &mut Writer<'_>,
    id: &str,
    c: &CampaignInput,
    status: CampaignStatus,
    by: &Staff,
) -> Result<()> {
    let now = crate::time::iso(w.now());
    let segment = serde_json::to_value(&c.segment)?;
    let offer = serde_json::to_value(&c.offer)?;
    w.execute(
        "INSERT INTO campaigns (id, name, segment, offer, message_zh, message_en, control_pct,
             window_from, window_to, issue_on, status, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, segment = excluded.segment,
             offer = excluded.offer, message_zh = excluded.message_zh,
             message_en = excluded.message_en, control_pct = excluded.control_pct,
             window_from = excluded.window_from, window_to = excluded.window_to,
             issue_on = excluded.issue_on, status = excluded.status, updated_at = excluded.updated_at",
        params![
            id,
            c.name.trim(),
            segment.to_string(),
            offer.to_string(),
            c.message_zh,
            c.message_en,
            c.control_pct,
            c.window_from.to_string(),
            c.window_to.to_string(),
            c.issue_on.map(|d| d.to_string()),
            status.as_str(),
            by.id,
            now
        ],
    )?;
    w.emit(
        CAMPAIGN_ENTITY,
        &id,
        OpKind::Upsert,
        &json!({ "name": c.name.trim(), "segment": segment, "offer": offer,
                 "messageZh": c.message_zh, "messageEn": c.message_en,
                 "controlPct": c.control_pct, "windowFrom": c.window_from,
                 "windowTo": c.window_to, "issueOn": c.issue_on, "status": status.as_str(),
                 "createdBy": by.id }),
    )?;
    Ok(())
}

fn status_for(c: &CampaignInput) -> CampaignStatus {
    if c.issue_on.is_some() {
        CampaignStatus::Scheduled
    } else {
        CampaignStatus::Draft
    }
}

impl Store {
    pub fn create_campaign(&mut self, actor: &Staff, c: &CampaignInput) -> Result<Campaign> {
        actor.require(Permission::ManageCampaigns)?;
        let id = crate::ids::new_v7(self.now()).to_string();
        self.write(|w| {
            c.validate(w)?;
            save(w, &id, c, status_for(c), actor)
        })?;
        load(self.conn(), &id)
    }

    /// Changes a campaign not yet issued.
    pub fn edit_campaign(
        &mut self,
        actor: &Staff,
        id: &str,
        c: &CampaignInput,
    ) -> Result<Campaign> {
        actor.require(Permission::ManageCampaigns)?;
        self.write(|w| {
            if load(w, id)?.status == CampaignStatus::Issued {
                return Err(CoreError::Conflict(
                    "an issued campaign cannot be changed".into(),
                ));
            }
            c.validate(w)?;
            save(w, id, c, status_for(c), actor)
        })?;
        load(self.conn(), id)
    }

    /// Every campaign, newest first.
    pub fn campaigns(&self) -> Result<Vec<Campaign>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{SELECT} ORDER BY created_at DESC, id DESC"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn campaign(&self, id: &str) -> Result<Campaign> {
        load(self.conn(), id)
    }
}
