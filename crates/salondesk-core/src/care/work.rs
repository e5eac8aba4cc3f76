//! The desk's side: today's list (the store's, or "mine" for a beautician:
//! tasks assigned to her, or for members whose preferred beautician she is
//! and nobody else was given), and working a task: done with an outcome and
//! a note (a booking links its appointment), snoozed to a date, reassigned
//! (`ManageCare`). A task stays on the list from its day until it is done:
//! overdue ones included. Every change is a field of the synced `care_task`.

use super::CareKind;
use crate::ids::{MemberId, StaffId};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::time::{iso, parse_iso};
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CareOutcome {
    Reached,
    NoAnswer,
    Booked,
    NotInterested,
}

impl CareOutcome {
    fn as_str(self) -> &'static str {
        match self {
            CareOutcome::Reached => "reached",
            CareOutcome::NoAnswer => "no_answer",
            CareOutcome::Booked => "booked",
            CareOutcome::NotInterested => "not_interested",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [
            Self::Reached,
            Self::NoAnswer,
            Self::Booked,
            Self::NotInterested,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// One task as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct CareTask {
    pub id: String,
    pub kind: CareKind,
    pub member_id: MemberId,
    pub due_on: NaiveDate,
    pub detail: Value,
    pub done: bool,
    pub snoozed_until: Option<NaiveDate>,
    pub assigned_staff_id: Option<String>,
    pub outcome: Option<CareOutcome>,
    pub note: String,
    pub appointment_id: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
}

/// A row of the desk's list (also the wire type).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CareView {
    pub id: String,
    pub kind: CareKind,
    pub member_id: String,
    pub member_name: String,
    pub member_no: String,
    pub tier: crate::member::Tier,
    /// Masked unless the viewer may see full phones (`SeeFullPhone`).
    pub phone: String,
    pub preferred_staff_name: Option<String>,
    pub assigned_staff_id: Option<String>,
    pub assigned_staff_name: Option<String>,
    pub last_visit_on: Option<NaiveDate>,
    pub due_on: NaiveDate,
    /// Why: the service and visit date, the points, the package… (per kind).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub detail: Value,
    pub done: bool,
    pub outcome: Option<CareOutcome>,
    pub note: String,
    pub appointment_id: Option<String>,
    pub snoozed_until: Option<NaiveDate>,
    /// A message may go to her (a service message, or she consented).
    pub may_message: bool,
    /// Whether her message is already in the outbox.
    pub message_queued: bool,
}

/// Where the next page starts (hand it back as is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CareCursor {
    pub due_on: String,
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CareList {
    pub tasks: Vec<CareView>,
    pub next: Option<CareCursor>,
}

pub const MAX_PAGE: usize = 200;
const NOTE_MAX: usize = 500;

const TASK: &str = "SELECT id, kind, member_id, due_on, detail, status, snoozed_until,
    assigned_staff_id, outcome, note, appointment_id, done_at FROM care_tasks";

fn task_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Vec<String>, Vec<Option<String>>)> {
    let texts = (0..6)
        .map(|i| r.get::<_, String>(i))
        .collect::<rusqlite::Result<_>>()?;
    let opts = (6..12)
        .map(|i| r.get::<_, Option<String>>(i))
        .collect::<rusqlite::Result<_>>()?;
    Ok((texts, opts))
}

fn to_task((t, o): (Vec<String>, Vec<Option<String>>)) -> Result<CareTask> {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    Ok(CareTask {
        id: t[0].clone(),
        kind: CareKind::parse(&t[1])?,
        member_id: t[2]
            .parse()
            .map_err(|_| CoreError::Internal("a care task's member id".into()))?,
        due_on: date(&t[3]).unwrap_or_default(),
        detail: serde_json::from_str(&t[4]).unwrap_or(Value::Null),
        done: t[5] == "done",
        snoozed_until: o[0].as_deref().and_then(date),
        assigned_staff_id: o[1].clone(),
        outcome: o[2].as_deref().and_then(CareOutcome::parse),
        note: o[3].clone().unwrap_or_default(),
        appointment_id: o[4].clone(),
        done_at: o[5].as_deref().and_then(parse_iso),
    })
}

/// What the desk chooses to see.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CareFilterView"))]
#[serde(rename_all = "camelCase", default)]
pub struct CareFilter {
    /// Only hers (assigned to her, or her preferred members' unassigned ones).
    pub mine: bool,
    pub kind: Option<CareKind>,
    /// Also the tasks done today (to see what was worked).
    pub done_today: bool,
}

const LIST: &str = "SELECT t.id, t.kind, t.member_id, m.name, m.member_no, m.phone, ps.name,
        t.assigned_staff_id, asg.name, m.last_visit_at, t.due_on, t.detail, t.status, t.outcome,
        t.note, t.appointment_id, t.snoozed_until, m.consent_marketing, m.archived_at,
        EXISTS (SELECT 1 FROM messages g WHERE g.care_task_id = t.id), m.tier
    FROM care_tasks t JOIN members m ON m.id = t.member_id
    LEFT JOIN staff ps ON ps.id = m.preferred_staff_id
    LEFT JOIN staff asg ON asg.id = t.assigned_staff_id";

/// Open and due (or done today, if asked), not snoozed past today; `?1`
/// today, `?2` the viewer (mine), `?3` a kind, `?4` today's start (ISO).
const WHERE: &str = "WHERE t.due_on <= ?1
      AND ((t.status = 'open' AND (t.snoozed_until IS NULL OR t.snoozed_until <= ?1))
           OR (?5 AND t.status = 'done' AND t.done_at >= ?4))
      AND (?2 IS NULL OR t.assigned_staff_id = ?2
           OR (t.assigned_staff_id IS NULL AND m.preferred_staff_id = ?2))
      AND (?3 IS NULL OR t.kind = ?3)
      AND m.erased_at IS NULL";

impl Store {
    pub fn care_task(&self, id: &str) -> Result<CareTask> {
        let row = self
            .conn
            .prepare_cached(&format!("{TASK} WHERE id = ?1"))?
            .query_row([id], task_row)
            .optional()?
            .ok_or(CoreError::NotFound {
                entity: "care task",
            })?;
        to_task(row)
    }

    /// Today's list, overdue first, a page at a time (keyset on day and id).
    pub fn care_list(
        &self,
        actor: &Staff,
        filter: &CareFilter,
        after: Option<&CareCursor>,
        limit: usize,
    ) -> Result<CareList> {
        actor.require(Permission::WorkCareTasks)?;
        let cfg = self.checkout_settings()?;
        let today = cfg.business_date(self.now());
        let day_start = today.and_time(chrono::NaiveTime::MIN).and_utc()
            - Duration::minutes(i64::from(cfg.utc_offset_minutes));
        let full_phone = actor.role.may(Permission::SeeFullPhone);
        let limit = limit.clamp(1, MAX_PAGE);
        let mine = filter.mine.then(|| actor.id.to_string());
        let (after_day, after_id) = after
            .map(|c| (c.due_on.clone(), c.id.clone()))
            .unwrap_or_default();
        let sql = format!(
            "{LIST} {WHERE} AND (t.due_on, t.id) > (?6, ?7) ORDER BY t.due_on, t.id LIMIT ?8"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                today.to_string(),
                mine,
                filter.kind.map(CareKind::as_str),
                iso(day_start),
                filter.done_today,
                after_day,
                after_id,
                limit as i64 + 1
            ],
            |r| {
                let date = |s: Option<String>| {
                    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
                };
                let kind: String = r.get(1)?;
                let phone: String = r.get(5)?;
                let last: Option<String> = r.get(9)?;
                let detail: String = r.get(11)?;
                let consent: bool = r.get(17)?;
                let archived: Option<String> = r.get(18)?;
                let tier: String = r.get(20)?;
                Ok((
                    kind,
                    consent && archived.is_none(),
                    CareView {
                        id: r.get(0)?,
                        kind: CareKind::PostVisit,
                        member_id: r.get(2)?,
                        member_name: r.get(3)?,
                        member_no: r.get(4)?,
                        tier: match tier.as_str() {
                            "silver" => crate::member::Tier::Silver,
                            "gold" => crate::member::Tier::Gold,
                            "platinum" => crate::member::Tier::Platinum,
                            _ => crate::member::Tier::Standard,
                        },
                        phone: {
                            let p = crate::types::Phone::from_stored(phone);
                            if full_phone {
                                p.display()
                            } else {
                                p.masked()
                            }
                        },
                        preferred_staff_name: r.get(6)?,
                        assigned_staff_id: r.get(7)?,
                        assigned_staff_name: r.get(8)?,
                        last_visit_on: last
                            .as_deref()
                            .and_then(parse_iso)
                            .map(|t| cfg.business_date(t)),
                        due_on: date(r.get(10)?).unwrap_or_default(),
                        detail: serde_json::from_str(&detail).unwrap_or(Value::Null),
                        done: r.get::<_, String>(12)? == "done",
                        outcome: r
                            .get::<_, Option<String>>(13)?
                            .as_deref()
                            .and_then(CareOutcome::parse),
                        note: r.get(14)?,
                        appointment_id: r.get(15)?,
                        snoozed_until: date(r.get(16)?),
                        may_message: false,
                        message_queued: r.get(19)?,
                    },
                ))
            },
        )?;
        let mut tasks = Vec::new();
        for row in rows {
            let (kind, consent, mut v) = row?;
            v.kind = CareKind::parse(&kind)?;
            v.may_message = super::send::may_message(v.kind, consent);
            tasks.push(v);
        }
        let next = (tasks.len() > limit).then(|| {
            tasks.truncate(limit);
            let last = &tasks[limit - 1];
            CareCursor {
                due_on: last.due_on.to_string(),
                id: last.id.clone(),
            }
        });
        Ok(CareList { tasks, next })
    }

    /// How many tasks are open on today's list (the top bar's badge).
    pub fn care_open_count(&self, actor: &Staff, mine: bool) -> Result<i64> {
        actor.require(Permission::WorkCareTasks)?;
        let today = self.business_date()?.to_string();
        let mine = mine.then(|| actor.id.to_string());
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM care_tasks t JOIN members m ON m.id = t.member_id {WHERE}"
            ))?
            .query_row(params![today, mine, None::<String>, "", false], |r| {
                r.get(0)
            })?)
    }

    /// Marks a task done with what came of it. `booked` may link the
    /// appointment made; a task done already is refused (`Conflict`).
    pub fn complete_care_task(
        &mut self,
        actor: &Staff,
        id: &str,
        outcome: CareOutcome,
        note: &str,
        appointment: Option<&str>,
    ) -> Result<()> {
        actor.require(Permission::WorkCareTasks)?;
        let note = note.trim();
        if note.chars().count() > NOTE_MAX {
            return Err(CoreError::validation(
                "note",
                format!("at most {NOTE_MAX} characters"),
            ));
        }
        if appointment.is_some() && outcome != CareOutcome::Booked {
            return Err(CoreError::validation(
                "appointmentId",
                "only a booking links an appointment",
            ));
        }
        let task = self.care_task(id)?;
        if task.done {
            return Err(CoreError::Conflict("this follow-up is already done".into()));
        }
        if let Some(a) = appointment {
            let known: bool = self
                .conn
                .prepare_cached(
                    "SELECT count(*) > 0 FROM appointments WHERE id = ?1 AND member_id = ?2",
                )?
                .query_row(params![a, task.member_id], |r| r.get(0))?;
            if !known {
                return Err(CoreError::validation(
                    "appointmentId",
                    "not an appointment of hers",
                ));
            }
        }
        self.write(|w| {
            let at = iso(w.now());
            w.prepare_cached(
                "UPDATE care_tasks SET status = 'done', outcome = ?2, note = ?3, appointment_id = ?4,
                     done_staff_id = ?5, done_at = ?6, updated_at = ?6 WHERE id = ?1",
            )?
            .execute(params![id, outcome.as_str(), note, appointment, actor.id.to_string(), at])?;
            emit(w, id, json!({ "status": "done", "outcome": outcome, "note": note,
                "appointmentId": appointment, "doneStaffId": actor.id, "doneAt": at }))
        })
    }

    /// Takes a task off the list until `until` (after today, within 90 days).
    pub fn snooze_care_task(&mut self, actor: &Staff, id: &str, until: NaiveDate) -> Result<()> {
        actor.require(Permission::WorkCareTasks)?;
        let today = self.business_date()?;
        if until <= today || until > today + Duration::days(90) {
            return Err(CoreError::validation(
                "until",
                "a day after today, within 90 days",
            ));
        }
        if self.care_task(id)?.done {
            return Err(CoreError::Conflict("this follow-up is already done".into()));
        }
        self.write(|w| {
            let at = iso(w.now());
            w.prepare_cached(
                "UPDATE care_tasks SET snoozed_until = ?2, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![id, until.to_string(), at])?;
            emit(w, id, json!({ "snoozedUntil": until }))
        })
    }

    /// Gives a task to a staff member (`None`: back to the store's list).
    pub fn reassign_care_task(
        &mut self,
        actor: &Staff,
        id: &str,
        to: Option<StaffId>,
    ) -> Result<()> {
        actor.require(Permission::ManageCare)?;
        self.care_task(id)?;
        if let Some(to) = to {
            let active: bool = self
                .conn
                .prepare_cached("SELECT count(*) > 0 FROM staff WHERE id = ?1 AND active = 1")?
                .query_row([to.to_string()], |r| r.get(0))?;
            if !active {
                return Err(CoreError::validation(
                    "staffId",
                    "not an active staff member",
                ));
            }
        }
        let to = to.map(|s| s.to_string());
        self.write(|w| {
            let at = iso(w.now());
            w.prepare_cached(
                "UPDATE care_tasks SET assigned_staff_id = ?2, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![id, to, at])?;
            emit(w, id, json!({ "assignedStaffId": to }))
        })
    }
}

fn emit(w: &mut Writer<'_>, id: &str, payload: Value) -> Result<()> {
    w.emit("care_task", &id, OpKind::Upsert, &payload)?;
    Ok(())
}
