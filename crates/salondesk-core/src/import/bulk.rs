//! The member import's bulk write: a batch of new members in a few
//! multi-row INSERTs per table, inside the batch's one write (`Writer`).
//!
//! Each member ends up exactly as `member::insert_member` + `opening::enter`
//! would leave her (the test `a_bulk_imported_member_is_the_member_the_row_by_row_path_makes`
//! compares them): the same row, search keys, field clock, consent line,
//! ledger rows and outbox operations in the same order. What differs is how:
//! the phone and card checks are one query for the whole batch (the plan has
//! matched every row already; this catches what another till's sync wrote
//! since), her row is built here rather than read back, and the search keys
//! of the batch go in sorted, so the index's B-tree is walked once.

use super::opening::{self, Entries};
use super::plan::Planned;
use super::search_keys::Keys;
use crate::ids::{MemberId, StaffId};
use crate::member::{next_member_no, History, Member};
use crate::privacy::ConsentHow;
use crate::time::{iso, parse_iso};
use crate::types::Phone;
use crate::write::{NewOp, OpKind, Writer};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, ToSql};
use salondesk_protocol::privacy::{ConsentEvent, CONSENT_ENTITY};
use std::collections::HashSet;

/// Whether `p` can go the bulk way: a new member without references to
/// check (an import never sets a preferred beautician or a referrer).
pub(crate) fn fits(p: &Planned) -> bool {
    p.target.is_none()
        && p.valid.phone.is_some()
        && p.valid.preferred_staff_id.is_none()
        && p.valid.referrer_id.is_none()
}

/// Inserts the new members `batch` (each `fits`) with their opening balances.
/// Returns the batch's search keys, for `index_imported` once the batch
/// has committed.
pub(crate) fn insert_new(
    w: &mut Writer<'_>,
    batch: &[&Planned],
    points_expire_on: NaiveDate,
) -> Result<Keys> {
    let mut keys = Keys::default();
    if batch.is_empty() {
        return Ok(keys);
    }
    check_free(w, batch)?;
    let numbers = member_numbers(w, batch)?;
    let now = w.now();
    let updated_at = iso(now);
    let mut rid: i64 = w.query_row("SELECT coalesce(max(rid), 0) FROM members", [], |r| {
        r.get(0)
    })?;
    let mut members: Vec<(Member, i64)> = Vec::with_capacity(batch.len());
    for (p, member_no) in batch.iter().zip(numbers) {
        let mut h = History::new_member(now);
        h.tier = p.tier.unwrap_or(h.tier);
        rid += 1;
        members.push((as_stored(p, member_no, &h, MemberId::new(now))?, rid));
    }
    insert_rows(w, &members, &updated_at)?;
    keys.add(&members);

    let mut ops: Vec<NewOp> = Vec::with_capacity(batch.len() * 2);
    let mut consents: Vec<Consent> = Vec::new();
    let mut entries: Vec<Entries> = Vec::new();
    for ((m, _), p) in members.iter().zip(batch) {
        ops.push(NewOp::with_text(
            "member",
            &m.id,
            OpKind::Upsert,
            profile_text(m)?,
        ));
        if m.consent_marketing {
            let event_id = crate::ids::new_v7(now).to_string();
            ops.push(NewOp::new(
                CONSENT_ENTITY,
                &event_id,
                OpKind::Append,
                &consent_event(
                    m.id,
                    p.valid.consent_how,
                    p.valid.consent_staff,
                    &updated_at,
                ),
            )?);
            consents.push(Consent {
                event_id,
                member: m.id,
                how: p.valid.consent_how.as_str(),
                staff: p.valid.consent_staff,
            });
        }
        if let Some(e) = Entries::of(now, m.id, &p.opening, points_expire_on) {
            ops.push(e.op()?);
            entries.push(e);
        }
    }
    insert_consents(w, &consents, &updated_at)?;
    opening::bulk(w, &entries)?;
    w.emit_new(&ops)?;
    Ok(keys)
}

/// Her profile operation's payload as text, exactly what `emit` makes of
/// `profile_payload` (a `serde_json::Value`, whose object keys come out
/// sorted), written straight from her row: the fields below are in that
/// sorted order. Building the `Value` and copying it cost more than the
/// rest of her operations (bench import, docs/import-bench.md); the test
/// below holds the two texts equal.
fn profile_text(m: &Member) -> Result<String> {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Profile<'a> {
        allergies: &'a str,
        birthday: Option<NaiveDate>,
        consent_marketing: bool,
        gender: Option<crate::member::Gender>,
        member_no: &'a str,
        name: &'a str,
        notes: &'a str,
        phone: &'a str,
        preferred_staff_id: Option<StaffId>,
        referrer_id: Option<MemberId>,
        region: &'a str,
        registered_at: String,
        skin_type: Option<crate::member::SkinType>,
        source: &'a str,
        tags: &'a [String],
        tier: crate::member::Tier,
    }
    Ok(serde_json::to_string(&Profile {
        allergies: &m.allergies,
        birthday: m.birthday,
        consent_marketing: m.consent_marketing,
        gender: m.gender,
        member_no: &m.member_no,
        name: &m.name,
        notes: &m.notes,
        phone: m.phone.e164(),
        preferred_staff_id: m.preferred_staff_id,
        referrer_id: m.referrer_id,
        region: &m.region,
        registered_at: iso(m.registered_at),
        skin_type: m.skin_type,
        source: &m.source,
        tags: &m.tags,
        tier: m.tier,
    })?)
}

/// As `record_consent` writes it: she gave consent, how her row says.
fn consent_event(
    member: MemberId,
    how: ConsentHow,
    staff: Option<StaffId>,
    at: &str,
) -> ConsentEvent {
    ConsentEvent {
        member_id: member.0,
        consent: true,
        how: how.as_str().to_owned(),
        staff_id: staff.map(|s| s.0),
        at: at.to_owned(),
    }
}

/// A consent line to write (`record_consent`'s row).
struct Consent {
    event_id: String,
    member: MemberId,
    how: &'static str,
    staff: Option<StaffId>,
}

fn insert_consents(w: &Writer<'_>, consents: &[Consent], at: &str) -> Result<()> {
    let device = w.device().id.to_string();
    let given = true;
    let mut values: Vec<&dyn ToSql> = Vec::new();
    for c in consents {
        values.extend(params![
            c.event_id, c.member, given, c.how, c.staff, device, at
        ]);
    }
    w.insert_many(
        "INSERT INTO member_consents (id, member_id, consent, how, staff_id, device_id, created_at)",
        "",
        7,
        &values,
    )
}

/// Her row as `load` would read it back after `insert_member`.
fn as_stored(p: &Planned, member_no: String, h: &History, id: MemberId) -> Result<Member> {
    let v = &p.valid;
    let phone = v
        .phone
        .as_ref()
        .ok_or_else(|| CoreError::validation("phone", "a phone number is required"))?;
    // Stored as text to the millisecond: what reading her back would give.
    let stored = |t| parse_iso(&iso(t)).unwrap_or(t);
    Ok(Member {
        id,
        member_no,
        name: v.name.as_str().to_owned(),
        phone: Phone::from_stored(phone.e164().to_owned()),
        gender: v.gender,
        birthday: v.birthday,
        region: v.region.clone(),
        skin_type: v.skin_type,
        allergies: v.allergies.clone(),
        preferred_staff_id: v.preferred_staff_id,
        notes: v.notes.clone(),
        tags: v.tags.clone(),
        consent_marketing: v.consent_marketing,
        source: v.source.clone(),
        referrer_id: v.referrer_id,
        tier: h.tier,
        registered_at: stored(h.registered_at),
        last_visit_at: h.last_visit_at.map(stored),
        visit_count: h.visit_count,
        archived: false,
        merged_into: None,
        erased: false,
    })
}

/// One read for the batch: a phone or card number taken since the plan
/// (another till's member pulled meanwhile) fails the batch as
/// `insert_member` would fail that row.
fn check_free(w: &Writer<'_>, batch: &[&Planned]) -> Result<()> {
    let phones: Vec<&str> = batch
        .iter()
        .filter_map(|p| p.valid.phone.as_ref().map(Phone::e164))
        .collect();
    let taken: Option<(MemberId, String, String, String)> = w
        .prepare_cached(
            "SELECT id, name, member_no, phone FROM members
             WHERE archived_at IS NULL AND phone IN (SELECT value FROM json_each(?1)) LIMIT 1",
        )?
        .query_row([serde_json::to_string(&phones)?], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    if let Some((member_id, member_name, member_no, phone)) = taken {
        return Err(CoreError::DuplicatePhone {
            phone_masked: Phone::from_stored(phone).masked(),
            member_id,
            member_name,
            member_no,
        });
    }
    let nos: Vec<&str> = batch
        .iter()
        .filter_map(|p| p.valid.member_no.as_deref())
        .collect();
    let taken: Option<String> = w
        .prepare_cached(
            "SELECT member_no FROM members
             WHERE member_no IN (SELECT value FROM json_each(?1)) LIMIT 1",
        )?
        .query_row([serde_json::to_string(&nos)?], |r| r.get(0))
        .optional()?;
    match taken {
        Some(member_no) => Err(CoreError::DuplicateMemberNo { member_no }),
        None => Ok(()),
    }
}

/// Each row's card number: the file's, or the next of this till's sequence
/// (as `insert_member` takes it), skipping numbers already held or in the batch.
fn member_numbers(w: &mut Writer<'_>, batch: &[&Planned]) -> Result<Vec<String>> {
    let in_file: HashSet<&str> = batch
        .iter()
        .filter_map(|p| p.valid.member_no.as_deref())
        .collect();
    let mut out = Vec::with_capacity(batch.len());
    for p in batch {
        out.push(match &p.valid.member_no {
            Some(no) => no.clone(),
            None => loop {
                let no = next_member_no(w)?;
                if !in_file.contains(no.as_str()) {
                    break no;
                }
            },
        });
    }
    Ok(out)
}

/// A member not indexed yet (`refresh_search_index` would index her).
const DIRTY: i64 = 1;

fn insert_rows(w: &Writer<'_>, members: &[(Member, i64)], updated_at: &str) -> Result<()> {
    struct Row<'a> {
        m: &'a Member,
        rid: i64,
        gender: Option<&'static str>,
        birthday: Option<String>,
        skin_type: Option<&'static str>,
        tags: String,
        tier: &'static str,
        phone: &'a str,
        registered_at: String,
        last_visit_at: Option<String>,
    }
    let rows: Vec<Row<'_>> = members
        .iter()
        .map(|(m, rid)| {
            Ok(Row {
                m,
                rid: *rid,
                gender: m.gender.map(|g| g.as_str()),
                birthday: m.birthday.map(|b| b.format("%Y-%m-%d").to_string()),
                skin_type: m.skin_type.map(|s| s.as_str()),
                tags: serde_json::to_string(&m.tags)?,
                tier: m.tier.as_str(),
                phone: m.phone.e164(),
                registered_at: iso(m.registered_at),
                last_visit_at: m.last_visit_at.map(iso),
            })
        })
        .collect::<Result<_>>()?;
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(rows.len() * 22);
    for r in &rows {
        let m = r.m;
        values.extend(params![
            r.rid,
            m.id,
            m.member_no,
            m.name,
            r.phone,
            r.gender,
            r.birthday,
            m.region,
            r.skin_type,
            m.allergies,
            m.preferred_staff_id,
            m.notes,
            r.tags,
            m.consent_marketing,
            m.source,
            m.referrer_id,
            r.tier,
            r.registered_at,
            updated_at,
            r.last_visit_at,
            m.visit_count,
            DIRTY,
        ]);
    }
    w.insert_many(
        "INSERT INTO members (rid, id, member_no, name, phone, gender, birthday, region, skin_type,
            allergies, preferred_staff_id, notes, tags, consent_marketing, source, referrer_id,
            tier, registered_at, updated_at, last_visit_at, visit_count, search_dirty)",
        "",
        22,
        &values,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::member::{profile_payload, Gender, SkinType, Tier};

    fn member(full: bool) -> Member {
        let now = chrono::Utc::now();
        Member {
            id: MemberId::new(now),
            member_no: "OLD0000042".into(),
            name: "王丽\"娜\"".into(),
            phone: Phone::from_stored("+8613900000042".into()),
            gender: full.then_some(Gender::Female),
            birthday: full.then(|| NaiveDate::from_ymd_opt(1990, 2, 28).unwrap_or_default()),
            region: if full { "朝阳".into() } else { String::new() },
            skin_type: full.then_some(SkinType::Sensitive),
            allergies: if full {
                "果酸\n酒精".into()
            } else {
                String::new()
            },
            preferred_staff_id: full.then(|| StaffId::new(now)),
            notes: String::new(),
            tags: if full {
                vec!["VIP".into(), "老客户".into()]
            } else {
                Vec::new()
            },
            consent_marketing: full,
            source: "import".into(),
            referrer_id: full.then(|| MemberId::new(now)),
            tier: if full { Tier::Gold } else { Tier::Standard },
            registered_at: now,
            last_visit_at: None,
            visit_count: 0,
            archived: false,
            merged_into: None,
            erased: false,
        }
    }

    #[test]
    fn the_profile_text_is_the_text_emit_makes_of_the_profile_payload() {
        for full in [true, false] {
            let m = member(full);
            let via_value = serde_json::to_value(profile_payload(&m))
                .unwrap()
                .to_string();
            assert_eq!(
                profile_text(&m).unwrap(),
                via_value,
                "every field set: {full}; the sync operation's text must not change"
            );
        }
    }
}
