//! A chain without a server: tills (stores on temporary files, each enrolled
//! in a store of one chain) and a stand-in for the server's log that does what
//! the server does with operations — checks each against the protocol's schema,
//! numbers it, hands same-store tills every operation and other stores' tills
//! the chain-wide ones, and turns each sale into the chain-wide `member_ledger`
//! operation of its member ledger rows.

use crate::support::{store, TestStore};
use chrono::{Duration, TimeZone, Utc};
use salondesk_core::sync::ApplyReport;
use salondesk_core::Store;
use salondesk_protocol::schema::{self, Scope, MEMBER_LEDGER_ENTITY};
use salondesk_protocol::{
    EnrolResponse, Op, OpKind, OpResult, OpStatus, PullResponse, PulledOp, SERVER_DEVICE_ID,
};
use serde_json::{json, Value};
use std::collections::HashSet;
use uuid::Uuid;

pub const TENANT: Uuid = Uuid::from_u128(0x0195_0000_0000_7000_8000_0000_0000_0001);
pub const STORE_A: Uuid = Uuid::from_u128(0x0195_0000_0000_7000_8000_0000_0000_000a);
pub const STORE_B: Uuid = Uuid::from_u128(0x0195_0000_0000_7000_8000_0000_0000_000b);

pub struct Till {
    pub t: TestStore,
    pub store_id: Uuid,
}

impl Till {
    pub fn store(&mut self) -> &mut Store {
        &mut self.t.store
    }

    /// Moves this till's clock on (tills' clocks are their own).
    pub fn later(&self, minutes: i64) {
        self.t.clock.advance(Duration::minutes(minutes));
    }
}

pub fn enrol(t: &mut TestStore, store_id: Uuid, store_code: &str, device_code: &str) {
    t.store
        .save_enrolment(
            "http://127.0.0.1:9/",
            &EnrolResponse {
                credential: format!("credential-{store_code}-{device_code}"),
                tenant_id: TENANT,
                store_id,
                store_code: store_code.into(),
                device_code: device_code.into(),
                store_name: format!("Store {store_code}"),
                head_office: false,
            },
        )
        .expect("enrolment is kept");
}

/// A fresh till enrolled in `store_id`.
pub fn till(store_id: Uuid, store_code: &str, device_code: &str) -> Till {
    let mut t = store();
    enrol(&mut t, store_id, store_code, device_code);
    Till { t, store_id }
}

struct Entry {
    seq: i64,
    store: Uuid,
    op: Op,
}

/// The server's log, reduced to what sync needs.
#[derive(Default)]
pub struct Server {
    log: Vec<Entry>,
    seen: HashSet<Uuid>,
    /// Every operation pushed (for the schema test).
    pub pushed: Vec<Op>,
}

fn visible(entry: &Entry, store: Uuid) -> bool {
    if entry.op.entity == MEMBER_LEDGER_ENTITY {
        return true;
    }
    match schema::spec(&entry.op.entity).map(|s| s.scope) {
        Some(Scope::Chain) => true,
        Some(Scope::Store) => entry.store == store,
        None => false,
    }
}

/// What the server makes of a sale for the rest of the chain: its member
/// ledger rows (points, stored value, package sessions), packages bought, and
/// the member whose visit it was.
pub fn member_ledger_op(sale: &Op, store: Uuid) -> Option<Op> {
    let entries: Vec<Value> = sale.payload["ledger"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| {
            matches!(
                e["ledger"].as_str(),
                Some("points" | "stored_value" | "package")
            )
        })
        .cloned()
        .collect();
    let packages = sale.payload.get("packages").cloned().unwrap_or(json!([]));
    let visit_of = sale
        .payload
        .get("memberId")
        .filter(|m| m.is_string() && sale.payload["kind"] == "sale")
        .cloned();
    if entries.is_empty() && packages.as_array().is_none_or(Vec::is_empty) && visit_of.is_none() {
        return None;
    }
    Some(Op {
        op_id: Uuid::now_v7(),
        hlc: sale.hlc.clone(),
        device_id: SERVER_DEVICE_ID,
        entity: MEMBER_LEDGER_ENTITY.into(),
        entity_id: sale.entity_id.clone(),
        kind: OpKind::Append,
        payload: json!({ "saleId": sale.entity_id, "storeId": store, "entries": entries,
                         "packages": packages, "createdAt": sale.payload["createdAt"],
                         "visitOf": visit_of }),
        created_at: sale.created_at,
    })
}

impl Server {
    fn append(&mut self, store: Uuid, op: Op) {
        let seq = self.log.len() as i64 + 1;
        self.log.push(Entry { seq, store, op });
    }

    pub fn head(&self) -> i64 {
        self.log.len() as i64
    }

    /// Pushes everything `till` has waiting, in batches, as the sync task would.
    pub fn push(&mut self, till: &mut Till) {
        loop {
            let batch = till.store().outbox_batch(7).unwrap();
            if batch.is_empty() {
                break;
            }
            let mut results = Vec::new();
            for op in batch {
                if let Err(r) = schema::check(&op) {
                    panic!(
                        "the server would refuse {} {:?}: {r:?}",
                        op.entity, op.payload
                    );
                }
                let status = if self.seen.insert(op.op_id) {
                    self.pushed.push(op.clone());
                    if op.entity == "sale" {
                        let derived = member_ledger_op(&op, till.store_id);
                        self.append(till.store_id, op.clone());
                        if let Some(d) = derived {
                            self.append(till.store_id, d);
                        }
                    } else {
                        self.append(till.store_id, op.clone());
                    }
                    OpStatus::Accepted
                } else {
                    OpStatus::Duplicate
                };
                results.push(OpResult {
                    op_id: op.op_id,
                    status,
                    code: None,
                    message: None,
                    data: None,
                });
            }
            till.store().record_push_results(&results).unwrap();
        }
    }

    /// One page for `till` after `after`: its scope, its own operations left out.
    pub fn page(&self, till: &Till, after: i64, limit: usize) -> PullResponse {
        let me = till.t.store.device().id.0;
        let mut ops = Vec::new();
        let mut cursor = after;
        for e in self.log.iter().filter(|e| e.seq > after) {
            if ops.len() == limit {
                break;
            }
            cursor = e.seq;
            if e.op.device_id != me && visible(e, till.store_id) {
                ops.push(PulledOp {
                    seq: e.seq,
                    store_id: None,
                    op: e.op.clone(),
                });
            }
        }
        PullResponse {
            ops,
            cursor,
            head: self.head(),
            more: cursor < self.head(),
            server_time: None,
            cursor_op: None,
            head_office: None,
        }
    }

    /// Pulls every page `till` has not seen; returns the summed report.
    pub fn pull(&self, till: &mut Till) -> ApplyReport {
        let mut sum = ApplyReport {
            applied: 0,
            skipped: 0,
            cursor: 0,
            head: 0,
        };
        loop {
            let cursor = till.store().sync_cursor().unwrap();
            let page = self.page(till, cursor, 25);
            let r = till.store().apply_pulled(&page).unwrap();
            sum.applied += r.applied;
            sum.skipped += r.skipped;
            sum.cursor = r.cursor;
            sum.head = r.head;
            if !page.more {
                return sum;
            }
        }
    }

    /// Every till pushes, then every till pulls.
    pub fn sync(&mut self, tills: &mut [&mut Till]) {
        for t in tills.iter_mut() {
            self.push(t);
        }
        for t in tills.iter_mut() {
            self.pull(t);
        }
    }

    /// A conflict the server found, signed by the server.
    pub fn raise(&mut self, kind: &str, entity: &str, ids: &[String], stores: &[Uuid]) -> String {
        let id = Uuid::now_v7();
        // An hour before the tills' clocks: a server stamps with its own time.
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap();
        let op = Op {
            op_id: Uuid::now_v7(),
            hlc: format!("{:015}-{:06}", at.timestamp_millis(), 0),
            device_id: SERVER_DEVICE_ID,
            entity: "conflict".into(),
            entity_id: id.to_string(),
            kind: OpKind::Upsert,
            payload: json!({ "kind": kind, "entity": entity, "entityIds": ids,
                             "storeIds": stores, "detail": { "why": kind },
                             "detectedAt": "2026-11-23T03:00:00.000Z" }),
            created_at: at,
        };
        self.append(stores[0], op);
        id.to_string()
    }
}

pub fn cash(fen: i64) -> salondesk_core::checkout::Tender {
    salondesk_core::checkout::Tender::Cash {
        amount: salondesk_core::Money(fen),
    }
}

/// Every operation in a store's outbox, marked pushed as it is read.
pub fn drain(store: &mut Store) -> Vec<salondesk_protocol::Op> {
    let mut all = Vec::new();
    loop {
        let batch = store.outbox_batch(500).unwrap();
        if batch.is_empty() {
            return all;
        }
        let results: Vec<_> = batch
            .iter()
            .map(|op| salondesk_protocol::OpResult {
                op_id: op.op_id,
                status: salondesk_protocol::OpStatus::Accepted,
                code: None,
                message: None,
                data: None,
            })
            .collect();
        store.record_push_results(&results).unwrap();
        all.extend(batch);
    }
}

pub fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}
