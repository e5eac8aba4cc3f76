//! A manager's approval for one action. A manager or the owner enters her PIN
//! at the desk for one permission (a refund, a typed price, …); the core checks
//! the PIN (with the usual lock-out) and that her role holds that permission
//! itself, and hands back a token: an `Approval`. The token is good once, for
//! that permission only, for `APPROVAL_TTL_SECONDS`; the function doing the
//! action checks it (`authorise`) and spends it once the action is written.
//!
//! The grants live in the open store's memory, never on disk and never in the
//! web view: the UI keeps only the token, so the PIN is typed once and
//! forgotten, and a token the UI leaks is worth one action for two minutes.

use crate::ids::StaffId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::{CoreError, Result};
use std::collections::HashMap;
use std::str::FromStr;
use uuid::Uuid;

/// How long an approval may wait for its action: long enough to finish the
/// sale the manager just looked at, too short to be kept for later.
pub const APPROVAL_TTL_SECONDS: i64 = 120;

/// A token for one approved action (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Approval(Uuid);

impl Approval {
    pub fn token(&self) -> String {
        self.0.to_string()
    }
}

impl FromStr for Approval {
    type Err = CoreError;
    fn from_str(s: &str) -> Result<Self> {
        s.trim()
            .parse()
            .map(Approval)
            .map_err(|_| CoreError::ApprovalInvalid { reason: "unknown" })
    }
}

/// What a manager approved: kept by the store, looked up by token.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    approver: StaffId,
    permission: Permission,
    expires_ms: i64,
}

/// The approvals given and not yet spent (nor expired).
#[derive(Debug, Default)]
pub(crate) struct Approvals(HashMap<Approval, Grant>);

/// What `authorise` found: who approved (none when the actor holds the
/// permission herself) and the token to spend once the action is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Authorised {
    pub approver: Option<StaffId>,
    token: Option<Approval>,
}

impl Store {
    /// Checks a manager's (or owner's) PIN for one action that needs approval
    /// and returns its token. Refused (`forbidden`) if her role does not hold
    /// `permission` herself: a cashier cannot approve what she may not do.
    pub fn approve(
        &mut self,
        approver: StaffId,
        pin: &str,
        permission: Permission,
    ) -> Result<Approval> {
        let staff = self.login(approver, pin)?;
        if !staff.role.may(permission) {
            return Err(CoreError::Forbidden(format!(
                "a {} cannot approve this ({permission:?})",
                staff.role.as_str()
            )));
        }
        let now = self.clock.now().timestamp_millis();
        self.approvals.0.retain(|_, g| g.expires_ms > now);
        let token = Approval(Uuid::now_v7());
        self.approvals.0.insert(
            token,
            Grant {
                approver: staff.id,
                permission,
                expires_ms: now + APPROVAL_TTL_SECONDS * 1000,
            },
        );
        Ok(token)
    }

    /// Whether `actor` may do `p` now: she holds it herself, or one of
    /// `approvals` is an unspent, unexpired approval for `p`. Spends nothing:
    /// the caller spends the token (`spend_approval`) after the write.
    pub fn authorise(
        &self,
        actor: &Staff,
        p: Permission,
        approvals: &[Approval],
    ) -> Result<Authorised> {
        if actor.role.may(p) {
            return Ok(Authorised::default());
        }
        if approvals.is_empty() {
            return Err(CoreError::Forbidden(format!(
                "a {} needs a manager's approval for this ({p:?})",
                actor.role.as_str()
            )));
        }
        let now = self.clock.now().timestamp_millis();
        let mut reason = "unknown";
        for token in approvals {
            let Some(g) = self.approvals.0.get(token) else {
                continue;
            };
            if g.permission != p {
                reason = "other_action";
            } else if g.expires_ms <= now {
                reason = "expired";
            } else {
                return Ok(Authorised {
                    approver: Some(g.approver),
                    token: Some(*token),
                });
            }
        }
        Err(CoreError::ApprovalInvalid { reason })
    }

    /// Spends the approval `a` used (once the action it approved is written).
    pub fn spend_approval(&mut self, a: &Authorised) {
        if let Some(token) = a.token {
            self.approvals.0.remove(&token);
        }
    }
}
