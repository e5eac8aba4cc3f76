//! The member list (Back office → Member list): the count a filter picks,
//! answered from the narrow summary alone, and its pages, keyset-paged by
//! the member's local row number (registration order) so a deep page costs
//! what the first does. Who may: `ManageCampaigns` (choosing an audience);
//! filtering by skin type also needs `SeeSensitiveNotes`, and the phone is
//! shown whole only with `SeeFullPhone`, as the desk masks it otherwise.

use super::query::{validate, where_of};
use super::{RfmClass, SegmentFilter};
use crate::ids::MemberId;
use crate::member::Tier;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::types::Phone;
use crate::Result;
use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};

/// At most this many members a page, whatever is asked.
pub const MAX_PAGE: usize = 200;

/// One member of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentMember {
    pub id: MemberId,
    pub member_no: String,
    pub name: String,
    /// Whole or masked (138****5678) per the viewer's role.
    pub phone: String,
    pub tier: Tier,
    pub last_visit_at: Option<String>,
    pub visits: i64,
    /// Fen, the last 365 days.
    pub spend365: i64,
    pub rfm: Option<RfmClass>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentPage {
    pub members: Vec<SegmentMember>,
    /// Pass back as `after` for the next page; `None`: this was the last.
    pub next: Option<i64>,
}

/// The permission checks and the filter's own checks, before anything is read.
fn allowed(actor: &Staff, f: &SegmentFilter) -> Result<()> {
    actor.require(Permission::ManageCampaigns)?;
    if !f.skin_types.is_empty() {
        actor.require(Permission::SeeSensitiveNotes)?;
    }
    validate(f)
}

impl Store {
    fn where_clause(&self, f: &SegmentFilter) -> Result<super::query::Where> {
        let cfg = self.checkout_settings()?;
        Ok(where_of(f, cfg.business_date(self.now()), &cfg))
    }

    /// How many active members `f` picks.
    pub fn segment_count(&self, actor: &Staff, f: &SegmentFilter) -> Result<u64> {
        allowed(actor, f)?;
        self.count_where(f)
    }

    pub(crate) fn count_where(&self, f: &SegmentFilter) -> Result<u64> {
        let w = self.where_clause(f)?;
        let sql = format!("SELECT count(*) FROM member_summary s WHERE {}", w.sql);
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(params_from_iter(w.values.iter()), |r| r.get(0))?)
    }

    /// Up to `limit` members `f` picks after row `after` (None: from the first).
    pub fn segment_page(
        &self,
        actor: &Staff,
        f: &SegmentFilter,
        after: Option<i64>,
        limit: usize,
    ) -> Result<SegmentPage> {
        allowed(actor, f)?;
        let limit = limit.clamp(1, MAX_PAGE);
        let mut w = self.where_clause(f)?;
        w.values.push(after.unwrap_or(0).into());
        let after_at = w.values.len();
        w.values.push((limit as i64 + 1).into());
        let sql = format!(
            "SELECT m.id, m.member_no, m.name, m.phone, s.tier, m.last_visit_at, s.visits,
                    s.spend_365, s.rfm, s.rid
               FROM member_summary s JOIN members m ON m.rid = s.rid
              WHERE {} AND s.rid > ?{after_at}
              ORDER BY s.rid LIMIT ?{}",
            w.sql,
            after_at + 1
        );
        let full_phone = actor.role.may(Permission::SeeFullPhone);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(w.values.iter()))?;
        let mut members = Vec::new();
        let mut last = None;
        while let Some(r) = rows.next()? {
            if members.len() == limit {
                return Ok(SegmentPage {
                    members,
                    next: last,
                });
            }
            let phone = Phone::from_stored(r.get::<_, String>(3)?);
            members.push(SegmentMember {
                id: r.get(0)?,
                member_no: r.get(1)?,
                name: r.get(2)?,
                phone: if full_phone {
                    phone.display()
                } else {
                    phone.masked()
                },
                tier: Tier::parse(&r.get::<_, String>(4)?)?,
                last_visit_at: r.get(5)?,
                visits: r.get(6)?,
                spend365: r.get(7)?,
                rfm: r
                    .get::<_, Option<String>>(8)?
                    .as_deref()
                    .and_then(RfmClass::parse),
            });
            last = Some(r.get(9)?);
        }
        Ok(SegmentPage {
            members,
            next: None,
        })
    }

    /// The ids of the active (not archived, merged or erased) members `f`
    /// matches, in registration order. No permission: the caller (a
    /// campaign) checked its own.
    pub fn segment_member_ids(&self, f: &SegmentFilter) -> Result<Vec<MemberId>> {
        validate(f)?;
        let w = self.where_clause(f)?;
        let sql = format!(
            "SELECT m.id FROM member_summary s JOIN members m ON m.rid = s.rid
              WHERE {} ORDER BY s.rid",
            w.sql
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let ids = stmt
            .query_map(params_from_iter(w.values.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}
