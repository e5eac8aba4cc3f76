//! Wire types of the permission matrix, approvals and sensitive notes.

use salondesk_core::member::{RevealReason, SensitiveNotes, SkinType};
use salondesk_core::staff::{Permission, Role};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One row of the matrix: a permission and the roles that hold it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PermissionRow {
    pub permission: Permission,
    pub roles: Vec<Role>,
}

impl PermissionRow {
    /// The core's whole matrix, in its order (`Permission::ALL`, `Role::ALL`).
    pub fn matrix() -> Vec<PermissionRow> {
        Permission::ALL
            .iter()
            .map(|&p| PermissionRow {
                permission: p,
                roles: Role::ALL.iter().copied().filter(|r| r.may(p)).collect(),
            })
            .collect()
    }
}

/// Why the notes are revealed: a code, and the text for `other`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevealInput {
    pub reason: RevealReason,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SensitiveNotesView {
    pub skin_type: Option<SkinType>,
    pub allergies: String,
    pub notes: String,
}

impl From<SensitiveNotes> for SensitiveNotesView {
    fn from(n: SensitiveNotes) -> Self {
        SensitiveNotesView {
            skin_type: n.skin_type,
            allergies: n.allergies,
            notes: n.notes,
        }
    }
}
