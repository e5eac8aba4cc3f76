//! Staff (员工): who may log in and what their role lets them do.

mod authority;
pub mod commission;
mod login;
mod manage;
mod pin_reset;
mod register;
mod rules;

pub use commission::CommissionRates;
pub use login::{lock_state, LOCKOUT_MINUTES, MAX_FAILURES};
pub use manage::{StaffDraft, StaffRecord};
pub use salondesk_protocol::limits::STAFF_COLORS;

use crate::ids::StaffId;
use crate::store::Store;
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Manager,
    Cashier,
    Beautician,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Cashier => "cashier",
            Role::Beautician => "beautician",
        }
    }

    pub fn parse(s: &str) -> Result<Role> {
        Ok(match s {
            "owner" => Role::Owner,
            "manager" => Role::Manager,
            "cashier" => Role::Cashier,
            "beautician" => Role::Beautician,
            other => {
                return Err(CoreError::validation(
                    "role",
                    format!("unknown role {other:?}"),
                ))
            }
        })
    }

    /// Every permission this role holds, in the matrix's order.
    pub fn permissions(self) -> Vec<Permission> {
        Permission::ALL
            .iter()
            .copied()
            .filter(|p| self.may(*p))
            .collect()
    }

    /// Every role, as the matrix's columns.
    pub const ALL: &'static [Role] = &[Role::Owner, Role::Manager, Role::Cashier, Role::Beautician];

    /// What this role may do: the one permission matrix (see `Permission`).
    /// Approvals (a manager's PIN for one action) are decided in
    /// `checkout::approval`; the matrix says who may act on her own.
    pub fn may(self, p: Permission) -> bool {
        use Permission::*;
        let manages = matches!(self, Role::Owner | Role::Manager);
        match p {
            // Every role at the desk registers and edits members and sells.
            RegisterMember | EditMember | Sell => true,
            // Bringing members back is the whole desk's work: every role works
            // the care list and records satisfaction and complaints.
            WorkCareTasks | RecordFeedback => true,
            // Settings, reassigning, complaint handling, campaigns (which give
            // coupons away) and points by hand: whoever manages the store.
            ManageCare | HandleComplaints | ManageCampaigns | AdjustPoints => manages,
            // The owner's view of the store (revenue, staff, members): whoever
            // manages the store reads its reports.
            ViewReports => manages,
            // PIPL: only roles that call members (care follow-ups, complaints)
            // see the whole phone number; the desk sees it masked.
            SeeFullPhone => manages,
            // Skin and allergy notes are sensitive: managers see them; the
            // beautician serving the member is decided per member (`member`).
            SeeSensitiveNotes => manages,
            ArchiveMember | MergeMembers | LoadDemoData => manages,
            Refund | Void | ManualDiscount | PriceOverride | PayOut => manages,
            Export | EditCatalog | ManageStaff | ManageStock | ManageSchedule => manages,
            ViewRecords | ResolveConflicts => manages,
            // Backups protect the store: the manager runs them too; a member's
            // data request is handled by whoever manages the store that day.
            ManageBackups | MemberDataRequests => manages,
            // A store manager (店长) runs her store's settings; the chain-wide
            // ones also need a head-office till (`check_head_office`).
            EditStoreSettings => manages,
            // Tier rules and a tier by hand give discounts everywhere; joining
            // a chain hands the till's data to it: the owner's decisions.
            // Opening balances from an import and replacing the database with
            // a backup are the owner's too.
            EditTierRules | EnrolTill | ImportData | Restore => self == Role::Owner,
            // Adding stores, enrolment codes and revoking tills: the chain
            // owner's console (and only from a head-office device).
            ManageChain => self == Role::Owner,
        }
    }
}

/// Things only some roles may do: the permission matrix's rows, in the order
/// the Settings screen shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    Sell,
    RegisterMember,
    EditMember,
    Refund,
    Void,
    ManualDiscount,
    PriceOverride,
    PayOut,
    SeeFullPhone,
    SeeSensitiveNotes,
    ArchiveMember,
    MergeMembers,
    Export,
    ViewRecords,
    EditCatalog,
    ManageStock,
    ManageSchedule,
    EditTierRules,
    ManageStaff,
    EditStoreSettings,
    LoadDemoData,
    EnrolTill,
    /// Settle sync conflicts and operations the server refused.
    ResolveConflicts,
    /// Bring members (with opening balances) and the catalog in from a file:
    /// opening balances create stored value, so the owner's decision.
    ImportData,
    /// Choose the backup folder and schedule, back up now, see backups.
    ManageBackups,
    /// Replace the store's database with a backup: the owner's decision.
    Restore,
    /// A member's data requests (PIPL): export all held about her, erase her.
    MemberDataRequests,
    /// Work the store's care tasks (回访/关怀): see the list, call or message,
    /// mark done with an outcome, snooze. Everyone at the desk.
    WorkCareTasks,
    /// The care settings (kinds, days, templates), reassigning tasks, the RFM
    /// thresholds.
    ManageCare,
    /// Record a visit's satisfaction and a member's complaint. Everyone.
    RecordFeedback,
    /// Take a complaint through its handling (owner, status, actions, closing).
    HandleComplaints,
    /// The member list with filters (segments), campaigns and their issuing.
    ManageCampaigns,
    /// Add or take points by hand, with a reason (audited); the exchange list.
    AdjustPoints,
    /// The Reports screen: sales, staff performance, members, campaigns, stock.
    ViewReports,
    /// The chain owner's console: stores, enrolment codes, tills, revoking.
    ManageChain,
}

impl Permission {
    /// Every permission, in the matrix's order.
    pub const ALL: &'static [Permission] = &[
        Permission::Sell,
        Permission::RegisterMember,
        Permission::EditMember,
        Permission::Refund,
        Permission::Void,
        Permission::ManualDiscount,
        Permission::PriceOverride,
        Permission::PayOut,
        Permission::SeeFullPhone,
        Permission::SeeSensitiveNotes,
        Permission::ArchiveMember,
        Permission::MergeMembers,
        Permission::Export,
        Permission::ViewRecords,
        Permission::EditCatalog,
        Permission::ManageStock,
        Permission::ManageSchedule,
        Permission::EditTierRules,
        Permission::ManageStaff,
        Permission::EditStoreSettings,
        Permission::LoadDemoData,
        Permission::EnrolTill,
        Permission::ResolveConflicts,
        Permission::ImportData,
        Permission::ManageBackups,
        Permission::Restore,
        Permission::MemberDataRequests,
        Permission::WorkCareTasks,
        Permission::ManageCare,
        Permission::RecordFeedback,
        Permission::HandleComplaints,
        Permission::ManageCampaigns,
        Permission::AdjustPoints,
        Permission::ViewReports,
        Permission::ManageChain,
    ];
}

impl Staff {
    /// Refuses with `Forbidden` unless this staff member's role allows `p`.
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.role.may(p) {
            Ok(())
        } else {
            let who = if Role::Manager.may(p) {
                "a manager"
            } else {
                "the owner"
            };
            Err(CoreError::Forbidden(format!(
                "a {} may not do this ({p:?}); ask {who}",
                self.role.as_str()
            )))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff {
    pub id: StaffId,
    pub name: String,
    pub role: Role,
}

impl Store {
    /// Active staff, owners first, then by name: the login screen's list.
    pub fn list_staff(&self) -> Result<Vec<Staff>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, role FROM staff WHERE active = 1
             ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1
                               WHEN 'cashier' THEN 2 ELSE 3 END, name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, StaffId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (id, name, role) = row?;
            Ok(Staff {
                id,
                name,
                role: Role::parse(&role)?,
            })
        })
        .collect()
    }

    /// Who may log in at this till: active staff whose PIN hash it holds
    /// (the server hands a hash only to the staff member's own store's tills;
    /// others of the chain are known here by name, for sales and bookings).
    pub fn login_staff(&self) -> Result<Vec<Staff>> {
        let can: std::collections::HashSet<String> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id FROM staff WHERE active = 1 AND pin_hash <> ''")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        Ok(self
            .list_staff()?
            .into_iter()
            .filter(|s| can.contains(&s.id.to_string()))
            .collect())
    }

    pub fn staff(&self, id: StaffId) -> Result<Staff> {
        self.list_staff()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(CoreError::NotFound { entity: "staff" })
    }

    pub fn has_owner(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM staff WHERE role = 'owner' AND active = 1)",
            [],
            |r| r.get(0),
        )?)
    }
}
