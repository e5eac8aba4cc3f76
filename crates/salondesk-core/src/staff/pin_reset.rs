//! A manager or the owner resets a staff member's forgotten PIN: the core
//! makes a one-time temporary PIN, shown once to whoever reset it and kept
//! nowhere but as its hash, and marks it to be changed. At her next login the
//! temporary PIN lets her in only to set her own (`PinChangeRequired` with
//! `reset`, then `change_pin`), so the person who saw it cannot keep using it.
//! A reset also ends a lock-out: she came to the manager because she forgot.

use super::manage::audit;
use super::register::hash_pin;
use super::rules::{may_manage, not_herself};
use super::Staff;
use crate::ids::StaffId;
use crate::store::Store;
use crate::types::Pin;
use crate::write::OpKind;
use crate::Result;
use rand::Rng;
use rusqlite::params;
use serde_json::json;

/// Digits of a temporary PIN: enough for any role, owners included.
const TEMPORARY_DIGITS: usize = crate::types::MIN_MANAGER_PIN_DIGITS;

impl Store {
    /// `by` resets `id`'s PIN; returns the temporary PIN to show once.
    /// Audited (`staff_pin_reset`); the server lists it for the chain's owner.
    pub fn reset_staff_pin(&mut self, by: &Staff, id: StaffId) -> Result<String> {
        let actor = self.staff_actor(by)?;
        let target = self.staff_target(id)?;
        may_manage(&actor, &target)?;
        not_herself(&actor, id, "reset the PIN of")?;
        let temporary = temporary_pin();
        let hash = hash_pin(&Pin::parse(&temporary)?)?;
        self.write(|w| {
            let now = crate::time::iso(w.now());
            w.prepare_cached(
                "UPDATE staff SET pin_hash = ?2, pin_must_change = 1, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![id, hash, now])?;
            w.emit(
                "staff",
                &id,
                OpKind::Upsert,
                &json!({ "pinHash": hash, "pinMustChange": true }),
            )?;
            // A good attempt ends the lock-out at every till of the store,
            // as her own right PIN would have.
            let attempt = crate::ids::new_v7(w.now()).to_string();
            let device = w.device().id.to_string();
            w.prepare_cached(
                "INSERT INTO pin_attempt_log (id, staff_id, ok, at, device_id) VALUES (?1, ?2, 1, ?3, ?4)",
            )?
            .execute(params![attempt, id, now, device])?;
            w.emit(
                "pin_attempt",
                &attempt,
                OpKind::Append,
                &json!({ "staffId": id, "ok": true, "at": now }),
            )?;
            audit(w, &actor, "staff_pin_reset", id, &json!({}))
        })?;
        Ok(temporary)
    }
}

/// Random digits from the OS's generator.
fn temporary_pin() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..TEMPORARY_DIGITS)
        .map(|_| char::from(b'0' + rng.gen_range(0..10u8)))
        .collect()
}
