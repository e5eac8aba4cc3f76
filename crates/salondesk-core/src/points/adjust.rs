//! Points by hand (积分调整): a manager adds or takes points with a reason.
//! Added points expire as earned ones do (the end of the year after this
//! one, by the store's setting), so a gesture of goodwill is not forever.

use super::{append, HandRow, MAX_POINTS};
use crate::ids::MemberId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::{CoreError, Result};

impl Store {
    /// Adds (`delta` > 0) or takes (< 0) points by hand; `note` says why and
    /// is required. Refused if it would take her below zero. Audited.
    /// Returns her new balance.
    pub fn adjust_points(
        &mut self,
        actor: &Staff,
        member: MemberId,
        delta: i64,
        note: &str,
    ) -> Result<i64> {
        actor.require(Permission::AdjustPoints)?;
        if delta == 0 || delta.abs() > MAX_POINTS {
            return Err(CoreError::validation(
                "delta",
                format!("an adjustment is 1 to {MAX_POINTS} points, up or down"),
            ));
        }
        let note = crate::feedback::check_text(note, 200, "note")?;
        if note.is_empty() {
            return Err(CoreError::validation("note", "say why the points change"));
        }
        let cfg = self.checkout_settings()?;
        let expires_on = (delta > 0).then(|| {
            crate::checkout::points::expiry_date(&cfg, cfg.business_date(self.clock.now()))
        });
        self.write(|w| {
            let (after, id) = append(
                w,
                &HandRow {
                    member,
                    delta,
                    reason: "adjust",
                    expires_on,
                    staff: actor.id,
                    note: &note,
                    ref_id: None,
                },
            )?;
            // The audit keeps who and how many; the reason is on the ledger row.
            crate::checkout::audit::record(
                w,
                actor.id,
                None,
                "points_adjusted",
                Some(&id),
                &serde_json::json!({ "memberId": member, "delta": delta }),
            )?;
            Ok(after)
        })
    }
}
