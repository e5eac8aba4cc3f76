//! Free services per period (免费护理), redeemed at checkout like a package
//! session: her tier gives `count` sessions of a service each month, quarter
//! or year; each one used is a `free_service_ledger` row (-1, `redeem`) on the
//! sale line that used it, and a refund of that line gives it back (+1,
//! `refund`). What is left is the allowance plus the period's sum, so it
//! syncs as a ledger (rows in the sale's operation) and comes round again
//! when the next period starts, with nothing to reset.

use super::benefits::Period;
use super::{load_rules, rule_for};
use crate::checkout::ledger_rows::LedgerRows;
use crate::ids::{MemberId, ServiceId};
use crate::member::Tier;
use crate::store::Store;
use crate::write::Writer;
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

/// One free service as the desk shows it with her balances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(rename = "FreeServiceAllowanceView")
)]
#[serde(rename_all = "camelCase")]
pub struct FreeServiceAllowance {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub service_id: ServiceId,
    pub service_name: String,
    pub period: Period,
    /// The period it is counted in now ("2026-Q4").
    pub period_key: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub used: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub left: i64,
}

/// Sessions of `service` used in `period` (redemptions less refunds).
fn used(conn: &Connection, member: MemberId, service: &str, period: &str) -> Result<i64> {
    let sum: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(delta), 0) FROM free_service_ledger
             WHERE member_id = ?1 AND service_id = ?2 AND period = ?3",
        )?
        .query_row(params![member, service, period], |r| r.get(0))?;
    Ok(-sum)
}

/// Her tier's free services with what is left of each on `today`.
pub(crate) fn allowances(
    conn: &Connection,
    member: MemberId,
    tier: Tier,
    today: NaiveDate,
) -> Result<Vec<FreeServiceAllowance>> {
    let rules = load_rules(conn)?;
    let mut out = Vec::new();
    for f in &rule_for(&rules, tier).free_services {
        use rusqlite::OptionalExtension;
        let name: Option<String> = conn
            .prepare_cached("SELECT name FROM services WHERE id = ?1 AND active = 1")?
            .query_row([f.service_id], |r| r.get(0))
            .optional()?;
        // A service since archived is no longer given.
        let Some(service_name) = name else { continue };
        let period_key = f.period.key(today);
        let used = used(conn, member, &f.service_id.to_string(), &period_key)?;
        out.push(FreeServiceAllowance {
            service_id: f.service_id,
            service_name,
            period: f.period,
            period_key,
            count: f.count,
            used,
            left: (f.count - used).max(0),
        });
    }
    Ok(out)
}

/// Checks that one more of `service` is free for her on `today`, with
/// `already` of them on this cart before it; returns the period key.
pub(crate) fn check_free_service(
    conn: &Connection,
    member: MemberId,
    service: ServiceId,
    already: i64,
    today: NaiveDate,
) -> Result<String> {
    let (m, _) = crate::member::load_member(conn, member)?;
    let all = allowances(conn, member, m.tier, today)?;
    let Some(a) = all.iter().find(|a| a.service_id == service) else {
        return Err(CoreError::FreeServiceRefused {
            reason: "not_in_tier",
        });
    };
    if a.left <= already {
        return Err(CoreError::FreeServiceRefused { reason: "used_up" });
    }
    Ok(a.period_key.clone())
}

/// Writes the redemption of a free service on sale line `line_id`.
pub(crate) fn redeem_free_service(
    w: &Writer<'_>,
    rows: &mut LedgerRows,
    member: MemberId,
    service: &str,
    period: &str,
    line_id: &str,
) -> Result<()> {
    rows.free_service(w, member, service, period, line_id, -1, "redeem")
}

/// A refund of sale line `original_line_id` (refund line `line_id`) gives
/// back the free service it used, in the period it was used in.
pub(crate) fn refund_free_service(
    w: &Writer<'_>,
    rows: &mut LedgerRows,
    original_line_id: &str,
    line_id: &str,
) -> Result<()> {
    let used: Vec<(MemberId, String, String)> = w
        .prepare_cached(
            "SELECT member_id, service_id, period FROM free_service_ledger
             WHERE sale_line_id = ?1 AND reason = 'redeem'",
        )?
        .query_map([original_line_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (member, service, period) in used {
        rows.free_service(w, member, &service, &period, line_id, 1, "refund")?;
    }
    Ok(())
}

impl Store {
    /// Her free services this period, for the desk's balances.
    pub fn free_service_allowances(&self, member: MemberId) -> Result<Vec<FreeServiceAllowance>> {
        let (m, _) = crate::member::load_member(&self.conn, member)?;
        let cfg = crate::checkout::settings::load(&self.conn)?;
        allowances(&self.conn, member, m.tier, cfg.business_date(self.now()))
    }
}
