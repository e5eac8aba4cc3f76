//! The chain owner's console (`/v1/chain/…`, `Authorization: Bearer <owner
//! key>`): the chain's stores, enrolment codes for a store's new till, every
//! till with its last sync, and revoking a lost one. An owner key is issued
//! by the server's operator per chain (`POST /v1/admin/tenants/{id}/owner-keys`,
//! shown once, kept hashed) and opens that chain alone.
//!
//! Also here: what a till tells the server about itself on every push and pull
//! (its app version, its operations waiting), and the input rules for a new
//! store that both the console (before asking) and the server apply.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Every owner key starts so: a key pasted in the wrong place is recognised.
pub const OWNER_KEY_PREFIX: &str = "sdo_";
/// The till's app version, on every push and pull (`0.1.0`).
pub const APP_VERSION_HEADER: &str = "x-salondesk-version";
/// How many operations the till has waiting to push, on every push and pull.
pub const WAITING_HEADER: &str = "x-salondesk-waiting";
/// The pull parameter of a till that understands `PulledOp::store_id`: a
/// head-office device asking so also gets every other store's sales.
pub const OTHER_STORES_PARAM: &str = "otherStores";
/// The pull parameter of a till that also understands another store's
/// `visit_feedback` (its staff report's ratings): a head-office device asking
/// so (with `OTHER_STORES_PARAM`) also gets every other store's ratings,
/// reduced to `HEAD_OFFICE_FEEDBACK_FIELDS`. A separate parameter so that a
/// head office of the version before, which applies only other stores' sales
/// and would set every rating aside as an error, is never sent one.
pub const OTHER_RATINGS_PARAM: &str = "otherRatings";
/// What of another store's `visit_feedback` a head office is handed: what
/// its ratings summary needs. Not the comment (free text about the member and
/// her visit), not who she is (`memberId`), nor who typed it in: personal
/// information leaves its store only as far as the chain's report needs it
/// (PIPL's minimum necessary).
pub const HEAD_OFFICE_FEEDBACK_FIELDS: [&str; 3] = ["score", "staffScores", "recordedAt"];
pub const MAX_APP_VERSION_CHARS: usize = 40;
/// More than any till's outbox holds: a larger figure is not believed.
pub const MAX_WAITING: i64 = 1_000_000_000;
pub const MAX_STORE_NAME_CHARS: usize = 200;
pub const MAX_STORE_CODE_CHARS: usize = 10;

/// An app version as a till sends it: 1–40 of `0-9 A-Z a-z . + -`; anything
/// else is not stored (None).
pub fn parse_app_version(s: &str) -> Option<&str> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.len() <= MAX_APP_VERSION_CHARS
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'));
    ok.then_some(s)
}

/// A count of operations waiting as a till sends it (0 ..= `MAX_WAITING`).
pub fn parse_waiting(s: &str) -> Option<i64> {
    s.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=MAX_WAITING).contains(n))
}

/// Another store's `visit_feedback` payload as a head office is handed it:
/// `HEAD_OFFICE_FEEDBACK_FIELDS` only (a payload that is not an object stays
/// as it is: the till refuses it).
pub fn feedback_for_head_office(payload: &serde_json::Value) -> serde_json::Value {
    match payload.as_object() {
        Some(fields) => serde_json::Value::Object(
            fields
                .iter()
                .filter(|(k, _)| HEAD_OFFICE_FEEDBACK_FIELDS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        None => payload.clone(),
    }
}

/// Why a new store's field is refused, as the console shows it on the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreFieldError {
    /// Empty, longer than `MAX_STORE_NAME_CHARS`, or with control characters.
    Name,
    /// Not 1–`MAX_STORE_CODE_CHARS` letters, digits or dashes.
    Code,
}

impl StoreFieldError {
    pub fn field(self) -> &'static str {
        match self {
            StoreFieldError::Name => "name",
            StoreFieldError::Code => "code",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            StoreFieldError::Name => "name must be 1–200 printable characters",
            StoreFieldError::Code => {
                "code must be 1–10 letters, digits or dashes (it goes into receipt numbers)"
            }
        }
    }
}

/// A store's name, trimmed, or why not.
pub fn store_name(s: &str) -> Result<String, StoreFieldError> {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > MAX_STORE_NAME_CHARS || s.chars().any(char::is_control) {
        return Err(StoreFieldError::Name);
    }
    Ok(s.to_owned())
}

/// A store's code (printed in receipt numbers), trimmed, or why not.
pub fn store_code(s: &str) -> Result<String, StoreFieldError> {
    let s = s.trim();
    if s.is_empty()
        || s.len() > MAX_STORE_CODE_CHARS
        || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(StoreFieldError::Code);
    }
    Ok(s.to_owned())
}

/// `POST /v1/admin/tenants/{tenant_id}/owner-keys`: the chain's owner key,
/// shown this once (the server keeps its SHA-256). Issuing one revokes the
/// chain's earlier keys.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerKeyIssued {
    pub key_id: Uuid,
    pub key: String,
}

/// `GET /v1/chain`: whose key this is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainInfo {
    pub tenant_id: Uuid,
    pub name: String,
}

/// One store of the chain (`GET /v1/chain/stores`, by code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainStoreInfo {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub created_at: DateTime<Utc>,
    /// Tills enrolled and not revoked.
    pub tills: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainStores {
    pub stores: Vec<ChainStoreInfo>,
}

/// One till of the chain (`GET /v1/chain/tills`, by store and code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainTill {
    pub id: Uuid,
    pub store_id: Uuid,
    /// "001": unique within its store.
    pub code: String,
    pub name: String,
    pub head_office: bool,
    pub enrolled_at: DateTime<Utc>,
    /// Its last push the server answered, and its last pull.
    pub last_push_at: Option<DateTime<Utc>>,
    pub last_pull_at: Option<DateTime<Utc>>,
    /// Operations it said it had waiting to push at its last push or pull
    /// (None: it never said; an older version).
    pub waiting: Option<i64>,
    /// Entries of the chain's log after its last pull's cursor: what it has
    /// not pulled yet (some of them not for its store; 0: up to date).
    pub not_pulled: Option<i64>,
    /// The app version it sent last (None: never said).
    pub app_version: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainTills {
    pub tills: Vec<ChainTill>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_counts_are_taken_only_when_well_formed() {
        assert_eq!(parse_app_version(" 0.1.0 "), Some("0.1.0"));
        assert_eq!(parse_app_version("1.2.3-rc.1+win"), Some("1.2.3-rc.1+win"));
        assert_eq!(parse_app_version(""), None, "empty says nothing");
        assert_eq!(parse_app_version("1.0 <script>"), None, "no markup");
        assert_eq!(parse_app_version(&"9".repeat(41)), None, "bounded");
        assert_eq!(parse_waiting("12"), Some(12));
        assert_eq!(parse_waiting("-1"), None, "never negative");
        assert_eq!(parse_waiting("99999999999"), None, "bounded");
        assert_eq!(parse_waiting("x"), None);
    }

    #[test]
    fn a_head_office_is_handed_a_rating_without_its_comment_or_member() {
        let full = serde_json::json!({"memberId": "m-1", "score": 4, "staffScores": {"s-1": 5},
            "comment": "王女士说手法很好", "source": "checkout", "recordedBy": "s-9",
            "recordedAt": "2026-12-01T02:00:00.000Z"});
        assert_eq!(
            feedback_for_head_office(&full),
            serde_json::json!({"score": 4, "staffScores": {"s-1": 5},
                               "recordedAt": "2026-12-01T02:00:00.000Z"}),
            "only what the ratings summary needs leaves the store"
        );
    }

    #[test]
    fn a_store_needs_a_printable_name_and_a_receipt_code() {
        assert_eq!(store_name("  徐汇店 "), Ok("徐汇店".into()));
        assert_eq!(store_name(" "), Err(StoreFieldError::Name));
        assert_eq!(store_name("a\nb"), Err(StoreFieldError::Name));
        assert_eq!(store_name(&"店".repeat(201)), Err(StoreFieldError::Name));
        assert_eq!(store_code("S-01"), Ok("S-01".into()));
        assert_eq!(store_code("S 01"), Err(StoreFieldError::Code));
        assert_eq!(store_code("店01"), Err(StoreFieldError::Code));
        assert_eq!(store_code("S0123456789"), Err(StoreFieldError::Code));
    }
}
