//! A complaint (投诉): recorded by whoever is at the desk (`RecordFeedback`),
//! handled by a manager (`HandleComplaints`): taken in hand, notes of what
//! was done, and ended as resolved (with her satisfaction with the handling)
//! or closed. Every step is an appended action note and an audit row; the
//! complaint's own fields (status, owner, satisfaction) sync last-writer-wins.

use super::{check_score, check_text};
use crate::ids::{new_v7, MemberId, StaffId};
use crate::staff::{Permission, Role, Staff};
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintKind {
    ServiceQuality,
    Attitude,
    Product,
    Price,
    Hygiene,
    Waiting,
    Other,
}

impl ComplaintKind {
    pub const ALL: &'static [ComplaintKind] = &[
        Self::ServiceQuality,
        Self::Attitude,
        Self::Product,
        Self::Price,
        Self::Hygiene,
        Self::Waiting,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ServiceQuality => "service_quality",
            Self::Attitude => "attitude",
            Self::Product => "product",
            Self::Price => "price",
            Self::Hygiene => "hygiene",
            Self::Waiting => "waiting",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    Open,
    InProgress,
    Resolved,
    Closed,
}

impl ComplaintStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in_progress",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::InProgress, Self::Resolved, Self::Closed]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// Still in the desk's hands (open or being handled).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress)
    }
}

/// The only moves a complaint makes: taken in hand, then resolved or closed.
pub fn may_move(from: ComplaintStatus, to: ComplaintStatus) -> bool {
    use ComplaintStatus::*;
    matches!(
        (from, to),
        (Open, InProgress) | (InProgress, Resolved) | (InProgress, Closed)
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintInput {
    pub member: MemberId,
    pub kind: ComplaintKind,
    /// The visit it is about, if any.
    pub sale_id: Option<String>,
    /// The staff member it is about, if any.
    pub staff_id: Option<StaffId>,
    pub description: String,
}

/// A step in a complaint's handling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComplaintMove {
    /// Taken in hand (in_progress) by `owner` (a manager; None: who acts).
    Take { owner: Option<StaffId> },
    /// A note of what was done; the status stays.
    Note,
    /// Resolved, with her satisfaction with the handling (1–5).
    Resolve { satisfaction: u8 },
    /// Closed without a resolution (she could not be reached, withdrawn …).
    Close,
}

/// One appended note of a complaint's handling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintAction {
    pub id: String,
    pub staff_id: Option<StaffId>,
    pub staff_name: Option<String>,
    pub note: String,
    /// The status it moved to, if it moved one.
    pub status: Option<ComplaintStatus>,
    pub created_at: String,
}

fn add_action(
    w: &mut Writer<'_>,
    complaint: &str,
    staff: StaffId,
    note: &str,
    status: Option<ComplaintStatus>,
) -> Result<()> {
    let id = new_v7(w.now()).to_string();
    let status = status.map(ComplaintStatus::as_str);
    w.prepare_cached(
        "INSERT INTO complaint_actions (id, complaint_id, staff_id, note, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        complaint,
        staff,
        note,
        status,
        crate::time::iso(w.now())
    ])?;
    w.emit(
        "complaint_action",
        &id,
        OpKind::Append,
        &json!({ "complaintId": complaint, "staffId": staff, "note": note, "status": status }),
    )?;
    Ok(())
}

impl Store {
    /// Records a complaint (open), received by `actor`. Returns its id.
    pub fn record_complaint(&mut self, actor: &Staff, input: &ComplaintInput) -> Result<String> {
        actor.require(Permission::RecordFeedback)?;
        let description = check_text(&input.description, 2000, "description")?;
        if description.is_empty() {
            return Err(CoreError::validation("description", "say what happened"));
        }
        self.write(|w| {
            let exists: bool = w
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE id = ?1)")?
                .query_row([input.member], |r| r.get(0))?;
            if !exists {
                return Err(CoreError::NotFound { entity: "member" });
            }
            if let Some(sale) = &input.sale_id {
                let hers: bool = w
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM sales WHERE id = ?1 AND member_id = ?2)",
                    )?
                    .query_row(params![sale, input.member], |r| r.get(0))?;
                if !hers {
                    return Err(CoreError::validation("saleId", "not one of her visits"));
                }
            }
            let id = new_v7(w.now()).to_string();
            let at = crate::time::iso(w.now());
            w.prepare_cached(
                "INSERT INTO complaints (id, member_id, kind, sale_id, staff_id, description,
                                         received_by, received_at, status, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', ?8)",
            )?
            .execute(params![
                id,
                input.member,
                input.kind.as_str(),
                input.sale_id,
                input.staff_id,
                description,
                actor.id,
                at
            ])?;
            w.emit(
                "complaint",
                &id,
                OpKind::Upsert,
                &json!({ "memberId": input.member, "kind": input.kind.as_str(),
                         "saleId": input.sale_id, "staffId": input.staff_id,
                         "description": description, "receivedBy": actor.id,
                         "receivedAt": at, "status": "open" }),
            )?;
            // The audit keeps who and what kind; what she said stays in the complaint.
            crate::checkout::audit::record(
                w,
                actor.id,
                None,
                "complaint_recorded",
                Some(&id),
                &json!({ "kind": input.kind.as_str() }),
            )?;
            Ok(id)
        })
    }

    /// One step of a complaint's handling, with a note of what was done
    /// (required to resolve or close it). A move its status does not allow
    /// is refused on `status` and writes nothing.
    pub fn handle_complaint(
        &mut self,
        actor: &Staff,
        id: &str,
        step: &ComplaintMove,
        note: &str,
    ) -> Result<()> {
        actor.require(Permission::HandleComplaints)?;
        let note = check_text(note, 2000, "note")?;
        let needs_note = matches!(
            step,
            ComplaintMove::Note | ComplaintMove::Resolve { .. } | ComplaintMove::Close
        );
        if needs_note && note.is_empty() {
            return Err(CoreError::validation("note", "say what was done"));
        }
        let satisfaction = match step {
            ComplaintMove::Resolve { satisfaction } => {
                Some(check_score(*satisfaction, "satisfaction")?)
            }
            _ => None,
        };
        self.write(|w| {
            let status: Option<String> = w
                .prepare_cached("SELECT status FROM complaints WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            let from =
                status
                    .as_deref()
                    .and_then(ComplaintStatus::parse)
                    .ok_or(CoreError::NotFound {
                        entity: "complaint",
                    })?;
            let to = match step {
                ComplaintMove::Take { .. } => ComplaintStatus::InProgress,
                ComplaintMove::Note => from,
                ComplaintMove::Resolve { .. } => ComplaintStatus::Resolved,
                ComplaintMove::Close => ComplaintStatus::Closed,
            };
            if to != from && !may_move(from, to) || (to == from && !from.is_open()) {
                return Err(CoreError::validation(
                    "status",
                    format!(
                        "a complaint that is {} cannot become {}",
                        from.as_str(),
                        to.as_str()
                    ),
                ));
            }
            let mut fields = serde_json::Map::new();
            if to != from {
                fields.insert("status".into(), json!(to.as_str()));
            }
            if let ComplaintMove::Take { owner } = step {
                let owner = owner.unwrap_or(actor.id);
                let role: Option<String> = w
                    .prepare_cached("SELECT role FROM staff WHERE id = ?1 AND active = 1")?
                    .query_row([owner], |r| r.get(0))
                    .optional()?;
                let manages = role
                    .as_deref()
                    .and_then(|r| Role::parse(r).ok())
                    .is_some_and(|r| r.may(Permission::HandleComplaints));
                if !manages {
                    return Err(CoreError::validation(
                        "ownerId",
                        "a complaint is handled by a manager",
                    ));
                }
                fields.insert("ownerId".into(), json!(owner));
            }
            if !to.is_open() {
                fields.insert("resolvedAt".into(), json!(crate::time::iso(w.now())));
                fields.insert("satisfaction".into(), json!(satisfaction));
            }
            if !fields.is_empty() {
                w.prepare_cached(
                    "UPDATE complaints SET
                        status = coalesce(?2, status),
                        owner_id = coalesce(?3, owner_id),
                        resolved_at = coalesce(?4, resolved_at),
                        satisfaction = coalesce(?5, satisfaction),
                        updated_at = ?6
                     WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    fields.get("status").and_then(|v| v.as_str()),
                    fields.get("ownerId").and_then(|v| v.as_str()),
                    fields.get("resolvedAt").and_then(|v| v.as_str()),
                    satisfaction,
                    crate::time::iso(w.now())
                ])?;
                w.emit("complaint", &id, OpKind::Upsert, &fields)?;
            }
            let moved = (to != from).then_some(to);
            add_action(w, id, actor.id, &note, moved)?;
            crate::checkout::audit::record(
                w,
                actor.id,
                None,
                "complaint_handled",
                Some(id),
                &json!({ "from": from.as_str(), "to": to.as_str() }),
            )?;
            Ok(())
        })
    }
}
