//! At start: which key opens the store's file, or why none does yet.

use super::keystore::KeyStore;
use super::migrate::{encrypt_in_place, recover, Progress};
use super::sidecar::{check_passphrase, KdfParams, KeyFile};
use crate::db::{is_encrypted, DbKey};
use crate::{CoreError, Result};
use std::path::Path;

/// Where the open store's key is kept (the Settings screen says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPlace {
    /// In the OS credential store (and, once set, under the passphrase).
    CredentialStore,
    /// Only under the owner's passphrase (no credential store here): every
    /// start asks it.
    Passphrase,
    /// A new database whose key no credential store took and no passphrase
    /// wraps yet: the owner's first-run setup sets one.
    NotYetSaved,
}

impl KeyPlace {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyPlace::CredentialStore => "credential_store",
            KeyPlace::Passphrase => "passphrase",
            KeyPlace::NotYetSaved => "not_yet_saved",
        }
    }
}

fn locked(reason: &'static str) -> CoreError {
    CoreError::DatabaseLocked { reason }
}

/// The key the database at `db` opens with, after finishing or undoing an
/// interrupted encryption (`migrate::recover`). A new database gets a new
/// key (`create_key`). Refused with `database_locked`: `needs_encryption` (a
/// plain file: `encrypt_with_passphrase`), `needs_passphrase` (the
/// credential store does not have the key: `unlock`), `key_lost` (no key
/// file: nothing says where its key is).
pub fn prepare(db: &Path, keys: &dyn KeyStore) -> Result<(DbKey, KeyPlace)> {
    recover(db)?;
    let exists = std::fs::metadata(db).map(|m| m.len() > 0).unwrap_or(false);
    if !exists {
        return create_key(db, keys);
    }
    if !is_encrypted(db)? {
        return Err(locked("needs_encryption"));
    }
    let file = KeyFile::read(db)?.ok_or(locked("key_lost"))?;
    if let Some(key) = keys.get(&file.entry).filter(|k| file.matches(k)) {
        return Ok((key, KeyPlace::CredentialStore));
    }
    if file.passphrase.is_some() {
        return Err(locked("needs_passphrase"));
    }
    // A new store closed before its owner's first-run setup set the
    // passphrase, where no credential store took the key: nothing can open
    // it, and nothing was entered in it but the setup. It is set aside (kept,
    // never deleted) and the store starts afresh.
    set_aside(db)?;
    create_key(db, keys)
}

/// Renames the database (and its WAL files) to `<db>.unopenable-<seconds>`.
fn set_aside(db: &Path) -> Result<()> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    for suffix in ["-wal", "-shm", ""] {
        let from = super::beside(db, suffix);
        if from.exists() {
            let to = super::beside(db, &format!(".unopenable-{stamp}{suffix}"));
            std::fs::rename(&from, &to).map_err(|e| super::io_err("cannot rename", &from, e))?;
        }
    }
    super::sync_dir(db.parent().unwrap_or(Path::new(".")));
    Ok(())
}

/// A new key for a database not yet made, kept in the credential store if
/// there is one, and its key file written (before the database exists, so
/// no encrypted file is ever without one).
pub fn create_key(db: &Path, keys: &dyn KeyStore) -> Result<(DbKey, KeyPlace)> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| super::io_err("cannot create", dir, e))?;
    }
    let key = DbKey::generate();
    let file = KeyFile::new(&key);
    let stored = keys.put(&file.entry, &key);
    file.write(db)?;
    Ok((
        key,
        if stored {
            KeyPlace::CredentialStore
        } else {
            KeyPlace::NotYetSaved
        },
    ))
}

/// The key unwrapped with the owner's passphrase (`wrong_passphrase` if not
/// hers), put back into the credential store where there is one.
pub fn unlock(db: &Path, passphrase: &str, keys: &dyn KeyStore) -> Result<(DbKey, KeyPlace)> {
    recover(db)?;
    let file = KeyFile::read(db)?.ok_or(locked("key_lost"))?;
    let key = file.unwrap_key(passphrase)?;
    let place = if keys.put(&file.entry, &key) {
        KeyPlace::CredentialStore
    } else {
        KeyPlace::Passphrase
    };
    Ok((key, place))
}

/// Wraps the database's `key` with the owner's (new) passphrase in its key file.
pub fn set_passphrase(db: &Path, key: &DbKey, passphrase: &str, params: KdfParams) -> Result<()> {
    check_passphrase(passphrase)?;
    let mut file = match KeyFile::read(db)? {
        Some(f) if f.matches(key) => f,
        Some(_) => {
            return Err(CoreError::Internal(
                "the key file is not this database's".into(),
            ))
        }
        None => KeyFile::new(key),
    };
    file.wrap(key, passphrase, params)?;
    file.write(db)
}

/// Encrypts the plain database at `db` in place (`migrate::encrypt_in_place`)
/// under a new key, kept in the credential store and wrapped by
/// `passphrase` before the first encrypted byte is written.
pub fn encrypt_with_passphrase(
    db: &Path,
    passphrase: &str,
    keys: &dyn KeyStore,
    params: KdfParams,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<(DbKey, KeyPlace)> {
    check_passphrase(passphrase)?;
    recover(db)?;
    if is_encrypted(db)? {
        return Err(CoreError::Conflict(
            "the database is already encrypted".into(),
        ));
    }
    let key = DbKey::generate();
    let mut file = KeyFile::new(&key);
    file.wrap(&key, passphrase, params)?;
    let stored = keys.put(&file.entry, &key);
    file.write(db)?;
    encrypt_in_place(db, &key, progress, None)?;
    Ok((
        key,
        if stored {
            KeyPlace::CredentialStore
        } else {
            KeyPlace::Passphrase
        },
    ))
}

impl crate::Store {
    /// The owner, once `pin` is proven hers (with the lock-out, as at login):
    /// what the encryption of a database from before asks for, the till's
    /// login not being reachable until the store is open. With several
    /// owners, the first whose PIN it is.
    pub fn owner_by_pin(&mut self, pin: &str) -> Result<crate::staff::Staff> {
        let owners: Vec<_> = self
            .login_staff()?
            .into_iter()
            .filter(|s| s.role == crate::staff::Role::Owner)
            .collect();
        let mut last = CoreError::NotFound { entity: "owner" };
        for owner in owners {
            match self.check_pin(owner.id, pin) {
                Ok(staff) => return Ok(staff),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// Encrypts this plain store's file in place (`encrypt_with_passphrase`),
    /// for its owner alone: `forbidden` for anyone else, before anything is
    /// written (no key kept, no key file, the file as it was). The store is
    /// closed first (the copy must see every committed page, and nothing may
    /// write to the plain file after it); the caller opens the encrypted file
    /// with the key returned, and gets the database's lock back if it held it.
    pub fn encrypt_as_owner(
        mut self,
        actor: &crate::staff::Staff,
        passphrase: &str,
        keys: &dyn KeyStore,
        params: KdfParams,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<(DbKey, KeyPlace, Option<std::fs::File>)> {
        if actor.role != crate::staff::Role::Owner {
            return Err(CoreError::Forbidden(
                "only an owner encrypts the database".into(),
            ));
        }
        if self.db_key().is_some() {
            return Err(CoreError::Conflict(
                "the database is already encrypted".into(),
            ));
        }
        check_passphrase(passphrase)?;
        let path = self.path().to_path_buf();
        let lock = self.take_instance_lock();
        drop(self);
        let (key, place) = encrypt_with_passphrase(&path, passphrase, keys, params, progress)?;
        Ok((key, place, lock))
    }

    /// Sets (or changes) the owner's passphrase that wraps this store's key.
    /// The recovery of the store's data is the owner's alone (`forbidden` for
    /// anyone else); a plain store has no key to wrap (`conflict`).
    pub fn set_db_passphrase(
        &self,
        actor: &crate::staff::Staff,
        passphrase: &str,
        params: KdfParams,
    ) -> Result<()> {
        if actor.role != crate::staff::Role::Owner {
            return Err(crate::CoreError::Forbidden(
                "only an owner sets the database passphrase".into(),
            ));
        }
        let key = self
            .db_key()
            .ok_or_else(|| crate::CoreError::Conflict("the database is not encrypted".into()))?;
        set_passphrase(self.path(), key, passphrase, params)
    }
}
