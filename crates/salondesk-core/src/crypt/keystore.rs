//! Where the database key is kept without asking anyone: the OS credential
//! store (the `keyring` crate: Secret Service on Linux, Credential Manager on
//! Windows, Keychain on macOS). A store that is missing or refuses is not an
//! error here: the key then lives in the passphrase-wrapped key file only.

use crate::db::DbKey;
use std::collections::HashMap;
use std::sync::Mutex;

/// Set to `none` to leave the OS credential store alone (the passphrase
/// fallback; the end-to-end tests run so, the same on every machine), or to
/// `file:<folder>` for benchmarks only: keys kept as plain files there, so a
/// benchmark measures the credential-store start (no passphrase asked) on a
/// machine without one. A key in a plain file opens the database for anyone
/// who can read it: never on a till.
pub const KEYSTORE_ENV: &str = "SALONDESK_KEYSTORE";

pub trait KeyStore: Send + Sync {
    /// What the Settings screen calls it (`secret_service`, `credential_manager`,
    /// `keychain`, `none`, `memory`).
    fn name(&self) -> &'static str;
    /// The key kept under `entry`, `None` if none (or the store is unavailable).
    fn get(&self, entry: &str) -> Option<DbKey>;
    /// Keeps `key` under `entry`; `false` if the store could not (none there, locked…).
    fn put(&self, entry: &str, key: &DbKey) -> bool;
}

/// The OS credential store.
pub struct OsKeyStore;

const SERVICE: &str = "SalonDesk database key";

impl OsKeyStore {
    /// The OS credential store, or none when `SALONDESK_KEYSTORE=none`.
    pub fn from_env() -> Box<dyn KeyStore> {
        match std::env::var(KEYSTORE_ENV).ok().as_deref().map(str::trim) {
            Some("none") => Box::new(NoKeyStore),
            Some(v) if v.starts_with("file:") => Box::new(FileKeyStore {
                dir: std::path::PathBuf::from(&v["file:".len()..]),
            }),
            _ => Box::new(OsKeyStore),
        }
    }
}

impl KeyStore for OsKeyStore {
    fn name(&self) -> &'static str {
        if cfg!(windows) {
            "credential_manager"
        } else if cfg!(target_os = "macos") {
            "keychain"
        } else {
            "secret_service"
        }
    }

    fn get(&self, entry: &str) -> Option<DbKey> {
        let e = keyring::Entry::new(SERVICE, entry).ok()?;
        DbKey::from_hex(&e.get_password().ok()?)
    }

    fn put(&self, entry: &str, key: &DbKey) -> bool {
        let Ok(e) = keyring::Entry::new(SERVICE, entry) else {
            return false;
        };
        // Read back: some stores accept a write they do not keep.
        e.set_password(&key.to_hex()).is_ok() && self.get(entry).as_ref() == Some(key)
    }
}

impl OsKeyStore {
    /// Removes the key kept under `entry` (`false` if there was none or the
    /// store refused). The app never does: a key is kept as long as its
    /// database may be opened; the Secret Service test cleans up with it.
    pub fn delete(&self, entry: &str) -> bool {
        keyring::Entry::new(SERVICE, entry).is_ok_and(|e| e.delete_credential().is_ok())
    }
}

/// Keys as plain files in a folder (`SALONDESK_KEYSTORE=file:<folder>`):
/// benchmarks only (see `KEYSTORE_ENV`).
pub struct FileKeyStore {
    dir: std::path::PathBuf,
}

impl FileKeyStore {
    fn path(&self, entry: &str) -> std::path::PathBuf {
        let name: String = entry
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.dir.join(format!("{name}.key-hex"))
    }
}

impl KeyStore for FileKeyStore {
    fn name(&self) -> &'static str {
        "file"
    }
    fn get(&self, entry: &str) -> Option<DbKey> {
        DbKey::from_hex(std::fs::read_to_string(self.path(entry)).ok()?.trim())
    }
    fn put(&self, entry: &str, key: &DbKey) -> bool {
        std::fs::create_dir_all(&self.dir).is_ok()
            && std::fs::write(self.path(entry), key.to_hex()).is_ok()
    }
}

/// No credential store: every start asks the owner's passphrase.
pub struct NoKeyStore;

impl KeyStore for NoKeyStore {
    fn name(&self) -> &'static str {
        "none"
    }
    fn get(&self, _: &str) -> Option<DbKey> {
        None
    }
    fn put(&self, _: &str, _: &DbKey) -> bool {
        false
    }
}

/// A credential store in memory (tests; `forget` plays the store losing a key).
#[derive(Default)]
pub struct MemoryKeyStore(Mutex<HashMap<String, DbKey>>);

impl MemoryKeyStore {
    /// What it holds under `entry` (tests look without going through the trait).
    pub fn get_for_test(&self, entry: &str) -> Option<DbKey> {
        self.0.lock().unwrap().get(entry).cloned()
    }

    pub fn forget(&self, entry: &str) {
        self.0.lock().unwrap().remove(entry);
    }
}

impl KeyStore for MemoryKeyStore {
    fn name(&self) -> &'static str {
        "memory"
    }
    fn get(&self, entry: &str) -> Option<DbKey> {
        self.0.lock().unwrap().get(entry).cloned()
    }
    fn put(&self, entry: &str, key: &DbKey) -> bool {
        self.0.lock().unwrap().insert(entry.into(), key.clone());
        true
    }
}
