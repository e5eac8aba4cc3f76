//! Bounds on what one operation may carry, field by field: text without
//! control characters (newline and tab only in free-text notes), lengths,
//! times and dates in range, enums from their lists, integers in sane bounds,
//! and a size per payload. `schema::check` applies them, so the till (whose
//! tests run every operation it emits through that check) and the server
//! refuse the same things.
//!
//! Why the server cannot skip them: PostgreSQL text cannot hold NUL and
//! `timestamptz` stops at 4713 BC, so such values used to fail a statement
//! (500) instead of the one operation; and a 5 MB note would be pulled by
//! every till of the chain.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde_json::Value;

/// The most a payload may weigh (its strings and keys, roughly as encoded). A
/// five-line sale is 2–4 kB; a sale of a hundred lines well under this.
pub const MAX_PAYLOAD_BYTES: usize = 256 * 1024;
/// Elements of any one array (sale lines, tags, ledger rows …).
pub const MAX_ARRAY_LEN: usize = 1000;
/// Any string the rules below do not name (nested rows, settings values).
pub const MAX_TEXT: usize = 2000;
/// Money in fen: ±10 billion yuan. Far beyond a salon, far below where sums overflow.
pub const MAX_MONEY: i64 = 1_000_000_000_000;
/// Any integer the rules below do not name.
pub const MAX_INT: i64 = MAX_MONEY;
/// Quantities (items, sessions, stock moves).
pub const MAX_QTY: i64 = 1_000_000;
/// Times (`createdAt`, appointment times, …): from this year on …
pub const MIN_YEAR: i32 = 2000;
/// … and before this one.
pub const MAX_YEAR: i32 = 2100;
/// An operation's `createdAt` may be at most this far ahead of the receiver's clock.
pub const MAX_CREATED_AHEAD_HOURS: i64 = 24;

mod rules;

pub use rules::{
    rule, Rule, ADJUST_REASONS, APPOINTMENT_STATUSES, COMPLAINT_KINDS, COMPLAINT_STATUSES,
    EXCHANGE_KINDS, FEEDBACK_SOURCES, GENDERS, MAX_COMMISSION_OVERRIDES, PRICED_KINDS, ROLES,
    SKIN_TYPES, STAFF_COLORS, TIERS,
};

/// Why a value is refused: the field's path and what it must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// `payload.notes`, `payload.lines[3].name`, `createdAt`.
    pub path: String,
    pub problem: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

fn err(path: impl Into<String>, problem: impl Into<String>) -> FieldError {
    FieldError {
        path: path.into(),
        problem: problem.into(),
    }
}

/// An operation's `createdAt`: not before MIN_YEAR, not after `now` plus
/// MAX_CREATED_AHEAD_HOURS (`now`: the receiver's clock; None: only the year
/// bounds, for checks that have no clock).
pub fn check_created_at(at: DateTime<Utc>, now: Option<DateTime<Utc>>) -> Result<(), FieldError> {
    if !(MIN_YEAR..MAX_YEAR).contains(&at.year()) {
        return Err(err(
            "createdAt",
            format!("must be between {MIN_YEAR} and {MAX_YEAR}"),
        ));
    }
    if let Some(now) = now {
        if at > now + chrono::Duration::hours(MAX_CREATED_AHEAD_HOURS) {
            return Err(err(
                "createdAt",
                "is in the future: the device's clock is wrong",
            ));
        }
    }
    Ok(())
}

/// Checks every field of an entity's payload object against its rule, and
/// every value in it against the rules for every value.
pub fn check_payload(
    entity: &str,
    payload: &serde_json::Map<String, Value>,
) -> Result<(), FieldError> {
    let mut size = 0usize;
    for (k, v) in payload {
        if let Some(r) = rule(entity, k) {
            check_rule(r, v, &format!("payload.{k}"))?;
        }
        walk(v, &mut size).map_err(|mut e| {
            e.path = format!("payload.{k}{}", e.path);
            e
        })?;
    }
    if size > MAX_PAYLOAD_BYTES {
        return Err(err(
            "payload",
            format!("at most {} kB per operation", MAX_PAYLOAD_BYTES / 1024),
        ));
    }
    Ok(())
}

/// Text with no control character, or only newline and tab if `multiline`.
pub fn check_text(s: &str, max_chars: usize, multiline: bool) -> Result<(), String> {
    if s.chars().count() > max_chars {
        return Err(format!("at most {max_chars} characters"));
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\t' || c == '\r');
    if s.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(if multiline {
            "cannot hold control characters (only newlines and tabs)".into()
        } else {
            "cannot hold control characters or line breaks".into()
        });
    }
    Ok(())
}

fn check_rule(rule: Rule, v: &Value, path: &str) -> Result<(), FieldError> {
    if v.is_null() {
        return Ok(());
    }
    let text = || v.as_str().ok_or_else(|| err(path, "must be text"));
    match rule {
        Rule::Line(max) => check_text(text()?, max, false).map_err(|p| err(path, p)),
        Rule::Note(max) => check_text(text()?, max, true).map_err(|p| err(path, p)),
        Rule::OneOf(words) => {
            let s = text()?;
            if words.contains(&s) {
                Ok(())
            } else {
                Err(err(path, format!("must be one of {}", words.join(", "))))
            }
        }
        Rule::Id => uuid::Uuid::parse_str(text()?)
            .map(|_| ())
            .map_err(|_| err(path, "must be an id")),
        Rule::Int(lo, hi) => match v.as_i64() {
            Some(n) if (lo..=hi).contains(&n) => Ok(()),
            // A fraction: the server's own check refuses it as `bad_payload`
            // (money is in fen), naming the field.
            None if v.is_number() => Ok(()),
            _ => Err(err(
                path,
                format!("must be a whole number from {lo} to {hi}"),
            )),
        },
        Rule::Bool => v
            .is_boolean()
            .then_some(())
            .ok_or_else(|| err(path, "must be true or false")),
        Rule::Date => {
            let d = NaiveDate::parse_from_str(text()?, "%Y-%m-%d")
                .map_err(|_| err(path, "must be a real date, YYYY-MM-DD"))?;
            if (1900..MAX_YEAR).contains(&d.year()) {
                Ok(())
            } else {
                Err(err(path, format!("must be between 1900 and {MAX_YEAR}")))
            }
        }
        Rule::Time => {
            let t = DateTime::parse_from_rfc3339(text()?)
                .map_err(|_| err(path, "must be an RFC 3339 time"))?;
            let t = t.with_timezone(&Utc);
            if (MIN_YEAR..MAX_YEAR).contains(&t.year()) {
                Ok(())
            } else {
                Err(err(
                    path,
                    format!("must be between {MIN_YEAR} and {MAX_YEAR}"),
                ))
            }
        }
        Rule::Lines { count, chars } => {
            let items = v.as_array().ok_or_else(|| err(path, "must be a list"))?;
            if items.len() > count {
                return Err(err(path, format!("at most {count} items")));
            }
            for (i, x) in items.iter().enumerate() {
                let s = x
                    .as_str()
                    .ok_or_else(|| err(format!("{path}[{i}]"), "must be text"))?;
                check_text(s, chars, false).map_err(|p| err(format!("{path}[{i}]"), p))?;
            }
            Ok(())
        }
        Rule::RatesById { count, lo, hi } => {
            let map = v
                .as_object()
                .ok_or_else(|| err(path, "must be an object"))?;
            if map.len() > count {
                return Err(err(path, format!("at most {count} entries")));
            }
            for (k, x) in map {
                let at = format!("{path}.{k}");
                if uuid::Uuid::parse_str(k).is_err() {
                    return Err(err(at, "a key must be an id"));
                }
                if !x.as_i64().is_some_and(|n| (lo..=hi).contains(&n)) {
                    return Err(err(at, format!("must be a whole number from {lo} to {hi}")));
                }
            }
            Ok(())
        }
        Rule::Any => Ok(()),
    }
}

/// The rules for every value, however deep: strings without NUL or control
/// characters (newline and tab allowed: nested rows and settings hold free
/// text), at most MAX_TEXT characters; integers within ±MAX_INT; arrays of at
/// most MAX_ARRAY_LEN. Adds the value's weight to `size`. The error's path is
/// relative to `v` and spelled out only on the way back (errors are rare,
/// and a sale holds hundreds of values).
fn walk(v: &Value, size: &mut usize) -> Result<(), FieldError> {
    match v {
        Value::String(s) => {
            *size += s.len() + 2;
            check_text(s, MAX_TEXT, true).map_err(|p| err("", p))
        }
        Value::Number(n) => {
            *size += 8;
            match n.as_i64() {
                Some(i) if !(-MAX_INT..=MAX_INT).contains(&i) => {
                    Err(err("", format!("must be within ±{MAX_INT}")))
                }
                // Not an integer: the server's own check names it (money is fen).
                _ => Ok(()),
            }
        }
        Value::Array(items) => {
            if items.len() > MAX_ARRAY_LEN {
                return Err(err("", format!("at most {MAX_ARRAY_LEN} items")));
            }
            for (i, x) in items.iter().enumerate() {
                walk(x, size).map_err(|mut e| {
                    e.path = format!("[{i}]{}", e.path);
                    e
                })?;
                if *size > MAX_PAYLOAD_BYTES {
                    break;
                }
            }
            Ok(())
        }
        Value::Object(o) => {
            for (k, x) in o {
                *size += k.len() + 3;
                if let Err(p) = check_text(k, 64, false) {
                    return Err(err("", format!("a key {p}")));
                }
                walk(x, size).map_err(|mut e| {
                    e.path = format!(".{k}{}", e.path);
                    e
                })?;
                if *size > MAX_PAYLOAD_BYTES {
                    break;
                }
            }
            Ok(())
        }
        _ => {
            *size += 5;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(entity: &str, payload: Value) -> Result<(), String> {
        check_payload(entity, payload.as_object().unwrap()).map_err(|e| e.to_string())
    }

    #[test]
    fn text_is_bounded_and_only_notes_hold_line_breaks() {
        assert!(check("member", json!({ "notes": "第一行\n第二行\tok" })).is_ok());
        let e = check("member", json!({ "name": "王\n芳" })).unwrap_err();
        assert!(e.starts_with("payload.name: "), "{e}");
        let e = check("member", json!({ "phone": "138\u{0}1" })).unwrap_err();
        assert!(e.starts_with("payload.phone: "), "{e}");
        let e = check("member", json!({ "notes": "x".repeat(2001) })).unwrap_err();
        assert_eq!(e, "payload.notes: at most 2000 characters");
        assert!(
            check("member", json!({ "notes": "字".repeat(2000) })).is_ok(),
            "characters, not bytes"
        );
        let e = check("sale", json!({ "lines": [{}, { "name": "a\u{0}" }] })).unwrap_err();
        assert!(
            e.starts_with("payload.lines[1].name: "),
            "a nested value is named by its path: {e}"
        );
    }

    #[test]
    fn enums_dates_times_and_numbers_are_in_range() {
        assert!(check("staff", json!({ "role": "manager", "active": true })).is_ok());
        assert!(check("staff", json!({ "role": "emperor" })).is_err());
        assert!(check(
            "member",
            json!({ "birthday": "1990-02-28", "gender": null })
        )
        .is_ok());
        assert!(check("member", json!({ "birthday": "1990-02-30" })).is_err());
        assert!(check("member", json!({ "birthday": "1890-01-01" })).is_err());
        assert!(check(
            "appointment",
            json!({ "start": "2026-11-23T10:00:00+08:00" })
        )
        .is_ok());
        assert!(check("appointment", json!({ "start": "1999-12-31T10:00:00Z" })).is_err());
        assert!(check("product", json!({ "price": MAX_MONEY })).is_ok());
        assert!(check("product", json!({ "price": -1 })).is_err());
        let e = check("sale", json!({ "lines": [{ "qty": MAX_INT + 1 }] })).unwrap_err();
        assert!(e.starts_with("payload.lines[0].qty"), "{e}");
        assert!(check(
            "sale",
            json!({ "lines": vec![json!({}); MAX_ARRAY_LEN + 1] })
        )
        .is_err());
    }

    #[test]
    fn a_staff_members_colour_and_commission_rates_are_bounded() {
        let service = "0190a1b2-0000-7000-8000-000000000001";
        assert!(check(
            "staff",
            json!({ "color": "teal", "commissionServiceBp": 3500, "commissionProductBp": null,
                    "commissionOverrides": { service: 5000 }, "pinMustChange": true })
        )
        .is_ok());
        assert!(check("staff", json!({ "color": "#ff0000" })).is_err());
        let e = check("staff", json!({ "commissionServiceBp": 10_001 })).unwrap_err();
        assert!(e.starts_with("payload.commissionServiceBp"), "{e}");
        let e = check("staff", json!({ "commissionOverrides": { service: -1 } })).unwrap_err();
        assert!(
            e.starts_with(&format!("payload.commissionOverrides.{service}")),
            "the bad rate is named: {e}"
        );
        assert!(check("staff", json!({ "commissionOverrides": { "facial": 100 } })).is_err());
        let many: serde_json::Map<String, Value> = (0..=MAX_COMMISSION_OVERRIDES)
            .map(|i| (format!("0190a1b2-0000-7000-8000-{i:012}"), json!(100)))
            .collect();
        assert!(check("staff", json!({ "commissionOverrides": many })).is_err());
    }

    #[test]
    fn a_payload_has_a_weight_limit_and_created_at_a_range() {
        let big: Vec<String> = (0..200).map(|_| "x".repeat(MAX_TEXT)).collect();
        let e = check("sale", json!({ "lines": big })).unwrap_err();
        assert!(e.starts_with("payload: at most"), "{e}");
        let now = Utc::now();
        assert!(check_created_at(now, Some(now)).is_ok());
        let year = |y| {
            NaiveDate::from_ymd_opt(y, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc()
        };
        assert!(check_created_at(year(-5000), None).is_err());
        assert!(check_created_at(year(1999), None).is_err());
        assert!(check_created_at(now + chrono::Duration::days(2), Some(now)).is_err());
        assert!(
            check_created_at(now + chrono::Duration::days(2), None).is_ok(),
            "without a clock only the years count"
        );
    }
}
