//! An appointment's status (预约状态) and the moves between them:
//! booked → confirmed → arrived → in service → completed, or cancelled /
//! no-show before the client arrives.

use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Booked,
    Confirmed,
    Arrived,
    InService,
    Completed,
    Cancelled,
    NoShow,
}

/// The statuses that hold the beautician's time and the room: everything but
/// cancelled and no-show (a completed appointment did use its slot).
pub(crate) const OCCUPYING_SQL: &str =
    "('booked', 'confirmed', 'arrived', 'in_service', 'completed')";

impl AppointmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Booked => "booked",
            Self::Confirmed => "confirmed",
            Self::Arrived => "arrived",
            Self::InService => "in_service",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::NoShow => "no_show",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "booked" => Self::Booked,
            "confirmed" => Self::Confirmed,
            "arrived" => Self::Arrived,
            "in_service" => Self::InService,
            "completed" => Self::Completed,
            "cancelled" => Self::Cancelled,
            "no_show" => Self::NoShow,
            other => {
                return Err(CoreError::validation(
                    "status",
                    format!("unknown appointment status {other:?}"),
                ))
            }
        })
    }

    /// Whether an appointment in this status holds its time slot.
    pub fn occupies(self) -> bool {
        !matches!(self, Self::Cancelled | Self::NoShow)
    }

    /// Still ahead or under way: may be moved.
    pub fn movable(self) -> bool {
        matches!(self, Self::Booked | Self::Confirmed | Self::Arrived)
    }

    /// May have its end changed (a treatment running over included).
    pub fn resizable(self) -> bool {
        matches!(
            self,
            Self::Booked | Self::Confirmed | Self::Arrived | Self::InService
        )
    }

    /// Whether the desk may take an appointment from `self` to `to` by hand.
    /// Confirming is optional (a client may arrive unconfirmed); cancelling and
    /// no-show only before she arrives; completing once she is here.
    pub fn may_become(self, to: Self) -> bool {
        use AppointmentStatus::*;
        matches!(
            (self, to),
            (Booked, Confirmed | Arrived | Cancelled | NoShow)
                | (Confirmed, Arrived | Cancelled | NoShow)
                | (Arrived, InService | Completed)
                | (InService, Completed)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::AppointmentStatus::*;

    #[test]
    fn the_flow_goes_forward_only() {
        assert!(Booked.may_become(Confirmed));
        assert!(Confirmed.may_become(Arrived));
        assert!(Arrived.may_become(InService));
        assert!(InService.may_become(Completed));
        assert!(!Completed.may_become(Booked));
        assert!(!Arrived.may_become(Cancelled));
        assert!(!InService.may_become(NoShow));
        assert!(!Cancelled.may_become(Confirmed));
        assert!(!NoShow.may_become(Arrived));
        assert!(!Booked.may_become(Booked));
    }

    #[test]
    fn statuses_round_trip_as_text() {
        for s in [
            Booked, Confirmed, Arrived, InService, Completed, Cancelled, NoShow,
        ] {
            assert_eq!(super::AppointmentStatus::parse(s.as_str()).unwrap(), s);
        }
    }
}
