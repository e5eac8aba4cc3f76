//! Feedback, complaints and points on the wire (issue 17): a visit's rating
//! form, complaints and their notes, a member's points history, the points
//! exchange list. Times are ISO text; points are whole numbers.

use crate::error::ApiError;
use salondesk_core::feedback::{
    self as fb, ComplaintKind, ComplaintMove, ComplaintStatus, FeedbackSource, Grade,
};
use salondesk_core::points::{self as pt, ExchangeKind};
use salondesk_core::CoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn id<T: std::str::FromStr>(s: &str, field: &'static str) -> Result<T, ApiError> {
    s.parse()
        .map_err(|_| CoreError::validation(field, "not a valid id").into())
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RatedStaffView {
    pub staff_id: String,
    pub name: String,
    pub score: Option<u8>,
    pub grade: Option<Grade>,
}

impl From<&fb::RatedStaff> for RatedStaffView {
    fn from(r: &fb::RatedStaff) -> Self {
        RatedStaffView {
            staff_id: r.staff_id.to_string(),
            name: r.name.clone(),
            score: r.score,
            grade: r.grade,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitFeedbackView {
    pub sale_id: String,
    pub member_id: Option<String>,
    pub score: u8,
    pub grade: Grade,
    pub staff: Vec<RatedStaffView>,
    pub comment: String,
    pub source: FeedbackSource,
    pub recorded_at: String,
}

impl From<&fb::VisitFeedback> for VisitFeedbackView {
    fn from(f: &fb::VisitFeedback) -> Self {
        VisitFeedbackView {
            sale_id: f.sale_id.clone(),
            member_id: f.member_id.map(|m| m.to_string()),
            score: f.score,
            grade: f.grade,
            staff: f.staff.iter().map(Into::into).collect(),
            comment: f.comment.clone(),
            source: f.source,
            recorded_at: salondesk_core::time::iso(f.recorded_at),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackFormView {
    pub sale_id: String,
    pub member_id: Option<String>,
    pub receipt_no: String,
    pub staff: Vec<RatedStaffView>,
    pub existing: Option<VisitFeedbackView>,
}

impl From<&fb::FeedbackForm> for FeedbackFormView {
    fn from(f: &fb::FeedbackForm) -> Self {
        FeedbackFormView {
            sale_id: f.sale_id.clone(),
            member_id: f.member_id.map(|m| m.to_string()),
            receipt_no: f.receipt_no.clone(),
            staff: f.staff.iter().map(Into::into).collect(),
            existing: f.existing.as_ref().map(Into::into),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffScoreInput {
    pub staff_id: String,
    pub score: u8,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FeedbackInputDto {
    pub sale_id: String,
    pub score: u8,
    pub staff_scores: Vec<StaffScoreInput>,
    pub comment: String,
    pub source: FeedbackSource,
}

impl FeedbackInputDto {
    pub fn to_core(&self) -> Result<fb::FeedbackInput, ApiError> {
        Ok(fb::FeedbackInput {
            sale_id: self.sale_id.clone(),
            score: self.score,
            staff_scores: self
                .staff_scores
                .iter()
                .map(|s| Ok((id(&s.staff_id, "staffScores")?, s.score)))
                .collect::<Result<_, ApiError>>()?,
            comment: self.comment.clone(),
            source: self.source,
        })
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintInputDto {
    pub member_id: String,
    pub kind: ComplaintKind,
    pub sale_id: Option<String>,
    pub staff_id: Option<String>,
    pub description: String,
}

impl ComplaintInputDto {
    pub fn to_core(&self) -> Result<fb::ComplaintInput, ApiError> {
        Ok(fb::ComplaintInput {
            member: id(&self.member_id, "memberId")?,
            kind: self.kind,
            sale_id: self.sale_id.clone().filter(|s| !s.is_empty()),
            staff_id: match self.staff_id.as_deref().filter(|s| !s.is_empty()) {
                Some(s) => Some(id(s, "staffId")?),
                None => None,
            },
            description: self.description.clone(),
        })
    }
}

/// A step of a complaint's handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStep {
    Take,
    Note,
    Resolve,
    Close,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintStepInput {
    pub step: ComplaintStep,
    /// For `take`: the manager who owns it (none: who takes it).
    pub owner_id: Option<String>,
    /// For `resolve`: her satisfaction with the handling, 1–5.
    pub satisfaction: Option<u8>,
    pub note: String,
}

impl ComplaintStepInput {
    pub fn to_core(&self) -> Result<ComplaintMove, ApiError> {
        Ok(match self.step {
            ComplaintStep::Take => ComplaintMove::Take {
                owner: match self.owner_id.as_deref().filter(|s| !s.is_empty()) {
                    Some(s) => Some(id(s, "ownerId")?),
                    None => None,
                },
            },
            ComplaintStep::Note => ComplaintMove::Note,
            ComplaintStep::Resolve => ComplaintMove::Resolve {
                satisfaction: self.satisfaction.ok_or_else(|| {
                    ApiError::from(CoreError::validation(
                        "satisfaction",
                        "how satisfied is she with the handling?",
                    ))
                })?,
            },
            ComplaintStep::Close => ComplaintMove::Close,
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintView {
    pub id: String,
    pub member_id: String,
    pub member_name: String,
    pub kind: ComplaintKind,
    pub sale_id: Option<String>,
    pub receipt_no: Option<String>,
    pub staff_name: Option<String>,
    pub description: String,
    pub received_by_name: Option<String>,
    pub received_at: String,
    pub status: ComplaintStatus,
    pub owner_id: Option<String>,
    pub owner_name: Option<String>,
    pub satisfaction: Option<u8>,
    pub resolved_at: Option<String>,
    /// Received → resolved/closed, or waiting so far.
    #[ts(type = "number")]
    pub handling_minutes: i64,
}

impl From<&fb::ComplaintRow> for ComplaintView {
    fn from(c: &fb::ComplaintRow) -> Self {
        ComplaintView {
            id: c.id.clone(),
            member_id: c.member_id.to_string(),
            member_name: c.member_name.clone(),
            kind: c.kind,
            sale_id: c.sale_id.clone(),
            receipt_no: c.receipt_no.clone(),
            staff_name: c.staff_name.clone(),
            description: c.description.clone(),
            received_by_name: c.received_by_name.clone(),
            received_at: salondesk_core::time::iso(c.received_at),
            status: c.status,
            owner_id: c.owner_id.map(|s| s.to_string()),
            owner_name: c.owner_name.clone(),
            satisfaction: c.satisfaction,
            resolved_at: c.resolved_at.map(salondesk_core::time::iso),
            handling_minutes: c.handling_minutes,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintActionView {
    pub id: String,
    pub staff_name: Option<String>,
    pub note: String,
    pub status: Option<ComplaintStatus>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplaintDetailView {
    pub complaint: ComplaintView,
    pub actions: Vec<ComplaintActionView>,
}

impl From<&fb::ComplaintDetail> for ComplaintDetailView {
    fn from(d: &fb::ComplaintDetail) -> Self {
        ComplaintDetailView {
            complaint: (&d.complaint).into(),
            actions: d
                .actions
                .iter()
                .map(|a| ComplaintActionView {
                    id: a.id.clone(),
                    staff_name: a.staff_name.clone(),
                    note: a.note.clone(),
                    status: a.status,
                    created_at: a.created_at.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PointsEntryView {
    pub id: String,
    #[ts(type = "number")]
    pub delta: i64,
    pub reason: String,
    pub sale_id: Option<String>,
    pub receipt_no: Option<String>,
    pub staff_name: Option<String>,
    pub note: Option<String>,
    pub expires_on: Option<String>,
    pub created_at: String,
    #[ts(type = "number")]
    pub balance: i64,
}

impl From<&pt::PointsEntry> for PointsEntryView {
    fn from(e: &pt::PointsEntry) -> Self {
        PointsEntryView {
            id: e.id.clone(),
            delta: e.delta,
            reason: e.reason.clone(),
            sale_id: e.sale_id.clone(),
            receipt_no: e.receipt_no.clone(),
            staff_name: e.staff_name.clone(),
            note: e.note.clone(),
            expires_on: e.expires_on.clone(),
            created_at: e.created_at.clone(),
            balance: e.balance,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeItemView {
    pub id: String,
    pub kind: ExchangeKind,
    pub item_id: Option<String>,
    pub coupon_code: Option<String>,
    pub name: String,
    #[ts(type = "number")]
    pub points: i64,
    #[ts(type = "number | null")]
    pub valid_days: Option<i64>,
    pub active: bool,
    #[ts(type = "number | null")]
    pub on_hand: Option<i64>,
}

impl From<&pt::ExchangeItem> for ExchangeItemView {
    fn from(i: &pt::ExchangeItem) -> Self {
        ExchangeItemView {
            id: i.id.clone(),
            kind: i.kind,
            item_id: i.item_id.clone(),
            coupon_code: i.coupon_code.clone(),
            name: i.name.clone(),
            points: i.points,
            valid_days: i.valid_days,
            active: i.active,
            on_hand: i.on_hand,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeItemInputDto {
    pub id: Option<String>,
    pub kind: ExchangeKind,
    pub item_id: Option<String>,
    pub coupon_code: Option<String>,
    pub name: String,
    #[ts(type = "number")]
    pub points: i64,
    #[ts(type = "number | null")]
    pub valid_days: Option<i64>,
    pub active: bool,
}

impl ExchangeItemInputDto {
    pub fn to_core(&self) -> pt::ExchangeItemInput {
        pt::ExchangeItemInput {
            id: self.id.clone().filter(|s| !s.is_empty()),
            kind: self.kind,
            item_id: self.item_id.clone(),
            coupon_code: self.coupon_code.clone(),
            name: self.name.clone(),
            points: self.points,
            valid_days: self.valid_days,
            active: self.active,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExchangedView {
    #[ts(type = "number")]
    pub points_left: i64,
    pub coupon_id: Option<String>,
}
