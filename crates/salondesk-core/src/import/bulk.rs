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
use crate::ids::{MemberId, StaffId};
use crate::member::{member_keys, next_member_no, profile_payload, History, Member};
use crate::privacy::ConsentHow;
use crate::store::Store;
use crate::time::{iso, parse_iso};
use crate::types::Phone;
use crate::write::{NewOp, OpKind, Writer};
use crate::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, ToSql};
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
pub(crate) fn insert_new(
    w: &mut Writer<'_>,
    batch: &[&Planned],
    points_expire_on: NaiveDate,
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
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
    insert_keys(w, &members)?;

    let mut ops: Vec<NewOp> = Vec::with_capacity(batch.len() * 2);
    let mut consents: Vec<Consent> = Vec::new();
    let mut entries: Vec<Entries> = Vec::new();
    for ((m, _), p) in members.iter().zip(batch) {
        ops.push(NewOp::new(
            "member",
            &m.id,
            OpKind::Upsert,
            &profile_payload(m),
        )?);
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
    w.emit_new(&ops)
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

/// The batch's search keys, kept aside until the import's last batch
/// (`index_imported`). Why: a member's dozen keys land all over the index,
/// so a batch of a thousand members rewrites most of its pages and each
/// batch's commit writes them to the WAL again; sorted once for the whole
/// import, each page is written about once.
fn insert_keys(w: &Writer<'_>, members: &[(Member, i64)]) -> Result<()> {
    let mut keys: Vec<&dyn ToSql> = Vec::new();
    let mut held: Vec<(i64, String, i64, i64)> = Vec::with_capacity(members.len() * 16);
    let mut recencies: Vec<(i64, i64)> = Vec::with_capacity(members.len());
    for (m, rid) in members {
        let recency = m.recency();
        recencies.push((*rid, recency));
        for (kind, key) in member_keys(&m.name, m.phone.national_digits(), &m.member_no) {
            held.push((kind as i64, key, recency, *rid));
        }
    }
    for (kind, key, recency, rid) in &held {
        keys.extend([kind as &dyn ToSql, key, recency, rid]);
    }
    w.insert_many(
        "INSERT INTO temp.import_keys (kind, key, recency, member_rid)",
        "",
        4,
        &keys,
    )?;
    let mut rows: Vec<&dyn ToSql> = Vec::with_capacity(recencies.len() * 2);
    for (rid, recency) in &recencies {
        rows.extend([rid as &dyn ToSql, recency]);
    }
    w.insert_many(
        "INSERT INTO temp.import_members (rid, recency)",
        "",
        2,
        &rows,
    )
}

/// Before the first batch: the (connection-private) tables `insert_keys`
/// fills, empty.
pub(crate) fn start_keys(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.import_keys;
         DROP TABLE IF EXISTS temp.import_members;
         DROP TABLE IF EXISTS temp.import_sorted;
         CREATE TEMP TABLE import_keys (kind INTEGER, key TEXT, recency INTEGER, member_rid INTEGER);
         CREATE TEMP TABLE import_members (rid INTEGER PRIMARY KEY, recency INTEGER NOT NULL);",
    )?;
    Ok(())
}

/// Keys moved into the index per write: a write lock of a fraction of a
/// second, so a till selling meanwhile waits no longer than for a batch.
const KEYS_PER_WRITE: i64 = 100_000;

/// After the last batch (or a failed one): the imported members' keys into
/// the search index in the index's own order, a slice per write, then the
/// members marked indexed, as `member::index` leaves them. A crash between
/// leaves them `search_dirty`, and `refresh_search_index` indexes them alike.
pub(crate) fn index_imported(store: &mut Store) -> Result<()> {
    let n: i64 = store.write(|w| {
        w.execute_batch(
            "CREATE TEMP TABLE import_sorted AS
             SELECT kind, key, recency, member_rid FROM temp.import_keys
             ORDER BY kind, key, recency, member_rid;
             DROP TABLE temp.import_keys;",
        )?;
        Ok(w.query_row(
            "SELECT coalesce(max(rowid), 0) FROM temp.import_sorted",
            [],
            |r| r.get(0),
        )?)
    })?;
    let mut from = 1;
    while from <= n {
        let to = from + KEYS_PER_WRITE - 1;
        store.write(|w| {
            w.execute(
                "INSERT OR IGNORE INTO member_search (kind, key, recency, member_rid)
                 SELECT kind, key, recency, member_rid FROM temp.import_sorted
                 WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid",
                [from, to],
            )?;
            Ok(())
        })?;
        from = to + 1;
    }
    store.write(|w| {
        w.execute_batch(
            "UPDATE members SET indexed_recency = m.recency, search_dirty = 0
             FROM temp.import_members m WHERE members.rid = m.rid;
             DROP TABLE temp.import_sorted;
             DROP TABLE temp.import_members;",
        )?;
        Ok(())
    })
}
