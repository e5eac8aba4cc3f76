//! The admin API (`Authorization: Bearer <admin token>`): tenants, stores and
//! enrolment codes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// `POST /v1/admin/tenants`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateTenant {
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantCreated {
    pub tenant_id: Uuid,
}

/// `POST /v1/admin/tenants/{tenant_id}/stores`
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateStore {
    pub name: String,
    /// Short code for receipt numbers ("S01"); unique in the tenant.
    pub code: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreCreated {
    pub store_id: Uuid,
}

/// `POST /v1/admin/stores/{store_id}/enrolment-codes`
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateEnrolmentCode {
    /// How long the code lives; default 15 minutes, at most a day.
    #[serde(default)]
    pub ttl_seconds: Option<i64>,
    /// The device it enrols runs the chain: it may write the catalog, prices,
    /// tiers, coupons, plans, chain settings and any store's staff.
    #[serde(default)]
    pub head_office: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentCode {
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// `POST /v1/admin/devices/{device_id}/head-office`: marks an enrolled device
/// as head office (or an ordinary till again).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetHeadOffice {
    pub head_office: bool,
}

/// One change of a staff member's role, standing or PIN, as a till pushed it
/// (`GET /v1/admin/tenants/{tenant_id}/staff-changes?after=<id>`, oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffChange {
    pub id: i64,
    pub staff_id: Uuid,
    /// Her home store; None: the whole chain.
    pub home_store_id: Option<Uuid>,
    /// The device that made the change, and its store.
    pub device_id: Uuid,
    pub device_store_id: Uuid,
    /// None on the first record of her.
    pub from_role: Option<String>,
    pub to_role: Option<String>,
    pub from_active: Option<bool>,
    pub to_active: Option<bool>,
    pub pin_changed: bool,
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffChanges {
    pub changes: Vec<StaffChange>,
}
