//! Members' data requests (PIPL): what erasing a member clears, and how her
//! marketing consent is recorded. The one place the rule lives: the till that
//! erases her, every till that pulls the erase, and the server (its mirror,
//! its stored operations and any later operation about her) apply it alike.
//!
//! An erase keeps the member *record* (its id): her sales, ledgers, packages
//! and balances name it and must keep adding up. What goes is everything that
//! identifies her or is sensitive: name, phone, card number, birthday,
//! gender, region, skin type, allergies, notes, tags, where she came from,
//! who referred her and her preferred beautician. Her tier and registration
//! time stay: they say nothing about who she is and prices depend on the tier.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The entity of a consent event (append-only, chain-wide).
pub const CONSENT_ENTITY: &str = "member_consent";

/// How marketing consent was given or withdrawn.
pub const CONSENT_HOWS: &[&str] = &[
    // The register or edit form at the desk.
    "desk_form",
    "paper_form",
    "verbal",
    "imported",
    // By message (she replied to an SMS / WeChat message).
    "message",
    // Two records of her merged: the survivor keeps consent only if both gave it.
    "merged",
    // Her record was erased on request: consent goes with it.
    "erased",
];

/// The payload of a consent event (`member_consent`, kind append).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentEvent {
    pub member_id: uuid::Uuid,
    pub consent: bool,
    /// One of [`CONSENT_HOWS`].
    pub how: String,
    pub staff_id: Option<uuid::Uuid>,
    /// When it was given or withdrawn (RFC 3339).
    pub at: String,
}

/// The payload of an erase (`member`, kind erase): nothing. Who may erase is
/// checked by the server from the device; what it clears is [`ERASED_FIELDS`];
/// the operation's own time says when. An empty payload can carry nothing
/// personal by mistake.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberErase {}

/// What an erase does to one member field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erased {
    /// Becomes her anonymous label ([`erased_name`]).
    Label,
    /// Becomes a card number nobody else holds ([`erased_member_no`]).
    CardNo,
    /// A phone with no digits (`+`): the shape the tills store for "no number".
    NoPhone,
    Empty,
    EmptyList,
    Null,
    False,
}

/// Every member field an erase clears, and what it becomes.
pub const ERASED_FIELDS: &[(&str, Erased)] = &[
    ("name", Erased::Label),
    ("phone", Erased::NoPhone),
    ("memberNo", Erased::CardNo),
    ("gender", Erased::Null),
    ("birthday", Erased::Null),
    ("region", Erased::Empty),
    ("skinType", Erased::Null),
    ("allergies", Erased::Empty),
    ("preferredStaffId", Erased::Null),
    ("notes", Erased::Empty),
    ("tags", Erased::EmptyList),
    ("consentMarketing", Erased::False),
    ("source", Erased::Empty),
    ("referrerId", Erased::Null),
];

/// What an erase also empties outside her profile: the notes of her
/// appointments, and the text of the messages (reminders) sent about them,
/// which greet her by name. (`entity`, field) pairs; each becomes "". Applied
/// to what is held when the erase arrives (the tills' rows, the server's
/// log); such a record written later by an offline till is not scrubbed on
/// arrival (finding a reminder's member needs its appointment).
pub const ERASED_ELSEWHERE: &[(&str, &str)] = &[("appointment", "notes"), ("message", "body")];

/// The random tail of her id (a UUID v7's first digits are its time, alike
/// for members registered together).
fn tail(member_id: &str, n: usize) -> String {
    let hex: String = member_id.chars().filter(char::is_ascii_hexdigit).collect();
    hex[hex.len().saturating_sub(n)..].to_owned()
}

/// The name an erased member is shown by: 已删除会员 #<short id>.
pub fn erased_name(member_id: &str) -> String {
    format!("已删除会员 #{}", tail(member_id, 6))
}

/// Her card number once erased: `DEL` and 16 hex digits of her id (4–20
/// letters and digits, like every card number; unique as her id is).
pub fn erased_member_no(member_id: &str) -> String {
    format!("DEL{}", tail(member_id, 16).to_ascii_uppercase())
}

/// What `field` becomes when member `member_id` is erased (None: it stays).
pub fn erased_value(field: &str, member_id: &str) -> Option<Value> {
    let (_, how) = ERASED_FIELDS.iter().find(|(f, _)| *f == field)?;
    Some(match how {
        Erased::Label => Value::String(erased_name(member_id)),
        Erased::CardNo => Value::String(erased_member_no(member_id)),
        Erased::NoPhone => Value::String("+".into()),
        Erased::Empty => Value::String(String::new()),
        Erased::EmptyList => Value::Array(Vec::new()),
        Erased::Null => Value::Null,
        Erased::False => Value::Bool(false),
    })
}

/// Every erased field with its erased value: what an erase sets.
pub fn erased_profile(member_id: &str) -> Map<String, Value> {
    ERASED_FIELDS
        .iter()
        .filter_map(|(f, _)| Some(((*f).to_owned(), erased_value(f, member_id)?)))
        .collect()
}

/// Scrubs a member operation's payload of what an erase clears: each erased
/// field it carries takes its erased value (the field stays, so a till that
/// never saw her still gets a whole, anonymous record). Returns whether
/// anything changed.
pub fn scrub_member_payload(payload: &mut Map<String, Value>, member_id: &str) -> bool {
    let mut changed = false;
    for (field, value) in payload.iter_mut() {
        if let Some(erased) = erased_value(field, member_id) {
            if *value != erased {
                *value = erased;
                changed = true;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scrubbing_replaces_every_personal_field_and_keeps_the_rest() {
        let id = "019a0b1c-2d3e-7f40-8a1b-2c3d4e5f6a7b";
        let mut p = json!({
            "name": "王芳", "phone": "+8613912345678", "memberNo": "S01A0000012",
            "birthday": "1990-05-01", "notes": "对果酸过敏", "tags": ["VIP"],
            "tier": "gold", "registeredAt": "2026-01-01T00:00:00Z"
        })
        .as_object()
        .cloned()
        .unwrap();
        assert!(
            scrub_member_payload(&mut p, id),
            "personal fields were there"
        );
        assert_eq!(
            p["name"],
            json!("已删除会员 #5f6a7b"),
            "the label ends with her id's tail"
        );
        assert_eq!(p["phone"], json!("+"), "a phone with no digits");
        assert_eq!(
            p["memberNo"],
            json!("DEL8A1B2C3D4E5F6A7B"),
            "a card number from her id"
        );
        assert_eq!(p["birthday"], Value::Null);
        assert_eq!(p["notes"], json!(""));
        assert_eq!(p["tags"], json!([]));
        assert_eq!(
            p["tier"],
            json!("gold"),
            "her tier is not personal: it stays"
        );
        assert!(
            !scrub_member_payload(&mut p, id),
            "scrubbing twice changes nothing"
        );
    }

    #[test]
    fn the_erased_card_number_is_a_valid_card_number() {
        let no = erased_member_no("019a0b1c-2d3e-7f40-8a1b-2c3d4e5f6a7b");
        assert!(
            (4..=20).contains(&no.len()) && no.bytes().all(|b| b.is_ascii_alphanumeric()),
            "{no}: the tills' rule for card numbers (4–20 letters and digits)"
        );
    }
}
