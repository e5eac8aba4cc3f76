//! The outbox seen from sync: the oldest operations waiting, as the wire
//! carries them; what the server said about each; the ones it refused; and
//! pruning what the server has had for long enough.

use super::{OutboxHook, RejectedOp};
use crate::store::Store;
use crate::time::{iso, parse_iso};
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::params;
use salondesk_protocol::{Op, OpKind, OpResult, OpStatus, OutgoingOp, MAX_PUSH_OPS};
use serde_json::value::RawValue;
use std::collections::HashSet;

/// A batch read from the outbox for one push.
#[derive(Debug, Clone, Default)]
pub struct OutboxBatch {
    pub ops: Vec<OutgoingOp>,
    /// The outbox position of the last operation in `ops` (or the `after`
    /// asked for, when empty): where the next batch starts.
    pub last_seq: i64,
}

/// Column `i` of an outbox row as text, borrowed (no copy for what is parsed).
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|_| bad_row("column type"))
}

/// Meta key: the outbox position up to which every operation is settled.
pub(super) const PUSHED_THROUGH: &str = "outbox_pushed_through";

pub(super) fn pushed_through(conn: &rusqlite::Connection) -> Result<i64> {
    Ok(crate::store::meta_get(conn, PUSHED_THROUGH)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// Operations the server has settled stay in the outbox this many days, then
/// go: a busy store makes some hundred thousand a month, sales carrying a few
/// kB each, and the server holds them all. The month kept is a margin for an
/// operator who restores the server from a backup and has the tills push
/// their recent operations again.
pub const OUTBOX_KEEP_DAYS: i64 = 30;

/// At most this many operations pruned per call: the store's lock (the till's
/// too) is held for a few milliseconds, never for a whole backlog.
pub const OUTBOX_PRUNE_BATCH: usize = 500;

/// Every operation still in the outbox that is not set aside waits to be
/// pushed again (the server lost some of them: see `rewind`).
pub(super) fn push_all_again(w: &rusqlite::Connection) -> Result<()> {
    w.prepare_cached("DELETE FROM meta WHERE key = ?1")?
        .execute([PUSHED_THROUGH])?;
    Ok(())
}

fn bad_row(what: &str) -> CoreError {
    CoreError::Internal(format!("an outbox row has a bad {what}"))
}

impl Store {
    /// The oldest operations not yet pushed (and not refused), as wire ops:
    /// at most `limit`, never more than one push may carry.
    pub fn outbox_batch(&self, limit: usize) -> Result<Vec<Op>> {
        let batch = self.outbox_batch_after(0, limit)?;
        Ok(batch
            .ops
            .iter()
            .map(OutgoingOp::to_op)
            .collect::<serde_json::Result<_>>()?)
    }

    /// Like [`Store::outbox_batch`], but only operations queued after outbox
    /// position `after` (the `last_seq` of the batch before): sync reads the
    /// next batch while the one before is still on its way to the server.
    pub fn outbox_batch_after(&self, after: i64, limit: usize) -> Result<OutboxBatch> {
        let limit = limit.min(MAX_PUSH_OPS) as i64;
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, op_id, hlc, device_id, entity, entity_id, kind, payload, created_at
             FROM outbox
             WHERE seq > ?1 AND rejected_at IS NULL
             ORDER BY seq LIMIT ?2",
        )?;
        let from = after.max(pushed_through(&self.conn)?);
        let mut rows = stmt.query(params![from, limit])?;
        let mut batch = OutboxBatch {
            ops: Vec::new(),
            last_seq: after,
        };
        while let Some(r) = rows.next()? {
            batch.last_seq = r.get(0)?;
            let kind = text(r, 6)?;
            let created_at = text(r, 8)?;
            batch.ops.push(OutgoingOp {
                op_id: text(r, 1)?.parse().map_err(|_| bad_row("op id"))?,
                hlc: r.get(2)?,
                device_id: text(r, 3)?.parse().map_err(|_| bad_row("device id"))?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                kind: OpKind::parse(kind).ok_or_else(|| bad_row("kind"))?,
                payload: RawValue::from_string(r.get(7)?)?,
                created_at: parse_iso(created_at).ok_or_else(|| bad_row("time"))?,
            });
        }
        Ok(batch)
    }

    /// Operations waiting to be pushed to the server (not those it refused:
    /// they are kept, shown, and never offered again).
    pub fn pending_ops(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM outbox WHERE seq > ?1 AND rejected_at IS NULL")?
            .query_row([pushed_through(&self.conn)?], |r| r.get(0))?)
    }

    /// Records the server's answer to a push: accepted and duplicate
    /// operations are done; refused ones keep the server's code and message
    /// and are never offered again. Results for unknown ids are ignored.
    ///
    /// Done operations are not marked one by one: the outbox is pushed in
    /// order, so the settled ones are a prefix of it, and `PUSHED_THROUGH`
    /// moves to the last operation before the first one still unsettled.
    pub fn record_push_results(&mut self, results: &[OpResult]) -> Result<()> {
        if results.is_empty() {
            return Ok(());
        }
        self.write(|w| {
            let now = iso(w.now());
            // The server holds these: a pull names the newest (see `rewind`).
            if let Some(last) = results
                .iter()
                .rev()
                .find(|r| r.status != OpStatus::Rejected)
            {
                super::rewind::record_settled(w, last.op_id)?;
            }
            let mut settled = HashSet::with_capacity(results.len());
            for r in results {
                let id = r.op_id.to_string();
                if r.status == OpStatus::Rejected {
                    w.prepare_cached(
                        "UPDATE outbox SET rejected_at = ?2, reject_code = ?3, reject_message = ?4
                         WHERE op_id = ?1 AND rejected_at IS NULL",
                    )?
                    .execute(params![
                        id,
                        now,
                        r.code.as_deref().unwrap_or("rejected"),
                        r.message.as_deref().unwrap_or("")
                    ])?;
                }
                settled.insert(id);
            }
            // Walk the operations still waiting, in order, while the answer
            // covers them (refused ones, just marked, are no longer waiting).
            let through = pushed_through(w)?;
            let mut new_through = through;
            {
                let mut stmt = w.prepare_cached(
                    "SELECT seq, op_id FROM outbox
                     WHERE seq > ?1 AND rejected_at IS NULL ORDER BY seq LIMIT ?2",
                )?;
                let mut rows = stmt.query(params![through, settled.len() as i64])?;
                while let Some(row) = rows.next()? {
                    if !settled.contains(text(row, 1)?) {
                        break;
                    }
                    new_through = row.get(0)?;
                }
            }
            if new_through > through {
                w.set_meta(PUSHED_THROUGH, &new_through.to_string())?;
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

    /// Deletes up to `at_most` of the oldest operations the server has settled
    /// (accepted, or acknowledged as already had) that were made before
    /// `before`. Waiting operations are never touched, nor refused ones (they
    /// stay listed for a manager). Returns how many went; positions are never
    /// handed out again (the outbox's `seq` is AUTOINCREMENT).
    pub fn prune_outbox(&mut self, before: DateTime<Utc>, at_most: usize) -> Result<usize> {
        let cutoff = iso(before);
        self.write(|w| {
            let through = pushed_through(w)?;
            // Oldest first, by position; stop at the first one made too recently.
            let mut last = None;
            {
                let mut stmt = w.prepare_cached(
                    "SELECT seq, created_at FROM outbox
                     WHERE seq <= ?1 AND rejected_at IS NULL ORDER BY seq LIMIT ?2",
                )?;
                let mut rows = stmt.query(params![through, at_most as i64])?;
                while let Some(r) = rows.next()? {
                    if text(r, 1)? >= cutoff.as_str() {
                        break;
                    }
                    last = Some(r.get::<_, i64>(0)?);
                }
            }
            let Some(last) = last else {
                return Ok(0);
            };
            Ok(
                w.prepare_cached("DELETE FROM outbox WHERE seq <= ?1 AND rejected_at IS NULL")?
                    .execute([last])?,
            )
        })
    }

    /// `hook` runs on the committing thread after every write that added to
    /// the outbox, so the sync task can wake up. Replaces any earlier hook.
    pub fn on_outbox_write(&mut self, hook: OutboxHook) {
        self.outbox_hook = Some(hook);
    }
}
