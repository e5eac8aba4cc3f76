//! What a care task sends or gives: her message, into the same outbox as
//! appointment reminders (sent by the pluggable sender, or by hand; held in
//! quiet hours), and the birthday benefit.
//!
//! Consent: a marketing message (every kind but `package_expiry` and
//! `points_expiry`, see `CareKind::is_service_message`) goes only to a
//! member who gave marketing consent; the refusal names the field `consent`.

use super::settings::{self, BirthdayBenefit};
use super::CareKind;
use crate::appointments::MessageLang;
use crate::checkout::CheckoutSettings;
use crate::ids::MemberId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::time::iso;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use blake2::{Blake2s256, Digest};
use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

fn checkout_settings(conn: &Connection) -> Result<CheckoutSettings> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT value FROM store_settings WHERE key = 'checkout'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(match raw {
        Some(s) => serde_json::from_str(&s)?,
        None => CheckoutSettings::default(),
    })
}

fn content_id(text: &str) -> uuid::Uuid {
    let digest = Blake2s256::digest(text);
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// Gives the birthday benefit with her new birthday task; returns what was
/// given, for the task's detail. Points: one ledger row whose id follows from
/// her and the birthday, so two tills (or two stores) give them once. A
/// coupon that cannot be issued leaves the task without it (noted), never
/// without the task.
pub(super) fn give_birthday_benefit(
    w: &mut Writer<'_>,
    member: &str,
    day: NaiveDate,
    celebrated: &str,
    benefit: &BirthdayBenefit,
) -> Result<Value> {
    match benefit {
        BirthdayBenefit::None => Ok(Value::Null),
        BirthdayBenefit::Points { points } => {
            let points = i64::from(*points);
            let cfg = checkout_settings(w)?;
            let expires = crate::checkout::points::expiry_date(&cfg, day);
            let id = content_id(&format!("care-birthday-points/{member}/{celebrated}")).to_string();
            let added = w
                .prepare_cached(
                    "INSERT OR IGNORE INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at)
                     VALUES (?1, ?2, NULL, ?3, 'birthday', ?4, ?5)",
                )?
                .execute(params![id, member, points, expires.to_string(), iso(w.now())])?;
            if added == 1 {
                w.emit(
                    "points_ledger",
                    &id,
                    OpKind::Append,
                    &json!({ "memberId": member, "delta": points, "reason": "birthday",
                             "expiresOn": expires }),
                )?;
            }
            Ok(json!({ "points": points }))
        }
        BirthdayBenefit::Coupon { code } => {
            let Ok(member_id) = member.parse::<MemberId>() else {
                return Ok(json!({ "coupon": code, "issued": false }));
            };
            let on = NaiveDate::parse_from_str(celebrated, "%Y-%m-%d").unwrap_or(day);
            let source = format!("birthday:{}", &celebrated[..4.min(celebrated.len())]);
            // A savepoint: a coupon that fails half-way leaves nothing behind.
            w.execute_batch("SAVEPOINT birthday_coupon")?;
            let issued = crate::campaigns::issue_member_coupon(
                w,
                member_id,
                code,
                day,
                on + Duration::days(7),
                &source,
            );
            match issued {
                Ok(coupon) => {
                    w.execute_batch("RELEASE birthday_coupon")?;
                    Ok(json!({ "coupon": code, "couponId": coupon, "issued": true }))
                }
                Err(_) => {
                    w.execute_batch("ROLLBACK TO birthday_coupon; RELEASE birthday_coupon")?;
                    Ok(json!({ "coupon": code, "issued": false }))
                }
            }
        }
    }
}

/// `{name}`-style placeholders filled from the task's detail.
pub(crate) fn render(template: &str, name: &str, store: &str, detail: &Value) -> String {
    let text = |k: &str| match detail.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let date = ["visitOn", "expiresOn", "birthdayOn", "lastVisitOn"]
        .iter()
        .map(|k| text(k))
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    template
        .replace("{name}", name)
        .replace("{store}", store)
        .replace("{service}", &text("service"))
        .replace("{date}", &date)
        .replace("{points}", &text("points"))
        .replace("{package}", &text("package"))
        .replace("{sessions}", &text("sessions"))
}

impl Store {
    /// Puts the task's message for her into the outbox (one per task: asking
    /// again changes nothing). Refused with field `consent` for a marketing
    /// message to a member without marketing consent, `phone` without a number.
    pub fn queue_care_message(
        &mut self,
        actor: &Staff,
        task: &str,
        lang: MessageLang,
    ) -> Result<String> {
        actor.require(Permission::WorkCareTasks)?;
        let t = self.care_task(task)?;
        let member = self.member(t.member_id)?;
        if !t.kind.is_service_message() && !crate::privacy::may_send_marketing(&member) {
            return Err(CoreError::validation(
                "consent",
                "she has not agreed to marketing messages: call her instead",
            ));
        }
        let phone = member.phone.e164().to_owned();
        if phone.len() < 5 {
            return Err(CoreError::validation("phone", "she has no phone number"));
        }
        let care = settings::load(&self.conn)?;
        let store = checkout_settings(&self.conn)?.store_name;
        let k = care
            .kinds
            .iter()
            .find(|k| k.kind == t.kind)
            .ok_or(CoreError::NotFound {
                entity: "care setting",
            })?;
        let template = if lang == MessageLang::En {
            &k.template_en
        } else {
            &k.template_zh
        };
        let body = render(template, &member.name, &store, &t.detail);
        let id = format!("care-{}", t.id);
        self.write(|w| {
            let at = iso(w.now());
            let added = w
                .prepare_cached(
                    "INSERT OR IGNORE INTO messages (id, kind, care_task_id, recipient_name, phone, lang,
                         body, status, next_attempt_at, created_at)
                     VALUES (?1, 'care', ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?7)",
                )?
                .execute(params![id, t.id, member.name, phone, lang.as_str(), body, at])?;
            if added == 1 {
                w.emit(
                    "message",
                    &id,
                    OpKind::Upsert,
                    &json!({ "kind": "care", "careTaskId": t.id, "lang": lang, "body": body,
                             "status": "pending" }),
                )?;
            }
            Ok(())
        })?;
        Ok(id)
    }
}

/// Whether the care kind `kind` may message a member with `consent`.
pub fn may_message(kind: CareKind, consent: bool) -> bool {
    kind.is_service_message() || consent
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_template_is_filled_from_the_tasks_detail() {
        let detail = serde_json::json!({ "service": "深层补水", "visitOn": "2026-12-01" });
        assert_eq!(
            super::render(
                "{name}您好，感谢您{date}体验{service}",
                "王丽",
                "店",
                &detail
            ),
            "王丽您好，感谢您2026-12-01体验深层补水"
        );
    }
}
