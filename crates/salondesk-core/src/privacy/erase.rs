//! Erasing a member on request: her identity and sensitive fields go (the
//! rule is `salondesk_protocol::privacy`), her record stays as an anonymous
//! one so every sale, ledger entry, package and balance that names her still
//! adds up to the same sums. The erase travels as a `member` operation of
//! kind `erase`; every till applies it with `apply_erase`, and never lets an
//! operation made before it bring her name back (`sync::members`).

use super::consent::{record_consent, ConsentHow};
use crate::checkout::audit;
use crate::ids::MemberId;
use crate::member::{load_member, unindex};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::{params, Connection, OptionalExtension};
use salondesk_protocol::privacy::{erased_member_no, erased_name, MemberErase};
use serde_json::json;

/// Whether member `id` has been erased (here or on another till).
pub(crate) fn is_erased(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT erased_at IS NOT NULL FROM members WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or(false))
}

/// Clears member `id`'s identity and sensitive fields, takes her out of
/// search, frees her phone for whoever was kept beside her, and empties the
/// reminders sent to her (their text named her). `at`: when (stored form).
/// No operation is emitted here: the local erase emits one, a pulled one
/// came as one. Returns false when she was erased already.
pub(crate) fn apply_erase(w: &Writer<'_>, id: MemberId, at: &str) -> Result<bool> {
    let (m, rid) = load_member(w, id)?;
    if is_erased(w, &id.to_string())? {
        return Ok(false);
    }
    unindex(w, &m, rid)?;
    let sid = id.to_string();
    w.prepare_cached(
        "UPDATE members SET name = ?2, phone = '+', member_no = ?3, gender = NULL,
            birthday = NULL, region = '', skin_type = NULL, allergies = '',
            preferred_staff_id = NULL, notes = '', tags = '[]', consent_marketing = 0,
            source = '', referrer_id = NULL, phone_holder = NULL, search_dirty = 0,
            erased_at = ?4, updated_at = ?4
         WHERE id = ?1",
    )?
    .execute(params![id, erased_name(&sid), erased_member_no(&sid), at])?;
    crate::sync::members::settle_phone(w, m.phone.e164())?;
    // What named her elsewhere on this till: what the protocol's rule says
    // (her appointments' notes, her messages' text, her follow-ups' notes,
    // her ratings' comments, her complaints …), and her messages'
    // recipient, kept on this till alone.
    crate::sync::personal::erase_elsewhere(w, &sid)?;
    w.prepare_cached(
        "UPDATE messages SET recipient_name = '', phone = '', body = ''
         WHERE appointment_id IN (SELECT id FROM appointments WHERE member_id = ?1)
            OR care_task_id IN (SELECT id FROM care_tasks WHERE member_id = ?1)
            OR campaign_member_id IN (SELECT id FROM campaign_members WHERE member_id = ?1)",
    )?
    .execute([id])?;
    Ok(true)
}

/// Whether `typed` confirms erasing `m`: her full name, or the last four
/// digits of her phone.
fn confirms(m: &crate::member::Member, typed: &str) -> bool {
    let typed = typed.trim();
    if typed.is_empty() {
        return false;
    }
    let digits = m.phone.national_digits();
    typed == m.name.trim() || (typed.len() == 4 && digits.len() >= 4 && digits.ends_with(typed))
}

impl Store {
    /// Erases member `id` on her request (`MemberDataRequests`). `confirm` is
    /// what the manager typed: her name or her phone's last four digits.
    /// Audited as `member_erased` (her id only, nothing personal).
    pub fn erase_member(&mut self, actor: &Staff, id: MemberId, confirm: &str) -> Result<()> {
        actor.require(Permission::MemberDataRequests)?;
        let m = self.member(id)?;
        if is_erased(&self.conn, &id.to_string())? {
            return Err(CoreError::Conflict(
                "this member has been erased already".into(),
            ));
        }
        if !confirms(&m, confirm) {
            return Err(CoreError::validation(
                "confirm",
                "type her name or the last 4 digits of her phone",
            ));
        }
        self.write(|w| {
            let at = crate::time::iso(w.now());
            if m.consent_marketing {
                record_consent(w, id, false, ConsentHow::Erased, Some(actor.id))?;
            }
            apply_erase(w, id, &at)?;
            w.emit("member", &id, OpKind::Erase, &MemberErase {})?;
            audit::record(
                w,
                actor.id,
                None,
                "member_erased",
                Some(&id.to_string()),
                &json!({}),
            )
        })
    }
}
