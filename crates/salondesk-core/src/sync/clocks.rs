//! Last writer wins, per field, by hybrid logical clock. Each synced field of
//! a record remembers the clock (and device) of the write that set it; a
//! pulled write of a field is taken only if it is newer. On equal clocks the
//! greater device id wins, so every device picks the same winner.
//!
//! A record written whole keeps one base row (`field = ''`) instead of one row
//! per field: a million members cost a million rows, not sixteen million.

use crate::Result;
use rusqlite::{params, Connection};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The clock of one write: its HLC text (fixed width, sorts as it compares)
/// and the device that made it. Ordered by HLC, then device id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Stamp {
    pub hlc: String,
    pub device: String,
}

/// The base row's field name: the clock of every field without its own row.
const BASE: &str = "";

/// The fields that describe a whole record of `entity` (what its creation
/// sends): a write carrying all of them resets the record to one base clock.
/// A conflict is never written whole by a device: the server owns most of it.
fn whole_record(entity: &str) -> &'static [&'static str] {
    match salondesk_protocol::schema::spec(entity) {
        Some(spec) if entity != "conflict" => spec.fields,
        _ => &[],
    }
}

fn is_whole(entity: &str, fields: &Map<String, Value>) -> bool {
    let all = whole_record(entity);
    !all.is_empty()
        && all
            .iter()
            .filter(|f| **f != "survivor")
            .all(|f| fields.contains_key(*f))
}

/// Records a local upsert's fields as the newest here (called by `Writer::emit`).
pub(crate) fn record_local(
    conn: &Connection,
    entity: &str,
    entity_id: &str,
    payload: &Value,
    hlc: &str,
    device: &str,
) -> Result<()> {
    let Some(fields) = payload.as_object() else {
        return Ok(());
    };
    // A record with no clock yet is being created: one base row says it all.
    let whole = is_whole(entity, fields)
        || !conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM field_clocks WHERE entity = ?1 AND entity_id = ?2)",
            )?
            .query_row(params![entity, entity_id], |r| r.get::<_, bool>(0))?;
    let stamp = Stamp {
        hlc: hlc.to_owned(),
        device: device.to_owned(),
    };
    if whole {
        set_base(conn, entity, entity_id, &stamp)
    } else {
        set_fields(
            conn,
            entity,
            entity_id,
            fields.keys().map(String::as_str),
            &stamp,
        )
    }
}

fn set_base(conn: &Connection, entity: &str, entity_id: &str, stamp: &Stamp) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM field_clocks WHERE entity = ?1 AND entity_id = ?2 AND field <> ''",
    )?
    .execute(params![entity, entity_id])?;
    set_fields(conn, entity, entity_id, [BASE].into_iter(), stamp)
}

fn set_fields<'a>(
    conn: &Connection,
    entity: &str,
    entity_id: &str,
    fields: impl Iterator<Item = &'a str>,
    stamp: &Stamp,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO field_clocks (entity, entity_id, field, hlc, device_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id",
    )?;
    for f in fields {
        stmt.execute(params![entity, entity_id, f, stamp.hlc, stamp.device])?;
    }
    Ok(())
}

/// A record's clocks as they stand here.
pub(crate) struct Clocks {
    base: Option<Stamp>,
    fields: HashMap<String, Stamp>,
}

/// Which of a pulled write's fields win here.
pub(crate) struct Verdict {
    /// Fields whose pulled value is newer than what this device has.
    pub winners: Vec<String>,
    /// This very write (same clock, same device) was applied before.
    pub seen: bool,
}

impl Clocks {
    pub fn load(conn: &Connection, entity: &str, entity_id: &str) -> Result<Clocks> {
        let mut stmt = conn.prepare_cached(
            "SELECT field, hlc, device_id FROM field_clocks WHERE entity = ?1 AND entity_id = ?2",
        )?;
        let mut clocks = Clocks {
            base: None,
            fields: HashMap::new(),
        };
        let rows = stmt.query_map(params![entity, entity_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (field, hlc, device) = row?;
            let stamp = Stamp { hlc, device };
            if field.is_empty() {
                clocks.base = Some(stamp);
            } else {
                clocks.fields.insert(field, stamp);
            }
        }
        Ok(clocks)
    }

    pub fn is_empty(&self) -> bool {
        self.base.is_none() && self.fields.is_empty()
    }

    fn of(&self, field: &str) -> Option<&Stamp> {
        self.fields.get(field).or(self.base.as_ref())
    }

    pub fn judge<'a>(&self, fields: impl Iterator<Item = &'a String>, remote: &Stamp) -> Verdict {
        let mut v = Verdict {
            winners: Vec::new(),
            seen: false,
        };
        for f in fields {
            match self.of(f) {
                Some(local) if local == remote => v.seen = true,
                Some(local) if local > remote => {}
                _ => v.winners.push(f.clone()),
            }
        }
        v
    }

    /// Keeps the clocks of the fields a pulled write won. A write that won
    /// every field of a whole record, or that created the record here, leaves
    /// a single base clock.
    pub fn record_remote(
        &self,
        conn: &Connection,
        entity: &str,
        entity_id: &str,
        fields: &Map<String, Value>,
        winners: &[String],
        remote: &Stamp,
    ) -> Result<()> {
        if winners.is_empty() {
            Ok(())
        } else if self.is_empty() {
            // No clock rows to clear: the record's first one.
            set_fields(conn, entity, entity_id, [BASE].into_iter(), remote)
        } else if winners.len() == fields.len() && is_whole(entity, fields) {
            set_base(conn, entity, entity_id, remote)
        } else {
            set_fields(
                conn,
                entity,
                entity_id,
                winners.iter().map(String::as_str),
                remote,
            )
        }
    }
}
