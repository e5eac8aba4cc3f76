use serde::Serialize;
use ts_rs::TS;

/// What Settings / About and the top bar show about updates.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStatusView {
    /// This app's version.
    pub current_version: String,
    /// A newer version, downloaded and its signature checked: the cashier installs it when she
    /// agrees ("install at closing?").
    pub ready: Option<ReadyUpdateView>,
    /// When the chain's server was last asked (ISO-8601, UTC), if ever in this run.
    pub checked_at: Option<String>,
    /// Why the last check did not happen or failed, as a word the UI translates:
    /// `not_enrolled`, `not_https`, `sale_open`, `offline`, `bad_signature`, `failed`.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ReadyUpdateView {
    pub version: String,
    /// The operator's release notes, as published (may be empty).
    pub notes: String,
}
