//! Membership tiers (普通/银卡/金卡/白金): each with its rule (`rule`),
//! discount, points multiplier, booking window and benefits (`benefits`,
//! `free_services`). Members are re-evaluated after each sale or refund, at
//! each month's end and when the rules change (`save`); every change is
//! recorded with its reason. `progress` says why a member is where she is.

mod benefits;
mod free_services;
mod history;
mod progress;
mod rule;
mod save;

pub use benefits::{FreeService, Period};
pub use free_services::FreeServiceAllowance;
pub(crate) use free_services::{check_free_service, redeem_free_service, refund_free_service};
use history::record_change;
pub use history::TierChange;
pub use progress::TierProgress;
pub use rule::{qualifying_tier, rule_met, RuleProgress, TierMode};
pub use save::TierRulesSaved;

use crate::ids::MemberId;
use crate::member::Tier;
use crate::money::Money;
use crate::store::Store;
use crate::write::Writer;
use crate::Result;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

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
    /// How the spend and the run combine (see `rule`).
    #[serde(default = "default_mode")]
    pub mode: TierMode,
    /// Cumulative spend the tier asks.
    pub min_cumulative_spend: Option<Money>,
    /// Spend of at least this much in each of `consecutive_months` months in a row.
    pub min_monthly_spend: Option<Money>,
    pub consecutive_months: Option<i64>,
    /// The birthday offer: points multiplier in her birthday month (None: the
    /// store's birthday multiplier setting).
    #[serde(default)]
    pub birthday_multiplier_pct: Option<i64>,
    /// Free services per period (免费护理).
    #[serde(default)]
    pub free_services: Vec<FreeService>,
}

fn default_mode() -> TierMode {
    TierMode::Both
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
                min_monthly_spend, consecutive_months, rule_mode, birthday_multiplier_pct,
                free_services FROM tiers ORDER BY rank",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::with_capacity(4);
    while let Some(r) = rows.next()? {
        out.push(TierRule {
            tier: Tier::parse(&r.get::<_, String>(0)?)?,
            discount_bp: r.get(1)?,
            points_multiplier_pct: r.get(2)?,
            booking_days: r.get(3)?,
            min_cumulative_spend: r.get::<_, Option<i64>>(4)?.map(Money),
            min_monthly_spend: r.get::<_, Option<i64>>(5)?.map(Money),
            consecutive_months: r.get(6)?,
            mode: TierMode::parse(&r.get::<_, String>(7)?)?,
            birthday_multiplier_pct: r.get(8)?,
            free_services: benefits::parse(&r.get::<_, String>(9)?),
        });
    }
    Ok(out)
}

pub(crate) fn rule_for(rules: &[TierRule], tier: Tier) -> &TierRule {
    rules.iter().find(|r| r.tier == tier).unwrap_or(&rules[0])
}

/// Whether a sale line of `kind` is spend towards a tier: a top-up is
/// prepayment, not spend (a refund's lines, negative, count against it).
/// Kept on each sale as `sales.spend` (migration 0010).
pub(crate) fn counts_as_spend(kind: &str) -> bool {
    kind != "top_up"
}

/// Cumulative spend (top-ups are prepayment, not spend; refunds count against it)
/// and the spend of each of the last `n` months up to `month` ("YYYY-MM").
pub(crate) fn spend(
    conn: &Connection,
    member: MemberId,
    month: &str,
    n: usize,
) -> Result<(Money, Vec<Money>)> {
    // One pass over her sales' spend (migration 0010: one index range, no
    // row read), summed here (no temporary b-tree to group by).
    let months = last_months(month, n);
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

/// How many months back the rules look: the longest run any of them asks.
pub(crate) fn months_needed(rules: &[TierRule]) -> usize {
    let longest = rules
        .iter()
        .filter_map(|r| r.consecutive_months)
        .max()
        .unwrap_or(1);
    longest.clamp(1, rule::MAX_RUN_MONTHS) as usize
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

/// Her tier, the tier her spending earns under `rules` in `month`, and her
/// cumulative spend.
pub(crate) fn evaluate(
    conn: &Connection,
    rules: &[TierRule],
    member: MemberId,
    month: &str,
) -> Result<(Tier, Tier, Money)> {
    let current: String = conn
        .prepare_cached("SELECT tier FROM members WHERE id = ?1")?
        .query_row([member], |r| r.get(0))?;
    let current = Tier::parse(&current)?;
    let (cumulative, months) = spend(conn, member, month, months_needed(rules))?;
    Ok((
        current,
        qualifying_tier(rules, cumulative, &months),
        cumulative,
    ))
}

/// Re-evaluates one member; after a sale only upgrades apply (a sale never
/// costs a tier). A rule change is judged in `save`.
pub(crate) fn re_evaluate(
    w: &mut Writer<'_>,
    member: MemberId,
    month: &str,
    reason: TierReason,
) -> Result<Option<(Tier, Tier)>> {
    let rules = load_rules(w)?;
    if reason == TierReason::Sale {
        let current: String = w
            .prepare_cached("SELECT tier FROM members WHERE id = ?1")?
            .query_row([member], |r| r.get(0))?;
        if rules
            .iter()
            .all(|r| r.tier <= Tier::parse(&current).unwrap_or(Tier::Platinum))
        {
            // Only an upgrade applies, and she is at the top already.
            return Ok(None);
        }
    }
    let (current, mut target, cumulative) = evaluate(w, &rules, member, month)?;
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
            mode: TierMode::Either,
            birthday_multiplier_pct: None,
            free_services: vec![],
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
