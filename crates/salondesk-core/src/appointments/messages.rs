//! The message outbox: reminders wait here until a sender delivers them or
//! the desk sends them by hand. Nothing is lost offline: a failed send is
//! retried later with backoff; a refused one stays listed for sending by hand.
//! A message whose appointment has begun is no longer offered. A message may
//! also be about a care task (`care_task_id`) or carry a campaign to one
//! member (`campaign_member_id`); then its `appointment_id` is empty and its
//! `appointment_start` the time it was queued. Nothing is sent in
//! the store's quiet hours (care settings; by default 21:00 to 09:00).

use super::templates::MessageLang;
use crate::staff::Staff;
use crate::store::Store;
use crate::time::{iso, parse_iso};
use crate::types::Phone;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Waiting to be sent (again, after a failure that may pass).
    Pending,
    Sent,
    /// The gateway refused it: to be sent by hand.
    Failed,
    /// Withdrawn before it went out: the appointment was cancelled or marked a
    /// no-show, or the client has already arrived.
    Cancelled,
}

impl MessageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "pending" => Self::Pending,
            "sent" => Self::Sent,
            "failed" => Self::Failed,
            "cancelled" => Self::Cancelled,
            other => {
                return Err(CoreError::Internal(format!(
                    "unknown message status {other:?}"
                )))
            }
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    /// Empty for a care message.
    pub appointment_id: String,
    pub care_task_id: Option<String>,
    /// A campaign's message: the `campaign_members` row it was sent for.
    pub campaign_member_id: Option<String>,
    pub appointment_start: DateTime<Utc>,
    pub recipient_name: String,
    pub phone: Phone,
    pub lang: MessageLang,
    pub body: String,
    pub status: MessageStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

impl Message {
    /// What it is about, as the outbox's `kind` says it.
    pub fn kind(&self) -> &'static str {
        if self.care_task_id.is_some() {
            "care"
        } else if self.campaign_member_id.is_some() {
            "campaign"
        } else {
            "appointment_reminder"
        }
    }
}

/// The default daytime (store time) outside the quiet hours: nobody gets a
/// reminder at midnight. The store's own hours are in the care settings.
pub const SEND_FROM_MIN: i64 = 9 * 60;
pub const SEND_UNTIL_MIN: i64 = 21 * 60;

const SELECT: &str =
    "SELECT g.id, coalesce(g.appointment_id, ''), coalesce(a.start_at, g.created_at),
        g.recipient_name, g.phone, g.lang, g.body, g.status, g.attempts, g.last_error,
        g.next_attempt_at, g.sent_at, g.care_task_id, g.campaign_member_id
    FROM messages g LEFT JOIN appointments a ON a.id = g.appointment_id";

/// Still worth sending: its appointment ahead, or about a care task or a campaign.
const STILL_DUE: &str =
    "(a.start_at > ?1 OR g.care_task_id IS NOT NULL OR g.campaign_member_id IS NOT NULL)";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Message>> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let (lang, status) = (text(5)?, text(7)?);
    let start = text(2)?;
    let next = text(10)?;
    let sent: Option<String> = r.get(11)?;
    let (id, appointment_id, recipient_name, phone, body) =
        (text(0)?, text(1)?, text(3)?, text(4)?, text(6)?);
    let (attempts, last_error) = (r.get(8)?, r.get(9)?);
    let care_task_id: Option<String> = r.get(12)?;
    let campaign_member_id: Option<String> = r.get(13)?;
    Ok((|| {
        Ok(Message {
            id,
            appointment_id,
            care_task_id,
            campaign_member_id,
            appointment_start: parse_iso(&start).unwrap_or_default(),
            recipient_name,
            phone: Phone::from_stored(phone),
            lang: MessageLang::parse(&lang)?,
            body,
            status: MessageStatus::parse(&status)?,
            attempts,
            last_error,
            next_attempt_at: parse_iso(&next).unwrap_or_default(),
            sent_at: sent.as_deref().and_then(parse_iso),
        })
    })())
}

fn query(conn: &rusqlite::Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<Message>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(p, from_row)?;
    rows.map(|r| r?).collect()
}

/// How long to wait before the next try after `attempts` failures: 1, 2, 4 …
/// minutes, at most an hour.
pub fn backoff(attempts: i64) -> Duration {
    Duration::minutes(1i64 << attempts.clamp(0, 6)).min(Duration::minutes(60))
}

fn set_status(w: &mut Writer<'_>, id: &str, payload: serde_json::Value) -> Result<()> {
    w.emit("message", &id, OpKind::Upsert, &payload)?;
    Ok(())
}

impl Store {
    pub fn message(&self, id: &str) -> Result<Message> {
        query(&self.conn, &format!("{SELECT} WHERE g.id = ?1"), [id])?
            .pop()
            .ok_or(CoreError::NotFound { entity: "message" })
    }

    /// Messages not yet sent whose appointment is still ahead, soonest first:
    /// what the desk sends by hand when no sender is configured (or it refused).
    pub fn pending_messages(&self) -> Result<Vec<Message>> {
        query(
            &self.conn,
            &format!(
                "{SELECT} WHERE g.status IN ('pending', 'failed') AND {STILL_DUE}
                 ORDER BY coalesce(a.start_at, g.created_at), g.id"
            ),
            [iso(self.now())],
        )
    }

    /// Messages a sender should try now: pending, their retry time come, their
    /// appointment ahead, and only in the daytime (store time).
    pub fn messages_ready_to_send(&self, limit: usize) -> Result<Vec<Message>> {
        let now = self.now();
        let offset = super::local::Offset::load(&self.conn)?;
        let minute = offset.minutes_into(offset.date(now), now);
        let quiet = crate::care::CareSettings::load(&self.conn)?;
        if quiet.is_quiet(u32::try_from(minute).unwrap_or(0)) {
            return Ok(Vec::new());
        }
        query(
            &self.conn,
            &format!(
                "{SELECT} WHERE g.status = 'pending' AND g.next_attempt_at <= ?1 AND {STILL_DUE}
                 ORDER BY g.next_attempt_at, g.id LIMIT ?2"
            ),
            params![iso(now), limit as i64],
        )
    }

    /// A message went out: by the configured sender (`by` None) or by hand.
    /// Marking a sent message again changes nothing.
    pub fn mark_sent(&mut self, id: &str, by: Option<&Staff>) -> Result<()> {
        self.write(|w| {
            let status: Option<String> = w
                .prepare_cached("SELECT status FROM messages WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            match status.as_deref() {
                None => return Err(CoreError::NotFound { entity: "message" }),
                Some("sent") => return Ok(()),
                Some("cancelled") => return Err(CoreError::Conflict(
                    "this reminder was withdrawn: the appointment was cancelled or she has arrived"
                        .into(),
                )),
                Some(_) => {}
            }
            let sent_by = by.map_or_else(|| "webhook".to_owned(), |s| s.id.to_string());
            let at = iso(w.now());
            w.prepare_cached(
                "UPDATE messages SET status = 'sent', sent_at = ?2, sent_by = ?3, last_error = NULL
                 WHERE id = ?1",
            )?
            .execute(params![id, at, sent_by])?;
            set_status(
                w,
                id,
                json!({ "status": MessageStatus::Sent, "sentAt": at, "sentBy": sent_by }),
            )
        })
    }

    /// A send failed. `permanent` (the gateway refused the message) leaves it
    /// failed, for sending by hand; otherwise (offline, a timeout, a server
    /// error) it is tried again after a backoff. `error` must not hold
    /// personal data (a status line, not the message).
    pub fn mark_failed(&mut self, id: &str, error: &str, permanent: bool) -> Result<()> {
        let error: String = error.chars().take(300).collect();
        self.write(|w| {
            let attempts: i64 = w
                .prepare_cached("SELECT attempts FROM messages WHERE id = ?1 AND status = 'pending'")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .ok_or(CoreError::NotFound { entity: "pending message" })?;
            let attempts = attempts + 1;
            let status = if permanent { MessageStatus::Failed } else { MessageStatus::Pending };
            let next = iso(w.now() + backoff(attempts - 1));
            w.prepare_cached(
                "UPDATE messages SET status = ?2, attempts = ?3, last_error = ?4, next_attempt_at = ?5
                 WHERE id = ?1",
            )?
            .execute(params![id, status.as_str(), attempts, error, next])?;
            set_status(w, id, json!({ "status": status, "attempts": attempts, "lastError": error }))
        })
    }
}
