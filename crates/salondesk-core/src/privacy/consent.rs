//! Marketing consent (营销授权): each time it is given or withdrawn, when,
//! how, by which staff and at which till — written inside the core functions
//! that change it (registration, edit, merge, import, the profile's switch,
//! erase), so no path changes consent without leaving its line here.

use crate::ids::{MemberId, StaffId};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::time::{iso, parse_iso};
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::params;
use salondesk_protocol::privacy::{ConsentEvent, CONSENT_ENTITY};
use serde::{Deserialize, Serialize};

/// How consent was given or withdrawn (`salondesk_protocol::privacy::CONSENT_HOWS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConsentHow {
    /// The register or edit form at the desk.
    DeskForm,
    PaperForm,
    Verbal,
    Imported,
    /// She answered a message.
    Message,
    Merged,
    Erased,
}

impl ConsentHow {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentHow::DeskForm => "desk_form",
            ConsentHow::PaperForm => "paper_form",
            ConsentHow::Verbal => "verbal",
            ConsentHow::Imported => "imported",
            ConsentHow::Message => "message",
            ConsentHow::Merged => "merged",
            ConsentHow::Erased => "erased",
        }
    }

    /// A stored word; one this build does not know (a newer till's) reads as
    /// `None` and is shown as it is.
    pub fn parse(s: &str) -> Option<ConsentHow> {
        Some(match s {
            "desk_form" => ConsentHow::DeskForm,
            "paper_form" => ConsentHow::PaperForm,
            "verbal" => ConsentHow::Verbal,
            "imported" => ConsentHow::Imported,
            "message" => ConsentHow::Message,
            "merged" => ConsentHow::Merged,
            "erased" => ConsentHow::Erased,
            _ => return None,
        })
    }
}

/// One line of her consent history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub consent: bool,
    /// The stored word (see `ConsentHow::parse`).
    pub how: String,
    pub staff_id: Option<StaffId>,
    pub staff_name: Option<String>,
    pub device_id: String,
    pub at: DateTime<Utc>,
}

/// Records that member `id` gave (`consent`) or withdrew consent, `how`, by
/// `staff`, at this till and now; synced to the chain.
pub(crate) fn record_consent(
    w: &mut Writer<'_>,
    id: MemberId,
    consent: bool,
    how: ConsentHow,
    staff: Option<StaffId>,
) -> Result<()> {
    let event_id = crate::ids::new_v7(w.now());
    let at = iso(w.now());
    let device = w.device().id.to_string();
    w.prepare_cached(
        "INSERT INTO member_consents (id, member_id, consent, how, staff_id, device_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        event_id.to_string(),
        id,
        consent,
        how.as_str(),
        staff,
        device,
        at
    ])?;
    let payload = ConsentEvent {
        member_id: id.0,
        consent,
        how: how.as_str().to_owned(),
        staff_id: staff.map(|s| s.0),
        at,
    };
    w.emit(CONSENT_ENTITY, &event_id, OpKind::Append, &payload)?;
    Ok(())
}

impl Store {
    /// Sets member `id`'s marketing consent from her profile, saying how she
    /// gave or withdrew it. Nothing changes (and nothing is recorded) when it
    /// already is so.
    pub fn set_marketing_consent(
        &mut self,
        actor: &Staff,
        id: MemberId,
        consent: bool,
        how: ConsentHow,
    ) -> Result<()> {
        actor.require(Permission::EditMember)?;
        if matches!(how, ConsentHow::Merged | ConsentHow::Erased) {
            return Err(CoreError::validation(
                "how",
                "merged and erased are recorded by the merge and the erase",
            ));
        }
        self.write(|w| {
            let (m, _) = crate::member::load_member(w, id)?;
            if m.archived {
                return Err(CoreError::Conflict("this member has been archived".into()));
            }
            if super::is_erased(w, &id.to_string())? {
                return Err(CoreError::Conflict("this member has been erased".into()));
            }
            if m.consent_marketing == consent {
                return Ok(());
            }
            w.execute(
                "UPDATE members SET consent_marketing = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, consent, iso(w.now())],
            )?;
            w.emit(
                "member",
                &id,
                OpKind::Upsert,
                &serde_json::json!({ "consentMarketing": consent }),
            )?;
            record_consent(w, id, consent, how, Some(actor.id))
        })
    }

    /// Member `id`'s consent history, newest first.
    pub fn consent_history(&self, id: MemberId) -> Result<Vec<ConsentRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.consent, c.how, c.staff_id, s.name, c.device_id, c.created_at
             FROM member_consents c LEFT JOIN staff s ON s.id = c.staff_id
             WHERE c.member_id = ?1 ORDER BY c.created_at DESC, c.rowid DESC",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(ConsentRecord {
                consent: r.get(0)?,
                how: r.get(1)?,
                staff_id: r.get(2)?,
                staff_name: r.get(3)?,
                device_id: r.get(4)?,
                at: parse_iso(&r.get::<_, String>(5)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
