//! Who may change whom: the rules a real salon needs on top of the
//! permission matrix (`Permission::ManageStaff`).
//! - An owner manages anyone; a manager manages cashiers and beauticians
//!   only, and gives only those roles (she cannot touch an owner, nor make
//!   an owner or another manager: the owner decides who runs the store).
//! - The store keeps an active owner: nobody deactivates or demotes the last.
//! - Nobody deactivates herself, resets her own PIN or changes her own role;
//!   a manager does not set her own commission.
//! - Nobody is deactivated with appointments still to come: the calendar
//!   shows active staff only, so they would vanish from it unserved.
//! - The actor is read again from the database: a session kept open after
//!   she was deactivated or demoted (at another till) acts as she is now.

use super::{Permission, Role, Staff};
use crate::ids::StaffId;
use crate::store::Store;
use crate::{CoreError, Result};
use rusqlite::OptionalExtension;

/// What the rules need to know about the staff member changed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    pub id: StaffId,
    pub role: Role,
    pub active: bool,
}

pub(crate) fn refused(reason: &'static str, message: &str) -> CoreError {
    CoreError::StaffRefused {
        reason,
        message: message.to_owned(),
    }
}

impl Store {
    /// `by` as she stands now, if she may manage staff at all.
    pub(crate) fn staff_actor(&self, by: &Staff) -> Result<Staff> {
        let now = self.staff(by.id).map_err(|_| {
            CoreError::Forbidden("you are no longer active staff here: log in again".into())
        })?;
        now.require(Permission::ManageStaff)?;
        Ok(now)
    }

    pub(crate) fn staff_target(&self, id: StaffId) -> Result<Target> {
        let row: Option<(String, bool)> = self
            .conn
            .prepare_cached("SELECT role, active FROM staff WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (role, active) = row.ok_or(CoreError::NotFound { entity: "staff" })?;
        Ok(Target {
            id,
            role: Role::parse(&role)?,
            active,
        })
    }

    /// Refuses if `target` is the store's only active owner and the change
    /// (deactivating, or giving another role) would leave it without one.
    pub(crate) fn keep_an_owner(&self, target: &Target) -> Result<()> {
        if target.role != Role::Owner || !target.active {
            return Ok(());
        }
        let others: i64 = self.conn.query_row(
            "SELECT count(*) FROM staff WHERE role = 'owner' AND active = 1 AND id <> ?1",
            [target.id],
            |r| r.get(0),
        )?;
        if others == 0 {
            return Err(refused(
                "last_owner",
                "this is the store's last active owner: make someone else owner first",
            ));
        }
        Ok(())
    }

    /// Refuses to deactivate someone booked from now on (not yet completed,
    /// cancelled or a no-show): move or cancel those first.
    pub(crate) fn no_appointments_ahead(&self, staff: StaffId) -> Result<()> {
        let ahead: i64 = self.conn.query_row(
            "SELECT count(*) FROM appointments WHERE staff_id = ?1 AND end_at >= ?2
               AND status IN ('booked', 'confirmed', 'arrived', 'in_service')",
            rusqlite::params![staff, crate::time::iso(self.now())],
            |r| r.get(0),
        )?;
        if ahead > 0 {
            return Err(refused(
                "has_appointments",
                &format!("she has {ahead} appointment(s) still to come: move or cancel them first"),
            ));
        }
        Ok(())
    }

    /// Refuses a name another active staff member already has (the login
    /// screen, the calendar and commission reports tell staff apart by name).
    pub(crate) fn unique_staff_name(&self, name: &str, except: Option<StaffId>) -> Result<()> {
        let taken: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM staff WHERE active = 1 AND lower(name) = lower(?1)
                            AND (?2 IS NULL OR id <> ?2))",
            rusqlite::params![name, except],
            |r| r.get(0),
        )?;
        if taken {
            return Err(refused(
                "duplicate_name",
                "another active staff member has this name: add a surname or a number",
            ));
        }
        Ok(())
    }
}

/// May `actor` change `target` at all?
pub(crate) fn may_manage(actor: &Staff, target: &Target) -> Result<()> {
    if actor.role == Role::Owner || matches!(target.role, Role::Cashier | Role::Beautician) {
        return Ok(());
    }
    Err(CoreError::Forbidden(format!(
        "a {} may not change a {}: ask the owner",
        actor.role.as_str(),
        target.role.as_str()
    )))
}

/// May `actor` give `role`? An owner any; a manager cashier or beautician.
pub(crate) fn may_give(actor: &Staff, role: Role) -> Result<()> {
    let ok = match actor.role {
        Role::Owner => true,
        Role::Manager => matches!(role, Role::Cashier | Role::Beautician),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(CoreError::Forbidden(format!(
            "a {} may not make anyone a {}",
            actor.role.as_str(),
            role.as_str()
        )))
    }
}

/// Refuses acting on one's own record (`what`: the message's end).
pub(crate) fn not_herself(actor: &Staff, target: StaffId, what: &str) -> Result<()> {
    if actor.id == target {
        return Err(refused(
            "own_record",
            &format!("you cannot {what} yourself"),
        ));
    }
    Ok(())
}
