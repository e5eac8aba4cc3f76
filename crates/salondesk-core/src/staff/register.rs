//! Adding staff: the owner on first run, then everyone else.

use super::{Role, Staff};
use crate::ids::StaffId;
use crate::store::Store;
use crate::types::{PersonName, Pin};
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;
use serde_json::json;

impl Store {
    /// The first run creates the owner; after that this is refused.
    pub fn create_owner(&mut self, name: &str, pin: &str) -> Result<Staff> {
        if self.has_owner()? {
            return Err(CoreError::Forbidden(
                "this store already has an owner".into(),
            ));
        }
        self.add_staff(name, Role::Owner, pin)
    }

    /// Adds a staff member with a PIN (only its argon2 hash is kept).
    pub fn add_staff(&mut self, name: &str, role: Role, pin: &str) -> Result<Staff> {
        let name = PersonName::parse(name)?;
        let pin_hash = hash_pin(&Pin::parse(pin)?)?;
        self.write(|w| insert_staff(w, name.as_str(), role, &pin_hash))
    }
}

pub(crate) fn insert_staff(
    w: &mut Writer<'_>,
    name: &str,
    role: Role,
    pin_hash: &str,
) -> Result<Staff> {
    let id = StaffId::new(w.now());
    let now = crate::time::iso(w.now());
    w.prepare_cached(
        "INSERT INTO staff (id, name, role, pin_hash, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(rusqlite::params![id, name, role.as_str(), pin_hash, now])?;
    // The PIN hash travels so the staff member can log in at every store of the chain.
    w.emit(
        "staff",
        &id,
        OpKind::Upsert,
        &json!({ "name": name, "role": role, "pinHash": pin_hash, "active": true }),
    )?;
    Ok(Staff {
        id,
        name: name.to_owned(),
        role,
    })
}

pub(crate) fn hash_pin(pin: &Pin) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.expose(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::Internal(format!("hashing a PIN failed: {e}")))
}
