//! Her personal data outside her profile (`salondesk_protocol::privacy::
//! PERSONAL_ELSEWHERE`: her appointments' notes, their history's reasons,
//! her messages' text, her follow-ups' notes, her ratings' comments, her
//! complaints and what was done about them) on this till: emptied when she
//! is erased here or the erase is pulled (`erase_elsewhere`), and scrubbed
//! from an operation about one of her records that is pulled after it
//! (`scrub_pulled`: made on a till that had not heard of the erase, or
//! replayed from an old log). The protocol says which fields and how each
//! is tied to her; `tables` says where they are here.

use super::tables::{append_table, upsert_table, Table};
use crate::write::Writer;
use crate::Result;
use rusqlite::OptionalExtension;
use salondesk_protocol::privacy::{
    named_member, personal, record_of, scrub_personal, Erased, Tie, PERSONAL_ELSEWHERE,
};
use salondesk_protocol::Op;
use serde_json::Value;

fn table(entity: &str) -> Option<&'static Table> {
    upsert_table(entity).or_else(|| append_table(entity))
}

/// The column of `t` that names the member its records are about.
fn member_column(t: &Table) -> Option<&'static str> {
    t.columns
        .iter()
        .find(|c| c.field == "memberId")
        .map(|c| c.column)
}

/// The SQL condition (on `?1`, her id) that picks the rows of `entity` tied
/// to her; None when this till does not hold the entity.
fn of_hers(entity: &str) -> Option<String> {
    let t = table(entity)?;
    match personal(entity)?.tie {
        Tie::Own => Some(format!("{} = ?1", member_column(t)?)),
        Tie::Through(through) => {
            let any: Vec<String> = through
                .iter()
                .filter_map(|(field, parent)| {
                    let c = t.columns.iter().find(|c| c.field == *field)?.column;
                    let p = table(parent)?;
                    Some(format!(
                        "{c} IN (SELECT {} FROM {} WHERE {} = ?1)",
                        p.key,
                        p.table,
                        member_column(p)?
                    ))
                })
                .collect();
            (!any.is_empty()).then(|| format!("({})", any.join(" OR ")))
        }
    }
}

/// Empties the personal fields of every record tied to member `id` (a field
/// holding nothing stays as it is).
pub(crate) fn erase_elsewhere(w: &Writer<'_>, id: &str) -> Result<()> {
    for rule in PERSONAL_ELSEWHERE {
        let (Some(t), Some(of_hers)) = (table(rule.entity), of_hers(rule.entity)) else {
            continue;
        };
        let sets: Vec<String> = rule
            .fields
            .iter()
            .filter_map(|(field, how)| {
                let c = t.columns.iter().find(|c| c.field == *field)?.column;
                Some(match how {
                    Erased::Null => format!("{c} = NULL"),
                    _ => format!("{c} = CASE WHEN {c} IS NULL THEN NULL ELSE '' END"),
                })
            })
            .collect();
        if sets.is_empty() {
            continue;
        }
        let sql = format!("UPDATE {} SET {} WHERE {of_hers}", t.table, sets.join(", "));
        w.prepare_cached(&sql)?.execute([id])?;
    }
    Ok(())
}

/// The member record `id` of `entity` is about, as this till holds it.
fn member_of(w: &Writer<'_>, entity: &str, id: &str) -> Result<Option<String>> {
    let Some(t) = table(entity) else {
        return Ok(None);
    };
    let Some(c) = member_column(t) else {
        return Ok(None);
    };
    let sql = format!("SELECT {c} FROM {} WHERE {} = ?1", t.table, t.key);
    Ok(w.prepare_cached(&sql)?
        .query_row([id], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

/// `op` scrubbed of its personal fields when it is about a record of an
/// erased member (it names her, or the record it is tied to does here);
/// `None` when it is not, or holds nothing to scrub.
pub(super) fn scrub_pulled(w: &Writer<'_>, op: &Op) -> Result<Option<Op>> {
    let Some((entity, record)) = record_of(&op.entity, &op.entity_id, &op.payload) else {
        return Ok(None);
    };
    let member = match named_member(&op.entity, &op.payload) {
        Some(m) => Some(m.to_owned()),
        None => member_of(w, entity, record)?,
    };
    let Some(member) = member else {
        return Ok(None);
    };
    if !crate::privacy::is_erased(w, &member)? {
        return Ok(None);
    }
    let mut clean = op.clone();
    let changed = match &mut clean.payload {
        Value::Object(p) => scrub_personal(&op.entity, p),
        _ => false,
    };
    Ok(changed.then_some(clean))
}
