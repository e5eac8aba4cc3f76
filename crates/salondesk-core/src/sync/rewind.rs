//! Noticing a server that went back (restored from a backup), and catching it
//! up again.
//!
//! A restore silently loses everything the server took in after the backup,
//! and the tills do not know: their pull cursors point past the end of the
//! restored log (new operations then reuse those positions, so the tills skip
//! them), and their outboxes count what the server lost as settled, never to
//! be sent again.
//!
//! How a till notices: it names what it believes the server holds. Each pull
//! carries the cursor *and the id of the server's operation at that position*
//! (the server hands it out with every page), and the id of this till's last
//! operation the server settled. A server whose log lacks either answers 409
//! `log_rewound`. Why not a server epoch, or the head alone: a restore brings
//! back the backup's epoch too (no one runs anything on the server to change
//! it), and a head compared with the cursor says nothing once new pushes after
//! the restore have filled the positions up again; an operation id at a
//! position can only match the log it came from.
//!
//! What it does then ([`Store::rewind_pull`]): it steps back to the newest of
//! its pull checkpoints below the one refused (kept every pull, thinned to one
//! an hour and then one a day: a backup is taken hours or days before the
//! restore) and tries again, down to position 0 if need be (always held: a
//! whole pull again, each operation already here skipped by id). And it pushes
//! again every settled operation its outbox still keeps (a month: see
//! `OUTBOX_KEEP_DAYS`); the server acknowledges the ones it still has as
//! duplicates and takes in the lost ones, which reach the other tills by pull.

use super::config::CURSOR;
use crate::store::{meta_get, Store};
use crate::time::iso;
use crate::write::Writer;
use crate::Result;
use chrono::Duration;
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

/// Meta: the id of the server's operation at the cursor.
pub(super) const CURSOR_OP: &str = "sync.cursor_op";
/// Meta: this device's newest operation the server said it holds.
pub(super) const LAST_SETTLED: &str = "sync.last_settled_op";

/// Checkpoints this recent are all kept; older ones one an hour, and after
/// `HOURLY_FOR` one a day, for `KEEP_FOR`.
const ALL_FOR: Duration = Duration::hours(1);
const HOURLY_FOR: Duration = Duration::days(2);
const KEEP_FOR: Duration = Duration::days(120);

/// Notes the cursor a page moved to (and the server's operation there) as
/// the place to pull from next and as a checkpoint, in the page's transaction.
pub(super) fn record_cursor(w: &Writer<'_>, cursor: i64, op: Option<Uuid>) -> Result<()> {
    let Some(op) = op.filter(|_| cursor > 0) else {
        // A server that does not say (or position 0): nothing to check next time.
        w.prepare_cached("DELETE FROM meta WHERE key = ?1")?
            .execute([CURSOR_OP])?;
        return Ok(());
    };
    w.set_meta(CURSOR_OP, &op.to_string())?;
    let now = w.now();
    w.prepare_cached(
        "INSERT OR IGNORE INTO sync_checkpoints (seq, op_id, at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![cursor, op.to_string(), iso(now)])?;
    // Thin out: per hour (then per day), only the furthest checkpoint stays.
    w.prepare_cached(
        "DELETE FROM sync_checkpoints WHERE at < ?1 OR (at < ?2 AND seq NOT IN (
             SELECT max(seq) FROM sync_checkpoints WHERE at < ?2
             GROUP BY substr(at, 1, CASE WHEN at < ?3 THEN 10 ELSE 13 END)))",
    )?
    .execute(params![
        iso(now - KEEP_FOR),
        iso(now - ALL_FOR),
        iso(now - HOURLY_FOR)
    ])?;
    Ok(())
}

/// Notes this device's newest operation the server holds (accepted, or
/// acknowledged as already had), with the push results that say so.
pub(super) fn record_settled(w: &Writer<'_>, op: Uuid) -> Result<()> {
    w.set_meta(LAST_SETTLED, &op.to_string())
}

/// What a pull names for the server to check: its cursor's operation and
/// this device's newest settled one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PullAnchor {
    pub after: i64,
    pub after_op: Option<Uuid>,
    pub settled_op: Option<Uuid>,
    /// Ask for this device's own operations too: a till restored from a
    /// backup pulls back what it pushed after the backup (`restored`).
    pub own: bool,
}

impl PullAnchor {
    /// A pull after `after` that names nothing to check (tests, tools).
    pub fn from_cursor(after: i64) -> Self {
        PullAnchor {
            after,
            ..PullAnchor::default()
        }
    }
}

impl Store {
    /// Where the next pull starts, and what the server must hold for that to
    /// be right.
    pub fn pull_anchor(&self) -> Result<PullAnchor> {
        let uuid = |key: &str| -> Result<Option<Uuid>> {
            Ok(meta_get(&self.conn, key)?.and_then(|v| v.parse().ok()))
        };
        Ok(PullAnchor {
            after: self.sync_cursor()?,
            after_op: uuid(CURSOR_OP)?,
            settled_op: uuid(LAST_SETTLED)?,
            own: self.restore_catch_up()?,
        })
    }

    /// The server does not hold what the last pull named (`log_rewound`): the
    /// cursor steps back to the newest checkpoint below it (0 if none is
    /// left), and, if `push_again` (the first step back of a sync: once is
    /// enough), every settled operation still in the outbox waits to be
    /// pushed again. Returns the new cursor.
    pub fn rewind_pull(&mut self, push_again: bool) -> Result<i64> {
        self.write(|w| {
            let cursor: i64 = meta_get(w, CURSOR)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            // The checkpoint at the cursor is the one refused; those past it
            // are of the same lost log.
            w.prepare_cached("DELETE FROM sync_checkpoints WHERE seq >= ?1")?
                .execute([cursor])?;
            let back: Option<(i64, String)> = w
                .prepare_cached(
                    "SELECT seq, op_id FROM sync_checkpoints ORDER BY seq DESC LIMIT 1",
                )?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (seq, op) = back.unwrap_or((0, String::new()));
            w.set_meta(CURSOR, &seq.to_string())?;
            if op.is_empty() {
                w.prepare_cached("DELETE FROM meta WHERE key = ?1")?
                    .execute([CURSOR_OP])?;
            } else {
                w.set_meta(CURSOR_OP, &op)?;
            }
            if push_again {
                // Nothing pushed counts as held until the server says so again.
                w.prepare_cached("DELETE FROM meta WHERE key = ?1")?
                    .execute([LAST_SETTLED])?;
                super::outbox::push_all_again(w)?;
            }
            Ok(seq)
        })
    }
}
