//! Issuing a campaign: its segment's members now, less the control group
//! (held out, recorded, given nothing), each given the offer and — with her
//! marketing consent only (`privacy::may_send_marketing`) — the message.
//!
//! Written in batches so a large segment shows progress and never holds the
//! database for long. Every record's id derives from (campaign, member), so
//! issuing again — after a crash half-way, or at another till — gives nobody
//! a second coupon; the campaign is marked issued with its last batch.

use super::ids::{derived_id, in_control_group};
use super::model::{load, Campaign, CampaignStatus, Offer};
use super::{member_coupons, CAMPAIGN_ENTITY, CAMPAIGN_MEMBER_ENTITY};
use crate::appointments::MessageLang;
use crate::ids::{MemberId, StaffId};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;

/// Members written per transaction.
const BATCH: usize = 500;

/// Who a campaign would reach if issued now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Audience {
    /// Members the segment matches.
    pub segment: u32,
    /// Of them, held out.
    pub control: u32,
    /// Of them, given the offer.
    pub reach: u32,
    /// Of those reached, with marketing consent (sent the message).
    pub messages: u32,
}

struct Plan {
    members: Vec<(MemberId, bool)>,
    audience: Audience,
}

fn plan(store: &Store, c: &Campaign) -> Result<Plan> {
    let ids = store.segment_member_ids(&c.input.segment)?;
    let mut audience = Audience {
        segment: ids.len() as u32,
        control: 0,
        reach: 0,
        messages: 0,
    };
    let has_message =
        !c.input.message_zh.trim().is_empty() || !c.input.message_en.trim().is_empty();
    let mut members = Vec::with_capacity(ids.len());
    for id in ids {
        let control = in_control_group(&c.id, &id.to_string(), c.input.control_pct);
        if control {
            audience.control += 1;
        } else {
            audience.reach += 1;
            if has_message && consents(store.conn(), id)? {
                audience.messages += 1;
            }
        }
        members.push((id, control));
    }
    Ok(Plan { members, audience })
}

fn consents(conn: &rusqlite::Connection, id: MemberId) -> Result<bool> {
    let (member, _) = crate::member::load_member(conn, id)?;
    Ok(reachable(&member))
}

/// Whether a campaign's message may go to her: marketing consent, and a
/// number to send it to.
fn reachable(m: &crate::member::Member) -> bool {
    crate::privacy::may_send_marketing(m) && m.phone.e164().len() >= 5
}

/// A campaign's message to one member, ready for the outbox.
struct Outgoing {
    name: String,
    phone: String,
    lang: MessageLang,
    body: String,
}

/// The message for one member, or None: no template, no consent or no
/// phone. In the store's language; when the campaign has no text in it, in
/// the language it has (her own language is not recorded).
fn message_for(w: &Writer<'_>, c: &Campaign, member: MemberId) -> Result<Option<Outgoing>> {
    let store_lang = crate::appointments::store_lang(w)?;
    let (zh, en) = (c.input.message_zh.trim(), c.input.message_en.trim());
    let (lang, template) = match store_lang {
        MessageLang::En if !en.is_empty() => (MessageLang::En, en),
        _ if !zh.is_empty() => (MessageLang::ZhCn, zh),
        _ if !en.is_empty() => (MessageLang::En, en),
        _ => return Ok(None),
    };
    let (m, _) = crate::member::load_member(w, member)?;
    if !reachable(&m) {
        return Ok(None);
    }
    Ok(Some(Outgoing {
        body: template.replace("{name}", &m.name),
        phone: m.phone.e164().to_owned(),
        name: m.name,
        lang,
    }))
}

/// Puts her campaign message into the outbox the reminders use (sent by the
/// same sender, held in quiet hours); its id follows from the
/// `campaign_members` row, so it is queued once.
fn queue_message(w: &mut Writer<'_>, campaign_member: &str, m: &Outgoing) -> Result<()> {
    let id = format!("campaign-{campaign_member}");
    let at = crate::time::iso(w.now());
    let added = w
        .prepare_cached(
            "INSERT OR IGNORE INTO messages (id, kind, campaign_member_id, recipient_name, phone,
                 lang, body, status, next_attempt_at, created_at)
             VALUES (?1, 'campaign', ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?7)",
        )?
        .execute(params![
            id,
            campaign_member,
            m.name,
            m.phone,
            m.lang.as_str(),
            m.body,
            at
        ])?;
    if added == 1 {
        w.emit(
            "message",
            &id,
            OpKind::Upsert,
            &json!({ "kind": "campaign", "campaignMemberId": campaign_member, "lang": m.lang,
                     "body": m.body, "status": "pending" }),
        )?;
    }
    Ok(())
}

fn give(w: &mut Writer<'_>, c: &Campaign, member: MemberId, control: bool) -> Result<bool> {
    let id = derived_id(CAMPAIGN_MEMBER_ENTITY, &c.id, &member.to_string());
    let done: bool = w.query_row(
        "SELECT EXISTS (SELECT 1 FROM campaign_members WHERE id = ?1)",
        [id.to_string()],
        |r| r.get(0),
    )?;
    if done {
        return Ok(false);
    }
    let (mut coupon, mut points, mut message) = (None, 0, None);
    if !control {
        match &c.input.offer {
            Offer::Coupon { coupon_code } => {
                let window = (c.input.window_from, c.input.window_to);
                let source = format!("campaign:{}", c.id);
                coupon = Some(member_coupons::issue(
                    w,
                    member,
                    coupon_code,
                    window,
                    &source,
                    Some(&c.id),
                )?);
            }
            Offer::Points { points: p } => {
                points = *p;
                credit_points(w, c, member, points)?;
            }
            // Her prices are read at checkout from `campaign_members` (she
            // was reached) and the campaign's offer: nothing to give now.
            Offer::MemberPrice { .. } => {}
        }
        message = message_for(w, c, member)?;
    }
    let messaged = message.is_some();
    w.prepare_cached(
        "INSERT INTO campaign_members (id, campaign_id, member_id, control, coupon_id, points,
             messaged, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id.to_string(),
        c.id,
        member,
        control,
        coupon.map(|u| u.to_string()),
        points,
        messaged,
        crate::time::iso(w.now())
    ])?;
    w.emit(
        CAMPAIGN_MEMBER_ENTITY,
        &id,
        OpKind::Append,
        &json!({ "campaignId": c.id, "memberId": member, "control": control,
                 "couponId": coupon, "points": points, "messaged": messaged }),
    )?;
    // After her `campaign_members` row: a till that pulls the message finds
    // whom it is for through it.
    if let Some(m) = &message {
        queue_message(w, &id.to_string(), m)?;
    }
    Ok(true)
}

/// The offer's points, as a `campaign` row (`campaign_members` says which
/// campaign), expiring as earned points do. Its id derives from (campaign, member): given once.
fn credit_points(w: &mut Writer<'_>, c: &Campaign, member: MemberId, points: i64) -> Result<()> {
    let cfg = crate::checkout::settings_load(w)?;
    let expires = crate::checkout::points::expiry_date(&cfg, cfg.business_date(w.now()));
    let id = derived_id("campaign_points", &c.id, &member.to_string()).to_string();
    w.prepare_cached(
        "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at)
         VALUES (?1, ?2, NULL, ?3, 'campaign', ?4, ?5)",
    )?
    .execute(params![
        id,
        member,
        points,
        expires.to_string(),
        crate::time::iso(w.now())
    ])?;
    w.emit(
        "points_ledger",
        &id,
        OpKind::Append,
        &json!({ "memberId": member, "delta": points, "reason": "campaign", "expiresOn": expires }),
    )?;
    Ok(())
}

fn mark_issued(w: &mut Writer<'_>, c: &Campaign, by: StaffId, a: &Audience) -> Result<()> {
    let now = crate::time::iso(w.now());
    w.execute(
        "UPDATE campaigns SET status = 'issued', issued_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![c.id, now],
    )?;
    w.emit(
        CAMPAIGN_ENTITY,
        &c.id,
        OpKind::Upsert,
        &json!({ "status": "issued", "issuedAt": now }),
    )?;
    crate::checkout::audit::record(
        w,
        by,
        None,
        "campaign_issued",
        Some(&c.id),
        &json!({ "reach": a.reach, "control": a.control, "messages": a.messages }),
    )
}

impl Store {
    /// How many the campaign would reach if issued now (the confirm step).
    pub fn campaign_audience(&self, actor: &Staff, id: &str) -> Result<Audience> {
        actor.require(Permission::ManageCampaigns)?;
        let c = load(self.conn(), id)?;
        Ok(plan(self, &c)?.audience)
    }

    /// Issues the campaign now; `progress(done, total)` after each batch.
    /// Issuing one already issued changes nothing and answers its audience.
    pub fn issue_campaign(
        &mut self,
        actor: &Staff,
        id: &str,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<Audience> {
        actor.require(Permission::ManageCampaigns)?;
        self.issue_as(actor.id, id, progress)
    }

    fn issue_as(
        &mut self,
        by: StaffId,
        id: &str,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<Audience> {
        let c = load(self.conn(), id)?;
        let p = plan(self, &c)?;
        if c.status == CampaignStatus::Issued {
            return Ok(p.audience);
        }
        let total = p.members.len() as u32;
        let mut done = 0u32;
        let mut chunks = p.members.chunks(BATCH).peekable();
        if chunks.peek().is_none() {
            self.write(|w| mark_issued(w, &c, by, &p.audience))?;
        }
        while let Some(chunk) = chunks.next() {
            let last = chunks.peek().is_none();
            self.write(|w| {
                for (member, control) in chunk {
                    give(w, &c, *member, *control)?;
                }
                if last {
                    mark_issued(w, &c, by, &p.audience)?;
                }
                Ok(())
            })?;
            done += chunk.len() as u32;
            progress(done, total);
        }
        Ok(p.audience)
    }

    /// The daily job: issues every scheduled campaign whose date has come, as
    /// the staff member who set it up. Running it twice issues nothing twice.
    pub fn issue_due_campaigns(&mut self) -> Result<usize> {
        let today = self.business_date()?.to_string();
        let due: Vec<(String, Option<StaffId>)> = self
            .conn()
            .prepare_cached(
                "SELECT id, created_by FROM campaigns
                 WHERE status = 'scheduled' AND issue_on <= ?1 ORDER BY issue_on, id",
            )?
            .query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut issued = 0;
        for (id, by) in due {
            let by =
                by.ok_or_else(|| CoreError::Internal("a campaign without its author".into()))?;
            self.issue_as(by, &id, &mut |_, _| {})?;
            issued += 1;
        }
        Ok(issued)
    }
}
