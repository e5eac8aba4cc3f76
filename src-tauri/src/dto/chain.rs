//! Wire types of the chain owner's console (Reports → Chain, issue 18).

use chrono::{DateTime, Utc};
use salondesk_protocol::chain::{ChainStoreInfo, ChainTill};
use serde::Serialize;
use ts_rs::TS;

/// Whether the console can run here, and with what.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainConsoleView {
    /// Why not, when it cannot: `not_enrolled`, `not_head_office`.
    pub blocked: Option<String>,
    /// Where the owner key is kept (`credential_store`, `session`); None: no key yet.
    pub key_place: Option<String>,
    /// This device (it cannot revoke itself).
    pub device_id: String,
    /// This device's store.
    pub store_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainStoreView {
    pub id: String,
    pub name: String,
    pub code: String,
    pub created_at: DateTime<Utc>,
    /// Tills enrolled and not revoked.
    pub tills: u32,
}

impl From<&ChainStoreInfo> for ChainStoreView {
    fn from(s: &ChainStoreInfo) -> Self {
        ChainStoreView {
            id: s.id.to_string(),
            name: s.name.clone(),
            code: s.code.clone(),
            created_at: s.created_at,
            tills: u32::try_from(s.tills).unwrap_or(u32::MAX),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainTillView {
    pub id: String,
    pub store_id: String,
    pub code: String,
    pub name: String,
    pub head_office: bool,
    pub enrolled_at: DateTime<Utc>,
    /// The later of its last push and its last pull: its last sync.
    pub last_sync_at: Option<DateTime<Utc>>,
    /// Operations it said it had waiting (None: it never said).
    pub waiting: Option<u32>,
    /// Entries of the chain's log it has not pulled yet.
    pub not_pulled: Option<u32>,
    pub app_version: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
}

fn count(n: Option<i64>) -> Option<u32> {
    n.map(|n| u32::try_from(n.max(0)).unwrap_or(u32::MAX))
}

impl From<&ChainTill> for ChainTillView {
    fn from(t: &ChainTill) -> Self {
        ChainTillView {
            id: t.id.to_string(),
            store_id: t.store_id.to_string(),
            code: t.code.clone(),
            name: t.name.clone(),
            head_office: t.head_office,
            enrolled_at: t.enrolled_at,
            last_sync_at: t.last_push_at.max(t.last_pull_at),
            waiting: count(t.waiting),
            not_pulled: count(t.not_pulled),
            app_version: t.app_version.clone(),
            revoked_at: t.revoked_at,
        }
    }
}

/// A new till's one-time enrolment code, as text and as a QR code (SVG).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainCodeView {
    pub code: String,
    pub expires_at: DateTime<Utc>,
    pub qr_svg: String,
}
