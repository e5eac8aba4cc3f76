//! Sync as the desk sees it: the status on every screen, the enrolment shown
//! in Settings, operations the server refused, and conflicts in plain words.
//! The device credential never crosses to the UI.

use crate::dto::conflict_refund::ConflictRefundView;
use crate::dto::member::phone_for;
use salondesk_core::sync::{Conflict, RejectedOp};
use salondesk_core::Store;
use salondesk_sync::SyncStatus;
use serde::Serialize;
use ts_rs::TS;

fn iso(t: chrono::DateTime<chrono::Utc>) -> String {
    salondesk_core::time::iso(t)
}

/// Why the last sync failed; the UI says what to do for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncProblem {
    /// No network or the server is down: sales go on, sent later.
    Offline,
    /// The server refused this device's credential: enrol again.
    Unauthorized,
    /// Too many requests: waiting.
    RateLimited,
    /// The server answered with an error.
    Server,
    /// Something local (the database) failed.
    Local,
}

impl SyncProblem {
    fn from_code(code: &str) -> SyncProblem {
        match code {
            "offline" | "protocol" => SyncProblem::Offline,
            "unauthorized" | "not_enrolled" => SyncProblem::Unauthorized,
            "rate_limited" => SyncProblem::RateLimited,
            "local" => SyncProblem::Local,
            _ => SyncProblem::Server,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncErrorView {
    pub problem: SyncProblem,
    /// For people, as detail (never a URL or personal data).
    pub message: String,
}

/// `cursor` of `head` operations pulled: initial-sync progress.
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InitialSyncView {
    #[ts(type = "number")]
    pub cursor: i64,
    #[ts(type = "number")]
    pub head: i64,
}

/// Which server and store this device syncs with (no credential).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentView {
    pub server_url: String,
    pub store_name: String,
    pub store_code: String,
    pub device_code: String,
    pub enrolled_at: String,
}

impl EnrolmentView {
    /// The enrolment as the store keeps it, or None before the device enrols.
    pub fn read(store: &Store) -> salondesk_core::Result<Option<EnrolmentView>> {
        Ok(store.sync_config()?.map(|c| EnrolmentView {
            server_url: c.server_url,
            store_name: c.store_name,
            store_code: store.device().store_code.clone(),
            device_code: store.device().code.clone(),
            enrolled_at: iso(c.enrolled_at),
        }))
    }
}

/// The `sync-status` event and the `sync_status` command's answer.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatusView {
    /// Null: this device works on its own (not enrolled).
    pub enrolment: Option<EnrolmentView>,
    /// The server answered the last request.
    pub online: bool,
    pub syncing: bool,
    /// Operations written here and not yet accepted by the server.
    #[ts(type = "number")]
    pub pending_ops: i64,
    pub last_sync_at: Option<String>,
    pub last_error: Option<SyncErrorView>,
    /// The server refused the credential: sync stopped until the device enrols again.
    pub credential_refused: bool,
    #[ts(type = "number")]
    pub conflicts_open: i64,
    #[ts(type = "number")]
    pub rejected_ops: i64,
    pub initial_sync: Option<InitialSyncView>,
    /// When the next try after a failure is due.
    pub next_retry_at: Option<String>,
    /// This till's clock minus the server's, in whole minutes (positive:
    /// ahead), when they are more than the allowed drift apart: the PC's date
    /// and time need fixing. Null while they agree.
    #[ts(type = "number | null")]
    pub clock_skew_minutes: Option<i64>,
}

impl SyncStatusView {
    pub fn new(s: &SyncStatus, enrolment: Option<EnrolmentView>) -> Self {
        let enrolled = enrolment.is_some();
        SyncStatusView {
            online: enrolled && s.online,
            syncing: enrolled && s.syncing,
            pending_ops: s.pending_ops,
            last_sync_at: s.last_sync_at.map(iso),
            last_error: s
                .last_error
                .as_ref()
                .filter(|_| enrolled)
                .map(|e| SyncErrorView {
                    problem: SyncProblem::from_code(&e.code),
                    message: e.message.clone(),
                }),
            credential_refused: enrolled && s.credential_refused,
            conflicts_open: s.conflicts_open,
            rejected_ops: s.rejected_ops,
            initial_sync: s.initial_sync.map(|i| InitialSyncView {
                cursor: i.cursor,
                head: i.head,
            }),
            next_retry_at: s.next_retry_at.map(iso),
            clock_skew_minutes: s
                .clock_skew_ms
                .filter(|_| enrolled)
                .map(|ms| (ms + 30_000).div_euclid(60_000)),
            enrolment,
        }
    }
}

/// An operation the server refused: what it was and why.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RejectedOpView {
    pub op_id: String,
    /// The kind of record (`member`, `sale`, …).
    pub entity: String,
    /// Why it was set aside: the server's reason code (`bad_field`,
    /// `forbidden`, …) or the till's own (`push_failed`, `payload_too_large`).
    pub code: String,
    /// The server's words, for managers only (empty for other roles).
    pub message: String,
    pub created_at: String,
}

impl RejectedOpView {
    pub fn build(r: &RejectedOp, manager: bool) -> Self {
        RejectedOpView {
            op_id: r.op_id.to_string(),
            entity: r.entity.clone(),
            code: r.code.clone(),
            message: if manager {
                r.message.clone()
            } else {
                String::new()
            },
            created_at: iso(r.created_at),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Offline sales in two stores took a balance below zero.
    Overdraft,
    /// One beautician booked twice at one time from two devices.
    DoubleBooking,
    /// Two members registered with one phone.
    DuplicatePhone,
    /// One sold line refunded on two tills: its money went back twice.
    DoubleRefund,
    /// One member coupon redeemed by two tills offline: she got its discount twice.
    DoubleCouponUse,
    /// A kind this build does not know yet (a newer server).
    Other,
}

impl ConflictKind {
    fn parse(s: &str) -> ConflictKind {
        match s {
            "overdraft" => ConflictKind::Overdraft,
            "double_booking" => ConflictKind::DoubleBooking,
            "duplicate_phone" => ConflictKind::DuplicatePhone,
            "double_refund" => ConflictKind::DoubleRefund,
            "double_coupon_use" => ConflictKind::DoubleCouponUse,
            _ => ConflictKind::Other,
        }
    }
}

/// A member a conflict is about, as this device knows her.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictMemberView {
    pub id: String,
    pub name: String,
    pub member_no: String,
    /// Masked unless the role may see whole phone numbers.
    pub phone: String,
}

/// An appointment a double booking is about.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictAppointmentView {
    pub id: String,
    pub client_name: String,
    pub service_name: String,
    pub start: String,
    pub end: String,
}

/// A store a conflict involves.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictStoreView {
    pub id: String,
    /// Its name when known (this store's, or the server's detail); else null.
    pub name: Option<String>,
    pub this_store: bool,
}

/// A conflict with what the desk needs to word it: names found on this device
/// (a record not here yet shows by its id), the facts from the server's detail.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    pub id: String,
    pub kind: ConflictKind,
    pub entity: String,
    pub entity_ids: Vec<String>,
    pub stores: Vec<ConflictStoreView>,
    pub members: Vec<ConflictMemberView>,
    /// Overdraft: `stored_value`, `points` or `package`.
    pub ledger: Option<String>,
    /// Overdraft: how far below zero (fen for stored value, else points or sessions).
    #[ts(type = "number | null")]
    pub below_zero: Option<i64>,
    /// Double booking: the beautician's name.
    pub beautician: Option<String>,
    pub appointments: Vec<ConflictAppointmentView>,
    /// Double refund: the receipts and the money paid back twice.
    pub refund: Option<ConflictRefundView>,
    pub detected_at: String,
    pub resolved_at: Option<String>,
    /// Who resolved it (a name when known here).
    pub resolved_by: Option<String>,
    pub resolution: Option<String>,
}

impl ConflictView {
    /// Words `c` for a staff member who may (`full_phone`) or may not see whole phones.
    pub fn build(store: &Store, c: &Conflict, full_phone: bool) -> ConflictView {
        let kind = ConflictKind::parse(&c.kind);
        let detail = &c.detail;
        let text = |key: &str| detail.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let number = |key: &str| detail.get(key).and_then(|v| v.as_i64());

        let member_ids: Vec<String> = if c.entity == "member" {
            c.entity_ids.clone()
        } else {
            ["memberId", "memberIds"]
                .iter()
                .filter_map(|k| detail.get(*k))
                .flat_map(strings)
                .collect()
        };
        let members = member_ids
            .iter()
            .filter_map(|id| member(store, id, full_phone))
            .collect();

        let appointment_ids: Vec<String> = if c.entity == "appointment" {
            c.entity_ids.clone()
        } else {
            detail
                .get("appointmentIds")
                .map(strings)
                .unwrap_or_default()
        };
        let appointments: Vec<_> = appointment_ids
            .iter()
            .filter_map(|id| store.appointment(id).ok())
            .collect();
        let beautician = text("staffName").or_else(|| {
            text("staffId")
                .or_else(|| appointments.first().map(|a| a.staff_id.to_string()))
                .and_then(|id| id.parse().ok())
                .and_then(|id| store.staff(id).ok())
                .map(|s| s.name)
        });

        // `balance` is the (negative) sum after the merge; `shortfall` how far below zero.
        let below_zero = number("shortfall")
            .or_else(|| number("balance").filter(|b| *b < 0).map(|b| -b))
            .or_else(|| number("belowZero"));

        let this_store = store.sync_config().ok().flatten();
        let names = detail.get("storeNames");
        let stores = c
            .store_ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let here = this_store
                    .as_ref()
                    .is_some_and(|s| s.store_id.to_string() == *id);
                let named = names
                    .and_then(|n| n.get(id.as_str()).or_else(|| n.get(i)))
                    .and_then(|v| v.as_str())
                    .map(str::to_owned);
                ConflictStoreView {
                    id: id.clone(),
                    name: named.or_else(|| {
                        here.then(|| this_store.as_ref().map(|s| s.store_name.clone()))
                            .flatten()
                    }),
                    this_store: here,
                }
            })
            .collect();

        let resolved_by = c.resolved_by.as_ref().map(|who| {
            who.parse()
                .ok()
                .and_then(|id| store.staff(id).ok())
                .map(|s| s.name)
                .unwrap_or_else(|| who.clone())
        });

        ConflictView {
            id: c.id.clone(),
            kind,
            entity: c.entity.clone(),
            entity_ids: c.entity_ids.clone(),
            stores,
            members,
            ledger: text("ledger"),
            below_zero,
            beautician,
            appointments: appointments
                .iter()
                .map(|a| ConflictAppointmentView {
                    id: a.id.clone(),
                    client_name: a.client_name.clone(),
                    service_name: a.service_name.clone(),
                    start: iso(a.start),
                    end: iso(a.end),
                })
                .collect(),
            refund: (kind == ConflictKind::DoubleRefund)
                .then(|| ConflictRefundView::from_detail(detail))
                .flatten(),
            detected_at: iso(c.detected_at),
            resolved_at: c.resolved_at.map(iso),
            resolved_by,
            resolution: c.resolution.clone(),
        }
    }
}

/// A string, or the strings of an array.
fn strings(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::String(s) => vec![s.clone()],
        serde_json::Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn member(store: &Store, id: &str, full_phone: bool) -> Option<ConflictMemberView> {
    let m = store.member(id.parse().ok()?).ok()?;
    Some(ConflictMemberView {
        id: m.id.to_string(),
        name: m.name,
        member_no: m.member_no,
        phone: phone_for(&m.phone, full_phone),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use salondesk_core::clock::SystemClock;
    use salondesk_core::member::MemberInput;
    use salondesk_protocol::{EnrolResponse, Op, OpKind, PullResponse, PulledOp};
    use serde_json::json;
    use std::sync::Arc;
    use uuid::Uuid;

    const HERE: Uuid = Uuid::from_u128(0x0195_0000_0000_7000_8000_0000_0000_000a);
    const THERE: Uuid = Uuid::from_u128(0x0195_0000_0000_7000_8000_0000_0000_000b);

    fn store(dir: &tempfile::TempDir) -> Store {
        let mut s = Store::open(&dir.path().join("s.sqlite3"), Arc::new(SystemClock)).unwrap();
        s.save_enrolment(
            "https://sync.example.com",
            &EnrolResponse {
                credential: "c".into(),
                tenant_id: Uuid::from_u128(1),
                store_id: HERE,
                store_code: "S01".into(),
                device_code: "001".into(),
                store_name: "静安店".into(),
                head_office: false,
            },
        )
        .unwrap();
        s
    }

    /// A conflict as the server sends it (its own fields, as in salondesk-server's effects).
    fn pull_conflict(
        s: &mut Store,
        kind: &str,
        entity: &str,
        ids: &[String],
        detail: serde_json::Value,
    ) {
        let at = chrono::Utc::now();
        let op = Op {
            op_id: Uuid::now_v7(),
            hlc: format!("{:015}-{:06}", at.timestamp_millis(), 0),
            device_id: salondesk_protocol::SERVER_DEVICE_ID,
            entity: "conflict".into(),
            entity_id: Uuid::now_v7().to_string(),
            kind: OpKind::Upsert,
            payload: json!({ "kind": kind, "entity": entity, "entityIds": ids,
                             "storeIds": [HERE, THERE], "detail": detail,
                             "detectedAt": salondesk_core::time::iso(at) }),
            created_at: at,
        };
        let after = s.sync_cursor().unwrap();
        s.apply_pulled(&PullResponse {
            ops: vec![PulledOp {
                seq: after + 1,
                store_id: None,
                op,
            }],
            cursor: after + 1,
            head: after + 1,
            more: false,
            server_time: None,
            cursor_op: None,
            head_office: None,
        })
        .unwrap();
    }

    fn member(s: &mut Store, name: &str, phone: &str) -> String {
        let input = MemberInput {
            name: name.into(),
            phone: Some(phone.into()),
            ..MemberInput::default()
        };
        let desk = salondesk_core::staff::Staff {
            id: salondesk_core::ids::StaffId::new(chrono::Utc::now()),
            name: "desk".into(),
            role: salondesk_core::staff::Role::Cashier,
        };
        s.register_member(&desk, &input).unwrap().id.to_string()
    }

    #[test]
    fn an_overdraft_names_the_member_the_balance_and_how_far_below_zero() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(&dir);
        let lina = member(&mut s, "王丽娜", "13812345678");
        pull_conflict(
            &mut s,
            "overdraft",
            "member",
            std::slice::from_ref(&lina),
            json!({ "ledger": "stored_value", "balance": -80_000, "memberId": lina }),
        );
        let c = &s.conflicts(true).unwrap()[0];
        let desk = ConflictView::build(&s, c, false);
        assert_eq!(desk.kind, ConflictKind::Overdraft);
        assert_eq!(desk.ledger.as_deref(), Some("stored_value"));
        assert_eq!(desk.below_zero, Some(80_000), "¥800.00 below zero, in fen");
        assert_eq!(desk.members.len(), 1);
        assert_eq!(desk.members[0].name, "王丽娜");
        assert_eq!(desk.members[0].phone, "138****5678", "masked for the desk");
        assert_eq!(
            ConflictView::build(&s, c, true).members[0].phone,
            "138 1234 5678"
        );
        let here = desk
            .stores
            .iter()
            .find(|x| x.this_store)
            .expect("this store");
        assert_eq!(here.name.as_deref(), Some("静安店"));
        let there = desk
            .stores
            .iter()
            .find(|x| !x.this_store)
            .expect("the other");
        assert_eq!(there.name, None, "another store's name is not known here");
    }

    #[test]
    fn a_duplicate_phone_names_both_members_and_one_not_here_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(&dir);
        let a = member(&mut s, "林雅琪", "13800138000");
        let elsewhere = Uuid::now_v7().to_string();
        pull_conflict(
            &mut s,
            "duplicate_phone",
            "member",
            &[a.clone(), elsewhere.clone()],
            json!({ "memberIds": [a, elsewhere] }),
        );
        let c = &s.conflicts(true).unwrap()[0];
        let v = ConflictView::build(&s, c, true);
        assert_eq!(v.kind, ConflictKind::DuplicatePhone);
        assert_eq!(
            v.members.len(),
            1,
            "only members found on this device are named"
        );
        assert_eq!(v.entity_ids.len(), 2);
        assert_eq!(v.below_zero, None);
    }

    #[test]
    fn a_double_refund_shows_its_receipts_and_the_money_paid_back_twice() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(&dir);
        let sale = Uuid::now_v7().to_string();
        pull_conflict(
            &mut s,
            "double_refund",
            "sale",
            std::slice::from_ref(&sale),
            json!({ "originalSaleId": sale, "originalReceiptNo": "S01-001-000007",
                    "refunds": [{ "receiptNo": "S01-001-000009" }, { "receiptNo": "S01-002-000004" }],
                    "amountTwice": 26_800,
                    "tenders": [{ "kind": "cash", "amount": 13_400 }, { "kind": "stored_value", "amount": 13_400 }] }),
        );
        let v = ConflictView::build(&s, &s.conflicts(true).unwrap()[0], false);
        assert_eq!(v.kind, ConflictKind::DoubleRefund);
        let r = v.refund.expect("a double refund carries its receipts");
        assert_eq!(r.original_receipt_no.as_deref(), Some("S01-001-000007"));
        assert_eq!(
            r.refund_receipt_nos,
            ["S01-001-000009", "S01-002-000004"],
            "both refunds, the later one last"
        );
        assert_eq!(r.amount_twice, 26_800, "¥268.00 went back twice, in fen");
        assert_eq!(
            r.paid_back.len(),
            2,
            "cash out of the drawer and stored value"
        );
        assert_eq!(r.paid_back[1].kind, "stored_value");
    }
}
