//! A manager's approval: a manager or owner enters her PIN at the desk. Holding an
//! `Approval` proves the PIN was checked (with the usual lock-out).

use crate::ids::StaffId;
use crate::staff::Role;
use crate::store::Store;
use crate::{CoreError, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    approver: StaffId,
}

impl Approval {
    pub fn approver(&self) -> StaffId {
        self.approver
    }
}

impl Store {
    /// Checks a manager's (or owner's) PIN for an action that needs approval.
    pub fn approve(&mut self, approver: StaffId, pin: &str) -> Result<Approval> {
        let staff = self.login(approver, pin)?;
        if !matches!(staff.role, Role::Owner | Role::Manager) {
            return Err(CoreError::Forbidden(
                "only a manager or the owner can approve this".into(),
            ));
        }
        Ok(Approval { approver: staff.id })
    }
}
