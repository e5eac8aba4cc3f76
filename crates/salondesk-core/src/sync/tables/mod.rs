//! How each synced entity maps onto its table: which payload field is which
//! column, what an insert needs that no payload carries (times, the device),
//! and the defaults for a required field a first write somehow lacks.
//! Payload fields are the names in `salondesk_protocol::schema`. The tables
//! are in one file per area of the app.

mod care;
mod catalog;
mod desk;
mod members;

use rusqlite::types::Value as Sql;
use serde_json::Value;

/// A payload field and the column it lands in (`""`: not stored here).
#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    pub field: &'static str,
    pub column: &'static str,
    /// Stored as JSON text whatever its JSON type (lists, objects, settings).
    pub json: bool,
}

pub(super) const fn col(field: &'static str, column: &'static str) -> Column {
    Column {
        field,
        column,
        json: false,
    }
}

pub(super) const fn json(field: &'static str, column: &'static str) -> Column {
    Column {
        field,
        column,
        json: true,
    }
}

/// A value an insert fills in itself.
#[derive(Debug, Clone, Copy)]
pub(super) enum Fill {
    Text(&'static str),
    Int(i64),
    /// The operation's time (when it was written on its device).
    OpTime,
    /// The device that wrote the operation.
    OpDevice,
    /// The record's own id (a unique stand-in, e.g. for a SKU).
    EntityId,
}

#[derive(Debug)]
pub(super) struct Table {
    pub entity: &'static str,
    pub table: &'static str,
    pub key: &'static str,
    pub columns: &'static [Column],
    /// Columns every insert sets (creation time, device) unless the payload does.
    pub created: &'static [(&'static str, Fill)],
    /// For required fields a first write lacks: inserted anyway (and noted)
    /// rather than failing the page.
    pub defaults: &'static [(&'static str, Fill)],
    /// Set to the operation's time whenever a pulled write changes the record.
    pub touch: Option<&'static str>,
}

impl Table {
    pub fn column(&self, field: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|c| c.field == field && !c.column.is_empty())
    }
}

/// The JSON value as SQLite stores it: booleans as 0/1, lists and objects as JSON text.
pub(super) fn to_sql(v: &Value, as_json: bool) -> Sql {
    match v {
        Value::Null => Sql::Null,
        _ if as_json => Sql::Text(v.to_string()),
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => Sql::Text(v.to_string()),
    }
}

pub(super) const STAMPED: &[(&str, Fill)] =
    &[("created_at", Fill::OpTime), ("updated_at", Fill::OpTime)];
pub(super) const CREATED: &[(&str, Fill)] = &[("created_at", Fill::OpTime)];

/// Profile-like records (last writer wins per field), by area.
const UPSERTS: [&[Table]; 4] = [
    members::UPSERTS,
    catalog::UPSERTS,
    care::UPSERTS,
    desk::UPSERTS,
];

/// Ledger entries (a union, each row added once by its id, never overwritten), by area.
const APPENDS: [&[Table]; 4] = [
    members::APPENDS,
    catalog::APPENDS,
    care::APPENDS,
    desk::APPENDS,
];

pub(super) fn upsert_table(entity: &str) -> Option<&'static Table> {
    UPSERTS
        .iter()
        .flat_map(|a| a.iter())
        .find(|t| t.entity == entity)
}

pub(super) fn append_table(entity: &str) -> Option<&'static Table> {
    APPENDS
        .iter()
        .flat_map(|a| a.iter())
        .find(|t| t.entity == entity)
}
