//! Registering, editing and archiving members, through the write path.

use super::input::{MemberInput, ValidMember};
use super::keys::member_keys;
use super::read::load;
use super::{Member, Tier};
use crate::ids::{MemberId, StaffId};
use crate::store::Store;
use crate::types::Phone;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

impl Store {
    /// Registers a new member. One phone, one member: a phone in use is
    /// refused with an error that names the member who has it. Her referrer,
    /// if she has one, earns the store's referral points in the same write.
    pub fn register_member(
        &mut self,
        actor: &crate::staff::Staff,
        input: &MemberInput,
    ) -> Result<Member> {
        actor.require(crate::staff::Permission::RegisterMember)?;
        let today = self.now().date_naive();
        let mut valid = input.validate(today)?;
        valid.consent_staff = Some(actor.id);
        if valid.phone.is_none() {
            return Err(CoreError::validation("phone", "a phone number is required"));
        }
        let history = History::new_member(self.now());
        let id = self.write(|w| {
            let id = insert_member(w, &valid, &history)?;
            if let Some(referrer) = valid.referrer_id {
                crate::checkout::points::award_referral(w, referrer, id)?;
            }
            Ok(id)
        })?;
        self.member(id)
    }

    /// Saves an edited profile. `input.phone == None` keeps the current phone.
    /// Sensitive notes `actor` does not see are kept as they are (her form
    /// showed them empty: see `member::sensitive`).
    pub fn update_member(
        &mut self,
        actor: &crate::staff::Staff,
        id: MemberId,
        input: &MemberInput,
    ) -> Result<Member> {
        actor.require(crate::staff::Permission::EditMember)?;
        let input = &self.keep_hidden_notes(actor, id, input.clone())?;
        let today = self.now().date_naive();
        let valid = input.validate(today)?;
        self.write(|w| update_in(w, id, &valid, None, Some(actor.id)).map(|_| ()))?;
        self.member(id)
    }

    /// Archives a member: she leaves search and frees her phone; her history stays.
    pub fn archive_member(&mut self, actor: &crate::staff::Staff, id: MemberId) -> Result<()> {
        actor.require(crate::staff::Permission::ArchiveMember)?;
        self.write(|w| archive(w, id, None))
    }
}

/// Saves an edited profile inside a write (the edit form and imports):
/// `valid.phone == None` keeps her phone, `tier == None` her tier. Returns
/// whether anything changed (nothing is emitted when nothing did).
pub(crate) fn update_in(
    w: &mut Writer<'_>,
    id: MemberId,
    valid: &ValidMember,
    tier: Option<Tier>,
    by: Option<StaffId>,
) -> Result<bool> {
    let (old, rid) = load(w, id)?;
    if old.archived {
        return Err(CoreError::Conflict("this member has been archived".into()));
    }
    if crate::privacy::is_erased(w, &id.to_string())? {
        return Err(CoreError::Conflict("this member has been erased".into()));
    }
    check_references(w, valid, Some(&old))?;
    let phone = valid.phone.clone().unwrap_or_else(|| old.phone.clone());
    // Her own phone stays hers even if another store's member has it too
    // (kept side by side until merged: see sync::members).
    let moved = phone.e164() != old.phone.e164();
    if moved {
        check_phone_free(w, &phone, Some(id))?;
    }
    if let Some(no) = &valid.member_no {
        check_member_no_free(w, no, Some(id))?;
    }
    let new = edited(&old, valid, tier);
    unindex(w, &old, rid)?;
    save_profile(w, &new)?;
    if moved {
        crate::sync::members::took_phone(w, id, old.phone.e164())?;
    }
    index(w, &new, rid)?;
    let changed = profile_changes(&old, &new);
    let any = !changed.is_empty();
    if any {
        w.emit("member", &id, OpKind::Upsert, &changed)?;
    }
    if new.consent_marketing != old.consent_marketing {
        crate::privacy::record_consent(w, id, new.consent_marketing, valid.consent_how, by)?;
    }
    Ok(any)
}

/// `old` with an edit applied (no phone or card number in the edit: hers kept).
pub(crate) fn edited(old: &Member, valid: &ValidMember, tier: Option<Tier>) -> Member {
    Member {
        member_no: valid
            .member_no
            .clone()
            .unwrap_or_else(|| old.member_no.clone()),
        name: valid.name.to_string(),
        phone: valid.phone.clone().unwrap_or_else(|| old.phone.clone()),
        gender: valid.gender,
        birthday: valid.birthday,
        region: valid.region.clone(),
        skin_type: valid.skin_type,
        allergies: valid.allergies.clone(),
        preferred_staff_id: valid.preferred_staff_id,
        notes: valid.notes.clone(),
        tags: valid.tags.clone(),
        consent_marketing: valid.consent_marketing,
        source: valid.source.clone(),
        referrer_id: valid.referrer_id,
        tier: tier.unwrap_or(old.tier),
        ..old.clone()
    }
}

pub(crate) fn archive(
    w: &mut Writer<'_>,
    id: MemberId,
    merged_into: Option<MemberId>,
) -> Result<()> {
    let (m, rid) = load(w, id)?;
    if m.archived {
        return Err(CoreError::Conflict(
            "this member is already archived".into(),
        ));
    }
    unindex(w, &m, rid)?;
    let now = crate::time::iso(w.now());
    w.execute(
        "UPDATE members SET archived_at = ?2, merged_into = ?3, updated_at = ?2 WHERE id = ?1",
        params![id, now, merged_into],
    )?;
    crate::sync::members::settle_phone(w, m.phone.e164())?;
    match merged_into {
        Some(survivor) => w.emit(
            "member",
            &id,
            OpKind::Merge,
            &json!({ "survivor": survivor }),
        )?,
        None => w.emit("member", &id, OpKind::Archive, &json!({}))?,
    };
    Ok(())
}

/// What a member brings besides her profile: new registrations start fresh;
/// demo data and imports bring a past.
#[derive(Debug, Clone)]
pub(crate) struct History {
    pub tier: Tier,
    pub registered_at: DateTime<Utc>,
    pub last_visit_at: Option<DateTime<Utc>>,
    pub visit_count: i64,
}

impl History {
    pub fn new_member(now: DateTime<Utc>) -> History {
        History {
            tier: Tier::Standard,
            registered_at: now,
            last_visit_at: None,
            visit_count: 0,
        }
    }
}

/// Inserts a validated member (used by registration and demo data) and returns her id.
pub(crate) fn insert_member(w: &mut Writer<'_>, v: &ValidMember, h: &History) -> Result<MemberId> {
    let phone = v
        .phone
        .as_ref()
        .ok_or_else(|| CoreError::validation("phone", "a phone number is required"))?;
    check_references(w, v, None)?;
    check_phone_free(w, phone, None)?;
    let member_no = match &v.member_no {
        Some(no) => {
            check_member_no_free(w, no, None)?;
            no.clone()
        }
        None => next_member_no(w)?,
    };
    let id = MemberId::new(w.now());
    let now = crate::time::iso(w.now());
    w.prepare_cached(
        "INSERT INTO members (id, member_no, name, phone, gender, birthday, region, skin_type,
            allergies, preferred_staff_id, notes, tags, consent_marketing, source, referrer_id,
            tier, registered_at, updated_at, last_visit_at, visit_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?
    .execute(params![
        id,
        member_no,
        v.name.as_str(),
        phone.e164(),
        v.gender.map(|g| g.as_str()),
        v.birthday.map(|b| b.format("%Y-%m-%d").to_string()),
        v.region,
        v.skin_type.map(|s| s.as_str()),
        v.allergies,
        v.preferred_staff_id,
        v.notes,
        serde_json::to_string(&v.tags)?,
        v.consent_marketing,
        v.source,
        v.referrer_id,
        h.tier.as_str(),
        crate::time::iso(h.registered_at),
        now,
        h.last_visit_at.map(crate::time::iso),
        h.visit_count,
    ])?;
    let (member, rid) = load(w, id)?;
    index(w, &member, rid)?;
    w.emit("member", &id, OpKind::Upsert, &profile_payload(&member))?;
    if v.consent_marketing {
        crate::privacy::record_consent(w, id, true, v.consent_how, v.consent_staff)?;
    }
    Ok(id)
}

/// Every profile field, for last-writer-wins merging on other devices.
pub(crate) fn profile_payload(m: &Member) -> serde_json::Value {
    json!({
        "memberNo": m.member_no, "name": m.name, "phone": m.phone.e164(),
        "gender": m.gender, "birthday": m.birthday, "region": m.region,
        "skinType": m.skin_type, "allergies": m.allergies,
        "preferredStaffId": m.preferred_staff_id, "notes": m.notes, "tags": m.tags,
        "consentMarketing": m.consent_marketing, "source": m.source,
        "referrerId": m.referrer_id, "tier": m.tier,
        "registeredAt": crate::time::iso(m.registered_at),
    })
}

/// Only the profile fields an edit changed: last writer wins per field, so an
/// edit sends just what it changed and leaves another store's concurrent edit
/// of other fields standing.
pub(crate) fn profile_changes(
    old: &Member,
    new: &Member,
) -> serde_json::Map<String, serde_json::Value> {
    let (serde_json::Value::Object(before), serde_json::Value::Object(mut after)) =
        (profile_payload(old), profile_payload(new))
    else {
        return serde_json::Map::new();
    };
    after.retain(|k, v| before.get(k) != Some(v));
    after
}

/// Writes every profile column of `m` back to its row (identity and archive state aside).
pub(crate) fn save_profile(w: &Writer<'_>, m: &Member) -> Result<()> {
    w.prepare_cached(
        "UPDATE members SET member_no = ?2, name = ?3, phone = ?4, gender = ?5, birthday = ?6,
            region = ?7, skin_type = ?8, allergies = ?9, preferred_staff_id = ?10, notes = ?11,
            tags = ?12, consent_marketing = ?13, source = ?14, referrer_id = ?15, tier = ?16,
            registered_at = ?17, last_visit_at = ?18, visit_count = ?19, updated_at = ?20
         WHERE id = ?1",
    )?
    .execute(params![
        m.id,
        m.member_no,
        m.name,
        m.phone.e164(),
        m.gender.map(|g| g.as_str()),
        m.birthday.map(|b| b.format("%Y-%m-%d").to_string()),
        m.region,
        m.skin_type.map(|s| s.as_str()),
        m.allergies,
        m.preferred_staff_id,
        m.notes,
        serde_json::to_string(&m.tags)?,
        m.consent_marketing,
        m.source,
        m.referrer_id,
        m.tier.as_str(),
        crate::time::iso(m.registered_at),
        m.last_visit_at.map(crate::time::iso),
        m.visit_count,
        crate::time::iso(w.now()),
    ])?;
    Ok(())
}

pub(crate) fn index(w: &Writer<'_>, m: &Member, rid: i64) -> Result<()> {
    let mut stmt = w.prepare_cached(
        "INSERT OR IGNORE INTO member_search (kind, key, recency, member_rid) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let recency = m.recency();
    for (kind, key) in member_keys(&m.name, m.phone.national_digits(), &m.member_no) {
        stmt.execute(params![kind as i64, key, recency, rid])?;
    }
    w.prepare_cached("UPDATE members SET indexed_recency = ?2, search_dirty = 0 WHERE rid = ?1")?
        .execute(params![rid, recency])?;
    Ok(())
}

/// Removes a member's keys as they were indexed (with the recency they were indexed at).
pub(crate) fn unindex(w: &Writer<'_>, m: &Member, rid: i64) -> Result<()> {
    let indexed: Option<i64> = w
        .prepare_cached("SELECT indexed_recency FROM members WHERE rid = ?1")?
        .query_row([rid], |r| r.get(0))?;
    let Some(recency) = indexed else {
        return Ok(());
    };
    let mut stmt = w.prepare_cached(
        "DELETE FROM member_search WHERE kind = ?1 AND key = ?2 AND recency = ?3 AND member_rid = ?4",
    )?;
    for (kind, key) in member_keys(&m.name, m.phone.national_digits(), &m.member_no) {
        stmt.execute(params![kind as i64, key, recency, rid])?;
    }
    w.prepare_cached("UPDATE members SET indexed_recency = NULL WHERE rid = ?1")?
        .execute([rid])?;
    Ok(())
}

fn check_phone_free(w: &Writer<'_>, phone: &Phone, except: Option<MemberId>) -> Result<()> {
    let holder: Option<(MemberId, String, String)> = w
        .prepare_cached(
            "SELECT id, name, member_no FROM members WHERE phone = ?1 AND archived_at IS NULL",
        )?
        .query_row([phone.e164()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match holder {
        Some((member_id, member_name, member_no)) if Some(member_id) != except => {
            Err(CoreError::DuplicatePhone {
                phone_masked: phone.masked(),
                member_id,
                member_name,
                member_no,
            })
        }
        _ => Ok(()),
    }
}

fn check_member_no_free(w: &Writer<'_>, no: &str, except: Option<MemberId>) -> Result<()> {
    let holder: Option<MemberId> = w
        .prepare_cached("SELECT id FROM members WHERE member_no = ?1")?
        .query_row([no], |r| r.get(0))
        .optional()?;
    match holder {
        Some(h) if Some(h) != except => Err(CoreError::DuplicateMemberNo {
            member_no: no.to_owned(),
        }),
        _ => Ok(()),
    }
}

/// `current` is the member being edited (none when registering): her own id
/// cannot be her referrer, and a referrer she already has stays valid once archived.
fn check_references(w: &Writer<'_>, v: &ValidMember, current: Option<&Member>) -> Result<()> {
    if let Some(staff) = v.preferred_staff_id {
        let active: Option<bool> = w
            .query_row("SELECT active FROM staff WHERE id = ?1", [staff], |r| {
                r.get(0)
            })
            .optional()?;
        if active != Some(true) {
            return Err(CoreError::validation(
                "preferredStaffId",
                "no such beautician",
            ));
        }
    }
    if let Some(referrer) = v.referrer_id {
        if Some(referrer) == current.map(|m| m.id) {
            return Err(CoreError::validation(
                "referrerId",
                "a member cannot refer herself",
            ));
        }
        let archived: Option<bool> = w
            .query_row(
                "SELECT archived_at IS NOT NULL FROM members WHERE id = ?1",
                [referrer],
                |r| r.get(0),
            )
            .optional()?;
        match archived {
            None => return Err(CoreError::validation("referrerId", "no such member")),
            Some(true) if current.and_then(|m| m.referrer_id) != Some(referrer) => {
                return Err(CoreError::validation(
                    "referrerId",
                    "this member has been archived",
                ))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Store code + device code + a per-device sequence: unique across the chain
/// without asking the server (the server assigns store codes unique in the
/// chain and device codes unique in the store).
pub(crate) fn next_member_no(w: &mut Writer<'_>) -> Result<String> {
    let device = w.device();
    let code = format!("{}{}", device.store_code, device.code);
    loop {
        let no = format!("{code}{:07}", w.next_seq("member_no")?);
        // A hand-entered card may already hold the next number: skip past it.
        let taken: bool = w
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM members WHERE member_no = ?1)")?
            .query_row([&no], |r| r.get(0))?;
        if !taken {
            return Ok(no);
        }
    }
}

/// Staff names for profile views.
impl Store {
    pub fn staff_name(&self, id: StaffId) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT name FROM staff WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }
}

/// A visit (a completed sale, here or pulled from another till or store) at
/// `at`: her visit count goes up and her last visit moves, only ever forward.
/// Her place in search results follows when the index is refreshed
/// (`refresh_search_index`), outside the sale, so a sale writes one member
/// row, not a dozen index keys.
pub(crate) fn record_visit(w: &Writer<'_>, id: impl rusqlite::ToSql, at: &str) -> Result<()> {
    w.prepare_cached(
        "UPDATE members SET last_visit_at = max(coalesce(last_visit_at, ''), ?2),
                            visit_count = visit_count + 1, search_dirty = 1
         WHERE id = ?1",
    )?
    .execute(params![id, at])?;
    Ok(())
}

impl Store {
    /// Re-ranks up to `max` members whose visits moved since they were indexed.
    /// Returns how many were refreshed; the desk calls it after each sale.
    pub fn refresh_search_index(&mut self, max: usize) -> Result<usize> {
        self.write(|w| {
            let rids: Vec<i64> = w
                .prepare_cached("SELECT rid FROM members WHERE search_dirty = 1 LIMIT ?1")?
                .query_map([max as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for rid in &rids {
                let id: MemberId =
                    w.query_row("SELECT id FROM members WHERE rid = ?1", [rid], |r| r.get(0))?;
                let (m, _) = load(w, id)?;
                unindex(w, &m, *rid)?;
                // An erased member is found by nothing (her label is not a name).
                if !m.archived && !crate::privacy::is_erased(w, &id.to_string())? {
                    index(w, &m, *rid)?;
                }
            }
            Ok(rids.len())
        })
    }
}
