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

/// No join day: a member who did not join in the periods asked.
pub const NOT_JOINED: i32 = i32::MIN;

/// Join days by member rid (`NOT_JOINED` for the others).
pub type Joins = Vec<i32>;

fn join_of(joined: &[i32], rid: u32) -> Option<i32> {
    joined
        .get(rid as usize)
        .copied()
        .filter(|j| *j != NOT_JOINED)
}

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

/// One member's visit days: bit `i` is day `first + i`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visits {
    first: i32,
    bits: Vec<u64>,
}

impl Visits {
    /// From the kept form: hex digits from day `first`, four days each (bit 0 first).
    pub fn from_digits(first: i32, digits: &[u8]) -> Visits {
        let bits = digits
            .chunks(16)
            .map(|chunk| {
                chunk.iter().enumerate().fold(0u64, |w, (i, c)| {
                    let n = match c {
                        b'0'..=b'9' => c - b'0',
                        b'a'..=b'f' => c - b'a' + 10,
                        b'A'..=b'F' => c - b'A' + 10,
                        _ => 0,
                    };
                    w | (u64::from(n) << (i * 4))
                })
            })
            .collect();
        Visits { first, bits }
    }

    /// From a list of days (tests).
    pub fn of(days: &[i32]) -> Visits {
        let mut v = Visits::default();
        if let Some(first) = days.iter().min() {
            v.first = *first;
            for d in days {
                v.set(*d);
            }
        }
        v
    }

    fn set(&mut self, d: i32) {
        let i = (d - self.first) as usize;
        if self.bits.len() <= i / 64 {
            self.bits.resize(i / 64 + 1, 0);
        }
        self.bits[i / 64] |= 1 << (i % 64);
    }

    /// Or-s in another store's days.
    pub fn merge(&mut self, o: &Visits) {
        if o.bits.is_empty() {
            return;
        }
        if self.bits.is_empty() {
            *self = o.clone();
            return;
        }
        if o.first < self.first || o.first % 64 != self.first % 64 {
            // Rebuilt day by day (rare: a member of several stores).
            let days: Vec<i32> = self.days().chain(o.days()).collect();
            *self = Visits::of(&days);
            return;
        }
        let shift = ((o.first - self.first) / 64) as usize;
        if self.bits.len() < shift + o.bits.len() {
            self.bits.resize(shift + o.bits.len(), 0);
        }
        for (i, w) in o.bits.iter().enumerate() {
            self.bits[shift + i] |= w;
        }
    }

    fn days(&self) -> impl Iterator<Item = i32> + '_ {
        self.bits.iter().enumerate().flat_map(move |(i, w)| {
            (0..64)
                .filter(move |b| w & (1 << b) != 0)
                .map(move |b| self.first + (i * 64 + b) as i32)
        })
    }

    /// Days with a visit from `a` to `b`, both included.
    pub fn count(&self, a: i32, b: i32) -> u32 {
        let end = self.first + (self.bits.len() * 64) as i32 - 1;
        let (a, b) = (a.max(self.first), b.min(end));
        if a > b {
            return 0;
        }
        let (lo, hi) = ((a - self.first) as usize, (b - self.first) as usize);
        let mut n = 0;
        for w in lo / 64..=hi / 64 {
            let mut word = self.bits[w];
            if w == lo / 64 {
                word &= u64::MAX << (lo % 64);
            }
            if w == hi / 64 && hi % 64 < 63 {
                word &= (1u64 << (hi % 64 + 1)) - 1;
            }
            n += word.count_ones();
        }
        n
    }

    /// Her last visit on or before `d`.
    pub fn last_on_or_before(&self, d: i32) -> Option<i32> {
        if d < self.first {
            return None;
        }
        let hi = ((d - self.first) as usize).min(self.bits.len() * 64 - 1);
        for w in (0..=hi / 64).rev() {
            let mut word = self.bits[w];
            if w == hi / 64 && hi % 64 < 63 {
                word &= (1u64 << (hi % 64 + 1)) - 1;
            }
            if word != 0 {
                return Some(self.first + (w * 64 + 63 - word.leading_zeros() as usize) as i32);
            }
        }
        None
    }
}

/// What one member did in a period: (active, returning, churned, live).
fn member_in(v: &Visits, p: Days, lapse: i32) -> (bool, bool, bool, bool) {
    let inside = v.count(p.from, p.to);
    let (churned, live) = match v.last_on_or_before(p.to) {
        Some(l) => (p.has(l + lapse), l + lapse >= p.from),
        None => (false, false),
    };
    (inside >= 1, inside >= 2, churned, live)
}

/// The figures of each period in `periods`. `visits`: each member's days;
/// `lapse(member)`: her tier's lapsed days; `joined`: members who joined in
/// any of the periods with their join day; `all_joins`: whether a join counts
/// without a visit (the chain's report) or only with one in the period.
pub fn figures(
    visits: &[(u32, Visits)],
    periods: &[Days],
    lapse: impl Fn(u32) -> i32,
    joined: &[i32],
    all_joins: bool,
) -> Vec<PeriodFigures> {
    let mut out = vec![PeriodFigures::default(); periods.len()];
    for (rid, v) in visits {
        let lapse = lapse(*rid);
        for (f, p) in out.iter_mut().zip(periods) {
            let (active, returning, churned, live) = member_in(v, *p, lapse);
            f.active += i64::from(active);
            f.returning += i64::from(returning);
            f.churned += i64::from(churned);
            f.live += i64::from(live);
            if !all_joins && active && join_of(joined, *rid).is_some_and(|j| p.has(j)) {
                f.new += 1;
            }
        }
    }
    if all_joins {
        for (f, p) in out.iter_mut().zip(periods) {
            f.new = joined.iter().filter(|j| p.has(**j)).count() as i64;
        }
    }
    out
}

/// Retention cohorts: for each join month (index into `months`, the first
/// day of each of consecutive months, plus the day after the last), how many
/// joined and, for each month after, how many came. On a store's report a
/// cohort is those who joined and came to the store in their first month.
pub fn cohorts(
    visits: &[(u32, Visits)],
    months: &[i32],
    joined: &[i32],
    all_joins: bool,
) -> Vec<(i64, Vec<i64>)> {
    let n = months.len().saturating_sub(1);
    let month_of = |d: i32| -> Option<usize> {
        let i = months.partition_point(|m| *m <= d);
        (i >= 1 && i <= n).then(|| i - 1)
    };
    let mut out: Vec<(i64, Vec<i64>)> = (0..n).map(|c| (0, vec![0; n - c])).collect();
    let mut came_ever = vec![false; joined.len()];
    for (rid, v) in visits {
        let Some(c) = join_of(joined, *rid).and_then(month_of) else {
            continue;
        };
        let came = |m: usize| v.count(months[m], months[m + 1] - 1) > 0;
        if !all_joins && !came(c) {
            continue;
        }
        came_ever[*rid as usize] = true;
        out[c].0 += 1;
        for k in 0..n - c {
            if came(c + k) {
                out[c].1[k] += 1;
            }
        }
    }
    if all_joins {
        // Those who joined and never came count in their cohort's size.
        for (rid, j) in joined.iter().enumerate() {
            if let (false, Some(c)) = (came_ever[rid], month_of(*j).filter(|_| *j != NOT_JOINED)) {
                out[c].0 += 1;
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
        assert_eq!(
            member_in(&Visits::of(&[95, 101]), P, 30),
            (true, false, false, true)
        );
        // Came on 80 only: 80 + 30 = 110 is in the period: churned, and live
        // at its start.
        assert_eq!(
            member_in(&Visits::of(&[80]), P, 30),
            (false, false, true, true)
        );
        // Came on 60: lapsed on 90, before the period: neither.
        assert_eq!(
            member_in(&Visits::of(&[60]), P, 30),
            (false, false, false, false)
        );
        // Two days inside: returning.
        assert_eq!(
            member_in(&Visits::of(&[100, 129]), P, 90),
            (true, true, false, true)
        );
        // A visit after the period does not save her from churning in it.
        assert_eq!(
            member_in(&Visits::of(&[80, 140]), P, 30),
            (false, false, true, true)
        );
    }

    #[test]
    fn the_kept_digits_read_back_as_days_and_merge_across_stores() {
        // "1" at digit 0: day 100; "a" (1010) at digit 2: days 109 and 111.
        let v = Visits::from_digits(100, b"10a");
        assert_eq!(v.days().collect::<Vec<_>>(), vec![100, 109, 111]);
        assert_eq!(v.count(101, 111), 2, "109 and 111");
        assert_eq!(v.count(0, 1_000), 3, "every day, the range clamped");
        assert_eq!(v.last_on_or_before(110), Some(109));
        assert_eq!(v.last_on_or_before(99), None, "before her first");
        let mut m = Visits::of(&[300]);
        m.merge(&v);
        assert_eq!(m.days().collect::<Vec<_>>(), vec![100, 109, 111, 300]);
        let far = Visits::of(&[5, 5 + 64 * 3 + 1]);
        assert_eq!(far.count(5, 5 + 64 * 3 + 1), 2, "across words");
        assert_eq!(far.last_on_or_before(1_000), Some(5 + 64 * 3 + 1));
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
        let joined = vec![NOT_JOINED, 5, 10, 40];
        let visits = [
            (1, Visits::of(&[6, 70])),
            (2, Visits::of(&[35])),
            (3, Visits::of(&[41, 45])),
        ];
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
