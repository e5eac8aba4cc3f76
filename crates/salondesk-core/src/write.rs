//! The one write path. `Store::write` opens a transaction; the closure
//! validates and applies its change through the `Writer` and appends an
//! outbox operation for it with `emit`; everything commits together or not at
//! all. Nothing else in the crate opens a write transaction.

use crate::hlc::Hlc;
use crate::ids::OpId;
use crate::store::{Device, Store};
use crate::Result;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction, TransactionBehavior};
use serde::Serialize;
use std::ops::Deref;

mod bulk;
pub(crate) use bulk::NewOp;

/// What an operation does to its entity: the wire's own kind, so the outbox
/// and the protocol cannot disagree.
pub use salondesk_protocol::OpKind;

/// The open transaction of one write, with what it needs to record operations.
pub struct Writer<'s> {
    tx: Transaction<'s>,
    now: DateTime<Utc>,
    device: Device,
    hlc: Hlc,
    emitted: u32,
    /// The clock moved without an emit (operations pulled from other devices).
    hlc_received: bool,
    /// The store's `keep_summaries` (the report summaries are written).
    keep_summaries: bool,
}

impl Deref for Writer<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Writer<'_> {
    /// The time of this write, from the store's clock: one instant for the whole change.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Whether sales enter the report summaries (off only in `bench reports`).
    pub(crate) fn keeps_summaries(&self) -> bool {
        self.keep_summaries
    }

    /// This device (its id and codes, as read when the store was opened).
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// Appends the operation that describes this change to the outbox.
    pub fn emit(
        &mut self,
        entity: &str,
        entity_id: &dyn std::fmt::Display,
        kind: OpKind,
        payload: &impl Serialize,
    ) -> Result<OpId> {
        self.hlc = self.hlc.tick(self.now);
        self.emitted += 1;
        let op_id = OpId::new(self.now);
        let payload = if kind == OpKind::Upsert {
            // The fields this write sets are now the newest of their record here.
            let fields = serde_json::to_value(payload)?;
            crate::sync::clocks::record_local(
                &self.tx,
                entity,
                &entity_id.to_string(),
                &fields,
                &self.hlc.to_string(),
                &self.device.id.to_string(),
            )?;
            fields.to_string()
        } else {
            serde_json::to_string(payload)?
        };
        self.tx
            .prepare_cached(
                "INSERT INTO outbox (op_id, hlc, device_id, entity, entity_id, kind, payload, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                op_id,
                self.hlc.to_string(),
                self.device.id,
                entity,
                entity_id.to_string(),
                kind.as_str(),
                payload,
                crate::time::iso(self.now),
            ])?;
        Ok(op_id)
    }

    /// A fresh stamp from this device's clock, for an operation already in
    /// the outbox that is sent again (see `sync::restamp`).
    pub(crate) fn fresh_hlc(&mut self) -> Hlc {
        self.hlc = self.hlc.tick(self.now);
        self.hlc_received = true;
        self.hlc
    }

    /// This device's clock as it stands in this write.
    pub(crate) fn hlc(&self) -> Hlc {
        self.hlc
    }

    /// Restarts this device's clock at the wall clock if it ran past the bound.
    pub(crate) fn bring_hlc_within_bound(&mut self) {
        self.hlc = self.hlc.within_bound(self.now);
        self.hlc_received = true;
    }

    /// Moves this device's clock past an operation pulled from another device,
    /// so whatever this device writes next orders after it.
    pub(crate) fn receive_hlc(&mut self, remote: Hlc) {
        self.hlc = self.hlc.receive(remote, self.now);
        self.hlc_received = true;
    }

    /// Device-local settings and counters (not synced).
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        Ok(())
    }

    /// Takes the next number of a device-local sequence (member numbers, receipts).
    pub fn next_seq(&self, name: &str) -> Result<i64> {
        Ok(self
            .tx
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, '1')
                 ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
                 RETURNING CAST(value AS INTEGER)",
            )?
            .query_row([format!("seq.{name}")], |r| r.get(0))?)
    }
}

impl Store {
    /// Runs `f` as one atomic change: validate, apply, emit, commit.
    /// If `f` fails, nothing it did is kept.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        let device = self.device.clone();
        let hlc = self.hlc;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut w = Writer {
            tx,
            now,
            device,
            hlc,
            emitted: 0,
            hlc_received: false,
            keep_summaries: self.keep_summaries,
        };
        if w.hlc.is_past_bound(now) {
            // Rare: the wall clock was set back, or runs behind the server's.
            // If the server's clock agrees it is too far ahead, it restarts.
            crate::sync::restamp::clock_set_back(&mut w)?;
        }
        let out = f(&mut w)?;
        let Writer {
            tx,
            hlc,
            emitted,
            hlc_received,
            ..
        } = w;
        if emitted > 0 || hlc_received {
            tx.prepare_cached(
                "INSERT INTO meta (key, value) VALUES ('hlc', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([hlc.to_string()])?;
        }
        tx.commit()?;
        self.hlc = hlc;
        if emitted > 0 {
            if let Some(hook) = &self.outbox_hook {
                hook();
            }
        }
        Ok(out)
    }
}
