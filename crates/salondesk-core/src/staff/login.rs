//! PIN login with lock-out: 5 wrong PINs lock that staff member out for 5
//! minutes at every till of the store. Each attempt is a store-scope record
//! (`pin_attempt`) that syncs to the store's other tills, so a lock-out
//! holds across them (as soon as they have synced), not per till.

use super::register::{hash_pin, hasher};
use super::Staff;
use crate::ids::StaffId;
use crate::store::Store;
use crate::types::{Pin, MIN_MANAGER_PIN_DIGITS};
use crate::write::OpKind;
use crate::{CoreError, Result};
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use serde_json::json;

pub const MAX_FAILURES: u32 = 5;
pub const LOCKOUT_MINUTES: i64 = 5;

/// Her standing as the failures since her last good PIN (oldest first, from
/// every till of the store) show it at `now`: failures counted, and the end
/// of a lock that has not run out. A lock that has run out starts a fresh
/// count; a failure during a lock (made on a till that had not heard of it)
/// extends it.
pub fn lock_state(failures: &[DateTime<Utc>], now: DateTime<Utc>) -> (u32, Option<DateTime<Utc>>) {
    let mut count = 0;
    let mut until: Option<DateTime<Utc>> = None;
    for &at in failures {
        if until.is_some_and(|u| at >= u) {
            count = 0;
            until = None;
        }
        count += 1;
        if count >= MAX_FAILURES {
            until = Some(at + Duration::minutes(LOCKOUT_MINUTES));
        }
    }
    match until {
        Some(u) if u <= now => (0, None),
        _ => (count, until),
    }
}

impl Store {
    /// Logs `staff_id` in. An owner or manager whose PIN is right but shorter
    /// than her role now needs gets `pin_change_required` (and `change_pin`).
    /// So does anyone whose PIN a manager reset (`reset`): the temporary PIN
    /// lets her in only to set her own.
    pub fn login(&mut self, staff_id: StaffId, pin: &str) -> Result<Staff> {
        let staff = self.check_pin(staff_id, pin)?;
        if self.pin_must_change(staff_id)? {
            return Err(CoreError::PinChangeRequired {
                min_digits: min_digits_for(staff.role),
                reset: true,
            });
        }
        if !Pin::parse(pin).is_ok_and(|p| p.long_enough_for(staff.role)) {
            return Err(CoreError::PinChangeRequired {
                min_digits: MIN_MANAGER_PIN_DIGITS,
                reset: false,
            });
        }
        Ok(staff)
    }

    fn pin_must_change(&self, staff_id: StaffId) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT pin_must_change FROM staff WHERE id = ?1",
            [staff_id],
            |r| r.get(0),
        )?)
    }

    /// Sets a new PIN once the old one is proven (with the lock-out), and
    /// logs her in; the new one must suit her role (`pin_too_short`).
    /// After a reset the new PIN must differ from the temporary one (the
    /// manager who reset it saw that one).
    pub fn change_pin(&mut self, staff_id: StaffId, old_pin: &str, new_pin: &str) -> Result<Staff> {
        let staff = self.staff(staff_id)?;
        let new_pin = Pin::parse_for(staff.role, new_pin)?;
        let was_reset = self.pin_must_change(staff_id)?;
        if was_reset && old_pin == new_pin.as_str() {
            return Err(CoreError::validation(
                "pin",
                "choose a PIN of your own, not the temporary one",
            ));
        }
        let staff = self.check_pin(staff_id, old_pin)?;
        let hash = hash_pin(&new_pin)?;
        self.write(|w| {
            w.prepare_cached(
                "UPDATE staff SET pin_hash = ?2, pin_must_change = 0, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![staff_id, hash, crate::time::iso(w.now())])?;
            let payload = if was_reset {
                json!({ "pinHash": hash, "pinMustChange": false })
            } else {
                json!({ "pinHash": hash })
            };
            w.emit("staff", &staff_id, OpKind::Upsert, &payload)?;
            Ok(())
        })?;
        Ok(staff)
    }

    /// Checks her PIN against the lock-out and records the attempt.
    pub(crate) fn check_pin(&mut self, staff_id: StaffId, pin: &str) -> Result<Staff> {
        let staff = self.staff(staff_id)?;
        let now = self.now();
        let (failures, locked_until) = lock_state(&self.failures_since_success(staff_id)?, now);
        if let Some(until) = locked_until.filter(|u| *u > now) {
            let minutes_left = ((until - now).num_seconds() + 59) / 60;
            return Err(CoreError::LockedOut { minutes_left });
        }
        let hash: String = self.conn.query_row(
            "SELECT pin_hash FROM staff WHERE id = ?1",
            [staff_id],
            |r| r.get(0),
        )?;
        let ok = Pin::parse(pin).is_ok_and(|p| verify(&p, &hash));
        self.write(|w| {
            let id = crate::ids::new_v7(w.now()).to_string();
            let at = crate::time::iso(w.now());
            let device = w.device().id.to_string();
            w.prepare_cached(
                "INSERT INTO pin_attempt_log (id, staff_id, ok, at, device_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, staff_id, ok, at, device])?;
            w.emit(
                "pin_attempt",
                &id,
                OpKind::Append,
                &json!({ "staffId": staff_id, "ok": ok, "at": at }),
            )?;
            Ok(())
        })?;
        if ok {
            return Ok(staff);
        }
        let failures = failures + 1;
        if failures >= MAX_FAILURES {
            Err(CoreError::LockedOut {
                minutes_left: LOCKOUT_MINUTES,
            })
        } else {
            Err(CoreError::WrongPin {
                attempts_left: MAX_FAILURES - failures,
            })
        }
    }

    /// Her failed attempts after her latest good one, at any till of the store.
    fn failures_since_success(&self, staff_id: StaffId) -> Result<Vec<DateTime<Utc>>> {
        // Attempts in one millisecond keep the order they were written in.
        let mut stmt = self.conn.prepare_cached(
            "WITH good AS (SELECT at, rowid AS n FROM pin_attempt_log
                           WHERE staff_id = ?1 AND ok = 1 ORDER BY at DESC, rowid DESC LIMIT 1)
             SELECT f.at FROM pin_attempt_log f
             WHERE f.staff_id = ?1 AND f.ok = 0
               AND NOT EXISTS (SELECT 1 FROM good
                               WHERE f.at < good.at OR (f.at = good.at AND f.rowid < good.n))
             ORDER BY f.at, f.rowid",
        )?;
        let rows = stmt.query_map([staff_id], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for at in rows {
            if let Some(t) = crate::time::parse_iso(&at?) {
                out.push(t);
            }
        }
        Ok(out)
    }
}

/// The fewest digits a PIN of `role` has.
pub(crate) fn min_digits_for(role: super::Role) -> usize {
    if matches!(role, super::Role::Owner | super::Role::Manager) {
        MIN_MANAGER_PIN_DIGITS
    } else {
        crate::types::MIN_PIN_DIGITS
    }
}

fn verify(pin: &Pin, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| hasher().verify_password(pin.expose(), &h).is_ok())
}
