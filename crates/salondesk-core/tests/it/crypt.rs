//! Encryption at rest (issue 15): the store's file is SQLCipher, opened only
//! with its key; the key is kept in the credential store and under the
//! owner's passphrase.

use crate::support::{boss, member};
use chrono::{TimeZone, Utc};
use salondesk_core::clock::FixedClock;
use salondesk_core::crypt::{self, KdfParams, KeyFile, KeyPlace, MemoryKeyStore, NoKeyStore};
use salondesk_core::db::{DbKey, Vfs};
use salondesk_core::{CoreError, Store};
use std::path::Path;
use std::sync::Arc;

const NAME: &str = "欧阳秀英";
const PHONE: &str = "13912345678";

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::at(
        Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap(),
    ))
}

fn open(path: &Path, key: Option<DbKey>) -> salondesk_core::Result<Store> {
    Store::open_keyed(path, clock(), Vfs::Gathering, key)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What is in the database file and its WAL, as they are on disk now.
fn bytes_on_disk(path: &Path) -> Vec<u8> {
    let mut all = std::fs::read(path).unwrap();
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    all.extend(std::fs::read(wal).unwrap_or_default());
    all
}

#[test]
fn an_encrypted_store_shows_no_member_name_or_phone_in_its_file_nor_its_wal() {
    let dir = tempfile::tempdir().unwrap();
    for encrypted in [false, true] {
        let path = dir.path().join(format!("s-{encrypted}.sqlite3"));
        let key = encrypted.then(DbKey::generate);
        let mut store = open(&path, key).unwrap();
        store
            .register_member(&boss(), &member(NAME, PHONE))
            .unwrap();
        // The store is still open: the member is in the WAL, not yet checkpointed.
        let bytes = bytes_on_disk(&path);
        assert_eq!(
            contains(&bytes, NAME.as_bytes()) || contains(&bytes, PHONE.as_bytes()),
            !encrypted,
            "a plain file shows her name or phone (so the search would find them), \
             an encrypted one shows neither (encrypted: {encrypted})"
        );
        drop(store);
        let bytes = bytes_on_disk(&path);
        assert_eq!(
            contains(&bytes, NAME.as_bytes()),
            !encrypted,
            "after the checkpoint on close too (encrypted: {encrypted})"
        );
    }
}

#[test]
fn an_encrypted_store_is_refused_without_its_key_or_with_another_and_opens_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite3");
    let key = DbKey::generate();
    let mut store = open(&path, Some(key.clone())).unwrap();
    store
        .register_member(&boss(), &member(NAME, PHONE))
        .unwrap();
    drop(store);

    let none = open(&path, None).err().expect("no key");
    assert!(
        matches!(none, CoreError::WrongKey { encrypted: false }),
        "without a key: wrong_key, not SQLite's 'file is not a database' ({none:?})"
    );
    assert_eq!(none.code(), "wrong_key");
    let other = open(&path, Some(DbKey::generate()))
        .err()
        .expect("another key");
    assert!(
        matches!(other, CoreError::WrongKey { encrypted: true }),
        "{other:?}"
    );
    let bytes_before = std::fs::read(&path).unwrap();
    let store = open(&path, Some(key)).unwrap();
    let found = store.search_members("5678", 10).unwrap().len();
    assert_eq!(found, 1, "her key opens the store and finds her");
    drop(store);
    assert_ne!(
        bytes_before.len(),
        0,
        "the refusals wrote nothing that broke the file"
    );
}

#[test]
fn the_key_file_unwraps_with_the_owners_passphrase_and_refuses_a_wrong_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let key = DbKey::generate();
    crypt::set_passphrase(&db, &key, "玫瑰花开2026", KdfParams::FAST_FOR_TESTS).unwrap();
    let file = KeyFile::read(&db)
        .unwrap()
        .expect("written beside the database");
    assert!(file.matches(&key), "its check value is the key's");
    assert_eq!(
        file.unwrap_key("玫瑰花开2026").unwrap(),
        key,
        "her passphrase unwraps it"
    );
    let wrong = file.unwrap_key("玫瑰花开2025").unwrap_err();
    assert!(matches!(wrong, CoreError::WrongPassphrase), "{wrong:?}");
    assert_eq!(
        wrong.field(),
        Some("passphrase"),
        "the error is shown on the field"
    );
    let text = std::fs::read_to_string(crypt::key_file_path(&db)).unwrap();
    assert!(
        !text.contains(&key.to_hex()),
        "the file never holds the key itself"
    );
    let short = crypt::set_passphrase(&db, &key, "1234567", KdfParams::FAST_FOR_TESTS);
    assert!(
        matches!(
            short,
            Err(CoreError::Validation {
                field: "passphrase",
                ..
            })
        ),
        "fewer than 8 characters is refused on the field: {short:?}"
    );
}

#[test]
fn a_new_database_keeps_its_key_in_the_credential_store_and_reopens_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let keys = MemoryKeyStore::default();
    let (key, place) = crypt::prepare(&db, &keys).unwrap();
    assert_eq!(place, KeyPlace::CredentialStore);
    drop(open(&db, Some(key.clone())).unwrap());
    assert!(
        salondesk_core::db::is_encrypted(&db).unwrap(),
        "made encrypted"
    );
    let (again, place) = crypt::prepare(&db, &keys).unwrap();
    assert_eq!(
        (again, place),
        (key, KeyPlace::CredentialStore),
        "the same key, asked of no one"
    );
}

#[test]
fn when_the_credential_store_loses_the_key_the_passphrase_opens_the_store_and_puts_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let keys = MemoryKeyStore::default();
    let (key, _) = crypt::prepare(&db, &keys).unwrap();
    let mut store = open(&db, Some(key.clone())).unwrap();
    store
        .register_member(&boss(), &member(NAME, PHONE))
        .unwrap();
    drop(store);
    crypt::set_passphrase(&db, &key, "correct horse", KdfParams::FAST_FOR_TESTS).unwrap();
    let entry = KeyFile::read(&db).unwrap().unwrap().entry;
    keys.forget(&entry);

    let asked = crypt::prepare(&db, &keys).unwrap_err();
    assert!(
        matches!(
            asked,
            CoreError::DatabaseLocked {
                reason: "needs_passphrase"
            }
        ),
        "the app asks the passphrase: {asked:?}"
    );
    let wrong = crypt::unlock(&db, "wrong horse", &keys).unwrap_err();
    assert!(matches!(wrong, CoreError::WrongPassphrase), "{wrong:?}");
    let (unlocked, place) = crypt::unlock(&db, "correct horse", &keys).unwrap();
    assert_eq!(unlocked, key);
    assert_eq!(
        place,
        KeyPlace::CredentialStore,
        "the key is back in the credential store"
    );
    assert_eq!(keys.get_for_test(&entry), Some(key.clone()));
    assert_eq!(
        crypt::prepare(&db, &keys).unwrap().0,
        key,
        "the next start asks nothing"
    );
}

#[test]
fn without_a_credential_store_the_passphrase_is_the_key_and_every_start_asks_it_once_set() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let (key, place) = crypt::prepare(&db, &NoKeyStore).unwrap();
    assert_eq!(
        place,
        KeyPlace::NotYetSaved,
        "the first-run setup must set a passphrase"
    );
    drop(open(&db, Some(key.clone())).unwrap());
    // Closed before the owner set the passphrase: nothing can open it; it is set aside, kept.
    let (fresh, _) = crypt::prepare(&db, &NoKeyStore).unwrap();
    assert_ne!(fresh, key, "a new store, with a new key");
    assert!(!db.exists(), "the unopenable file moved away");
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().contains(".unopenable-")
        })
        .count();
    assert!(kept >= 1, "the old file is kept beside it, never deleted");
    let key = fresh;
    drop(open(&db, Some(key.clone())).unwrap());
    crypt::set_passphrase(&db, &key, "correct horse", KdfParams::FAST_FOR_TESTS).unwrap();
    let asked = crypt::prepare(&db, &NoKeyStore).unwrap_err();
    assert!(matches!(
        asked,
        CoreError::DatabaseLocked {
            reason: "needs_passphrase"
        }
    ));
    let (unlocked, place) = crypt::unlock(&db, "correct horse", &NoKeyStore).unwrap();
    assert_eq!((unlocked, place), (key, KeyPlace::Passphrase));
}

#[test]
fn a_plain_database_from_before_encryption_is_asked_to_be_encrypted_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    drop(open(&db, None).unwrap());
    let asked = crypt::prepare(&db, &MemoryKeyStore::default()).unwrap_err();
    assert!(
        matches!(
            asked,
            CoreError::DatabaseLocked {
                reason: "needs_encryption"
            }
        ),
        "{asked:?}"
    );
}

#[test]
fn an_encrypted_stores_backup_is_encrypted_and_opens_on_another_pc_with_the_key_file_beside_it_and_the_passphrase(
) {
    // A dead disk: all that is left is the backup folder. Its key file and the
    // owner's passphrase open the backup; nothing else does.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite3");
    let key = DbKey::generate();
    crypt::set_passphrase(&path, &key, "玫瑰花开2026", KdfParams::FAST_FOR_TESTS).unwrap();
    let mut store = open(&path, Some(key.clone())).unwrap();
    store
        .register_member(&boss(), &member(NAME, PHONE))
        .unwrap();
    let folder = dir.path().join("usb");
    std::fs::create_dir_all(&folder).unwrap();
    let made = salondesk_core::backup::make_backup(
        &store.backup_source(),
        &folder,
        store.now(),
        &mut |_| {},
    )
    .unwrap();
    drop(store);
    let bytes = std::fs::read(&made.path).unwrap();
    assert!(
        !contains(&bytes, NAME.as_bytes()),
        "the backup is encrypted too"
    );
    assert!(
        matches!(open(&made.path, None), Err(CoreError::WrongKey { .. })),
        "and needs the key"
    );
    let key_files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "key"))
        .collect();
    assert_eq!(
        key_files.len(),
        1,
        "the store's key file is in the folder: {key_files:?}"
    );
    // On the new PC the backup becomes the database and its key file goes beside it.
    let new_pc = dir.path().join("new-pc.sqlite3");
    std::fs::copy(&made.path, &new_pc).unwrap();
    std::fs::copy(&key_files[0], crypt::key_file_path(&new_pc)).unwrap();
    let unwrapped = KeyFile::read(&new_pc)
        .unwrap()
        .expect("the key file beside it")
        .unwrap_key("玫瑰花开2026")
        .unwrap();
    let restored = open(&new_pc, Some(unwrapped)).unwrap();
    assert_eq!(
        restored.search_members(NAME, 5).unwrap().len(),
        1,
        "the passphrase opens the backup, with her in it"
    );
}

#[test]
fn only_the_owner_sets_the_database_passphrase_and_a_plain_store_has_none_to_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite3");
    let key = DbKey::generate();
    crypt::set_passphrase(&path, &key, "玫瑰花开2026", KdfParams::FAST_FOR_TESTS).unwrap();
    let store = open(&path, Some(key)).unwrap();
    let manager = salondesk_core::staff::Staff {
        role: salondesk_core::staff::Role::Manager,
        ..boss()
    };
    let refused = store.set_db_passphrase(&manager, "新的密码2027", KdfParams::FAST_FOR_TESTS);
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "a manager may not: {refused:?}"
    );
    let file = KeyFile::read(&path).unwrap().unwrap();
    assert!(
        file.unwrap_key("玫瑰花开2026").is_ok(),
        "the refused change left the old passphrase in place"
    );
    store
        .set_db_passphrase(&boss(), "新的密码2027", KdfParams::FAST_FOR_TESTS)
        .unwrap();
    let file = KeyFile::read(&path).unwrap().unwrap();
    assert!(
        file.unwrap_key("新的密码2027").is_ok(),
        "the owner's new passphrase opens the key"
    );
    drop(store);
    let plain = open(&dir.path().join("plain.sqlite3"), None).unwrap();
    assert!(
        matches!(
            plain.set_db_passphrase(&boss(), "新的密码2027", KdfParams::FAST_FOR_TESTS),
            Err(CoreError::Conflict(_))
        ),
        "a plain store has no key to wrap"
    );
}
