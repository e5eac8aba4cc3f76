//! What the register and edit forms send, and its validation into a
//! `ValidMember` that the write path can apply.

use super::{Gender, SkinType};
use crate::ids::{MemberId, StaffId};
use crate::types::{Birthday, PersonName, Phone};
use crate::{CoreError, Result};
use chrono::NaiveDate;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberInput {
    pub name: String,
    /// Required to register; `None` on an edit keeps the current phone.
    pub phone: Option<String>,
    /// A pre-printed card's number; `None` or blank generates one.
    pub member_no: Option<String>,
    pub gender: Option<Gender>,
    pub birthday: Option<String>,
    pub region: String,
    pub skin_type: Option<SkinType>,
    pub allergies: String,
    pub preferred_staff_id: Option<StaffId>,
    pub notes: String,
    pub tags: Vec<String>,
    pub consent_marketing: bool,
    pub source: String,
    pub referrer_id: Option<MemberId>,
}

/// A `MemberInput` whose every field has passed its rule.
#[derive(Debug, Clone)]
pub(crate) struct ValidMember {
    pub name: PersonName,
    pub phone: Option<Phone>,
    pub member_no: Option<String>,
    pub gender: Option<Gender>,
    pub birthday: Option<NaiveDate>,
    pub region: String,
    pub skin_type: Option<SkinType>,
    pub allergies: String,
    pub preferred_staff_id: Option<StaffId>,
    pub notes: String,
    pub tags: Vec<String>,
    pub consent_marketing: bool,
    /// How her consent was given, recorded with it (`privacy::consent`):
    /// the desk's form unless the caller (an import) says otherwise.
    pub consent_how: crate::privacy::ConsentHow,
    /// Who took it (none for an import or demo data).
    pub consent_staff: Option<StaffId>,
    pub source: String,
    pub referrer_id: Option<MemberId>,
}

impl MemberInput {
    /// The edit form filled from the member as she is (her phone kept).
    pub fn editing(m: &super::Member) -> MemberInput {
        MemberInput {
            name: m.name.clone(),
            phone: None,
            member_no: None,
            gender: m.gender,
            birthday: m.birthday.map(|d| d.to_string()),
            region: m.region.clone(),
            skin_type: m.skin_type,
            allergies: m.allergies.clone(),
            preferred_staff_id: m.preferred_staff_id,
            notes: m.notes.clone(),
            tags: m.tags.clone(),
            consent_marketing: m.consent_marketing,
            source: m.source.clone(),
            referrer_id: m.referrer_id,
        }
    }

    pub(crate) fn validate(&self, today: NaiveDate) -> Result<ValidMember> {
        let name = PersonName::parse(&self.name)?;
        let phone = match self.phone.as_deref().map(str::trim) {
            Some(p) if !p.is_empty() => Some(Phone::parse(p)?),
            _ => None,
        };
        let member_no = match self.member_no.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => Some(parse_member_no(n)?),
            _ => None,
        };
        let birthday = match self.birthday.as_deref().map(str::trim) {
            Some(b) if !b.is_empty() => Some(Birthday::parse(b, today)?.date()),
            _ => None,
        };
        Ok(ValidMember {
            name,
            phone,
            member_no,
            gender: self.gender,
            birthday,
            region: short_text("region", &self.region, 40, false)?,
            skin_type: self.skin_type,
            allergies: short_text("allergies", &self.allergies, 500, true)?,
            preferred_staff_id: self.preferred_staff_id,
            notes: short_text("notes", &self.notes, 2000, true)?,
            tags: tags(&self.tags)?,
            consent_marketing: self.consent_marketing,
            consent_how: crate::privacy::ConsentHow::DeskForm,
            consent_staff: None,
            source: short_text("source", &self.source, 40, false)?,
            referrer_id: self.referrer_id,
        })
    }
}

/// Card numbers: 4–20 letters and digits, kept upper-case so a scan matches a typed one.
pub(crate) fn parse_member_no(s: &str) -> Result<String> {
    let ok = (4..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if !ok {
        return Err(CoreError::validation(
            "memberNo",
            "a member number is 4 to 20 letters or digits",
        ));
    }
    Ok(s.to_ascii_uppercase())
}

/// The protocol's bounds (`salondesk_protocol::limits`), so the server never
/// refuses what the form accepted: one line, or free text (`multiline`: newline
/// and tab) for notes and allergies.
fn short_text(field: &'static str, s: &str, max: usize, multiline: bool) -> Result<String> {
    let s = s.trim();
    salondesk_protocol::limits::check_text(s, max, multiline)
        .map_err(|problem| CoreError::validation(field, problem))?;
    Ok(s.to_owned())
}

fn tags(raw: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in raw {
        let t = t.trim();
        if t.is_empty() || out.iter().any(|o| o == t) {
            continue;
        }
        if let Err(problem) = salondesk_protocol::limits::check_text(t, 20, false) {
            return Err(CoreError::validation("tags", format!("a tag: {problem}")));
        }
        out.push(t.to_owned());
    }
    if out.len() > 20 {
        return Err(CoreError::validation("tags", "at most 20 tags"));
    }
    Ok(out)
}
