use salondesk_core::staff::{Permission, Role, Staff};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffBrief {
    pub id: String,
    pub name: String,
    pub role: Role,
}

impl From<&Staff> for StaffBrief {
    fn from(s: &Staff) -> Self {
        StaffBrief {
            id: s.id.to_string(),
            name: s.name.clone(),
            role: s.role,
        }
    }
}

/// Who is logged in on this device and what the UI may show her.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub staff: StaffBrief,
    pub can_see_full_phone: bool,
    /// May archive and merge members and load demo data.
    pub can_manage: bool,
    /// Every permission her role holds (the core's matrix, `Role::may`): the
    /// UI shows what she may do; the core refuses the rest anyway.
    pub permissions: Vec<Permission>,
}

impl From<&Staff> for Session {
    fn from(s: &Staff) -> Self {
        Session {
            staff: s.into(),
            can_see_full_phone: s.role.may(Permission::SeeFullPhone),
            can_manage: s.role.may(Permission::MergeMembers),
            permissions: s.role.permissions(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OwnerInput {
    pub name: String,
    pub pin: String,
}
