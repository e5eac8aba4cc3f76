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
use crate::member::{member_keys, next_member_no, History, Member};
use crate::privacy::ConsentHow;
use crate::store::Store;
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

/// The imported members' search keys, kept aside until the import's last
/// batch (`index_imported`). Why: a member's dozen keys land all over the
/// index, so a batch of members rewrites most of its pages and each batch's
/// commit writes them to the WAL again; sorted once for the whole import,
/// each page is written about once. Held here rather than in a temporary
/// table: sorting them in memory saves writing every key twice and SQLite's
/// sort of them. Only a committed batch's keys are added (`write_batches`).
///
/// The key texts live end to end in one buffer, each key a fixed-size entry
/// pointing into it with its first bytes beside: a million separate
/// `String`s cost an allocation and a free each, and sorting them read
/// memory all over the heap (bench import: a sixth of the import's time).
#[derive(Default)]
pub(crate) struct Keys {
    /// Every key's text, one after the other.
    text: Vec<u8>,
    keys: Vec<Key>,
    /// (rid, recency) of each member, to mark her indexed.
    members: Vec<(i64, i64)>,
}

/// One search key: the index's columns (kind, key, recency, member rid),
/// the key's text as a range of `Keys::text`.
#[derive(Clone, Copy)]
struct Key {
    kind: i64,
    /// The text's first eight bytes, big-endian, zero-padded: compares as
    /// the bytes do, so most comparisons never read the text.
    head: u64,
    start: usize,
    len: usize,
    recency: i64,
    rid: i64,
}

/// About how many keys a member has (phone, card, name, its grams, pinyin)
/// and how many bytes they take, for reserving the import's whole buffer at
/// once: grown by doubling, its old copies left the heap so fragmented that
/// every later allocation of the import slowed down (bench import).
const KEYS_PER_MEMBER: usize = 16;
const KEY_BYTES_PER_MEMBER: usize = 128;

impl Keys {
    /// Room for `members` members' keys.
    pub fn with_capacity(members: usize) -> Keys {
        Keys {
            text: Vec::with_capacity(members.saturating_mul(KEY_BYTES_PER_MEMBER)),
            keys: Vec::with_capacity(members.saturating_mul(KEYS_PER_MEMBER)),
            members: Vec::with_capacity(members),
        }
    }

    fn add(&mut self, members: &[(Member, i64)]) {
        for (m, rid) in members {
            let recency = m.recency();
            self.members.push((*rid, recency));
            for (kind, key) in member_keys(&m.name, m.phone.national_digits(), &m.member_no) {
                self.push(kind as i64, key.as_bytes(), recency, *rid);
            }
        }
    }

    fn push(&mut self, kind: i64, key: &[u8], recency: i64, rid: i64) {
        let mut head = [0u8; 8];
        let n = key.len().min(8);
        head[..n].copy_from_slice(&key[..n]);
        self.keys.push(Key {
            kind,
            head: u64::from_be_bytes(head),
            start: self.text.len(),
            len: key.len(),
            recency,
            rid,
        });
        self.text.extend_from_slice(key);
    }

    fn text(&self, k: &Key) -> &[u8] {
        &self.text[k.start..k.start + k.len]
    }

    /// The index's own order: kind, key, recency, rid.
    fn order(&self, a: &Key, b: &Key) -> std::cmp::Ordering {
        (a.kind, a.head)
            .cmp(&(b.kind, b.head))
            .then_with(|| self.text(a).cmp(self.text(b)))
            .then_with(|| (a.recency, a.rid).cmp(&(b.recency, b.rid)))
    }

    /// Sorted in the index's order, each key once.
    fn sorted(&mut self) -> Vec<Key> {
        let mut keys = std::mem::take(&mut self.keys);
        keys.sort_unstable_by(|a, b| self.order(a, b));
        keys.dedup_by(|a, b| self.order(a, b).is_eq());
        keys
    }

    /// A committed batch's keys, added to the import's.
    pub fn extend(&mut self, batch: Keys) {
        let offset = self.text.len();
        self.text.extend_from_slice(&batch.text);
        self.keys.extend(batch.keys.into_iter().map(|k| Key {
            start: k.start + offset,
            ..k
        }));
        self.members.extend(batch.members);
    }
}

/// Keys moved into the index per write: a write lock of a fraction of a
/// second, so a till selling meanwhile waits no longer than for a batch.
const KEYS_PER_WRITE: usize = 100_000;

/// After the last batch (or a failed one): the imported members' keys into
/// the search index in the index's own order, a slice per write, then the
/// members marked indexed, as `member::index` leaves them. A crash between
/// leaves them `search_dirty`, and `refresh_search_index` indexes them alike.
pub(crate) fn index_imported(store: &mut Store, mut keys: Keys) -> Result<()> {
    if keys.members.is_empty() {
        return Ok(());
    }
    let sorted = keys.sorted();
    for slice in sorted.chunks(KEYS_PER_WRITE) {
        store.write(|w| {
            let mut put = w.prepare_cached(
                "INSERT OR IGNORE INTO member_search (kind, key, recency, member_rid)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for k in slice {
                let text = std::str::from_utf8(keys.text(k))
                    .map_err(|e| CoreError::Internal(format!("a search key is not text: {e}")))?;
                put.execute(params![k.kind, text, k.recency, k.rid])?;
            }
            Ok(())
        })?;
    }
    store.write(|w| {
        let mut set = w.prepare_cached(
            "UPDATE members SET indexed_recency = ?2, search_dirty = 0 WHERE rid = ?1",
        )?;
        for (rid, recency) in &keys.members {
            set.execute(params![rid, recency])?;
        }
        Ok(())
    })
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

    /// The kept keys come out in the order (and with the duplicates dropped)
    /// of sorting the index's rows themselves, whatever their lengths: keys
    /// alike in their first eight bytes, an empty one, Chinese text, a batch
    /// added after another.
    #[test]
    fn the_kept_keys_sort_as_the_index_rows_would() {
        let rows: Vec<(i64, &str, i64, i64)> = vec![
            (3, "13900000042", 5, 2),
            (3, "13900000041", 5, 1),
            (3, "1390000004", 5, 3),
            (1, "王丽娜", 7, 1),
            (1, "王丽", 7, 2),
            (1, "", 1, 9),
            (3, "13900000042", 5, 2),
            (3, "13900000042", 4, 2),
            (0, "zzzzzzzzzzzzzzzzzzzz", 1, 1),
            (0, "zzzzzzzzzzzzzzzzzzzy", 1, 1),
        ];
        let mut first = Keys::default();
        let mut second = Keys::default();
        for (i, (kind, key, recency, rid)) in rows.iter().enumerate() {
            let part = if i < 4 { &mut first } else { &mut second };
            part.push(*kind, key.as_bytes(), *recency, *rid);
        }
        first.extend(second);
        let got: Vec<(i64, String, i64, i64)> = first
            .sorted()
            .iter()
            .map(|k| {
                let text = String::from_utf8(first.text(k).to_vec()).unwrap();
                (k.kind, text, k.recency, k.rid)
            })
            .collect();
        let mut want: Vec<(i64, String, i64, i64)> = rows
            .iter()
            .map(|(k, t, r, m)| (*k, t.to_string(), *r, *m))
            .collect();
        want.sort();
        want.dedup();
        assert_eq!(got, want, "the index's order, each row once");
    }
}
