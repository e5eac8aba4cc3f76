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

/// Rows per INSERT statement. Measured (bench import, 100,000 members):
/// multi-row VALUES cost more CPU than one prepared single-row statement run
/// row after row, because SQLite copies every text value of a multi-row
/// VALUES into its registers (a malloc each) on top of the bind's own copy;
/// what the bulk path saves is the statement lookup per row, not rows per
/// statement. Kept as a knob for the measurement.
fn rows_per_insert() -> usize {
    std::env::var("SALONDESK_ROWS_PER_INSERT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .clamp(1, 200)
}

/// One operation for `Writer::emit_new`, its payload already as `emit` writes it.
pub(crate) struct NewOp {
    pub entity: &'static str,
    pub entity_id: String,
    pub kind: OpKind,
    payload: String,
}

impl NewOp {
    /// An operation whose payload is already the text `emit` would write
    /// (for an upsert: `serde_json::Value`'s text, keys sorted).
    pub fn with_text(
        entity: &'static str,
        entity_id: &dyn std::fmt::Display,
        kind: OpKind,
        payload: String,
    ) -> NewOp {
        NewOp {
            entity,
            entity_id: entity_id.to_string(),
            kind,
            payload,
        }
    }

    /// The operation `emit(entity, entity_id, kind, payload)` would append.
    pub fn new(
        entity: &'static str,
        entity_id: &dyn std::fmt::Display,
        kind: OpKind,
        payload: &impl Serialize,
    ) -> Result<NewOp> {
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
                clocks.extend([&op.entity as &dyn ToSql, &op.entity_id, &base, hlc, &device]);
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
        let per = rows_per_insert();
        let sql = |rows: usize| {
            let one = format!("({})", vec!["?"; cols].join(","));
            format!("{head} VALUES {}{tail}", vec![one; rows].join(","))
        };
        let full = values.chunks_exact(per * cols);
        let rest = full.remainder();
        if full.len() > 0 {
            let mut stmt = self.tx.prepare_cached(&sql(per))?;
            for chunk in full {
                stmt.execute(chunk)?;
            }
        }
        if !rest.is_empty() {
            self.tx
                .prepare_cached(&sql(rest.len() / cols))?
                .execute(rest)?;
        }
        Ok(())
    }
}
