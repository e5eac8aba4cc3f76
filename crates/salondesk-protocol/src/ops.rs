//! Operations (one outbox row each), push and pull, and enrolment.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What an operation does to its entity (mirrors the core's `OpKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    /// Create or set the fields in the payload; last writer (by HLC) wins per field.
    Upsert,
    /// Append a ledger entry; never overwritten, merged as a union.
    Append,
    /// Archive the record (it stays, hidden).
    Archive,
    /// Fold the record into `payload.survivor`.
    Merge,
    /// Erase a member's identity on request (PIPL): see `privacy`.
    Erase,
}

impl OpKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OpKind::Upsert => "upsert",
            OpKind::Append => "append",
            OpKind::Archive => "archive",
            OpKind::Merge => "merge",
            OpKind::Erase => "erase",
        }
    }

    pub fn parse(s: &str) -> Option<OpKind> {
        Some(match s {
            "upsert" => OpKind::Upsert,
            "append" => OpKind::Append,
            "archive" => OpKind::Archive,
            "merge" => OpKind::Merge,
            "erase" => OpKind::Erase,
            _ => return None,
        })
    }
}

/// One change as the device recorded it in its outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Op {
    pub op_id: Uuid,
    /// Hybrid logical clock, fixed-width text (`001763900000000-000003`): sorts as it compares.
    pub hlc: String,
    pub device_id: Uuid,
    pub entity: String,
    pub entity_id: String,
    pub kind: OpKind,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// An operation on its way out, its payload still the JSON text the outbox
/// stored: a push sends it as it is, without parsing it into a tree and
/// encoding it again. On the wire it is an [`Op`].
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutgoingOp {
    pub op_id: Uuid,
    pub hlc: String,
    pub device_id: Uuid,
    pub entity: String,
    pub entity_id: String,
    pub kind: OpKind,
    pub payload: Box<serde_json::value::RawValue>,
    pub created_at: DateTime<Utc>,
}

impl OutgoingOp {
    /// The same operation with its payload parsed.
    pub fn to_op(&self) -> serde_json::Result<Op> {
        Ok(Op {
            op_id: self.op_id,
            hlc: self.hlc.clone(),
            device_id: self.device_id,
            entity: self.entity.clone(),
            entity_id: self.entity_id.clone(),
            kind: self.kind,
            payload: serde_json::from_str(self.payload.get())?,
            created_at: self.created_at,
        })
    }
}

/// `POST /v1/push`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushRequest {
    pub ops: Vec<Op>,
    /// The last operation of the batch this one comes after, when that batch
    /// is still on its way (a device keeps two pushes in flight). The server
    /// applies this batch only once that operation is logged (accepted before,
    /// or refused), so a device's operations keep their order; if it does not
    /// come in time the answer is 409 `out_of_order` and nothing is applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<Uuid>,
}

/// The error code of a push whose `follows` was not logged in time.
pub const OUT_OF_ORDER: &str = "out_of_order";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OpStatus {
    /// Applied now.
    Accepted,
    /// Seen before (same op id): acknowledged, not applied twice.
    Duplicate,
    /// Refused; `code`/`message` say why. The device keeps it and does not retry it.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpResult {
    pub op_id: Uuid,
    pub status: OpStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// What the refusal is about, as data (`clock_ahead`: `{"minutesAhead": 192}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
}

/// One result per pushed operation, in the order pushed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushResponse {
    pub results: Vec<OpResult>,
    /// The server's wall clock when it answered: the device compares its own
    /// to it and says so when they are more than the drift apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_time: Option<DateTime<Utc>>,
}

/// An operation as the server hands it out: its place in the server's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PulledOp {
    pub seq: i64,
    /// The store whose operation this is, given only with another store's
    /// sale (and, asked for too, rating: `chain::OTHER_RATINGS_PARAM`) to a
    /// head-office device that asked for them (`chain::OTHER_STORES_PARAM`):
    /// it enters that store's report summaries there, never the device's own
    /// sales or ratings. Tills that do not ask never get it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_id: Option<Uuid>,
    #[serde(flatten)]
    pub op: Op,
}

/// `GET /v1/pull?after=<cursor>&limit=<n>`: the operations in the device's scope
/// after `after` (its own excluded), oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullResponse {
    pub ops: Vec<PulledOp>,
    /// Where the next pull starts (may be past the last op returned: skipped ones count).
    pub cursor: i64,
    /// The newest seq in the server's log when this was read: with the cursor, initial-sync progress.
    pub head: i64,
    /// More are waiting now.
    pub more: bool,
    /// The server's wall clock when it answered (see `PushResponse`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_time: Option<DateTime<Utc>>,
    /// The id of the operation at seq `cursor` in the server's log (none at
    /// 0): the device names it when it pulls after `cursor`, so a server
    /// restored from a backup can tell it does not hold that log (`LOG_REWOUND`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor_op: Option<Uuid>,
    /// Whether the pulling device is (now) a head-office device: a flag the
    /// admin sets or clears after enrolment reaches the till with its next
    /// pull. Absent (an older server): the till keeps what it knew.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_office: Option<bool>,
}

/// The error code (409) of a pull whose cursor, or whose device's last
/// settled push, the server's log does not hold: the server went back (a
/// restore from a backup). The device pulls again from a checkpoint the
/// server still holds and pushes again what it keeps; see the server's `pull`.
pub const LOG_REWOUND: &str = "log_rewound";

/// `POST /v1/enrol`: a one-time code becomes this device's credential.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnrolRequest {
    pub code: String,
    pub device_id: Uuid,
    /// A name people recognise ("Front desk 1").
    #[serde(default)]
    pub device_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolResponse {
    /// Bearer token for every later call; the server keeps only its hash. Shown once.
    pub credential: String,
    pub tenant_id: Uuid,
    pub store_id: Uuid,
    /// Printed in receipt and member numbers; unique within the chain.
    pub store_code: String,
    /// Unique within the store.
    pub device_code: String,
    pub store_name: String,
    /// This device is a head-office device (the chain's admin marked its
    /// code or the device so): it may write the chain-wide catalog, prices,
    /// tiers, coupons, plans and settings. Absent from an older server: false.
    #[serde(default)]
    pub head_office: bool,
}
