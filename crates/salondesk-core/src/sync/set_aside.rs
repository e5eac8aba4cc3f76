//! Operations set aside: ones the server refused for good, or that made a
//! whole push fail until the engine found them (see `salondesk-sync`'s
//! `engine`). They stay in the outbox, marked, so the rest of it goes on, and
//! the sync screen lists them; a manager either sends one again (the reason
//! may be fixed: a server upgraded, a clock put right) or discards it (the
//! change stays on this till only). Both are audited: discarding is the one
//! way a change made here never reaches the chain.

use crate::checkout::audit;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::Writer;
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};
use serde_json::json;
use uuid::Uuid;

/// Only those who settle conflicts settle what the server refused.
fn require_manager(staff: &Staff) -> Result<()> {
    staff.require(Permission::ResolveConflicts)
}

/// The set-aside operation `op_id`: (entity, entity id, reason code).
fn set_aside(w: &Writer<'_>, op_id: Uuid) -> Result<(String, String, String)> {
    w.prepare_cached(
        "SELECT entity, entity_id, coalesce(reject_code, '') FROM outbox
         WHERE op_id = ?1 AND rejected_at IS NOT NULL",
    )?
    .query_row([op_id.to_string()], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .optional()?
    .ok_or(CoreError::NotFound {
        entity: "set-aside operation",
    })
}

impl Store {
    /// A manager sends a set-aside operation again: it goes to the end of the
    /// outbox (everything after it was sent meanwhile), waiting like a new one.
    pub fn retry_set_aside(&mut self, staff: &Staff, op_id: Uuid) -> Result<()> {
        require_manager(staff)?;
        self.write(|w| {
            let (entity, entity_id, code) = set_aside(w, op_id)?;
            // A position after every one ever handed out (AUTOINCREMENT's own
            // counter included), so it is read after what is waiting now.
            let next: i64 = w
                .prepare_cached(
                    "SELECT max(coalesce((SELECT max(seq) FROM outbox), 0),
                                coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)) + 1",
                )?
                .query_row([], |r| r.get(0))?;
            w.prepare_cached(
                "UPDATE outbox SET seq = ?2, rejected_at = NULL, reject_code = NULL,
                        reject_message = NULL
                 WHERE op_id = ?1",
            )?
            .execute(params![op_id.to_string(), next])?;
            w.prepare_cached("UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'outbox'")?
                .execute([next])?;
            audit::record(
                w,
                staff.id,
                None,
                "sync_op_retried",
                Some(&entity_id),
                &json!({ "opId": op_id, "entity": entity, "code": code }),
            )
        })
    }

    /// A manager gives a set-aside operation up: it leaves the outbox for
    /// good (its change stays on this till, unknown to the chain). The audit
    /// log keeps which operation, of what, and why it had been refused.
    pub fn discard_set_aside(&mut self, staff: &Staff, op_id: Uuid) -> Result<()> {
        require_manager(staff)?;
        self.write(|w| {
            let (entity, entity_id, code) = set_aside(w, op_id)?;
            w.prepare_cached("DELETE FROM outbox WHERE op_id = ?1")?
                .execute([op_id.to_string()])?;
            audit::record(
                w,
                staff.id,
                None,
                "sync_op_discarded",
                Some(&entity_id),
                &json!({ "opId": op_id, "entity": entity, "code": code }),
            )
        })
    }
}
