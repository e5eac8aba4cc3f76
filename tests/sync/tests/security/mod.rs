//! Every way a device might reach records that are not its own, tried and
//! refused; credentials and enrolment codes; bad input that must write
//! nothing; and the conflicts the server raises, over raw HTTP.

mod addresses;
mod authority;
mod care_fields;
mod catalog_fields;
mod clocks;
mod conflicts;
mod credentials;
mod feedback_fields;
mod fields;
mod input;
mod scope;
mod staff_admin;

use crate::support::DeviceCreds;
use salondesk_protocol::{OpResult, OpStatus, PushResponse};
use serde_json::{json, Value};
use uuid::Uuid;

/// The results' statuses and codes, for one-line assertions.
pub fn outcomes(r: &PushResponse) -> Vec<(OpStatus, Option<&str>)> {
    r.results
        .iter()
        .map(|x: &OpResult| (x.status, x.code.as_deref()))
        .collect()
}

pub const ACCEPTED: (OpStatus, Option<&str>) = (OpStatus::Accepted, None);
pub const DUPLICATE: (OpStatus, Option<&str>) = (OpStatus::Duplicate, None);
pub const FORBIDDEN: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("forbidden"));

/// A member's profile as the core sends it.
pub fn member(name: &str, phone: &str) -> Value {
    json!({ "name": name, "phone": phone, "memberNo": "M-1", "registeredAt": "2026-11-23T08:00:00.000Z" })
}

/// A sale of `device`'s store with the given member ledger entries.
pub fn sale(device: &DeviceCreds, member: Option<Uuid>, ledger: Vec<Value>) -> Value {
    json!({
        "receiptNo": format!("{}-{}-0001", device.store_code, device.device_code),
        "kind": "sale",
        "memberId": member,
        "cashierId": Uuid::now_v7(),
        "total": 10000,
        "change": 0,
        "businessDate": "2026-11-23",
        "createdAt": "2026-11-23T08:00:00.000Z",
        "lines": [],
        "tenders": [],
        "ledger": ledger,
    })
}

/// A stored-value ledger entry (`delta` fen; negative spends).
pub fn stored_value(member: Uuid, delta: i64) -> Value {
    json!({ "ledger": "stored_value", "id": Uuid::now_v7(), "memberId": member, "delta": delta, "reason": if delta < 0 { "pay" } else { "top_up" } })
}

/// An appointment booked for `staff` from `start` for `minutes`.
pub fn appointment(staff: Uuid, start: &str, minutes: i64) -> Value {
    let start_t = chrono::DateTime::parse_from_rfc3339(start).unwrap();
    let end = start_t + chrono::Duration::minutes(minutes);
    json!({
        "memberId": null, "walkInName": "walk-in", "serviceId": Uuid::now_v7(), "staffId": staff,
        "roomId": null, "start": start, "end": end.to_rfc3339(), "status": "booked", "notes": "",
        "createdBy": Uuid::now_v7(),
    })
}
