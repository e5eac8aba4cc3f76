use serde::Serialize;
use ts_rs::TS;

/// The first screen's question: set up an owner first, or log in.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BootInfo {
    pub has_owner: bool,
}
