//! Segments (会员筛选): the member list's filters that combine, and the RFM
//! value classes. A campaign's audience is a `SegmentFilter`
//! (`Store::segment_member_ids`), or a saved segment's.
//!
//! Fast on 200,000 members because every filter but tags reads one narrow
//! row per member (`member_summary`, kept by triggers in the write
//! transaction, rebuilt nightly; see migration 0028): `query` turns a filter
//! into SQL over it, `list` counts and pages it, `saved` keeps named
//! segments, `rfm` is the value-class rule and its thresholds, `summary` the
//! nightly rebuild and the drift check. The segment's export is `export`'s
//! members sheet restricted to it.

mod list;
pub(crate) mod query;
mod rfm;
mod saved;
mod summary;

pub use list::{SegmentMember, SegmentPage, MAX_PAGE};
pub use rfm::{classify, RfmThresholds};
pub(crate) use rfm::{reclassify_pulled, KEY as RFM_KEY};
pub use saved::SavedSegment;
pub use summary::{NightlyRun, NightlyWay};

use crate::member::{Gender, SkinType, Tier};
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
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub spend_min: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub spend_max: Option<i64>,
    /// Visits in all (members.visit_count), inclusive.
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
