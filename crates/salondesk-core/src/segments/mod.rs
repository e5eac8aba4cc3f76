//! Segments (会员筛选): the member list's filters that combine, and the RFM
//! value classes. A campaign's audience is a `SegmentFilter`.
//!
//! SKELETON (issue 17): the lead fixed the filter's fields and the one
//! function campaigns call; the segments part owns this module, makes the
//! query fast (indexes, a summary per member) and adds the rest (counts,
//! the list's pages, export, RFM).

use crate::ids::MemberId;
use crate::member::{Gender, SkinType, Tier};
use crate::store::Store;
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A member's value class from recency, frequency and money (RFM), recomputed
/// nightly; the thresholds are the store's (editable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RfmClass {
    HighValue,
    MediumValue,
    LowValue,
    AtRisk,
    Lost,
}

/// Filters that combine (AND); an empty list or `None` does not filter.
/// Lists within one filter are alternatives (OR): tiers [gold, platinum].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", default)]
pub struct SegmentFilter {
    pub tiers: Vec<Tier>,
    /// Last visit on or after / on or before (store dates).
    pub last_visit_from: Option<NaiveDate>,
    pub last_visit_to: Option<NaiveDate>,
    /// Spend in the last 365 days, fen, inclusive.
    pub spend_min: Option<i64>,
    pub spend_max: Option<i64>,
    /// Visits in all, inclusive.
    pub visits_min: Option<u32>,
    pub visits_max: Option<u32>,
    /// Age in whole years today, inclusive (members without a birthday never match).
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
    pub genders: Vec<Gender>,
    pub regions: Vec<String>,
    pub skin_types: Vec<SkinType>,
    /// Any of these tags.
    pub tags: Vec<String>,
    /// Some(true): only members who gave marketing consent.
    pub consent: Option<bool>,
    /// 1..=12.
    pub birthday_month: Option<u32>,
    pub rfm: Vec<RfmClass>,
}

impl Store {
    /// The ids of the active (not archived, not erased) members `f` matches,
    /// in member-number order. SKELETON: answers tier, consent, gender,
    /// birthday month and last-visit filters only, by scanning.
    pub fn segment_member_ids(&self, f: &SegmentFilter) -> Result<Vec<MemberId>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, tier, consent_marketing, gender, birthday, last_visit_at
               FROM members WHERE archived_at IS NULL AND merged_into IS NULL
              ORDER BY member_no",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, MemberId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, tier, consent, gender, birthday, last) = row?;
            if !f.tiers.is_empty() && !f.tiers.iter().any(|t| t.as_str() == tier) {
                continue;
            }
            if f.consent.is_some_and(|c| c != consent) {
                continue;
            }
            if !f.genders.is_empty()
                && !f
                    .genders
                    .iter()
                    .any(|g| Some(g.as_str()) == gender.as_deref())
            {
                continue;
            }
            if let Some(m) = f.birthday_month {
                let month = birthday
                    .as_deref()
                    .and_then(|b| b.get(5..7)?.parse::<u32>().ok());
                if month != Some(m) {
                    continue;
                }
            }
            let last_day = last.as_deref().and_then(|l| l.get(..10)).map(str::to_owned);
            if let Some(from) = f.last_visit_from {
                if last_day
                    .as_deref()
                    .is_none_or(|d| d < from.to_string().as_str())
                {
                    continue;
                }
            }
            if let Some(to) = f.last_visit_to {
                if last_day
                    .as_deref()
                    .is_none_or(|d| d > to.to_string().as_str())
                {
                    continue;
                }
            }
            out.push(id);
        }
        Ok(out)
    }
}
