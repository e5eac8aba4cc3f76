//! Hours and rooms in the back office: rooms with whether they are in use,
//! and days off with their reason.

use salondesk_core::appointments::{self as ap, ResourceKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomAdminView {
    pub id: String,
    pub name: String,
    pub kind: ResourceKind,
    #[ts(type = "number")]
    pub capacity: i64,
    /// False: taken out of use (not bookable, kept for past appointments).
    pub active: bool,
}

impl From<&ap::Room> for RoomAdminView {
    fn from(r: &ap::Room) -> Self {
        RoomAdminView {
            id: r.id.clone(),
            name: r.name.clone(),
            kind: r.kind,
            capacity: r.capacity,
            active: r.active,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomEditInput {
    pub id: String,
    pub name: String,
    pub kind: ResourceKind,
    #[ts(type = "number")]
    pub capacity: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayOffView {
    /// `YYYY-MM-DD`, a store date.
    pub date: String,
    pub reason: String,
}

impl From<&ap::DayOff> for DayOffView {
    fn from(d: &ap::DayOff) -> Self {
        DayOffView {
            date: d.date.to_string(),
            reason: d.reason.clone(),
        }
    }
}
