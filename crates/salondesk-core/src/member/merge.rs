//! Merging two records of one person: the survivor keeps her profile, fills
//! its blanks from the other, and takes over everything that pointed at the
//! other record. The merged record is archived with a pointer to the survivor.

use super::read::load;
use super::register::{archive, index, profile_changes, save_profile, unindex};
use super::Member;
use crate::ids::MemberId;
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::json;

/// Every column that refers to a member, so history follows the survivor.
/// Checkout and appointments add their tables here.
const MEMBER_REFERENCES: &[(&str, &str)] = &[("members", "referrer_id")];

/// Her records that follow the survivor on every till: (entity, table, key).
/// Each moved row is sent on as an upsert of its `memberId`, so the store's
/// other tills (the chain's, for complaints) move it too: her follow-ups,
/// her ratings and her complaints (open ones must show on the survivor's
/// profile and at checkout).
const MEMBER_RECORDS: &[(&str, &str, &str)] = &[
    ("care_task", "care_tasks", "id"),
    ("visit_feedback", "visit_feedback", "sale_id"),
    ("complaint", "complaints", "id"),
];

fn move_records(w: &mut Writer<'_>, survivor: MemberId, merged: MemberId) -> Result<()> {
    for (entity, table, key) in MEMBER_RECORDS {
        let ids: Vec<String> = w
            .prepare(&format!("SELECT {key} FROM {table} WHERE member_id = ?1"))?
            .query_map([merged], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        w.execute(
            &format!("UPDATE {table} SET member_id = ?1 WHERE member_id = ?2"),
            params![survivor, merged],
        )?;
        for id in ids {
            w.emit(
                entity,
                &id,
                OpKind::Upsert,
                &json!({ "memberId": survivor }),
            )?;
        }
    }
    Ok(())
}

impl Store {
    pub fn merge_members(
        &mut self,
        actor: &crate::staff::Staff,
        survivor_id: MemberId,
        merged_id: MemberId,
    ) -> Result<Member> {
        actor.require(crate::staff::Permission::MergeMembers)?;
        if survivor_id == merged_id {
            return Err(CoreError::validation(
                "mergedId",
                "a member cannot be merged into herself",
            ));
        }
        self.write(|w| {
            let (survivor, s_rid) = load(w, survivor_id)?;
            let (merged, _) = load(w, merged_id)?;
            let erased = crate::privacy::is_erased(w, &survivor_id.to_string())?
                || crate::privacy::is_erased(w, &merged_id.to_string())?;
            if survivor.archived || merged.archived || erased {
                return Err(CoreError::Conflict(
                    "both members must be active to merge".into(),
                ));
            }
            for (table, column) in MEMBER_REFERENCES {
                w.execute(
                    &format!("UPDATE {table} SET {column} = ?1 WHERE {column} = ?2 AND id <> ?1"),
                    params![survivor_id, merged_id],
                )?;
            }
            move_records(w, survivor_id, merged_id)?;
            let combined = combine(&survivor, &merged);
            unindex(w, &survivor, s_rid)?;
            save_profile(w, &combined)?;
            archive(w, merged_id, Some(survivor_id))?;
            let (after, rid) = load(w, survivor_id)?;
            index(w, &after, rid)?;
            let changed = profile_changes(&survivor, &after);
            if !changed.is_empty() {
                w.emit("member", &survivor_id, OpKind::Upsert, &changed)?;
            }
            if after.consent_marketing != survivor.consent_marketing {
                crate::privacy::record_consent(
                    w,
                    survivor_id,
                    after.consent_marketing,
                    crate::privacy::ConsentHow::Merged,
                    Some(actor.id),
                )?;
            }
            Ok(())
        })?;
        self.member(survivor_id)
    }
}

/// The survivor's profile with its blanks filled from the merged record.
fn combine(s: &Member, m: &Member) -> Member {
    let text = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_owned()
        } else {
            a.to_owned()
        }
    };
    let mut tags = s.tags.clone();
    tags.extend(m.tags.iter().filter(|t| !s.tags.contains(t)).cloned());
    tags.truncate(20);
    let notes = match (s.notes.is_empty(), m.notes.is_empty()) {
        (_, true) => s.notes.clone(),
        (true, false) => m.notes.clone(),
        (false, false) => format!("{}\n{}", s.notes, m.notes),
    };
    // Allergies are safety information: keep both, never drop one.
    let allergies = match (s.allergies.is_empty(), m.allergies.is_empty()) {
        (_, true) => s.allergies.clone(),
        (true, false) => m.allergies.clone(),
        (false, false) if s.allergies == m.allergies => s.allergies.clone(),
        (false, false) => format!("{}; {}", s.allergies, m.allergies),
    };
    Member {
        gender: s.gender.or(m.gender),
        birthday: s.birthday.or(m.birthday),
        region: text(&s.region, &m.region),
        skin_type: s.skin_type.or(m.skin_type),
        allergies: allergies.chars().take(500).collect(),
        preferred_staff_id: s.preferred_staff_id.or(m.preferred_staff_id),
        notes: notes.chars().take(2000).collect(),
        tags,
        consent_marketing: s.consent_marketing && m.consent_marketing,
        source: text(&s.source, &m.source),
        referrer_id: s
            .referrer_id
            .or(m.referrer_id)
            .filter(|r| *r != s.id && *r != m.id),
        tier: s.tier.max(m.tier),
        registered_at: s.registered_at.min(m.registered_at),
        last_visit_at: s.last_visit_at.max(m.last_visit_at),
        visit_count: s.visit_count + m.visit_count,
        ..s.clone()
    }
}
