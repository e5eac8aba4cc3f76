use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub data_dir: String,
    pub has_owner: bool,
    pub system_locale: String,
    #[ts(type = "number")]
    pub member_count: i64,
    pub device_id: String,
    #[ts(type = "number")]
    pub pending_ops: i64,
}

/// Sent as the `seed-progress` event while demo data is written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SeedProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// A demo staff member's PIN, made at random: shown once after loading.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoPinView {
    pub name: String,
    pub role: salondesk_core::staff::Role,
    pub pin: String,
}
