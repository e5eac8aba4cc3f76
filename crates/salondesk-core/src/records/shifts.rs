//! Past Z reports (日结): the closed shifts of a period, newest first, each
//! with its totals and the cash counted against what was expected. The full
//! report of one is `Store::z_report`, as at the close.

use super::{before, Cursor, Period, MAX_PAGE};
use crate::money::{checked, Money};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::Result;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClosedShift {
    pub shift_id: String,
    pub device_id: String,
    pub opened_at: String,
    pub closed_at: String,
    pub opened_by: String,
    pub closed_by: String,
    pub sales: i64,
    pub refunds: i64,
    /// Sales less refunds and voids.
    pub net: Money,
    pub cash_expected: Money,
    pub cash_counted: Option<Money>,
    /// Cash counted less expected (short below zero).
    pub cash_difference: Option<Money>,
}

impl Store {
    /// Shifts closed within `period` (by the business date of the close),
    /// newest first, `limit` after `cursor`. Needs `ViewRecords`.
    pub fn closed_shifts(
        &self,
        actor: &Staff,
        period: &Period,
        cursor: Option<&Cursor>,
        limit: usize,
    ) -> Result<(Vec<ClosedShift>, Option<Cursor>)> {
        actor.require(Permission::ViewRecords)?;
        let limit = limit.clamp(1, MAX_PAGE);
        let (start, end) = period.instants(&self.checkout_settings()?)?;
        let (at, id) = before(cursor);
        let heads: Vec<(i64, String, String, String, String)> = self
            .conn()
            .prepare_cached(
                "SELECT s.rowid, s.id, s.device_id, s.closed_at, coalesce(c.name, '')
                 FROM shifts s LEFT JOIN staff c ON c.id = s.closed_by
                 WHERE s.closed_at >= ?1 AND s.closed_at < ?2 AND (s.closed_at, s.rowid) < (?3, ?4)
                 ORDER BY s.closed_at DESC, s.rowid DESC LIMIT ?5",
            )?
            .query_map(
                rusqlite::params![start, end, at, id, limit as i64 + 1],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let more = heads.len() > limit;
        let mut rows = Vec::with_capacity(heads.len().min(limit));
        let mut last = None;
        for (seq, shift_id, device_id, closed_at, closed_by) in heads.into_iter().take(limit) {
            last = Some(Cursor {
                at: closed_at.clone(),
                seq,
            });
            let z = self.z_report(&shift_id)?;
            let cash = z.tenders.iter().find(|t| t.kind == "cash");
            rows.push(ClosedShift {
                net: Money(checked::add(
                    z.sales_total.fen(),
                    z.refunds_total.fen(),
                    "shift",
                )?),
                cash_expected: cash.map_or(Money(0), |t| t.expected),
                cash_counted: cash.and_then(|t| t.counted),
                cash_difference: cash.and_then(|t| t.difference),
                shift_id,
                device_id,
                opened_at: z.opened_at,
                closed_at,
                opened_by: z.opened_by,
                closed_by,
                sales: z.sales,
                refunds: z.refunds,
            });
        }
        let next = if more { last } else { None };
        Ok((rows, next))
    }
}
