//! Sensitive notes (PIPL 敏感个人信息): a member's skin type, allergies and free
//! notes. Skin and allergies are health data; the free notes hold the same
//! kind of thing in practice ("孕期", "对果酸过敏", "术后三个月"), so they are
//! treated alike rather than trusting every note to be harmless.
//!
//! Who sees them: those whose role holds `SeeSensitiveNotes` (managers, the
//! owner), and the beautician serving the member: she has an appointment with
//! her today (store date) that is not cancelled nor a no-show — which covers
//! "she is with her now" (arrived, in service). Anyone else gets the member
//! with these fields empty and `sensitive_hidden` set, and may reveal them by
//! giving a reason (`reveal_sensitive`): the audit log keeps who, when, which
//! member and the reason's code — never the notes nor the typed text (it may
//! name her).

use super::{Member, MemberInput};
use crate::appointments::Offset;
use crate::checkout::audit;
use crate::ids::MemberId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::time::iso;
use crate::{CoreError, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Why someone without the right reveals a member's sensitive notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RevealReason {
    /// She is serving the member now (no appointment was booked).
    ServingNow,
    /// An allergy check before a service.
    AllergyCheck,
    /// Another reason, typed (asked for, not kept: see the module doc).
    Other,
}

impl RevealReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RevealReason::ServingNow => "serving_now",
            RevealReason::AllergyCheck => "allergy_check",
            RevealReason::Other => "other",
        }
    }
}

/// A member as `actor` may see her.
#[derive(Debug, Clone)]
pub struct MemberSeen {
    /// The member; skin type, allergies and notes emptied when hidden.
    pub member: Member,
    /// The sensitive notes were withheld (the UI offers "Show (reason)").
    pub sensitive_hidden: bool,
    /// `actor` may see the whole phone number (`SeeFullPhone`).
    pub full_phone: bool,
}

/// The sensitive notes alone, once revealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitiveNotes {
    pub skin_type: Option<super::SkinType>,
    pub allergies: String,
    pub notes: String,
}

impl Store {
    /// Whether `actor` sees member `id`'s sensitive notes without asking.
    pub fn sees_sensitive(&self, actor: &Staff, id: MemberId) -> Result<bool> {
        if actor.role.may(Permission::SeeSensitiveNotes) {
            return Ok(true);
        }
        let settings = self.checkout_settings()?;
        let offset = Offset::of(&settings);
        let today = offset.date(self.now());
        let (lo, hi) = (
            iso(offset.day_start(today)),
            iso(offset.day_start(today + chrono::Duration::days(1))),
        );
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM appointments
               WHERE member_id = ?1 AND staff_id = ?2 AND start_at >= ?3 AND start_at < ?4
                 AND status NOT IN ('cancelled', 'no_show'))",
            rusqlite::params![id, actor.id, lo, hi],
            |r| r.get(0),
        )?)
    }

    /// Member `id` as `actor` may see her (see the module doc).
    pub fn member_for(&self, actor: &Staff, id: MemberId) -> Result<MemberSeen> {
        let member = self.member(id)?;
        self.seen_by(actor, member)
    }

    /// `member` (just read or written) as `actor` may see her.
    pub fn seen_by(&self, actor: &Staff, mut member: Member) -> Result<MemberSeen> {
        let hidden = !self.sees_sensitive(actor, member.id)?;
        if hidden {
            member.skin_type = None;
            member.allergies.clear();
            member.notes.clear();
        }
        Ok(MemberSeen {
            member,
            sensitive_hidden: hidden,
            full_phone: actor.role.may(Permission::SeeFullPhone),
        })
    }

    /// Shows member `id`'s sensitive notes to `actor`, giving `reason`
    /// (`other` needs `text`). Audited as `sensitive_viewed` when she would
    /// not have seen them anyway.
    pub fn reveal_sensitive(
        &mut self,
        actor: &Staff,
        id: MemberId,
        reason: RevealReason,
        text: &str,
    ) -> Result<SensitiveNotes> {
        let m = self.member(id)?;
        let notes = SensitiveNotes {
            skin_type: m.skin_type,
            allergies: m.allergies,
            notes: m.notes,
        };
        if self.sees_sensitive(actor, id)? {
            return Ok(notes);
        }
        if reason == RevealReason::Other && text.trim().is_empty() {
            return Err(CoreError::validation("reasonText", "say why"));
        }
        self.write(|w| {
            audit::record(
                w,
                actor.id,
                None,
                "sensitive_viewed",
                Some(&id.to_string()),
                &json!({ "reason": reason.as_str() }),
            )
        })?;
        Ok(notes)
    }

    /// An edit by someone who did not see the sensitive notes keeps them as
    /// they are (her form showed them empty, not erased).
    pub fn keep_hidden_notes(
        &self,
        actor: &Staff,
        id: MemberId,
        mut input: MemberInput,
    ) -> Result<MemberInput> {
        if !self.sees_sensitive(actor, id)? {
            let m = self.member(id)?;
            input.skin_type = m.skin_type;
            input.allergies = m.allergies;
            input.notes = m.notes;
        }
        Ok(input)
    }
}
