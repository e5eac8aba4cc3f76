//! Adding staff: the owner on first run, then everyone else; changing a
//! role (audited); the PIN's hash.

use super::{Role, Staff};
use crate::ids::StaffId;
use crate::store::Store;
use crate::types::{PersonName, Pin};
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde_json::json;

/// argon2id with 64 MiB and 3 passes (about three times the crate's default
/// work, and a GPU's memory per guess): a hash copied off a till costs a
/// quarter of a second or so per guess to attack. Verifying reads the
/// parameters from the hash itself, so hashes made before still verify.
const PIN_MEMORY_KIB: u32 = 64 * 1024;
const PIN_PASSES: u32 = 3;

pub(crate) fn hasher() -> Argon2<'static> {
    let params = Params::new(PIN_MEMORY_KIB, PIN_PASSES, 1, None).expect("valid argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

impl Store {
    /// The first run creates the owner; after that this is refused. She owns
    /// this till's store (the server makes her no more than that).
    pub fn create_owner(&mut self, name: &str, pin: &str) -> Result<Staff> {
        if self.has_owner()? {
            return Err(CoreError::Forbidden(
                "this store already has an owner".into(),
            ));
        }
        self.add_staff(name, Role::Owner, pin)
    }

    /// Adds a staff member with a PIN (only its argon2 hash is kept); an
    /// owner's or a manager's PIN has at least 6 digits (`pin_too_short`).
    pub fn add_staff(&mut self, name: &str, role: Role, pin: &str) -> Result<Staff> {
        let name = PersonName::parse(name)?;
        let pin_hash = hash_pin(&Pin::parse_for(role, pin)?)?;
        self.write(|w| insert_staff(w, name.as_str(), role, &pin_hash))
    }

    /// `by` adds a staff member: an owner adds anyone, a manager cashiers and
    /// beauticians. Audited (`staff_added`).
    pub fn add_staff_by(&mut self, by: &Staff, name: &str, role: Role, pin: &str) -> Result<Staff> {
        may_give(by, role)?;
        let name = PersonName::parse(name)?;
        let pin_hash = hash_pin(&Pin::parse_for(role, pin)?)?;
        self.write(|w| {
            let s = insert_staff(w, name.as_str(), role, &pin_hash)?;
            let detail = json!({ "to": role });
            crate::checkout::audit::record(
                w,
                by.id,
                None,
                "staff_added",
                Some(&s.id.to_string()),
                &detail,
            )?;
            Ok(s)
        })
    }

    /// `by` gives `staff` another role: only an owner, never her own, and
    /// only roles she may give. Audited (`staff_role`, from and to); the
    /// server keeps the change for the chain's owner too.
    pub fn set_staff_role(&mut self, by: &Staff, staff: StaffId, role: Role) -> Result<Staff> {
        if by.role != Role::Owner || by.id == staff {
            return Err(CoreError::Forbidden(
                "only an owner changes roles, and never her own".into(),
            ));
        }
        let current = self.staff(staff)?;
        self.write(|w| {
            w.prepare_cached("UPDATE staff SET role = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(rusqlite::params![
                    staff,
                    role.as_str(),
                    crate::time::iso(w.now())
                ])?;
            w.emit("staff", &staff, OpKind::Upsert, &json!({ "role": role }))?;
            let detail = json!({ "from": current.role, "to": role });
            crate::checkout::audit::record(
                w,
                by.id,
                None,
                "staff_role",
                Some(&staff.to_string()),
                &detail,
            )?;
            Ok(Staff { role, ..current })
        })
    }
}

fn may_give(by: &Staff, role: Role) -> Result<()> {
    by.require(super::Permission::ManageStaff)?;
    let ok = match by.role {
        Role::Owner => true,
        Role::Manager => matches!(role, Role::Cashier | Role::Beautician),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(CoreError::Forbidden(format!(
            "a {} may not add a {}",
            by.role.as_str(),
            role.as_str()
        )))
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
    // The PIN hash travels to the tills of her store (the server hands it to
    // no others), so she can log in at any till of it.
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
    hasher()
        .hash_password(pin.expose(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| CoreError::Internal(format!("hashing a PIN failed: {e}")))
}
