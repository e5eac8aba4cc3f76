//! A till restored from a backup of itself, catching up with the chain.
//!
//! After a restore the till's file is as it was when the backup was taken.
//! What the chain has that the file lacks comes in two kinds:
//! - what other devices pushed since: the backup's pull cursor is older, so
//!   the ordinary pull brings it;
//! - what THIS device pushed after the backup (its sales of the last hours):
//!   the server leaves a device's own operations out of its pulls (the device
//!   has them, normally). So until the catch-up is done the till asks for its
//!   own too (`own=true`, `PullAnchor::own`) and applies those it does not
//!   hold (an operation still in its outbox is one it holds), through the
//!   same code that applies another till's; the server's log stays as it is.
//!
//! What the file has that the server lacks is in its outbox: operations not
//! pushed when the backup was taken are pushed as usual; the server
//! acknowledges any it already took (by operation id) as duplicates.
//!
//! Numbers: once the pull has reached the server's head, the receipt and
//! member-number sequences move past every number of this device the store
//! now holds, so none is handed out twice (see `backup::restore` for the
//! numbers carried over from the replaced file before any pull).

use crate::store::{meta_get, Store};
use crate::write::Writer;
use crate::Result;

/// Meta: set while a restored, enrolled till still has to pull its own
/// operations back.
pub(crate) const CATCH_UP: &str = "sync.restore_catch_up";

/// What a restore carries over from the file it replaced.
#[derive(Debug, Default, Clone)]
pub struct AfterRestore {
    /// Device-local settings (`key`, `value`) kept across (the backup folder).
    pub settings: Vec<(String, String)>,
    /// The replaced file's sequences and clock, when it was this device's.
    pub receipt_seq: i64,
    pub member_no_seq: i64,
    pub hlc: Option<String>,
}

fn raise_seq(w: &Writer<'_>, name: &str, at_least: i64) -> Result<()> {
    if at_least <= 0 {
        return Ok(());
    }
    w.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = CAST(max(CAST(value AS INTEGER), ?2) AS TEXT)",
    )?
    .execute(rusqlite::params![format!("seq.{name}"), at_least])?;
    Ok(())
}

/// Moves the receipt and member-number sequences past every number of this
/// device in the store (receipts `S01-001-000042`, members `S010010000042`;
/// a receipt renamed on a clash keeps its number in front: `…-000042-ab12cd`).
pub(crate) fn raise_sequences_past_held(w: &Writer<'_>) -> Result<()> {
    let d = w.device().clone();
    let receipt_prefix = format!("{}-{}-", d.store_code, d.code);
    let receipts: i64 = w
        .prepare_cached(
            "SELECT coalesce(max(CAST(substr(receipt_no, ?2) AS INTEGER)), 0) FROM sales
             WHERE substr(receipt_no, 1, ?1) = ?3",
        )?
        .query_row(
            rusqlite::params![
                receipt_prefix.len() as i64,
                receipt_prefix.len() as i64 + 1,
                receipt_prefix
            ],
            |r| r.get(0),
        )?;
    raise_seq(w, "receipt", receipts)?;
    let member_prefix = format!("{}{}", d.store_code, d.code);
    let members: i64 = w
        .prepare_cached(
            "SELECT coalesce(max(CAST(substr(member_no, ?2) AS INTEGER)), 0) FROM members
             WHERE substr(member_no, 1, ?1) = ?3 AND length(member_no) = ?1 + 7",
        )?
        .query_row(
            rusqlite::params![
                member_prefix.len() as i64,
                member_prefix.len() as i64 + 1,
                member_prefix
            ],
            |r| r.get(0),
        )?;
    raise_seq(w, "member_no", members)
}

/// Whether this till is catching up after a restore (read in a page's write).
pub(super) fn catching_up(w: &Writer<'_>) -> Result<bool> {
    Ok(meta_get(w, CATCH_UP)?.is_some())
}

/// Whether an operation of this device is already here: it is in the outbox
/// (settled operations stay there a month; an older one was applied long
/// before the backup, and applying it again is skipped by its record's id).
pub(super) fn own_op_held(w: &Writer<'_>, op_id: &uuid::Uuid) -> Result<bool> {
    Ok(
        w.prepare_cached("SELECT EXISTS (SELECT 1 FROM outbox WHERE op_id = ?1)")?
            .query_row([op_id.to_string()], |r| r.get(0))?,
    )
}

/// The catch-up pull reached the server's head: numbers past what came back,
/// and ordinary pulls from now on.
pub(super) fn finish(w: &Writer<'_>) -> Result<()> {
    raise_sequences_past_held(w)?;
    w.prepare_cached("DELETE FROM meta WHERE key = ?1")?
        .execute([CATCH_UP])?;
    Ok(())
}

impl Store {
    /// Right after a restore put a backup in place: carries over what the
    /// replaced file held (settings, sequences, the clock), moves the
    /// sequences past every number in the restored file, and, if the till is
    /// enrolled, marks it to pull its own operations back. Returns whether it
    /// will (enrolled).
    pub fn after_restore(&mut self, carried: &AfterRestore) -> Result<bool> {
        let enrolled = self.sync_config()?.is_some();
        let hlc = carried
            .hlc
            .as_deref()
            .and_then(|s| s.parse::<crate::hlc::Hlc>().ok());
        self.write(|w| {
            for (k, v) in &carried.settings {
                w.set_meta(k, v)?;
            }
            raise_seq(w, "receipt", carried.receipt_seq)?;
            raise_seq(w, "member_no", carried.member_no_seq)?;
            raise_sequences_past_held(w)?;
            if let Some(hlc) = hlc {
                w.receive_hlc(hlc);
            }
            if enrolled {
                w.set_meta(CATCH_UP, "1")?;
            }
            Ok(())
        })?;
        Ok(enrolled)
    }

    /// Whether the next pulls ask for this device's own operations too.
    pub fn restore_catch_up(&self) -> Result<bool> {
        Ok(meta_get(self.conn(), CATCH_UP)?.is_some())
    }
}
