//! Applying a pulled page: one write transaction for the whole page and its
//! cursor (a crash never applies a page twice or skips one), nothing added to
//! the outbox; an operation that fails is rolled back alone (see `Mode`). One
//! that cannot be applied is kept in `sync_apply_errors` and skipped so it never
//! blocks the pages after it; a database failure fails the page, to be retried.

use super::clocks::Stamp;
use super::config::{CURSOR, HEAD};
use super::{members, records, sale, tables, ApplyReport};
use crate::hlc::Hlc;
use crate::store::Store;
use crate::time::{iso, parse_iso};
use crate::write::Writer;
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, ErrorCode};
use salondesk_protocol::schema::MEMBER_LEDGER_ENTITY;
use salondesk_protocol::{Op, OpKind, PullResponse, PulledOp};
use serde::Serialize;

/// One pulled operation being applied.
pub(super) struct Ctx<'a> {
    pub op: &'a Op,
    /// The operation's time as this database stores times.
    pub time: String,
    pub stamp: Stamp,
    /// Repairs made while applying (a default kept, a number changed): recorded.
    pub notes: Vec<String>,
    /// Another store's operation (a sale or a rating, to a head-office
    /// device), and its place in the server's log.
    pub other_store: Option<String>,
    pub seq: i64,
}

pub(super) enum Outcome {
    Applied,
    /// Already here: the same operation was applied before.
    Skipped,
}

/// A pulled operation that was skipped or repaired, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyError {
    pub op_id: String,
    pub seq: i64,
    pub entity: String,
    pub entity_id: String,
    /// Skipped (not applied at all), or applied with a repair.
    pub skipped: bool,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Failures of the database itself, not of the operation: worth retrying the page.
fn is_database_failure(e: &CoreError) -> bool {
    let CoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) = e else {
        return false;
    };
    matches!(
        f.code,
        ErrorCode::DatabaseBusy
            | ErrorCode::DatabaseLocked
            | ErrorCode::SystemIoFailure
            | ErrorCode::DiskFull
            | ErrorCode::DatabaseCorrupt
            | ErrorCode::NotADatabase
            | ErrorCode::OutOfMemory
            | ErrorCode::CannotOpen
            | ErrorCode::ReadOnly
            | ErrorCode::FileLockingProtocolFailed
            | ErrorCode::PermissionDenied
            | ErrorCode::OperationInterrupted
            | ErrorCode::NoLargeFileSupport
    )
}

fn apply_one(w: &Writer<'_>, cx: &mut Ctx<'_>) -> Result<Outcome> {
    let op = cx.op;
    if let Some(store) = &cx.other_store {
        // Into the summaries of its store, never into this store's sales.
        return match (op.entity.as_str(), op.kind) {
            ("sale", OpKind::Append) => {
                Ok(if crate::chain::other_store_sale(w, store, op, cx.seq)? {
                    Outcome::Applied
                } else {
                    Outcome::Skipped
                })
            }
            // Into the ratings summary, never into this store's ratings.
            ("visit_feedback", OpKind::Upsert) => Ok(
                if crate::chain::other_store_feedback(w, store, op, &cx.stamp)? {
                    Outcome::Applied
                } else {
                    Outcome::Skipped
                },
            ),
            (entity, _) => Err(CoreError::validation(
                "storeId",
                format!("another store's {entity:?} is not something a till applies"),
            )),
        };
    }
    match (op.entity.as_str(), op.kind) {
        ("member", OpKind::Upsert) => members::upsert(w, cx),
        ("member", OpKind::Archive) => members::archive(w, cx, false),
        ("member", OpKind::Merge) => members::archive(w, cx, true),
        ("member", OpKind::Erase) => members::erase(w, cx),
        ("staff_hours", OpKind::Upsert) => records::staff_hours(w, cx),
        ("sale", OpKind::Append) => sale::sale(w, cx),
        (MEMBER_LEDGER_ENTITY, _) => sale::member_ledger(w, cx),
        ("member_opening", OpKind::Append) => sale::member_opening(w, cx),
        (entity, OpKind::Upsert) if tables::upsert_table(entity).is_some() => {
            records::upsert(w, tables::upsert_table(entity).expect("checked"), cx)
        }
        (entity, OpKind::Append) if tables::append_table(entity).is_some() => {
            records::append(w, tables::append_table(entity).expect("checked"), cx)
        }
        (entity, kind) => Err(CoreError::validation(
            "entity",
            format!(
                "{} of {entity:?} is not something this version applies",
                kind.as_str()
            ),
        )),
    }
}

fn note(w: &Writer<'_>, p: &PulledOp, skipped: bool, reason: &str) -> Result<()> {
    w.prepare_cached(
        "INSERT INTO sync_apply_errors (op_id, seq, entity, entity_id, skipped, reason, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        p.op.op_id.to_string(),
        p.seq,
        p.op.entity,
        p.op.entity_id,
        skipped,
        reason,
        iso(w.now())
    ])?;
    Ok(())
}

fn savepoint(w: &Writer<'_>, sql: &str) -> Result<()> {
    w.prepare_cached(sql)?.execute([])?;
    Ok(())
}

/// How a page is applied. `Fast`: no savepoint per operation, and the first
/// operation that fails fails the whole transaction (the page is then applied
/// again `Careful`ly). `Careful`: each operation in a savepoint of its own, a
/// failed one rolled back alone and noted. Nearly every page applies cleanly,
/// and a savepoint copies every page an operation touches into a journal.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Fast,
    Careful,
}

/// Applies every operation of `pull` in the open transaction. In `Fast` mode
/// an operation's failure is returned (rolling the page back) with `*failed` set.
fn apply_page(
    w: &mut Writer<'_>,
    pull: &PullResponse,
    me: uuid::Uuid,
    mode: Mode,
    failed: &mut bool,
) -> Result<ApplyReport> {
    let mut report = ApplyReport {
        applied: 0,
        skipped: 0,
        cursor: pull.cursor,
        head: pull.head,
    };
    // A till restored from a backup gets its own operations back (see `restored`).
    let catch_up = super::restored::catching_up(w)?;
    let mut new_rfm = false;
    // Operations marked with another store (a head office's pull) are told apart.
    let own_store = crate::store::meta_get(w, super::config::STORE)?;
    for p in &pull.ops {
        let op = &p.op;
        if op.device_id == me && (!catch_up || super::restored::own_op_held(w, &op.op_id)?) {
            report.skipped += 1;
            continue;
        }
        // Tied to an appointment of a member erased here: her personal
        // fields never land (`personal`).
        let scrubbed = super::personal::scrub_pulled(w, op)?;
        let op = scrubbed.as_ref().unwrap_or(op);
        let Ok(hlc) = op.hlc.parse::<Hlc>() else {
            note(w, p, true, "the operation's clock is unreadable")?;
            report.skipped += 1;
            continue;
        };
        w.receive_hlc(hlc);
        let mut cx = Ctx {
            op,
            time: iso(op.created_at),
            stamp: Stamp {
                hlc: op.hlc.clone(),
                device: op.device_id.to_string(),
            },
            notes: Vec::new(),
            other_store: p
                .store_id
                .map(|s| s.to_string())
                .filter(|s| own_store.as_deref() != Some(s.as_str())),
            seq: p.seq,
        };
        if mode == Mode::Careful {
            savepoint(w, "SAVEPOINT pulled_op")?;
        }
        match apply_one(w, &mut cx) {
            Ok(outcome) => {
                if mode == Mode::Careful {
                    savepoint(w, "RELEASE pulled_op")?;
                }
                for n in &cx.notes {
                    note(w, p, false, n)?;
                }
                match outcome {
                    Outcome::Applied => {
                        report.applied += 1;
                        new_rfm |= op.entity == "store_settings"
                            && op.entity_id == crate::segments::RFM_KEY;
                    }
                    Outcome::Skipped => report.skipped += 1,
                }
            }
            Err(e) if is_database_failure(&e) => return Err(e),
            Err(e) if mode == Mode::Fast => {
                *failed = true;
                return Err(e);
            }
            Err(e) => {
                savepoint(w, "ROLLBACK TO pulled_op")?;
                savepoint(w, "RELEASE pulled_op")?;
                note(w, p, true, &e.to_string())?;
                report.skipped += 1;
            }
        }
    }
    if new_rfm {
        crate::segments::reclassify_pulled(w)?;
    }
    if let Some(server_time) = pull.server_time {
        super::restamp::note_server_time(w, server_time)?;
    }
    w.set_meta(CURSOR, &pull.cursor.to_string())?;
    w.set_meta(HEAD, &pull.head.to_string())?;
    if let Some(head_office) = pull.head_office {
        w.set_meta(
            super::config::HEAD_OFFICE,
            if head_office { "1" } else { "0" },
        )?;
    }
    super::rewind::record_cursor(w, pull.cursor, pull.cursor_op)?;
    if catch_up && !pull.more {
        super::restored::finish(w)?;
    }
    Ok(report)
}

impl Store {
    /// Applies a pulled page in one write transaction, through the write path
    /// but without adding to the outbox, and stores `pull.cursor` (and `head`)
    /// with it. Operations already applied, and this device's own, are skipped.
    pub fn apply_pulled(&mut self, pull: &PullResponse) -> Result<ApplyReport> {
        let me = self.device.id.0;
        let mut failed = false;
        // A pulled page is committed without waiting for the disk (WAL with
        // synchronous=NORMAL: a power cut can lose the last pages, never
        // corrupt the file). Its cursor is in the same transaction, so a lost
        // page is simply pulled again; sales rung up here keep FULL, whatever
        // way this ends (the guard puts FULL back on an error or a panic too).
        let relaxed = Relaxed::new(self)?;
        let store = &mut *relaxed.0;
        match store.write(|w| apply_page(w, pull, me, Mode::Fast, &mut failed)) {
            // An operation failed: nothing of the page was kept; apply it op by op.
            Err(_) if failed => {
                store.write(|w| apply_page(w, pull, me, Mode::Careful, &mut failed))
            }
            done => done,
        }
    }

    /// Pulled operations skipped or repaired while applying, newest first.
    pub fn sync_apply_errors(&self, limit: usize) -> Result<Vec<ApplyError>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT op_id, seq, entity, entity_id, skipped, reason, at FROM sync_apply_errors
             ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(ApplyError {
                op_id: r.get(0)?,
                seq: r.get(1)?,
                entity: r.get(2)?,
                entity_id: r.get(3)?,
                skipped: r.get(4)?,
                reason: r.get(5)?,
                at: parse_iso(&r.get::<_, String>(6)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The store with `synchronous=NORMAL` for as long as this lives: dropping it
/// (returning, failing, or unwinding from a panic) puts FULL back, so a sale
/// made after a pull that went wrong is still synced to disk in full.
struct Relaxed<'s>(&'s mut Store);

impl<'s> Relaxed<'s> {
    fn new(store: &'s mut Store) -> Result<Self> {
        store.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(Relaxed(store))
    }
}

impl Drop for Relaxed<'_> {
    fn drop(&mut self) {
        // Setting a pragma on an open connection does not fail in practice;
        // if it ever did, the next open sets FULL again (`db::open`).
        let _ = self.0.conn.pragma_update(None, "synchronous", "FULL");
    }
}
