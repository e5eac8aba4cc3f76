//! What an appointment is, what booking one takes, and what is kept of its
//! changes.

use super::status::AppointmentStatus;
use crate::ids::{MemberId, ServiceId, StaffId};
use crate::member::Tier;
use crate::types::Phone;
use chrono::{DateTime, Utc};

/// Who the appointment is for: a member, or a walk-in (散客) with a name and
/// perhaps a phone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Client {
    Member(MemberId),
    WalkIn { name: String, phone: Option<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookingInput {
    pub client: Client,
    pub service_id: ServiceId,
    pub staff_id: StaffId,
    /// A room or bed; none picks a free one of the kind the service needs (if
    /// the store has rooms of that kind).
    pub room_id: Option<String>,
    pub start: DateTime<Utc>,
    /// None: the service's duration.
    pub end: Option<DateTime<Utc>>,
    pub notes: String,
    /// The desk confirmed booking outside the beautician's working hours.
    pub allow_outside_hours: bool,
}

/// A new time, beautician or room for an appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveInput {
    pub start: DateTime<Utc>,
    /// None keeps the beautician.
    pub staff_id: Option<StaffId>,
    /// None keeps the room.
    pub room_id: Option<String>,
    pub allow_outside_hours: bool,
}

/// An appointment as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub id: String,
    pub member_id: Option<MemberId>,
    /// The member's name, or the walk-in's.
    pub client_name: String,
    /// The member's phone, or the walk-in's if she gave one.
    pub phone: Option<Phone>,
    pub member_tier: Option<Tier>,
    pub service_id: ServiceId,
    pub service_name: String,
    pub staff_id: StaffId,
    pub staff_name: String,
    pub room_id: Option<String>,
    pub room_name: Option<String>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: AppointmentStatus,
    pub notes: String,
    pub cancel_reason: Option<String>,
    pub sale_id: Option<String>,
    pub created_by: StaffId,
    pub created_at: DateTime<Utc>,
}

impl Appointment {
    pub fn is_walk_in(&self) -> bool {
        self.member_id.is_none()
    }
}

/// What a history entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HistoryAction {
    Booked,
    Status,
    Moved,
    Resized,
}

impl HistoryAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Status => "status",
            Self::Moved => "moved",
            Self::Resized => "resized",
        }
    }

    pub(crate) fn parse(s: &str) -> crate::Result<Self> {
        Ok(match s {
            "booked" => Self::Booked,
            "status" => Self::Status,
            "moved" => Self::Moved,
            "resized" => Self::Resized,
            other => {
                return Err(crate::CoreError::Internal(format!(
                    "unknown history action {other:?}"
                )))
            }
        })
    }
}

/// One entry of an appointment's append-only history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: String,
    pub action: HistoryAction,
    pub from_status: Option<AppointmentStatus>,
    pub to_status: AppointmentStatus,
    pub reason: String,
    /// What changed, for people: "11-24 10:00–11:15 → 11-24 14:00–15:15".
    pub detail: String,
    pub staff_id: StaffId,
    pub staff_name: String,
    pub at: DateTime<Utc>,
}
