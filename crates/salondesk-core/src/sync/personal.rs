//! Her personal data outside her profile (`salondesk_protocol::privacy::
//! PERSONAL_ELSEWHERE`: her appointments' notes, their history's reasons,
//! their reminders' text) on this till: emptied when she is erased here or
//! the erase is pulled (`erase_elsewhere`), and scrubbed from an operation
//! tied to one of her appointments that is pulled after it (`scrub_pulled`:
//! made on a till that had not heard of the erase, or replayed from an old
//! log). The protocol says which fields; `tables` says where they are here.

use super::tables::{append_table, upsert_table, Table};
use crate::write::Writer;
use crate::Result;
use rusqlite::OptionalExtension;
use salondesk_protocol::privacy::{
    appointment_of, booked_member, scrub_personal, Erased, PERSONAL_ELSEWHERE,
};
use salondesk_protocol::Op;
use serde_json::Value;

fn table(entity: &str) -> Option<&'static Table> {
    upsert_table(entity).or_else(|| append_table(entity))
}

/// Empties the personal fields of every record tied to member `id`'s
/// appointments (a field holding nothing stays as it is).
pub(crate) fn erase_elsewhere(w: &Writer<'_>, id: &str) -> Result<()> {
    for rule in PERSONAL_ELSEWHERE {
        let Some(t) = table(rule.entity) else {
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
        let of_hers = if rule.entity == "appointment" {
            "member_id = ?1".to_owned()
        } else {
            "appointment_id IN (SELECT id FROM appointments WHERE member_id = ?1)".to_owned()
        };
        let sql = format!("UPDATE {} SET {} WHERE {of_hers}", t.table, sets.join(", "));
        w.prepare_cached(&sql)?.execute([id])?;
    }
    Ok(())
}

/// `op` scrubbed of its personal fields when it is tied to an appointment of
/// an erased member (the booking names her, or the appointment here does);
/// `None` when it is not, or holds nothing to scrub.
pub(super) fn scrub_pulled(w: &Writer<'_>, op: &Op) -> Result<Option<Op>> {
    let Some(appointment) = appointment_of(&op.entity, &op.entity_id, &op.payload) else {
        return Ok(None);
    };
    let member: Option<String> = match booked_member(&op.entity, &op.payload) {
        Some(m) => Some(m.to_owned()),
        None => w
            .prepare_cached("SELECT member_id FROM appointments WHERE id = ?1")?
            .query_row([appointment], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten(),
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
