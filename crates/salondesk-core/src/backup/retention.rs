//! Which backups to keep: 7 daily, 4 weekly, 12 monthly.
//!
//! A pure function over the times the backups were taken (in the store's
//! own calendar), so it is tested with dates and nothing else. For each of
//! the 7 most recent days that have a backup, the newest of that day is
//! kept; likewise for the 4 most recent ISO weeks and the 12 most recent
//! months. A backup kept for any reason is kept; the newest is always kept.
//! Days, weeks and months without a backup (the till was off) do not use up
//! a place: a store closed for a fortnight still keeps 7 daily copies.

use chrono::{Datelike, NaiveDateTime};
use std::collections::BTreeSet;

pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;

/// The indexes into `taken` (local times, in any order) of the backups to
/// keep; the others are to be removed.
pub fn to_keep(taken: &[NaiveDateTime]) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    // Newest first: the first one seen in a period is the one that period keeps.
    order.sort_by(|&a, &b| taken[b].cmp(&taken[a]));
    let mut keep = BTreeSet::new();
    if let Some(&newest) = order.first() {
        keep.insert(newest);
    }
    let day = |t: &NaiveDateTime| (t.year(), t.ordinal());
    let week = |t: &NaiveDateTime| {
        let w = t.date().iso_week();
        (w.year(), w.week())
    };
    let month = |t: &NaiveDateTime| (t.year(), t.month());
    keep_per_period(taken, &order, KEEP_DAILY, day, &mut keep);
    keep_per_period(taken, &order, KEEP_WEEKLY, week, &mut keep);
    keep_per_period(taken, &order, KEEP_MONTHLY, month, &mut keep);
    keep
}

/// Keeps the newest backup of each of the `n` most recent periods that have one.
fn keep_per_period<P: Eq + Copy>(
    taken: &[NaiveDateTime],
    newest_first: &[usize],
    n: usize,
    period: impl Fn(&NaiveDateTime) -> P,
    keep: &mut BTreeSet<usize>,
) {
    let mut seen: Vec<P> = Vec::with_capacity(n);
    for &i in newest_first {
        let p = period(&taken[i]);
        if seen.contains(&p) {
            continue;
        }
        if seen.len() == n {
            break;
        }
        seen.push(p);
        keep.insert(i);
    }
}
