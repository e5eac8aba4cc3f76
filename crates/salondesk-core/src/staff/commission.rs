//! A staff member's own commission rates (提成): a default for services, a
//! default for products, and rates for single services (a senior
//! beautician's facial pays more). At checkout each credited staff member's
//! share of a line is paid at her rate for it (`rate_for`); a line nobody set
//! a rate for pays the item's own `commission_bp`.
//!
//! The rates live on the staff record and sync with it (protocol fields
//! `commissionServiceBp`, `commissionProductBp`, `commissionOverrides`), so
//! the server's staff authority covers who may set them.

use crate::checkout::LineKind;
use crate::ids::{ServiceId, StaffId};
use crate::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension};
use salondesk_protocol::limits::MAX_COMMISSION_OVERRIDES;
use std::collections::BTreeMap;

/// 100% in basis points: the most a rate may be.
pub const MAX_RATE_BP: i64 = 10_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommissionRates {
    /// Her rate on services (None: each service's own rate).
    pub service_bp: Option<i64>,
    /// Her rate on products (None: each product's own rate).
    pub product_bp: Option<i64>,
    /// Her rate on single services, over her service default.
    pub overrides: BTreeMap<ServiceId, i64>,
}

impl CommissionRates {
    /// Refuses a rate outside 0–100% or more overrides than sync carries;
    /// `field` names the input (`commissionServiceBp`, `commissionOverrides`).
    pub fn validate(&self) -> Result<()> {
        let in_range = |bp: i64| (0..=MAX_RATE_BP).contains(&bp);
        if self.service_bp.is_some_and(|bp| !in_range(bp)) {
            return Err(CoreError::validation(
                "commissionServiceBp",
                "a rate is 0% to 100%",
            ));
        }
        if self.product_bp.is_some_and(|bp| !in_range(bp)) {
            return Err(CoreError::validation(
                "commissionProductBp",
                "a rate is 0% to 100%",
            ));
        }
        if self.overrides.values().any(|bp| !in_range(*bp)) {
            return Err(CoreError::validation(
                "commissionOverrides",
                "a rate is 0% to 100%",
            ));
        }
        if self.overrides.len() > MAX_COMMISSION_OVERRIDES {
            return Err(CoreError::validation(
                "commissionOverrides",
                format!("at most {MAX_COMMISSION_OVERRIDES} services with their own rate"),
            ));
        }
        Ok(())
    }

    /// The rate she earns on a line of `kind` (for a service line or a
    /// package session, `service` is the service performed), given the
    /// item's own rate. Her rate for that service, else her default for
    /// that kind, else the item's. Package purchases and top-ups sell
    /// prepayment, not work: they keep the item's rate.
    pub fn rate_for(&self, kind: LineKind, service: Option<ServiceId>, item_bp: i64) -> i64 {
        match kind {
            LineKind::Service | LineKind::PackageRedemption => service
                .and_then(|s| self.overrides.get(&s).copied())
                .or(self.service_bp)
                .unwrap_or(item_bp),
            LineKind::Product => self.product_bp.unwrap_or(item_bp),
            LineKind::PackagePurchase | LineKind::TopUp => item_bp,
        }
    }

    /// The overrides as they sync: `{serviceId: bp}`.
    pub fn overrides_json(&self) -> serde_json::Value {
        serde_json::Value::Object(
            self.overrides
                .iter()
                .map(|(k, v)| (k.to_string(), (*v).into()))
                .collect(),
        )
    }

    /// Reads the synced object back; what is not an id and a whole number is
    /// skipped (the schema refuses it before it lands).
    pub fn parse_overrides(raw: Option<&str>) -> BTreeMap<ServiceId, i64> {
        let Some(value) = raw.and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
        else {
            return BTreeMap::new();
        };
        let Some(map) = value.as_object() else {
            return BTreeMap::new();
        };
        map.iter()
            .filter_map(|(k, v)| Some((ServiceId(k.parse().ok()?), v.as_i64()?)))
            .collect()
    }
}

/// Her rates as stored (a staff member not found has none: the item's rates).
pub(crate) fn load(conn: &Connection, staff: StaffId) -> Result<CommissionRates> {
    let row: Option<(Option<i64>, Option<i64>, Option<String>)> = conn
        .prepare_cached(
            "SELECT commission_service_bp, commission_product_bp, commission_overrides
             FROM staff WHERE id = ?1",
        )?
        .query_row([staff], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match row {
        Some((service_bp, product_bp, overrides)) => CommissionRates {
            service_bp,
            product_bp,
            overrides: CommissionRates::parse_overrides(overrides.as_deref()),
        },
        None => CommissionRates::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn her_service_rate_beats_her_default_which_beats_the_items() {
        let facial = ServiceId(uuid::Uuid::now_v7());
        let massage = ServiceId(uuid::Uuid::now_v7());
        let rates = CommissionRates {
            service_bp: Some(1500),
            product_bp: None,
            overrides: [(facial, 3000)].into(),
        };
        assert_eq!(rates.rate_for(LineKind::Service, Some(facial), 1000), 3000);
        assert_eq!(rates.rate_for(LineKind::Service, Some(massage), 1000), 1500);
        assert_eq!(
            rates.rate_for(LineKind::PackageRedemption, Some(facial), 1000),
            3000,
            "a package session is the service performed"
        );
        assert_eq!(
            rates.rate_for(LineKind::Product, None, 800),
            800,
            "no product default: the product's own rate"
        );
        assert_eq!(
            rates.rate_for(LineKind::PackagePurchase, Some(facial), 500),
            500,
            "selling a package keeps the plan's rate"
        );
        assert_eq!(
            CommissionRates::default().rate_for(LineKind::Service, Some(facial), 1000),
            1000
        );
    }

    #[test]
    fn overrides_survive_the_round_trip_through_sync() {
        let facial = ServiceId(uuid::Uuid::now_v7());
        let rates = CommissionRates {
            overrides: [(facial, 2500)].into(),
            ..CommissionRates::default()
        };
        let text = rates.overrides_json().to_string();
        assert_eq!(
            CommissionRates::parse_overrides(Some(&text)),
            rates.overrides
        );
        assert!(CommissionRates::parse_overrides(None).is_empty());
        assert!(CommissionRates::parse_overrides(Some("not json")).is_empty());
    }
}
