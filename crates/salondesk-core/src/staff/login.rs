//! PIN login with lock-out: 5 wrong PINs lock that staff member out for 5
//! minutes on this device.

use super::Staff;
use crate::ids::StaffId;
use crate::store::Store;
use crate::types::Pin;
use crate::{CoreError, Result};
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::Argon2;
use chrono::Duration;
use rusqlite::{params, OptionalExtension};

pub const MAX_FAILURES: u32 = 5;
pub const LOCKOUT_MINUTES: i64 = 5;

impl Store {
    pub fn login(&mut self, staff_id: StaffId, pin: &str) -> Result<Staff> {
        let staff = self.staff(staff_id)?;
        let now = self.now();
        let (failures, locked_until) = self.pin_attempts(staff_id)?;
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
        // A lock that has run out starts a fresh count.
        let failures = if locked_until.is_some() { 0 } else { failures };
        if ok {
            self.write(|w| {
                w.execute("DELETE FROM pin_attempts WHERE staff_id = ?1", [staff_id])?;
                Ok(())
            })?;
            return Ok(staff);
        }
        let failures = failures + 1;
        let lock = (failures >= MAX_FAILURES).then(|| now + Duration::minutes(LOCKOUT_MINUTES));
        self.write(|w| {
            w.execute(
                "INSERT INTO pin_attempts (staff_id, failures, locked_until) VALUES (?1, ?2, ?3)
                 ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures,
                                                      locked_until = excluded.locked_until",
                params![staff_id, failures, lock.map(crate::time::iso)],
            )?;
            Ok(())
        })?;
        match lock {
            Some(_) => Err(CoreError::LockedOut {
                minutes_left: LOCKOUT_MINUTES,
            }),
            None => Err(CoreError::WrongPin {
                attempts_left: MAX_FAILURES - failures,
            }),
        }
    }

    fn pin_attempts(
        &self,
        staff_id: StaffId,
    ) -> Result<(u32, Option<chrono::DateTime<chrono::Utc>>)> {
        let row: Option<(u32, Option<String>)> = self
            .conn
            .query_row(
                "SELECT failures, locked_until FROM pin_attempts WHERE staff_id = ?1",
                [staff_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match row {
            Some((f, until)) => (f, until.as_deref().and_then(crate::time::parse_iso)),
            None => (0, None),
        })
    }
}

fn verify(pin: &Pin, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|h| Argon2::default().verify_password(pin.expose(), &h).is_ok())
}
