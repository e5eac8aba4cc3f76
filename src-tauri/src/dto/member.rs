use crate::error::ApiError;
use salondesk_core::member::{
    Gender, MatchKind, MemberHit as Hit, MemberInput as Input, MemberSeen, SkinType, Tier,
};
use salondesk_core::types::Phone;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The phone as this staff member may see it (PIPL: masked for the desk).
pub(crate) fn phone_for(phone: &Phone, full: bool) -> String {
    if full {
        phone.display()
    } else {
        phone.masked()
    }
}

fn iso(t: chrono::DateTime<chrono::Utc>) -> String {
    salondesk_core::time::iso(t)
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberHit {
    pub id: String,
    pub member_no: String,
    pub name: String,
    pub phone: String,
    pub tier: Tier,
    pub last_visit_at: Option<String>,
    pub matched: MatchKind,
    pub exact: bool,
}

impl MemberHit {
    pub fn new(h: &Hit, full_phone: bool) -> Self {
        MemberHit {
            id: h.id.to_string(),
            member_no: h.member_no.clone(),
            name: h.name.clone(),
            phone: phone_for(&h.phone, full_phone),
            tier: h.tier,
            last_visit_at: h.last_visit_at.map(iso),
            matched: h.matched,
            exact: h.exact,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    pub id: String,
    pub member_no: String,
    pub name: String,
    pub phone: String,
    pub gender: Option<Gender>,
    pub birthday: Option<String>,
    pub region: String,
    pub skin_type: Option<SkinType>,
    pub allergies: String,
    pub preferred_staff_id: Option<String>,
    pub preferred_staff_name: Option<String>,
    pub notes: String,
    pub tags: Vec<String>,
    pub consent_marketing: bool,
    pub source: String,
    pub referrer_id: Option<String>,
    pub referrer_name: Option<String>,
    pub tier: Tier,
    pub archived: bool,
    /// Erased on request: an anonymous record; the profile offers nothing to edit.
    pub erased: bool,
    pub registered_at: String,
    pub last_visit_at: Option<String>,
    #[ts(type = "number")]
    pub visit_count: i64,
    /// Skin type, allergies and notes were withheld from this staff member
    /// (PIPL): they are empty here; `reveal_member_notes` shows them, audited.
    pub sensitive_hidden: bool,
}

impl MemberView {
    /// The member as the core let the logged-in staff member see her.
    pub fn new(
        seen: &MemberSeen,
        preferred_staff_name: Option<String>,
        referrer_name: Option<String>,
    ) -> Self {
        let (m, full_phone) = (&seen.member, seen.full_phone);
        MemberView {
            id: m.id.to_string(),
            member_no: m.member_no.clone(),
            name: m.name.clone(),
            phone: phone_for(&m.phone, full_phone),
            gender: m.gender,
            birthday: m.birthday.map(|b| b.format("%Y-%m-%d").to_string()),
            region: m.region.clone(),
            skin_type: m.skin_type,
            allergies: m.allergies.clone(),
            preferred_staff_id: m.preferred_staff_id.map(|s| s.to_string()),
            preferred_staff_name,
            notes: m.notes.clone(),
            tags: m.tags.clone(),
            consent_marketing: m.consent_marketing,
            source: m.source.clone(),
            referrer_id: m.referrer_id.map(|r| r.to_string()),
            referrer_name,
            tier: m.tier,
            archived: m.archived,
            erased: m.erased,
            registered_at: iso(m.registered_at),
            last_visit_at: m.last_visit_at.map(iso),
            visit_count: m.visit_count,
            sensitive_hidden: seen.sensitive_hidden,
        }
    }
}

/// What the register and edit forms send.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberInput {
    pub name: String,
    /// Required to register; null on an edit keeps the current phone.
    pub phone: Option<String>,
    /// Null or blank generates a member number.
    pub member_no: Option<String>,
    pub gender: Option<Gender>,
    pub birthday: Option<String>,
    pub region: String,
    pub skin_type: Option<SkinType>,
    pub allergies: String,
    pub preferred_staff_id: Option<String>,
    pub notes: String,
    pub tags: Vec<String>,
    pub consent_marketing: bool,
    pub source: String,
    pub referrer_id: Option<String>,
}

fn parse_id<T: std::str::FromStr<Err = salondesk_core::CoreError>>(
    field: &'static str,
    s: &Option<String>,
) -> Result<Option<T>, ApiError> {
    match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            ApiError::from(salondesk_core::CoreError::validation(
                field,
                "not a valid choice",
            ))
        }),
    }
}

impl TryFrom<MemberInput> for Input {
    type Error = ApiError;
    fn try_from(i: MemberInput) -> Result<Self, ApiError> {
        Ok(Input {
            preferred_staff_id: parse_id("preferredStaffId", &i.preferred_staff_id)?,
            referrer_id: parse_id("referrerId", &i.referrer_id)?,
            name: i.name,
            phone: i.phone,
            member_no: i.member_no,
            gender: i.gender,
            birthday: i.birthday,
            region: i.region,
            skin_type: i.skin_type,
            allergies: i.allergies,
            notes: i.notes,
            tags: i.tags,
            consent_marketing: i.consent_marketing,
            source: i.source,
        })
    }
}
