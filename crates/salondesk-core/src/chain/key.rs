//! Where the chain owner's key is kept on the head-office device: the OS
//! credential store (Secret Service, Credential Manager, Keychain: the
//! `keyring` crate, as the database key in `crypt::keystore`), one entry per
//! chain. Where there is none (a Linux desktop without Secret Service, a
//! locked keyring, `SALONDESK_KEYSTORE=none`), the key is held in memory for
//! this run of the app only and the console asks for it again at the next
//! start: it is never written to the database or a file, so a copy of the
//! till's files never carries a key that runs the whole chain.

use crate::crypt::keystore::KEYSTORE_ENV;
use std::collections::HashMap;
use std::sync::Mutex;
use uuid::Uuid;

const SERVICE: &str = "SalonDesk chain owner key";

/// Where a key was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPlace {
    /// The OS credential store: the console finds it at every start.
    CredentialStore,
    /// This run of the app only.
    Session,
}

impl KeyPlace {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyPlace::CredentialStore => "credential_store",
            KeyPlace::Session => "session",
        }
    }
}

/// The owner keys of this device's chain(s), by chain.
pub struct OwnerKeys {
    /// Whether to use the OS credential store at all.
    os: bool,
    session: Mutex<HashMap<Uuid, String>>,
}

impl OwnerKeys {
    /// The OS credential store unless `SALONDESK_KEYSTORE` says `none` or
    /// `file:` (benchmarks: their keys never go near the OS store).
    pub fn from_env() -> OwnerKeys {
        let os = !matches!(
            std::env::var(KEYSTORE_ENV).ok().as_deref().map(str::trim),
            Some(v) if v == "none" || v.starts_with("file:")
        );
        OwnerKeys::new(os)
    }

    /// `os`: false keeps keys for the session only (tests).
    pub fn new(os: bool) -> OwnerKeys {
        OwnerKeys {
            os,
            session: Mutex::new(HashMap::new()),
        }
    }

    fn session(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, String>> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The chain's key and where it is, if kept.
    pub fn get(&self, tenant: Uuid) -> Option<(String, KeyPlace)> {
        if let Some(k) = self.session().get(&tenant) {
            return Some((k.clone(), KeyPlace::Session));
        }
        if !self.os {
            return None;
        }
        let e = keyring::Entry::new(SERVICE, &tenant.to_string()).ok()?;
        e.get_password()
            .ok()
            .map(|k| (k, KeyPlace::CredentialStore))
    }

    /// Keeps the chain's key: in the OS credential store if it takes it (read
    /// back: some accept a write they do not keep), else for the session.
    pub fn put(&self, tenant: Uuid, key: &str) -> KeyPlace {
        self.session().remove(&tenant);
        if self.os {
            if let Ok(e) = keyring::Entry::new(SERVICE, &tenant.to_string()) {
                if e.set_password(key).is_ok() && e.get_password().ok().as_deref() == Some(key) {
                    return KeyPlace::CredentialStore;
                }
            }
        }
        self.session().insert(tenant, key.to_owned());
        KeyPlace::Session
    }

    /// Forgets the chain's key everywhere it was kept.
    pub fn forget(&self, tenant: Uuid) {
        self.session().remove(&tenant);
        if self.os {
            if let Ok(e) = keyring::Entry::new(SERVICE, &tenant.to_string()) {
                let _ = e.delete_credential();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_credential_store_a_key_lasts_the_session() {
        let keys = OwnerKeys::new(false);
        let chain = Uuid::now_v7();
        assert_eq!(keys.get(chain), None, "nothing kept yet");
        assert_eq!(keys.put(chain, "sdo_x"), KeyPlace::Session);
        assert_eq!(
            keys.get(chain),
            Some(("sdo_x".into(), KeyPlace::Session)),
            "held for this run of the app"
        );
        assert_eq!(keys.get(Uuid::now_v7()), None, "one key per chain");
        keys.forget(chain);
        assert_eq!(keys.get(chain), None, "forgotten");
    }
}
