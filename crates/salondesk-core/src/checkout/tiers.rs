//! Membership tiers (普通/银卡/金卡/白金): each with its rule, discount,
//! points multiplier and booking priority. Members are re-evaluated after each
//! sale or refund and at each month's end; every change is recorded with its reason.

use crate::ids::MemberId;
use crate::member::Tier;
use crate::money::Money;
use crate::staff::Staff;
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TierRule {
    pub tier: Tier,
    /// Basis points off the list price: 1000 = 10% off (九折).
    pub discount_bp: i64,
    /// Points multiplier as a percentage: 150 = 1.5×.
    pub points_multiplier_pct: i64,
    /// How many days ahead the tier may book.
    pub booking_days: i64,
    /// Reaching this cumulative spend earns the tier.
    pub min_cumulative_spend: Option<Money>,
    /// ...or spending at least this much in each of `consecutive_months` months in a row.
    pub min_monthly_spend: Option<Money>,
    pub consecutive_months: Option<i64>,
}

/// Why a member's tier changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierReason {
    Sale,
    /// A refund takes back at most what the refunded sale gave: never below
    /// `floor`, the tier she had before that sale (an imported or assigned
    /// tier is not lost to a refund of a small sale).
    Refund {
        floor: Tier,
    },
    MonthEnd,
}

/// The member's tier just before sale `sale_id`: the first tier change at or
/// after the sale says what she had; none means she has had her tier since.
pub(crate) fn tier_before_sale(conn: &Connection, member: MemberId, sale_id: &str) -> Result<Tier> {
    use rusqlite::OptionalExtension;
    let from: Option<String> = conn
        .prepare_cached(
            "SELECT c.from_tier FROM tier_changes c, sales s
             WHERE s.id = ?2 AND c.member_id = ?1 AND c.created_at >= s.created_at
             ORDER BY c.created_at, c.id LIMIT 1",
        )?
        .query_row(params![member, sale_id], |r| r.get(0))
        .optional()?;
    match from {
        Some(t) => Tier::parse(&t),
        None => {
            let t: String = conn
                .prepare_cached("SELECT tier FROM members WHERE id = ?1")?
                .query_row([member], |r| r.get(0))?;
            Tier::parse(&t)
        }
    }
}

pub(crate) fn load_rules(conn: &Connection) -> Result<Vec<TierRule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, discount_bp, points_multiplier_pct, booking_days, min_cumulative_spend,
                min_monthly_spend, consecutive_months FROM tiers ORDER BY rank",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get::<_, Option<i64>>(4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get(6)?,
        ))
    })?;
    rows.map(|row| {
        let (code, discount_bp, points_multiplier_pct, booking_days, cum, monthly, months) = row?;
        Ok(TierRule {
            tier: Tier::parse(&code)?,
            discount_bp,
            points_multiplier_pct,
            booking_days,
            min_cumulative_spend: cum.map(Money),
            min_monthly_spend: monthly.map(Money),
            consecutive_months: months,
        })
    })
    .collect()
}

pub(crate) fn rule_for(rules: &[TierRule], tier: Tier) -> &TierRule {
    rules.iter().find(|r| r.tier == tier).unwrap_or(&rules[0])
}

/// The highest tier whose rule the spending meets. `months` is spend per calendar
/// month, the most recent (the current month) last.
pub fn qualifying_tier(rules: &[TierRule], cumulative: Money, months: &[Money]) -> Tier {
    let mut best = Tier::Standard;
    for rule in rules {
        let by_total = rule
            .min_cumulative_spend
            .is_some_and(|min| cumulative >= min);
        let by_months = match (rule.min_monthly_spend, rule.consecutive_months) {
            (Some(min), Some(n)) if n > 0 && months.len() >= n as usize => months
                [months.len() - n as usize..]
                .iter()
                .all(|m| *m >= min),
            _ => false,
        };
        let free = rule.min_cumulative_spend.is_none() && rule.min_monthly_spend.is_none();
        if (by_total || by_months || free) && rule.tier > best {
            best = rule.tier;
        }
    }
    best
}

/// Whether a sale line of `kind` is spend towards a tier: a top-up is
/// prepayment, not spend (a refund's lines, negative, count against it).
/// Kept on each sale as `sales.spend` (migration 0010).
pub(crate) fn counts_as_spend(kind: &str) -> bool {
    kind != "top_up"
}

/// Cumulative spend (top-ups are prepayment, not spend; refunds count against it)
/// and the spend of each of the last 12 months up to `month` ("YYYY-MM").
fn spend(conn: &Connection, member: MemberId, month: &str) -> Result<(Money, Vec<Money>)> {
    // One pass over her sales' spend (migration 0010: one index range, no
    // row read), summed here (no temporary b-tree to group by).
    let months = last_months(month, 12);
    let mut by_month = vec![0i64; months.len()];
    let mut total = 0i64;
    let mut stmt =
        conn.prepare_cached("SELECT business_date, spend FROM sales WHERE member_id = ?1")?;
    let mut rows = stmt.query([member])?;
    while let Some(row) = rows.next()? {
        let amount: i64 = row.get(1)?;
        // Saturating, not refused: a sum past i64 only ever means "past every
        // threshold", and refusing would stop her every later sale.
        total = total.saturating_add(amount);
        let date = row.get_ref(0)?.as_str().unwrap_or_default();
        if let Some(i) = months.iter().position(|m| date.starts_with(m.as_str())) {
            by_month[i] = by_month[i].saturating_add(amount);
        }
    }
    Ok((Money(total), by_month.into_iter().map(Money).collect()))
}

/// The `n` calendar months ending with `month`, oldest first.
fn last_months(month: &str, n: usize) -> Vec<String> {
    let (y, m) = month.split_once('-').unwrap_or(("2000", "01"));
    let (mut y, mut m): (i32, i32) = (y.parse().unwrap_or(2000), m.parse().unwrap_or(1));
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(format!("{y:04}-{m:02}"));
        m -= 1;
        if m == 0 {
            m = 12;
            y -= 1;
        }
    }
    out.reverse();
    out
}

/// Re-evaluates one member; after a sale only upgrades apply (a sale never costs a tier).
pub(crate) fn re_evaluate(
    w: &mut Writer<'_>,
    member: MemberId,
    month: &str,
    reason: TierReason,
) -> Result<Option<(Tier, Tier)>> {
    let rules = load_rules(w)?;
    let current: String = w
        .prepare_cached("SELECT tier FROM members WHERE id = ?1")?
        .query_row([member], |r| r.get(0))?;
    let current = Tier::parse(&current)?;
    if reason == TierReason::Sale && rules.iter().all(|r| r.tier <= current) {
        // After a sale only an upgrade applies, and she is at the top already.
        return Ok(None);
    }
    let (cumulative, months) = spend(w, member, month)?;
    let mut target = qualifying_tier(&rules, cumulative, &months);
    let applies = match reason {
        TierReason::Sale => target > current,
        TierReason::Refund { floor } => {
            target = target.max(floor);
            target < current
        }
        TierReason::MonthEnd => target != current,
    };
    if !applies {
        return Ok(None);
    }
    let why = match reason {
        TierReason::Sale => format!("sale: cumulative spend {cumulative}"),
        TierReason::Refund { .. } => format!("refund: cumulative spend {cumulative}"),
        TierReason::MonthEnd => format!("month end {month}: cumulative spend {cumulative}"),
    };
    record_change(w, member, current, target, &why)?;
    Ok(Some((current, target)))
}

impl Store {
    pub fn tier_rules(&self) -> Result<Vec<TierRule>> {
        load_rules(&self.conn)
    }

    /// The owner edits the tier rules. Tiers stay in rank order: a higher tier may
    /// not give a smaller discount or multiplier than a lower one.
    pub fn save_tier_rules(
        &mut self,
        owner: &crate::staff::Staff,
        rules: &[TierRule],
    ) -> Result<()> {
        owner.require(crate::staff::Permission::EditTierRules)?;
        self.check_head_office()?;
        let mut sorted = rules.to_vec();
        sorted.sort_by_key(|r| r.tier);
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
        self.write(|w| {
            for r in &sorted {
                w.prepare_cached(
                    "UPDATE tiers SET discount_bp = ?2, points_multiplier_pct = ?3, booking_days = ?4,
                        min_cumulative_spend = ?5, min_monthly_spend = ?6, consecutive_months = ?7,
                        updated_at = ?8 WHERE code = ?1",
                )?
                .execute(params![
                    r.tier.as_str(),
                    r.discount_bp,
                    r.points_multiplier_pct,
                    r.booking_days,
                    r.min_cumulative_spend.map(Money::fen),
                    r.min_monthly_spend.map(Money::fen),
                    r.consecutive_months,
                    crate::time::iso(w.now())
                ])?;
                w.emit("tier", &r.tier.as_str(), OpKind::Upsert, r)?;
            }
            crate::checkout::audit::record(w, owner.id, None, "tier_rules", None, &json!({}))?;
            Ok(())
        })
    }

    /// The month-end pass: every active member is re-evaluated for `month` ("YYYY-MM").
    /// Re-evaluates every member above 普通 at the end of `month` ("2026-10").
    /// Only they can move: spending only grows between sales, and a sale
    /// already upgrades at once; month's end is where tiers are lost.
    pub fn run_month_end(&mut self, month: &str) -> Result<usize> {
        let (mut changed, mut after) = (0, None);
        loop {
            let (n, next) = self.month_end_batch(month, after, 1000)?;
            changed += n;
            match next {
                Some(id) => after = Some(id),
                None => return Ok(changed),
            }
        }
    }

    /// One batch of the month's end, after member `after` in id order: the
    /// number changed and where the next batch starts (None: done). The
    /// desk keeps selling between batches.
    pub fn month_end_batch(
        &mut self,
        month: &str,
        after: Option<MemberId>,
        limit: usize,
    ) -> Result<(usize, Option<MemberId>)> {
        let ids: Vec<MemberId> = self
            .conn
            .prepare_cached(
                "SELECT id FROM members WHERE archived_at IS NULL AND tier <> 'standard'
                 AND (?1 IS NULL OR id > ?1) ORDER BY id LIMIT ?2",
            )?
            .query_map(params![after, limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let changed = self.write(|w| {
            let mut n = 0;
            for id in &ids {
                n += usize::from(re_evaluate(w, *id, month, TierReason::MonthEnd)?.is_some());
            }
            Ok(n)
        })?;
        let next = if ids.len() < limit {
            None
        } else {
            ids.last().copied()
        };
        Ok((changed, next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<TierRule> {
        let r = |tier, cum: Option<i64>, monthly: Option<i64>, n: Option<i64>| TierRule {
            tier,
            discount_bp: 0,
            points_multiplier_pct: 100,
            booking_days: 7,
            min_cumulative_spend: cum.map(Money),
            min_monthly_spend: monthly.map(Money),
            consecutive_months: n,
        };
        vec![
            r(Tier::Standard, None, None, None),
            r(Tier::Silver, Some(300_000), Some(80_000), Some(3)),
            r(Tier::Gold, Some(1_000_000), Some(200_000), Some(3)),
        ]
    }

    #[test]
    fn the_highest_rule_met_wins() {
        let none = vec![Money(0); 12];
        assert_eq!(qualifying_tier(&rules(), Money(0), &none), Tier::Standard);
        assert_eq!(
            qualifying_tier(&rules(), Money(300_000), &none),
            Tier::Silver
        );
        assert_eq!(
            qualifying_tier(&rules(), Money(1_000_000), &none),
            Tier::Gold
        );
        let mut months = vec![Money(0); 9];
        months.extend([Money(90_000), Money(85_000), Money(80_000)]);
        assert_eq!(
            qualifying_tier(&rules(), Money(255_000), &months),
            Tier::Silver,
            "three months in a row at the monthly minimum earn silver"
        );
        months[10] = Money(79_999);
        assert_eq!(
            qualifying_tier(&rules(), Money(254_999), &months),
            Tier::Standard,
            "one month below breaks the run"
        );
    }

    #[test]
    fn months_count_back_across_the_new_year() {
        assert_eq!(
            last_months("2026-02", 3),
            vec!["2025-12", "2026-01", "2026-02"]
        );
    }
}

/// Moves a member to `to`, keeping the change and its reason, and syncing both.
fn record_change(
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
        // A tier by hand grants the tier's discounts as a rule would.
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
