//! Restoring on a new PC (issue 15): a fresh install restores an encrypted
//! store's backup with the key file found beside it and the owner's
//! passphrase; the next start opens it without asking; only a fresh install
//! is replaced this way.

use crate::backup::every_row;
use crate::support::{boss, member};
use salondesk_core::backup::make_backup;
use salondesk_core::clock::{Clock, SystemClock};
use salondesk_core::crypt::{self, KdfParams, KeyPlace, MemoryKeyStore, NoKeyStore};
use salondesk_core::db::{DbKey, Vfs};
use salondesk_core::{CoreError, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const PASSPHRASE: &str = "桃花源 2026 spring";

fn clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}

/// A new encrypted store at `db`, as the app makes one (its key in `keys`,
/// wrapped by the owner's passphrase when she gives one).
fn encrypted_store(db: &Path, keys: &MemoryKeyStore, passphrase: Option<&str>) -> (Store, DbKey) {
    let (key, _) = crypt::create_key(db, keys).unwrap();
    if let Some(p) = passphrase {
        crypt::set_passphrase(db, &key, p, KdfParams::FAST_FOR_TESTS).unwrap();
    }
    let store = Store::open_keyed(db, clock(), Vfs::Gathering, Some(key.clone())).unwrap();
    (store, key)
}

/// The old PC: an encrypted store with an owner and two members, backed up
/// to `folder` (its key file copied beside the backup).
fn old_pc_backup(folder: &Path) -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let keys = MemoryKeyStore::default();
    let (mut store, _) = encrypted_store(
        &dir.path().join("salondesk.sqlite3"),
        &keys,
        Some(PASSPHRASE),
    );
    store.create_owner("林美玲", "135790").unwrap();
    for (name, phone) in [("王丽娜", "13812345678"), ("欧阳秀英", "13912345678")] {
        store
            .register_member(&boss(), &member(name, phone))
            .unwrap();
    }
    let file = make_backup(&store.backup_source(), folder, store.now(), &mut |_| {}).unwrap();
    (dir, file.path, store)
}

#[test]
fn a_fresh_install_restores_an_encrypted_backup_with_its_key_file_and_the_owners_passphrase() {
    let folder = tempfile::tempdir().unwrap();
    let (_old, file, old) = old_pc_backup(folder.path());
    assert!(
        std::fs::read_dir(folder.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".key")),
        "the backup folder holds the store's key file"
    );

    // The new PC: the app made a fresh database (its own key), no owner yet.
    let new_dir = tempfile::tempdir().unwrap();
    let db = new_dir.path().join("salondesk.sqlite3");
    let keys = MemoryKeyStore::default();
    let (fresh, _) = encrypted_store(&db, &keys, None);
    assert!(fresh.is_fresh().unwrap(), "no staff: the first-run screen");

    let e = fresh
        .new_pc_restore_preview(&file, "not the passphrase")
        .unwrap_err();
    assert!(
        matches!(e, CoreError::WrongPassphrase),
        "refused on the passphrase: {e:?}"
    );
    let p = fresh.new_pc_restore_preview(&file, PASSPHRASE).unwrap();
    assert_eq!(
        (p.members, p.sales),
        (2, 0),
        "what the backup holds, before anything is replaced"
    );
    assert!(
        p.integrity_ok && p.taken_at.is_some(),
        "checked, and when it was taken"
    );

    let (outcome, key, _lock) = fresh
        .restore_on_new_pc(&file, PASSPHRASE, &keys, clock())
        .unwrap();
    assert!(
        outcome.replaced_aside.is_some(),
        "the fresh database is kept aside, not deleted"
    );
    let key = key.expect("an encrypted backup's key");
    let restored = Store::open_keyed(&db, clock(), Vfs::Gathering, Some(key)).unwrap();
    assert_eq!(
        every_row(restored.conn())["members"],
        every_row(old.conn())["members"],
        "her members, row for row"
    );
    assert_eq!(
        restored.login_staff().unwrap().len(),
        1,
        "the owner logs in with her PIN from before"
    );
    drop(restored);

    let (_, place) = crypt::prepare(&db, &keys).unwrap();
    assert_eq!(
        place,
        KeyPlace::CredentialStore,
        "the next start finds the key in this PC's credential store: nothing asked"
    );
    let e = crypt::prepare(&db, &NoKeyStore).unwrap_err();
    assert_eq!(
        e.code(),
        "database_locked",
        "without one, the passphrase opens it ({e:?})"
    );
    crypt::unlock(&db, PASSPHRASE, &NoKeyStore).expect("the backup's key file is beside it now");
}

#[test]
fn a_backup_without_its_key_file_or_a_till_with_staff_is_refused_and_nothing_changes() {
    let folder = tempfile::tempdir().unwrap();
    let (_old, file, old) = old_pc_backup(folder.path());
    let alone = tempfile::tempdir().unwrap();
    let copied = alone.path().join(file.file_name().unwrap());
    std::fs::copy(&file, &copied).unwrap();

    let new_dir = tempfile::tempdir().unwrap();
    let db = new_dir.path().join("salondesk.sqlite3");
    let keys = MemoryKeyStore::default();
    let (fresh, key) = encrypted_store(&db, &keys, None);
    let e = fresh
        .new_pc_restore_preview(&copied, PASSPHRASE)
        .unwrap_err();
    assert!(
        matches!(
            e,
            CoreError::RestoreRefused {
                reason: "no_key_file",
                ..
            }
        ),
        "an encrypted backup copied without its key file: {e:?}"
    );
    let e = fresh
        .restore_on_new_pc(&copied, PASSPHRASE, &keys, clock())
        .unwrap_err();
    assert!(matches!(
        e,
        CoreError::RestoreRefused {
            reason: "no_key_file",
            ..
        }
    ));
    let still = Store::open_keyed(&db, clock(), Vfs::Gathering, Some(key)).unwrap();
    assert!(still.is_fresh().unwrap(), "the fresh database is as it was");

    let e = old.new_pc_restore_preview(&file, PASSPHRASE).unwrap_err();
    assert!(
        matches!(
            e,
            CoreError::RestoreRefused {
                reason: "not_fresh",
                ..
            }
        ),
        "a till with staff restores from the back office, as its owner: {e:?}"
    );
}
