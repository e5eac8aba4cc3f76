//! Members pulled from the chain: profile fields by last writer wins, the
//! search index rebuilt with them, archive and merge, and a phone that two
//! stores registered at once. That member is never dropped: she is kept with
//! `phone_holder` NULL (outside the one-phone-one-member index) until a
//! manager merges the two; the server raises the `duplicate_phone` conflict.

use super::apply::{Ctx, Outcome};
use super::clocks::Clocks;
use super::records::{payload_fields, write_row};
use super::tables::upsert_table;
use crate::ids::MemberId;
use crate::member::{index, load_member, unindex, Member};
use crate::write::Writer;
use crate::{CoreError, Result};
use rusqlite::types::Value as Sql;
use rusqlite::{params, OptionalExtension};
use serde_json::Value;

fn member_id(cx: &Ctx<'_>) -> Result<MemberId> {
    cx.op.entity_id.parse()
}

/// Whether an active member other than `except` holds `phone`.
fn phone_held(w: &Writer<'_>, phone: &str, except: MemberId) -> Result<bool> {
    Ok(w.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM members
             WHERE phone = ?1 AND phone_holder = 1 AND archived_at IS NULL AND id <> ?2)",
    )?
    .query_row(params![phone, except], |r| r.get(0))?)
}

/// Once nobody active holds `phone`, the earliest member kept beside its
/// holder takes it: her record is the phone's again.
pub(crate) fn settle_phone(w: &Writer<'_>, phone: &str) -> Result<()> {
    w.prepare_cached(
        "UPDATE members SET phone_holder = 1 WHERE rid = (
             SELECT rid FROM members WHERE phone = ?1 AND archived_at IS NULL AND phone_holder IS NULL
             ORDER BY registered_at, rid LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM members WHERE phone = ?1 AND archived_at IS NULL AND phone_holder = 1)",
    )?
    .execute([phone])?;
    Ok(())
}

/// After a local edit moved a member to a phone nobody else has, she holds it.
pub(crate) fn took_phone(w: &Writer<'_>, id: MemberId, old_phone: &str) -> Result<()> {
    w.prepare_cached("UPDATE members SET phone_holder = 1 WHERE id = ?1")?
        .execute([id])?;
    settle_phone(w, old_phone)
}

/// Whether the search index of `old` also serves `new`: the same keys (name,
/// phone, card number), the same rank and the same archive state.
fn same_search_keys(old: &Member, new: &Member) -> bool {
    old.name == new.name
        && old.phone.e164() == new.phone.e164()
        && old.member_no == new.member_no
        && old.recency() == new.recency()
        && old.archived == new.archived
}

pub(super) fn upsert(w: &Writer<'_>, cx: &mut Ctx<'_>) -> Result<Outcome> {
    let t = upsert_table("member").ok_or_else(|| CoreError::Internal("no member table".into()))?;
    let id = member_id(cx)?;
    let fields = payload_fields(cx)?;
    let clocks = Clocks::load(w, "member", &cx.op.entity_id)?;
    let mut verdict = clocks.judge(fields.keys(), &cx.stamp);
    verdict.winners.retain(|f| f != "survivor");
    if verdict.winners.is_empty() {
        return Ok(if verdict.seen {
            Outcome::Skipped
        } else {
            Outcome::Applied
        });
    }
    let before = match load_member(w, id) {
        Ok(found) => Some(found),
        Err(CoreError::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    let won = |f: &str| verdict.winners.iter().any(|x| x == f);
    let mut fields = std::borrow::Cow::Borrowed(fields);
    // She was erased: an operation made before the erase reached its till
    // (or replayed from an old log) never brings her identity back.
    let erased = crate::privacy::is_erased(w, &cx.op.entity_id)?;
    if erased {
        salondesk_protocol::privacy::scrub_member_payload(fields.to_mut(), &cx.op.entity_id);
    }
    if won("phone") {
        match fields.get("phone") {
            Some(Value::String(p)) if p.starts_with('+') => {}
            _ => {
                return Err(CoreError::validation(
                    "phone",
                    "a synced phone is stored as +<digits>",
                ))
            }
        }
    }
    let mut extra = Vec::new();
    if won("memberNo") {
        if let Some(no) = fields.get("memberNo").and_then(Value::as_str) {
            let holder: Option<MemberId> = w
                .prepare_cached("SELECT id FROM members WHERE member_no = ?1")?
                .query_row([no], |r| r.get(0))
                .optional()?;
            if holder.is_some_and(|h| h != id) {
                // Two cards with one number: keep her, under a number of her own.
                let own = format!("{no}-{}", &cx.op.entity_id[..8]);
                cx.notes
                    .push(format!("member number taken here: kept as {own}"));
                fields
                    .to_mut()
                    .insert("memberNo".into(), Value::String(own));
            }
        }
    }
    let old_phone = before.as_ref().map(|(m, _)| m.phone.e164().to_owned());
    if before.is_none() || won("phone") {
        let phone = fields
            .get("phone")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| old_phone.clone())
            .unwrap_or_default();
        let clash = phone.len() <= 1 || phone_held(w, &phone, id)?;
        extra.push((
            "phone_holder",
            if clash { Sql::Null } else { Sql::Integer(1) },
        ));
    }
    write_row(w, t, cx, &fields, &verdict.winners, extra, before.is_some())?;
    let (after, rid) = load_member(w, id)?;
    match &before {
        // Erased: she is found by nothing (the erase took her keys out).
        _ if erased => {}
        // Her keys and rank are what they were (a notes or tags edit): the
        // index already says all of it.
        Some((old, _)) if same_search_keys(old, &after) => {}
        Some((old, old_rid)) => {
            unindex(w, old, *old_rid)?;
            if !after.archived {
                index(w, &after, rid)?;
            }
        }
        None if !after.archived => index(w, &after, rid)?,
        None => {}
    }
    if let Some(old) = old_phone.filter(|p| p != after.phone.e164()) {
        settle_phone(w, &old)?;
    }
    clocks.record_remote(
        w,
        "member",
        &cx.op.entity_id,
        &fields,
        &verdict.winners,
        &cx.stamp,
    )?;
    Ok(Outcome::Applied)
}

/// A member archived on another device, or merged there into `survivor`:
/// she leaves search and frees her phone; what referred to her follows the survivor.
pub(super) fn archive(w: &Writer<'_>, cx: &mut Ctx<'_>, merge: bool) -> Result<Outcome> {
    let id = member_id(cx)?;
    let survivor: Option<MemberId> = if merge {
        let s = payload_fields(cx)?
            .get("survivor")
            .and_then(Value::as_str)
            .ok_or_else(|| CoreError::validation("survivor", "a merge names its survivor"))?;
        Some(s.parse()?)
    } else {
        None
    };
    let (m, rid) = load_member(w, id)?;
    if m.archived {
        if survivor.is_some() && m.merged_into.is_none() {
            w.prepare_cached("UPDATE members SET merged_into = ?2 WHERE id = ?1")?
                .execute(params![id, survivor])?;
            return Ok(Outcome::Applied);
        }
        return Ok(Outcome::Skipped);
    }
    unindex(w, &m, rid)?;
    w.prepare_cached(
        "UPDATE members SET archived_at = ?2, merged_into = ?3, updated_at = ?2 WHERE id = ?1",
    )?
    .execute(params![id, cx.time, survivor])?;
    if let Some(s) = survivor {
        // As the merge did where it happened (member::merge's references).
        w.prepare_cached(
            "UPDATE members SET referrer_id = ?1 WHERE referrer_id = ?2 AND id <> ?1",
        )?
        .execute(params![s, id])?;
    }
    settle_phone(w, m.phone.e164())?;
    Ok(Outcome::Applied)
}

/// A member erased on another till (`privacy::erase`): her identity and
/// sensitive fields are cleared here too; her record and everything naming
/// it stay; a later upsert about her is scrubbed on arrival (`upsert`).
pub(super) fn erase(w: &Writer<'_>, cx: &mut Ctx<'_>) -> Result<Outcome> {
    let id = member_id(cx)?;
    let applied = crate::privacy::apply_erase(w, id, &cx.time)?;
    Ok(if applied {
        Outcome::Applied
    } else {
        Outcome::Skipped
    })
}
