//! The write path in bulk, for the member import only (`import::bulk`): a
//! batch of a thousand new members is a few multi-row INSERTs per table
//! instead of a dozen single-row statements per member.
//!
//! Nothing changes about what is recorded: every operation still goes to
//! the outbox in the same transaction as its rows, stamped by this device's
//! clock one tick after the other in the order given, with the payload text
//! `Writer::emit` would write; an upsert's field clock is the one base row
//! `sync::clocks::record_local` gives a record that has no clock yet. What
//! is saved is SQLite's per-statement work and rusqlite's statement-cache
//! lookups (a hash of the SQL text each time).

use super::{OpKind, Writer};
use crate::ids::OpId;
use crate::Result;
use rusqlite::ToSql;
use serde::Serialize;

/// Bound parameters per statement, well under SQLite's limit (32,766).
const MAX_PARAMS: usize = 8_000;
/// Rows per INSERT: beyond a couple of hundred the statement's preparation
/// costs more than the per-row work it saves.
const MAX_ROWS: usize = 200;

/// One operation for `Writer::emit_new`, its payload already as `emit` writes it.
pub(crate) struct NewOp {
    pub entity: &'static str,
    pub entity_id: String,
    pub kind: OpKind,
    payload: String,
}

impl NewOp {
    /// The operation `emit(entity, entity_id, kind, payload)` would append.
    pub fn new(
        entity: &'static str,
        entity_id: &dyn std::fmt::Display,
        kind: OpKind,
        payload: &impl Serialize,
    ) -> Result<NewOp> {
        // As `emit`: an upsert's fields go through a JSON value (their
        // clocks are recorded from it), anything else is written as typed.
        let payload = if kind == OpKind::Upsert {
            serde_json::to_value(payload)?.to_string()
        } else {
            serde_json::to_string(payload)?
        };
        Ok(NewOp {
            entity,
            entity_id: entity_id.to_string(),
            kind,
            payload,
        })
    }
}

impl Writer<'_> {
    /// Appends `ops` to the outbox in order, as that many `emit` calls would.
    /// An `Upsert` must be of a record created in this very write (a fresh
    /// id, so no field clock yet): its clock is one base row, exactly what
    /// `record_local` writes for a new record. Used by the import's bulk path.
    pub(crate) fn emit_new(&mut self, ops: &[NewOp]) -> Result<()> {
        let device = self.device.id.to_string();
        let created = crate::time::iso(self.now);
        let mut stamped: Vec<(OpId, String)> = Vec::with_capacity(ops.len());
        for _ in ops {
            self.hlc = self.hlc.tick(self.now);
            self.emitted += 1;
            stamped.push((OpId::new(self.now), self.hlc.to_string()));
        }
        let base = "";
        let mut clocks: Vec<&dyn ToSql> = Vec::new();
        for (op, (_, hlc)) in ops.iter().zip(&stamped) {
            if op.kind == OpKind::Upsert {
                clocks.extend([
                    &op.entity as &dyn ToSql,
                    &op.entity_id,
                    &base,
                    hlc,
                    &device,
                ]);
            }
        }
        self.insert_many(
            "INSERT INTO field_clocks (entity, entity_id, field, hlc, device_id)",
            " ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id",
            5,
            &clocks,
        )?;
        let kinds: Vec<&'static str> = ops.iter().map(|op| op.kind.as_str()).collect();
        let mut rows: Vec<&dyn ToSql> = Vec::with_capacity(ops.len() * 8);
        for ((op, (op_id, hlc)), kind) in ops.iter().zip(&stamped).zip(&kinds) {
            rows.extend([
                op_id as &dyn ToSql,
                hlc,
                &device,
                &op.entity,
                &op.entity_id,
                kind,
                &op.payload,
                &created,
            ]);
        }
        self.insert_many(
            "INSERT INTO outbox (op_id, hlc, device_id, entity, entity_id, kind, payload, created_at)",
            "",
            8,
            &rows,
        )
    }

    /// Inserts rows of `cols` values each (`values` row after row) with
    /// multi-row statements: `head` is `INSERT INTO t (columns)`, `tail`
    /// what follows the VALUES (an `ON CONFLICT` clause, or nothing).
    pub(crate) fn insert_many(
        &self,
        head: &str,
        tail: &str,
        cols: usize,
        values: &[&dyn ToSql],
    ) -> Result<()> {
        debug_assert!(cols > 0 && values.len() % cols == 0);
        let per = (MAX_PARAMS / cols).clamp(1, MAX_ROWS);
        for chunk in values.chunks(per * cols) {
            let rows = chunk.len() / cols;
            let one = format!("({})", vec!["?"; cols].join(","));
            let sql = format!("{head} VALUES {}{tail}", vec![one; rows].join(","));
            self.tx.prepare_cached(&sql)?.execute(chunk)?;
        }
        Ok(())
    }
}
