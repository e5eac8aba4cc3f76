//! Tier changes: each kept with its reason and synced; a manager's change by
//! hand; a member's history.

use super::Tier;
use crate::ids::MemberId;
use crate::staff::Staff;
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;

/// Moves a member to `to`, keeping the change and its reason, and syncing both.
pub(super) fn record_change(
    w: &mut Writer<'_>,
    member: MemberId,
    current: Tier,
    target: Tier,
    why: &str,
) -> Result<()> {
    w.prepare_cached("UPDATE members SET tier = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![member, target.as_str(), crate::time::iso(w.now())])?;
    let change_id = crate::ids::new_v7(w.now()).to_string();
    w.prepare_cached(
        "INSERT INTO tier_changes (id, member_id, from_tier, to_tier, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        change_id,
        member,
        current.as_str(),
        target.as_str(),
        why,
        crate::time::iso(w.now())
    ])?;
    w.emit(
        "member",
        &member,
        OpKind::Upsert,
        &json!({ "tier": target }),
    )?;
    w.emit(
        "tier_change",
        &change_id,
        OpKind::Append,
        &json!({ "memberId": member, "from": current, "to": target, "reason": why }),
    )?;
    Ok(())
}

impl Store {
    /// A manager or the owner puts a member in a tier by hand (a card bought
    /// outright, members brought over from an old system), with the reason.
    pub fn set_member_tier(
        &mut self,
        staff: &Staff,
        member: MemberId,
        tier: Tier,
        reason: &str,
    ) -> Result<()> {
        // A tier by hand gives a tier's discounts as a rule would: the rules' owner decides.
        staff.require(crate::staff::Permission::EditTierRules)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::validation("reason", "say why the tier changes"));
        }
        self.write(|w| {
            let (m, _) = crate::member::load_member(w, member)?;
            if m.archived {
                return Err(CoreError::validation("memberId", "this member is archived"));
            }
            if m.tier != tier {
                let why = format!("set by {}: {reason}", staff.name);
                record_change(w, member, m.tier, tier, &why)?;
            }
            Ok(())
        })
    }
}

/// One recorded upgrade or downgrade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierChange {
    pub from: Tier,
    pub to: Tier,
    pub reason: String,
    pub created_at: String,
}

impl Store {
    /// A member's tier changes, newest first.
    pub fn tier_history(&self, member: MemberId) -> Result<Vec<TierChange>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_tier, to_tier, reason, created_at FROM tier_changes
             WHERE member_id = ?1 ORDER BY created_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([member], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?;
        rows.map(|row| {
            let (from, to, reason, created_at) = row?;
            Ok(TierChange {
                from: Tier::parse(&from)?,
                to: Tier::parse(&to)?,
                reason,
                created_at,
            })
        })
        .collect()
    }
}
