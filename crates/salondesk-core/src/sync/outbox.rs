//! The outbox seen from sync: the oldest operations waiting, as the wire
//! carries them; what the server said about each; the ones it refused.

use super::{OutboxHook, RejectedOp};
use crate::store::Store;
use crate::time::{iso, parse_iso};
use crate::{CoreError, Result};
use rusqlite::params;
use salondesk_protocol::{Op, OpKind, OpResult, OpStatus, MAX_PUSH_OPS};

fn bad_row(what: &str) -> CoreError {
    CoreError::Internal(format!("an outbox row has a bad {what}"))
}

impl Store {
    /// The oldest operations not yet pushed (and not refused), as wire ops:
    /// at most `limit`, never more than one push may carry.
    pub fn outbox_batch(&self, limit: usize) -> Result<Vec<Op>> {
        let limit = limit.min(MAX_PUSH_OPS) as i64;
        let mut stmt = self.conn.prepare_cached(
            "SELECT op_id, hlc, device_id, entity, entity_id, kind, payload, created_at FROM outbox
             WHERE pushed_at IS NULL AND rejected_at IS NULL ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut ops = Vec::new();
        for row in rows {
            let (op_id, hlc, device_id, entity, entity_id, kind, payload, created_at) = row?;
            ops.push(Op {
                op_id: op_id.parse().map_err(|_| bad_row("op id"))?,
                hlc,
                device_id: device_id.parse().map_err(|_| bad_row("device id"))?,
                entity,
                entity_id,
                kind: OpKind::parse(&kind).ok_or_else(|| bad_row("kind"))?,
                payload: serde_json::from_str(&payload)?,
                created_at: parse_iso(&created_at).ok_or_else(|| bad_row("time"))?,
            });
        }
        Ok(ops)
    }

    /// Records the server's answer to a push: accepted and duplicate
    /// operations are done; refused ones keep the server's code and message
    /// and are never offered again. Results for unknown ids are ignored.
    pub fn record_push_results(&mut self, results: &[OpResult]) -> Result<()> {
        if results.is_empty() {
            return Ok(());
        }
        self.write(|w| {
            let now = iso(w.now());
            for r in results {
                let id = r.op_id.to_string();
                match r.status {
                    OpStatus::Accepted | OpStatus::Duplicate => w
                        .prepare_cached(
                            "UPDATE outbox SET pushed_at = ?2 WHERE op_id = ?1 AND pushed_at IS NULL",
                        )?
                        .execute(params![id, now])?,
                    OpStatus::Rejected => w
                        .prepare_cached(
                            "UPDATE outbox SET rejected_at = ?2, reject_code = ?3, reject_message = ?4
                             WHERE op_id = ?1 AND pushed_at IS NULL",
                        )?
                        .execute(params![
                            id,
                            now,
                            r.code.as_deref().unwrap_or("rejected"),
                            r.message.as_deref().unwrap_or("")
                        ])?,
                };
            }
            Ok(())
        })
    }

    /// Operations the server refused, newest first.
    pub fn rejected_ops(&self) -> Result<Vec<RejectedOp>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT op_id, entity, reject_code, reject_message, created_at FROM outbox
             WHERE rejected_at IS NOT NULL ORDER BY seq DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (op_id, entity, code, message, created_at) = row?;
            Ok(RejectedOp {
                op_id: op_id.parse().map_err(|_| bad_row("op id"))?,
                entity,
                code: code.unwrap_or_default(),
                message: message.unwrap_or_default(),
                created_at: parse_iso(&created_at).ok_or_else(|| bad_row("time"))?,
            })
        })
        .collect()
    }

    /// `hook` runs on the committing thread after every write that added to
    /// the outbox, so the sync task can wake up. Replaces any earlier hook.
    pub fn on_outbox_write(&mut self, hook: OutboxHook) {
        self.outbox_hook = Some(hook);
    }
}
