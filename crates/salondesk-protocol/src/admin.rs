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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentCode {
    pub code: String,
    pub expires_at: DateTime<Utc>,
}
