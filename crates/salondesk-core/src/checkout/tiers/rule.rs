//! What earns a tier, without I/O: cumulative spend, a run of months each at a
//! monthly minimum, both (the default: 001's 银卡 is "消费满一定金额，且连续
//! 三个月每月消费达到一定金额") or either; and how far a member is from it.

use super::TierRule;
use crate::member::Tier;
use crate::money::Money;
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};

/// How a tier's two requirements combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TierMode {
    /// Cumulative spend only.
    Spend,
    /// A run of months at the monthly minimum only.
    Run,
    /// Both: the spend and the run (the default).
    Both,
    /// Either one (every store's rule before issue 14; kept for a rule its
    /// owner had edited, so it means what it meant).
    Either,
}

impl TierMode {
    pub fn as_str(self) -> &'static str {
        match self {
            TierMode::Spend => "spend",
            TierMode::Run => "run",
            TierMode::Both => "both",
            TierMode::Either => "either",
        }
    }

    pub fn parse(s: &str) -> Result<TierMode> {
        Ok(match s {
            "spend" => TierMode::Spend,
            "run" => TierMode::Run,
            "both" => TierMode::Both,
            "either" => TierMode::Either,
            other => {
                return Err(CoreError::validation(
                    "mode",
                    format!("unknown tier rule mode {other:?}"),
                ))
            }
        })
    }

    fn needs_spend(self) -> bool {
        matches!(self, TierMode::Spend | TierMode::Both | TierMode::Either)
    }

    fn needs_run(self) -> bool {
        matches!(self, TierMode::Run | TierMode::Both | TierMode::Either)
    }
}

/// The longest run a rule may ask for: two years of months.
pub const MAX_RUN_MONTHS: i64 = 24;

/// Where a member stands against one tier's rule (amounts in fen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "TierRuleProgressView"))]
#[serde(rename_all = "camelCase")]
pub struct RuleProgress {
    pub tier: Tier,
    pub mode: TierMode,
    /// Her cumulative spend, and what the rule asks (None: no spend part).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub spend: Money,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub spend_target: Option<Money>,
    pub spend_met: bool,
    /// Months in a row at the monthly minimum, counted back from this month
    /// (or from last month while this one is not there yet: the month in
    /// progress is not held against her), at most `months_target`.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub months: i64,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub months_target: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub monthly_target: Option<Money>,
    pub run_met: bool,
    /// The rule as a whole, as its mode combines the parts.
    pub met: bool,
}

fn run_part(rule: &TierRule) -> Option<(Money, i64)> {
    match (rule.min_monthly_spend, rule.consecutive_months) {
        (Some(min), Some(n)) if n > 0 => Some((min, n)),
        _ => None,
    }
}

/// Whether the spending meets `rule`. `months` is spend per calendar month,
/// the month judged last. A part the rule does not set is no requirement;
/// a rule with no part at all (普通) is always met.
pub fn rule_met(rule: &TierRule, cumulative: Money, months: &[Money]) -> bool {
    let spend = rule.min_cumulative_spend.map(|min| cumulative >= min);
    let run = run_part(rule).map(|(min, n)| {
        let n = n as usize;
        months.len() >= n && months[months.len() - n..].iter().all(|m| *m >= min)
    });
    match rule.mode {
        TierMode::Spend => spend.unwrap_or(true),
        TierMode::Run => run.unwrap_or(true),
        TierMode::Both => spend.unwrap_or(true) && run.unwrap_or(true),
        TierMode::Either => match (spend, run) {
            (None, None) => true,
            (s, r) => s.unwrap_or(false) || r.unwrap_or(false),
        },
    }
}

/// The highest tier whose rule the spending meets.
pub fn qualifying_tier(rules: &[TierRule], cumulative: Money, months: &[Money]) -> Tier {
    rules
        .iter()
        .filter(|r| rule_met(r, cumulative, months))
        .map(|r| r.tier)
        .max()
        .unwrap_or(Tier::Standard)
}

/// How far `cumulative` and `months` (the current month last) go towards `rule`.
pub fn progress(rule: &TierRule, cumulative: Money, months: &[Money]) -> RuleProgress {
    let run = run_part(rule);
    let streak = |from_end: usize, min: Money| {
        months[..months.len().saturating_sub(from_end)]
            .iter()
            .rev()
            .take_while(|m| **m >= min)
            .count() as i64
    };
    let months_in_a_row = run.map_or(0, |(min, n)| {
        let now = streak(0, min);
        let run = if now == 0 { streak(1, min) } else { now };
        run.min(n)
    });
    let spend_met = rule
        .min_cumulative_spend
        .is_none_or(|min| cumulative >= min);
    let run_met = run.is_none_or(|(_, n)| months_in_a_row >= n);
    let met = match rule.mode {
        TierMode::Spend => spend_met,
        TierMode::Run => run_met,
        TierMode::Both => spend_met && run_met,
        TierMode::Either => {
            (rule.min_cumulative_spend.is_some() && spend_met) || (run.is_some() && run_met)
        }
    };
    RuleProgress {
        tier: rule.tier,
        mode: rule.mode,
        spend: cumulative,
        spend_target: rule.min_cumulative_spend,
        spend_met,
        months: months_in_a_row,
        months_target: run.map(|(_, n)| n),
        monthly_target: run.map(|(min, _)| min),
        run_met,
        met,
    }
}

/// A rule as the owner may save it: a tier above 普通 sets every part its
/// mode needs, amounts are not negative and a run is 1 to MAX_RUN_MONTHS.
pub fn check(rule: &TierRule) -> Result<()> {
    let bad = |field: &'static str, what: &str| {
        Err(CoreError::validation(
            field,
            format!("{}: {what}", rule.tier.as_str()),
        ))
    };
    let negative = |m: Option<Money>| m.is_some_and(Money::is_negative);
    if negative(rule.min_cumulative_spend) || negative(rule.min_monthly_spend) {
        return bad("spend", "an amount cannot be negative");
    }
    if rule
        .consecutive_months
        .is_some_and(|n| !(1..=MAX_RUN_MONTHS).contains(&n))
    {
        return bad("months", "a run is 1 to 24 months");
    }
    if rule.tier == Tier::Standard {
        return Ok(());
    }
    if rule.mode.needs_spend()
        && rule.mode != TierMode::Either
        && rule.min_cumulative_spend.is_none()
    {
        return bad("spend", "this rule needs a cumulative spend");
    }
    if rule.mode.needs_run() && rule.mode != TierMode::Either && run_part(rule).is_none() {
        return bad(
            "months",
            "this rule needs a monthly spend and a number of months",
        );
    }
    if rule.mode == TierMode::Either
        && rule.min_cumulative_spend.is_none()
        && run_part(rule).is_none()
    {
        return bad("spend", "this rule needs a spend or a run of months");
    }
    Ok(())
}
