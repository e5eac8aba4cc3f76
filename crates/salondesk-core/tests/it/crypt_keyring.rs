//! The database key in a real Secret Service (GNOME Keyring), through the
//! `keyring` crate exactly as the app keeps it (`OsKeyStore`). Needs a
//! session bus with a Secret Service on it: `scripts/secret-service-test.sh`
//! starts one (`dbus-run-session` + `gnome-keyring-daemon`) and sets
//! `SALONDESK_TEST_SECRET_SERVICE=1`; anywhere else the test says why it
//! did not run and passes. On Windows the same round trip runs against the
//! Credential Manager (Wine's, in CI: `scripts/windows.sh core-test`).

use salondesk_core::crypt::{KeyStore, OsKeyStore};
use salondesk_core::db::DbKey;

#[test]
fn the_os_credential_store_keeps_reads_back_and_deletes_a_database_key() {
    if std::env::var("SALONDESK_TEST_SECRET_SERVICE").as_deref() != Ok("1") {
        eprintln!(
            "skipped: no Secret Service started for this run (scripts/secret-service-test.sh starts one)"
        );
        return;
    }
    if cfg!(not(target_os = "linux")) {
        eprintln!("skipped: the Secret Service is Linux's credential store");
        return;
    }
    keeps_reads_back_and_deletes("secret_service");
}

#[cfg(windows)]
#[test]
fn the_windows_credential_manager_keeps_reads_back_and_deletes_a_database_key() {
    keeps_reads_back_and_deletes("credential_manager");
}

fn keeps_reads_back_and_deletes(name: &str) {
    let keys = OsKeyStore;
    assert_eq!(keys.name(), name, "what Settings names on this platform");
    let entry = format!("test-{}", uuid::Uuid::now_v7());
    assert_eq!(keys.get(&entry), None, "a fresh entry holds nothing");
    let key = DbKey::generate();
    assert!(
        keys.put(&entry, &key),
        "the credential store took the key and gave it back (put reads it back)"
    );
    assert_eq!(
        keys.get(&entry).as_ref(),
        Some(&key),
        "a second read, as the next start does, finds the same key"
    );
    let other = DbKey::generate();
    assert!(keys.put(&entry, &other), "a new key replaces the old one");
    assert_eq!(keys.get(&entry).as_ref(), Some(&other));
    assert!(keys.delete(&entry), "deleted");
    assert_eq!(
        keys.get(&entry),
        None,
        "gone: the next start would ask the passphrase"
    );
    assert!(!keys.delete(&entry), "nothing left to delete");
}
