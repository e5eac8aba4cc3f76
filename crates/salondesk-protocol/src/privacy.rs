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

/// How an operation of another entity is tied to a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tie {
    /// The record is about her: a write that names her does so in
    /// `memberId` (a booking, a new follow-up, a complaint); a later edit may
    /// name no one, and is tied by the record's own id.
    Own,
    /// Through another record: the first of these `(field, entity)` the
    /// payload holds is the id of a record of that entity (tied [`Tie::Own`]).
    Through(&'static [(&'static str, &'static str)]),
}

/// Personal data held outside her profile: the fields of another entity's
/// operations that are about her (free text the desk typed, the text of a
/// message greeting her by name, a phone), and what each becomes once she
/// is erased (only a field that holds something changes: an empty one
/// stays as it is). Applied alike to what is held when the erase arrives
/// (the tills' rows, the server's log) and to such an operation arriving
/// later from a till that was offline, at the server and at a till.
///
/// Left out on purpose: her consent events (ids, a yes/no, how and when:
/// nothing that says who she is; an erased record gets no marketing
/// whatever they say), her sales (item names, amounts; a tender's
/// reference is the payment's, needed to reconcile the day) and her ledger
/// rows (amounts: they must keep adding up). A rating's scores and a
/// complaint's kind and status stay too: they count in the store's figures
/// and name nobody.
pub struct Personal {
    pub entity: &'static str,
    pub tie: Tie,
    pub fields: &'static [(&'static str, Erased)],
}

pub const PERSONAL_ELSEWHERE: &[Personal] = &[
    Personal {
        entity: "appointment",
        tie: Tie::Own,
        fields: &[
            ("notes", Erased::Empty),
            ("cancelReason", Erased::Empty),
            // A booking for a member names no walk-in; set on one all the same,
            // they would be hers.
            ("walkInName", Erased::Null),
            ("walkInPhone", Erased::Null),
        ],
    },
    Personal {
        // Why it was cancelled or missed, as typed at the desk.
        entity: "appointment_history",
        tie: Tie::Through(&[("appointmentId", "appointment")]),
        fields: &[("reason", Erased::Empty)],
    },
    Personal {
        // A message's text greets her by name; a failed send's error may
        // quote her number. About an appointment, a follow-up or a campaign.
        entity: "message",
        tie: Tie::Through(&[
            ("appointmentId", "appointment"),
            ("careTaskId", "care_task"),
            ("campaignMemberId", "campaign_member"),
        ]),
        fields: &[("body", Erased::Empty), ("lastError", Erased::Empty)],
    },
    Personal {
        // The follow-up call's note may quote her.
        entity: "care_task",
        tie: Tie::Own,
        fields: &[("note", Erased::Empty)],
    },
    Personal {
        // Her words about a visit.
        entity: "visit_feedback",
        tie: Tie::Own,
        fields: &[("comment", Erased::Empty)],
    },
    Personal {
        // What happened, as she told it.
        entity: "complaint",
        tie: Tie::Own,
        fields: &[("description", Erased::Empty)],
    },
    Personal {
        // What was done about her complaint.
        entity: "complaint_action",
        tie: Tie::Through(&[("complaintId", "complaint")]),
        fields: &[("note", Erased::Empty)],
    },
    Personal {
        // Nothing personal itself: whom a campaign reached, so that the
        // campaign's message to her is tied to her.
        entity: "campaign_member",
        tie: Tie::Own,
        fields: &[],
    },
];

/// The rule for `entity`'s personal fields, if it has any.
pub fn personal(entity: &str) -> Option<&'static Personal> {
    PERSONAL_ELSEWHERE.iter().find(|p| p.entity == entity)
}

/// The record an operation of `entity` (id `entity_id`) is about, as
/// `(entity, id)`, when its personal fields are tied to one: its own id
/// ([`Tie::Own`]), or the record a field names ([`Tie::Through`]).
pub fn record_of<'a>(
    entity: &str,
    entity_id: &'a str,
    payload: &'a Value,
) -> Option<(&'static str, &'a str)> {
    let rule = personal(entity)?;
    match rule.tie {
        Tie::Own => Some((rule.entity, entity_id)),
        Tie::Through(fields) => fields
            .iter()
            .find_map(|(f, e)| Some((*e, payload.get(*f)?.as_str()?))),
    }
}

/// The member an operation of a record about her ([`Tie::Own`]) names
/// (`memberId`), if it names one.
pub fn named_member<'a>(entity: &str, payload: &'a Value) -> Option<&'a str> {
    if personal(entity)?.tie != Tie::Own {
        return None;
    }
    payload.get("memberId")?.as_str()
}

/// Scrubs the personal fields ([`PERSONAL_ELSEWHERE`]) of an `entity`
/// operation about an erased member: each one holding something takes its
/// erased value. Returns whether anything changed.
pub fn scrub_personal(entity: &str, payload: &mut Map<String, Value>) -> bool {
    let Some(rule) = personal(entity) else {
        return false;
    };
    let mut changed = false;
    for (field, how) in rule.fields {
        let Some(value) = payload.get_mut(*field) else {
            continue;
        };
        let holds_something = match value {
            Value::Null => false,
            Value::String(s) => !s.is_empty(),
            _ => true,
        };
        if holds_something {
            *value = match how {
                Erased::Null => Value::Null,
                _ => Value::String(String::new()),
            };
            changed = true;
        }
    }
    changed
}

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
    fn scrubbing_another_entity_empties_what_holds_something_and_keeps_the_rest() {
        let mut booking = json!({ "memberId": "m", "notes": "孕期，避开腹部",
            "cancelReason": null, "walkInPhone": "+8613900001111", "status": "booked" })
        .as_object()
        .cloned()
        .unwrap();
        assert!(scrub_personal("appointment", &mut booking));
        assert_eq!(booking["notes"], json!(""), "free text typed about her");
        assert_eq!(booking["walkInPhone"], Value::Null, "a phone");
        assert_eq!(
            booking["cancelReason"],
            Value::Null,
            "nothing there: stays as it was"
        );
        assert_eq!(booking["status"], json!("booked"), "not personal");
        assert!(
            !scrub_personal("appointment", &mut booking),
            "twice changes nothing"
        );
        let mut sale = json!({ "memberId": "m", "total": 100 })
            .as_object()
            .cloned()
            .unwrap();
        assert!(
            !scrub_personal("sale", &mut sale),
            "a sale holds nothing personal"
        );
    }

    #[test]
    fn an_operation_is_tied_to_its_record_by_its_id_or_the_record_it_names() {
        let p = json!({ "appointmentId": "a1", "memberId": "m1" });
        assert_eq!(
            record_of("appointment", "a2", &p),
            Some(("appointment", "a2")),
            "its own id"
        );
        assert_eq!(
            record_of("message", "reminder-a1", &p),
            Some(("appointment", "a1"))
        );
        assert_eq!(
            record_of("appointment_history", "h", &p),
            Some(("appointment", "a1"))
        );
        assert_eq!(
            record_of("message", "care-t1", &json!({ "careTaskId": "t1" })),
            Some(("care_task", "t1")),
            "a follow-up's message is tied to the follow-up"
        );
        assert_eq!(
            record_of("complaint_action", "x", &json!({ "complaintId": "c1" })),
            Some(("complaint", "c1"))
        );
        assert_eq!(
            record_of("care_task", "t1", &json!({ "note": "n" })),
            Some(("care_task", "t1")),
            "a later edit naming no one is tied by its own id"
        );
        assert_eq!(record_of("sale", "s", &p), None, "not tied to one");
        assert_eq!(named_member("appointment", &p), Some("m1"));
        assert_eq!(named_member("complaint", &p), Some("m1"));
        assert_eq!(
            named_member("message", &p),
            None,
            "a message is not a record about her"
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
