//! Applying pulled profile-like upserts (last writer wins per field) and
//! ledger appends (a union by entry id) to their tables, straight through the
//! open write transaction and never into the outbox.

use super::apply::{Ctx, Outcome};
use super::clocks::Clocks;
use super::tables::{to_sql, Fill, Table};
use crate::write::Writer;
use crate::Result;
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde_json::{Map, Value};

pub(super) fn fill(f: Fill, cx: &Ctx<'_>) -> Sql {
    match f {
        Fill::Text(s) => Sql::Text(s.to_owned()),
        Fill::Int(i) => Sql::Integer(i),
        Fill::OpTime => Sql::Text(cx.time.clone()),
        Fill::OpDevice => Sql::Text(cx.op.device_id.to_string()),
        Fill::EntityId => Sql::Text(cx.op.entity_id.clone()),
    }
}

pub(super) fn exists(w: &Writer<'_>, t: &Table, id: &str) -> Result<bool> {
    Ok(w.prepare_cached(&format!(
        "SELECT EXISTS (SELECT 1 FROM {} WHERE {} = ?1)",
        t.table, t.key
    ))?
    .query_row([id], |r| r.get(0))?)
}

/// Writes `chosen` fields (and `extra` columns) of one record: an update if it
/// exists, else an insert with its creation columns and, for required fields
/// the payload lacks, the table's defaults (noted).
pub(super) fn write_row(
    w: &Writer<'_>,
    t: &Table,
    cx: &mut Ctx<'_>,
    fields: &Map<String, Value>,
    chosen: &[String],
    extra: Vec<(&'static str, Sql)>,
    exists: bool,
) -> Result<()> {
    let mut cols: Vec<(&str, Sql)> = chosen
        .iter()
        .filter_map(|f| {
            let c = t.column(f)?;
            Some((c.column, to_sql(&fields[f.as_str()], c.json)))
        })
        .collect();
    cols.extend(extra);
    let id = cx.op.entity_id.clone();
    if exists {
        if let Some(touch) = t.touch {
            cols.push((touch, Sql::Text(cx.time.clone())));
        }
        if cols.is_empty() {
            return Ok(());
        }
        let set: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, (c, _))| format!("{c} = ?{}", i + 1))
            .collect();
        let sql = format!(
            "UPDATE {} SET {} WHERE {} = ?{}",
            t.table,
            set.join(", "),
            t.key,
            cols.len() + 1
        );
        let values = cols.into_iter().map(|(_, v)| v).chain([Sql::Text(id)]);
        w.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        return Ok(());
    }
    for (c, f) in t.created {
        if !cols.iter().any(|(have, _)| have == c) {
            cols.push((c, fill(*f, cx)));
        }
    }
    for (field, f) in t.defaults {
        if !fields.contains_key(*field) {
            if let Some(c) = t.column(field) {
                cols.push((c.column, fill(*f, cx)));
                cx.notes
                    .push(format!("{} {field} missing: a default was kept", t.entity));
            }
        }
    }
    insert(w, t, id, cols, false)?;
    Ok(())
}

/// Inserts one row; with `once`, a row already there (same id) is left alone.
/// (No conflict target: a ledger is keyed by its member, product or shift
/// with the id — migration 0010 — and the id is the row either way.)
/// Returns whether a row was added.
fn insert(
    w: &Writer<'_>,
    t: &Table,
    id: String,
    cols: Vec<(&str, Sql)>,
    once: bool,
) -> Result<bool> {
    let names: Vec<&str> = std::iter::once(t.key)
        .chain(cols.iter().map(|(c, _)| *c))
        .collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}){}",
        t.table,
        names.join(", "),
        marks.join(", "),
        if once { " ON CONFLICT DO NOTHING" } else { "" }
    );
    let values = std::iter::once(Sql::Text(id)).chain(cols.into_iter().map(|(_, v)| v));
    Ok(w.prepare_cached(&sql)?.execute(params_from_iter(values))? == 1)
}

/// A pulled upsert: each field is taken only if its clock is newer than this
/// device's; a record this device lacks is created.
pub(super) fn upsert(w: &Writer<'_>, t: &Table, cx: &mut Ctx<'_>) -> Result<Outcome> {
    let fields = payload_fields(cx)?;
    let fields =
        if t.entity == "conflict" && cx.op.device_id != salondesk_protocol::SERVER_DEVICE_ID {
            // Only the server says what a conflict is; a device only resolves it.
            let mut own = fields.clone();
            own.retain(|k, _| {
                !salondesk_protocol::schema::CONFLICT_SERVER_FIELDS.contains(&k.as_str())
            });
            std::borrow::Cow::Owned(own)
        } else {
            std::borrow::Cow::Borrowed(fields)
        };
    let id = cx.op.entity_id.clone();
    let clocks = Clocks::load(w, t.entity, &id)?;
    let verdict = clocks.judge(fields.keys(), &cx.stamp);
    if verdict.winners.is_empty() {
        return Ok(if verdict.seen {
            Outcome::Skipped
        } else {
            Outcome::Applied
        });
    }
    let there = exists(w, t, &id)?;
    let mut extra = Vec::new();
    match t.entity {
        "shift" if verdict.winners.iter().any(|f| f == "closedBy") => {
            let closed = fields.get("closedBy").is_some_and(|v| !v.is_null());
            extra.push((
                "closed_at",
                if closed {
                    Sql::Text(cx.time.clone())
                } else {
                    Sql::Null
                },
            ));
        }
        "message" if !there => {
            let (name, phone) = match (fields.get("careTaskId"), fields.get("campaignMemberId")) {
                (Some(Value::String(task)), _) => care_recipient(w, task)?,
                (_, Some(Value::String(cm))) => campaign_recipient(w, cm)?,
                _ => recipient(w, fields.get("appointmentId"))?,
            };
            extra.push(("recipient_name", Sql::Text(name)));
            extra.push(("phone", Sql::Text(phone)));
        }
        _ => {}
    }
    write_row(w, t, cx, &fields, &verdict.winners, extra, there)?;
    clocks.record_remote(w, t.entity, &id, &fields, &verdict.winners, &cx.stamp)?;
    Ok(Outcome::Applied)
}

/// Whom a reminder is for: the appointment's member, or its walk-in.
fn recipient(w: &Writer<'_>, appointment: Option<&Value>) -> Result<(String, String)> {
    let Some(id) = appointment.and_then(Value::as_str) else {
        return Ok((String::new(), String::new()));
    };
    Ok(w.prepare_cached(
        "SELECT coalesce(m.name, a.walk_in_name, ''), coalesce(m.phone, a.walk_in_phone, '')
             FROM appointments a LEFT JOIN members m ON m.id = a.member_id WHERE a.id = ?1",
    )?
    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?
    .unwrap_or_default())
}

/// Whom a care message is for: the task's member.
fn care_recipient(w: &Writer<'_>, task: &str) -> Result<(String, String)> {
    Ok(w.prepare_cached(
        "SELECT m.name, m.phone FROM care_tasks t JOIN members m ON m.id = t.member_id WHERE t.id = ?1",
    )?
    .query_row([task], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?
    .unwrap_or_default())
}

/// Whom a campaign's message is for: the member its `campaign_members` row names.
fn campaign_recipient(w: &Writer<'_>, campaign_member: &str) -> Result<(String, String)> {
    Ok(w.prepare_cached(
        "SELECT m.name, m.phone FROM campaign_members c JOIN members m ON m.id = c.member_id
         WHERE c.id = ?1",
    )?
    .query_row([campaign_member], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?
    .unwrap_or_default())
}

/// A pulled ledger entry: added once by its id, never overwritten.
pub(super) fn append(w: &Writer<'_>, t: &Table, cx: &mut Ctx<'_>) -> Result<Outcome> {
    let fields = payload_fields(cx)?;
    let mut cols: Vec<(&str, Sql)> = fields
        .iter()
        .filter_map(|(f, v)| {
            let c = t.column(f)?;
            Some((c.column, to_sql(v, c.json)))
        })
        .collect();
    for (c, f) in t.created {
        if !cols.iter().any(|(have, _)| have == c) {
            cols.push((c, fill(*f, cx)));
        }
    }
    for (field, f) in t.defaults {
        if !fields.contains_key(*field) {
            if let Some(c) = t.column(field) {
                cols.push((c.column, fill(*f, cx)));
            }
        }
    }
    let id = cx.op.entity_id.clone();
    Ok(if insert(w, t, id, cols, true)? {
        Outcome::Applied
    } else {
        Outcome::Skipped
    })
}

pub(super) fn payload_fields<'a>(cx: &Ctx<'a>) -> Result<&'a Map<String, Value>> {
    cx.op
        .payload
        .as_object()
        .ok_or_else(|| crate::CoreError::validation("payload", "the payload is not an object"))
}

/// Each day off's reason: `dayOffReasons` is in the order of `daysOff`.
fn day_off_reasons(w: &Writer<'_>, staff: &str, fields: &Map<String, Value>) -> Result<()> {
    let dates = fields.get("daysOff").and_then(Value::as_array);
    let why = fields.get("dayOffReasons").and_then(Value::as_array);
    for (d, r) in dates.into_iter().flatten().zip(why.into_iter().flatten()) {
        if let (Some(d), Some(r)) = (d.as_str(), r.as_str()) {
            w.prepare_cached(
                "UPDATE staff_days_off SET reason = ?3 WHERE staff_id = ?1 AND date = ?2",
            )?
            .execute(params![staff, d, r])?;
        }
    }
    Ok(())
}

/// A beautician's weekly hours and days off: each list replaced whole when its
/// clock wins.
pub(super) fn staff_hours(w: &Writer<'_>, cx: &mut Ctx<'_>) -> Result<Outcome> {
    let fields = payload_fields(cx)?;
    let staff = cx.op.entity_id.clone();
    let clocks = Clocks::load(w, "staff_hours", &staff)?;
    let verdict = clocks.judge(fields.keys(), &cx.stamp);
    if verdict.winners.is_empty() {
        return Ok(if verdict.seen {
            Outcome::Skipped
        } else {
            Outcome::Applied
        });
    }
    let bad = || crate::CoreError::validation("week", "working hours are not seven days");
    for f in &verdict.winners {
        match f.as_str() {
            "week" => {
                let week = fields[f.as_str()].as_array().ok_or_else(bad)?;
                if week.len() != 7 {
                    return Err(bad());
                }
                w.prepare_cached("DELETE FROM staff_hours WHERE staff_id = ?1")?
                    .execute([&staff])?;
                for (day, h) in week.iter().enumerate() {
                    let start = h.get("startMin").and_then(Value::as_i64);
                    let end = h.get("endMin").and_then(Value::as_i64);
                    w.prepare_cached(
                        "INSERT INTO staff_hours (staff_id, weekday, start_min, end_min, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![staff, day as i64, start, end, cx.time])?;
                }
            }
            "daysOff" => {
                w.prepare_cached("DELETE FROM staff_days_off WHERE staff_id = ?1")?
                    .execute([&staff])?;
                for d in fields[f.as_str()].as_array().into_iter().flatten() {
                    let d = d.as_str().ok_or_else(bad)?;
                    w.prepare_cached(
                        "INSERT OR IGNORE INTO staff_days_off (staff_id, date, created_at) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![staff, d, cx.time])?;
                }
                day_off_reasons(w, &staff, fields)?;
            }
            "dayOffReasons" => day_off_reasons(w, &staff, fields)?,
            _ => {}
        }
    }
    clocks.record_remote(
        w,
        "staff_hours",
        &staff,
        fields,
        &verdict.winners,
        &cx.stamp,
    )?;
    Ok(Outcome::Applied)
}
