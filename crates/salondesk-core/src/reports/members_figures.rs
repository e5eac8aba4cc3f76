//! The members report's rules, pure: from each member's visit days (one
//! store's or the chain's) and when she joined, the figures of one period.
//!
//! - **active**: came at least once in the period;
//! - **returning rate** (repurchase, 复购率): of the active members, the share
//!   who came on two or more different days in the period;
//! - **churned** (流失): her last visit up to the period's end was her tier's
//!   lapsed days (the care settings' rule) before a day of the period: she
//!   crossed the line in the period and had not come back by its end;
//! - **churn rate**: churned ÷ members who were live (not yet lapsed) at some
//!   time in the period (a visit on or before its end, lapsing on or after
//!   its start);
//! - **new**: joined in the period (on a store's report: and came to that
//!   store in the period — members are the chain's, counted by their visits).

use std::collections::HashMap;

/// A period in day numbers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days {
    pub from: i32,
    pub to: i32,
}

impl Days {
    fn has(&self, d: i32) -> bool {
        (self.from..=self.to).contains(&d)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeriodFigures {
    pub new: i64,
    pub active: i64,
    pub returning: i64,
    pub churned: i64,
    pub live: i64,
}

impl PeriodFigures {
    /// Hundredths of a percent.
    pub fn returning_rate(&self) -> i64 {
        pct(self.returning, self.active)
    }

    pub fn churn_rate(&self) -> i64 {
        pct(self.churned, self.live)
    }
}

/// `part` of `whole` in hundredths of a percent (0 of nothing is 0).
pub fn pct(part: i64, whole: i64) -> i64 {
    if whole == 0 {
        0
    } else {
        (part * 10_000 + whole / 2) / whole
    }
}

/// What one member did in a period, from her visit days (sorted, once each).
fn member_in(days: &[i32], p: Days, lapse: i32) -> (bool, bool, bool, bool) {
    let inside = days.iter().filter(|d| p.has(**d)).take(2).count();
    let last = days.iter().rev().find(|d| **d <= p.to).copied();
    let (churned, live) = match last {
        Some(l) => (p.has(l + lapse), l + lapse >= p.from),
        None => (false, false),
    };
    (inside >= 1, inside >= 2, churned, live)
}

/// The figures of each period in `periods`. `visits`: (member, day) sorted;
/// `lapse(member)`: her tier's lapsed days; `joined`: members who joined in
/// any of the periods with their join day; `all_joins`: whether a join counts
/// without a visit (the chain's report) or only with one in the period.
pub fn figures(
    visits: &[(u32, i32)],
    periods: &[Days],
    lapse: impl Fn(u32) -> i32,
    joined: &HashMap<u32, i32>,
    all_joins: bool,
) -> Vec<PeriodFigures> {
    let mut out = vec![PeriodFigures::default(); periods.len()];
    let mut days: Vec<i32> = Vec::new();
    let mut i = 0;
    while i < visits.len() {
        let rid = visits[i].0;
        days.clear();
        while i < visits.len() && visits[i].0 == rid {
            days.push(visits[i].1);
            i += 1;
        }
        let lapse = lapse(rid);
        for (f, p) in out.iter_mut().zip(periods) {
            let (active, returning, churned, live) = member_in(&days, *p, lapse);
            f.active += i64::from(active);
            f.returning += i64::from(returning);
            f.churned += i64::from(churned);
            f.live += i64::from(live);
            if !all_joins && active && joined.get(&rid).is_some_and(|j| p.has(*j)) {
                f.new += 1;
            }
        }
    }
    if all_joins {
        for (f, p) in out.iter_mut().zip(periods) {
            f.new = joined.values().filter(|j| p.has(**j)).count() as i64;
        }
    }
    out
}

/// Retention cohorts: for each join month (index into `months`, the first
/// day of each of consecutive months, plus the day after the last), how many
/// joined and, for each month after, how many came. On a store's report a
/// cohort is those who joined and came to the store in their first month.
pub fn cohorts(
    visits: &[(u32, i32)],
    months: &[i32],
    joined: &HashMap<u32, i32>,
    all_joins: bool,
) -> Vec<(i64, Vec<i64>)> {
    let n = months.len().saturating_sub(1);
    let month_of = |d: i32| -> Option<usize> {
        let i = months.partition_point(|m| *m <= d);
        (i >= 1 && i <= n).then(|| i - 1)
    };
    let mut seen: HashMap<u32, u32> = HashMap::new(); // member → bit per month visited
    for (rid, day) in visits {
        if joined.contains_key(rid) {
            if let Some(m) = month_of(*day) {
                *seen.entry(*rid).or_default() |= 1 << m;
            }
        }
    }
    let mut out: Vec<(i64, Vec<i64>)> = (0..n).map(|c| (0, vec![0; n - c])).collect();
    for (rid, join) in joined {
        let Some(c) = month_of(*join) else { continue };
        let mask = seen.get(rid).copied().unwrap_or(0);
        if !all_joins && mask & (1 << c) == 0 {
            continue;
        }
        out[c].0 += 1;
        for k in 0..n - c {
            if mask & (1 << (c + k)) != 0 {
                out[c].1[k] += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: Days = Days { from: 100, to: 129 };

    #[test]
    fn one_member_s_period_by_hand() {
        // Came on 95 and 101: active, once in the period; her last visit
        // (101) lapses on 131 with 30 days, after the period: not churned.
        assert_eq!(member_in(&[95, 101], P, 30), (true, false, false, true));
        // Came on 80 only: 80 + 30 = 110 is in the period: churned, and live
        // at its start.
        assert_eq!(member_in(&[80], P, 30), (false, false, true, true));
        // Came on 60: lapsed on 90, before the period: neither.
        assert_eq!(member_in(&[60], P, 30), (false, false, false, false));
        // Two days inside: returning.
        assert_eq!(member_in(&[100, 129], P, 90), (true, true, false, true));
        // A visit after the period does not save her from churning in it.
        assert_eq!(member_in(&[80, 140], P, 30), (false, false, true, true));
    }

    #[test]
    fn rates_round_to_hundredths_of_a_percent() {
        assert_eq!(pct(1, 3), 3333, "33.33 %");
        assert_eq!(pct(2, 3), 6667, "66.67 %, rounded");
        assert_eq!(pct(5, 0), 0, "nothing of nothing");
    }

    #[test]
    fn cohorts_count_joiners_and_the_months_they_came() {
        // Months starting on days 0, 31, 59; end 90.
        let months = [0, 31, 59, 90];
        let joined: HashMap<u32, i32> = [(1, 5), (2, 10), (3, 40)].into();
        let visits = [(1, 6), (1, 70), (2, 35), (3, 41), (3, 45)];
        let store = cohorts(&visits, &months, &joined, false);
        // Cohort 0 on a store: member 1 (came in month 0); member 2 did not
        // come in her first month, so she is not the store's new member.
        assert_eq!(
            store[0],
            (1, vec![1, 0, 1]),
            "member 1 came back in month 2"
        );
        assert_eq!(store[1], (1, vec![1, 0]), "member 3");
        let chain = cohorts(&visits, &months, &joined, true);
        assert_eq!(
            chain[0],
            (2, vec![1, 1, 1]),
            "the chain counts every joiner"
        );
    }
}
