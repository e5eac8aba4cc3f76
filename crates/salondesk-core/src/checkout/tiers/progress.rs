//! Why a member is where she is: her spend and her run of months against the
//! rule of her tier and of the next one ("¥8,200 of ¥10,000; 4 of 6 months").

use super::rule::{progress, RuleProgress};
use super::{load_rules, months_needed, spend};
use crate::ids::MemberId;
use crate::member::Tier;
use crate::store::Store;
use crate::Result;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "TierProgressView"))]
#[serde(rename_all = "camelCase")]
pub struct TierProgress {
    /// Her tier now (set by hand, it may be above what her spending earns).
    pub tier: Tier,
    /// The month judged ("2026-11": this business month).
    pub month: String,
    /// Against her own tier's rule (None for 普通, which asks nothing).
    pub current: Option<RuleProgress>,
    /// Against the tier above hers (None at the top).
    pub next: Option<RuleProgress>,
}

impl Store {
    pub fn tier_progress(&self, member: MemberId) -> Result<TierProgress> {
        let (m, _) = crate::member::load_member(&self.conn, member)?;
        let cfg = crate::checkout::settings::load(&self.conn)?;
        let month = cfg.business_date(self.now()).format("%Y-%m").to_string();
        let rules = load_rules(&self.conn)?;
        let (cumulative, months) = spend(&self.conn, member, &month, months_needed(&rules))?;
        let against = |t: Tier| {
            rules
                .iter()
                .find(|r| r.tier == t)
                .map(|r| progress(r, cumulative, &months))
        };
        let current = if m.tier == Tier::Standard {
            None
        } else {
            against(m.tier)
        };
        let next = rules
            .iter()
            .map(|r| r.tier)
            .filter(|t| *t > m.tier)
            .min()
            .and_then(against);
        Ok(TierProgress {
            tier: m.tier,
            month,
            current,
            next,
        })
    }
}
