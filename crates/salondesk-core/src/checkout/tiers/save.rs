//! The owner saves the tier rules, and every member is judged again under
//! them, in batches through the write path (so each change syncs).
//!
//! A rule change moves members **up** at once, never down: a salon does not
//! take a card from a client because head office changed the rules on a
//! Tuesday. Whoever falls short of her tier under the new rule keeps it until
//! the month-end review (`run_month_end`), which applies the rule as it then
//! stands; the owner is told how many that is, so nobody is surprised.

use super::{benefits, evaluate, load_rules, record_change, rule, TierRule};
use crate::ids::MemberId;
use crate::money::Money;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::params;
use serde::Serialize;
use serde_json::json;

/// The saved rules and what they did to the members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierRulesSaved {
    pub rules: Vec<TierRule>,
    /// Members moved up by the new rules (each change kept with reason `rule_change`).
    pub moved_up: usize,
    /// Members the new rules would put lower: they keep their tier until the
    /// month-end review.
    pub down_at_review: usize,
}

/// Members judged per write transaction: the desk keeps selling between batches.
const BATCH: usize = 500;

impl Store {
    /// The owner (on a head-office device, for a chain) edits the tier rules.
    /// Tiers stay in rank order: a higher tier may not give a smaller discount
    /// or multiplier than a lower one. Then every member is judged again.
    pub fn save_tier_rules(&mut self, actor: &Staff, rules: &[TierRule]) -> Result<TierRulesSaved> {
        actor.require(Permission::EditTierRules)?;
        self.check_head_office()?;
        let mut sorted = rules.to_vec();
        sorted.sort_by_key(|r| r.tier);
        for r in &sorted {
            rule::check(r)?;
            benefits::check(&r.free_services)?;
            if r.birthday_multiplier_pct
                .is_some_and(|p| !(100..=1000).contains(&p))
            {
                return Err(CoreError::validation(
                    "birthdayMultiplierPct",
                    "a birthday multiplier is 1× to 10×",
                ));
            }
        }
        for pair in sorted.windows(2) {
            if pair[1].discount_bp < pair[0].discount_bp
                || pair[1].points_multiplier_pct < pair[0].points_multiplier_pct
            {
                return Err(CoreError::validation(
                    "tiers",
                    "a higher tier cannot give less than a lower one",
                ));
            }
        }
        let before = load_rules(&self.conn)?;
        self.write(|w| {
            let mut changed = Vec::new();
            for r in &sorted {
                for f in &r.free_services {
                    let known: bool = w
                        .prepare_cached("SELECT EXISTS (SELECT 1 FROM services WHERE id = ?1)")?
                        .query_row([f.service_id], |row| row.get(0))?;
                    if !known {
                        return Err(CoreError::validation("freeServices", "no such service"));
                    }
                }
                if before.iter().any(|b| b == r) {
                    continue;
                }
                w.prepare_cached(
                    "UPDATE tiers SET discount_bp = ?2, points_multiplier_pct = ?3, booking_days = ?4,
                        min_cumulative_spend = ?5, min_monthly_spend = ?6, consecutive_months = ?7,
                        rule_mode = ?8, birthday_multiplier_pct = ?9, free_services = ?10,
                        updated_at = ?11 WHERE code = ?1",
                )?
                .execute(params![
                    r.tier.as_str(),
                    r.discount_bp,
                    r.points_multiplier_pct,
                    r.booking_days,
                    r.min_cumulative_spend.map(Money::fen),
                    r.min_monthly_spend.map(Money::fen),
                    r.consecutive_months,
                    r.mode.as_str(),
                    r.birthday_multiplier_pct,
                    serde_json::to_string(&r.free_services)?,
                    crate::time::iso(w.now())
                ])?;
                w.emit("tier", &r.tier.as_str(), OpKind::Upsert, r)?;
                changed.push(r.tier.as_str());
            }
            // No personal data: which tiers changed.
            crate::checkout::audit::record(
                w,
                actor.id,
                None,
                "tier_rules",
                None,
                &json!({ "tiers": changed }),
            )?;
            Ok(())
        })?;
        let (moved_up, down_at_review) = self.judge_all_members()?;
        Ok(TierRulesSaved {
            rules: load_rules(&self.conn)?,
            moved_up,
            down_at_review,
        })
    }

    /// Every active member judged under the rules as they stand, in batches:
    /// (moved up, would move down at the month-end review).
    fn judge_all_members(&mut self) -> Result<(usize, usize)> {
        let month = {
            let cfg = super::super::settings::load(&self.conn)?;
            cfg.business_date(self.now()).format("%Y-%m").to_string()
        };
        let (mut up, mut down, mut after): (usize, usize, Option<MemberId>) = (0, 0, None);
        loop {
            let ids: Vec<MemberId> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM members WHERE archived_at IS NULL
                     AND (?1 IS NULL OR id > ?1) ORDER BY id LIMIT ?2",
                )?
                .query_map(params![after, BATCH as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let (u, d) = self.write(|w| {
                let rules = load_rules(w)?;
                let (mut u, mut d) = (0, 0);
                for id in &ids {
                    let (current, target, cumulative) = evaluate(w, &rules, *id, &month)?;
                    if target > current {
                        let why = format!("rule_change: cumulative spend {cumulative}");
                        record_change(w, *id, current, target, &why)?;
                        u += 1;
                    } else {
                        d += usize::from(target < current);
                    }
                }
                Ok((u, d))
            })?;
            up += u;
            down += d;
            match ids.last() {
                Some(last) if ids.len() == BATCH => after = Some(*last),
                _ => return Ok((up, down)),
            }
        }
    }
}
