//! Encrypting a plain database in place (issue 15): every row kept, no plain
//! copy left, and a crash between any two steps leaves the plain or the
//! encrypted database whole.

use crate::support::{boss, member};
use chrono::{TimeZone, Utc};
use rusqlite::Connection;
use salondesk_core::clock::FixedClock;
use salondesk_core::crypt::{self, KdfParams, KeyPlace, MemoryKeyStore, Phase, Step};
use salondesk_core::db::{apply_key, is_encrypted, DbKey, Vfs};
use salondesk_core::seed::SeedOptions;
use salondesk_core::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

const NAME: &str = "欧阳秀英";

/// A plain store with demo data and one known member, closed (made once).
fn plain_fixture() -> &'static Path {
    static FIXTURE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plain.sqlite3");
        let clock = Arc::new(FixedClock::at(
            Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap(),
        ));
        let mut store = Store::open_with(&path, clock, Vfs::Gathering).unwrap();
        let options = SeedOptions {
            members: 200,
            calendar: false,
            ..SeedOptions::default()
        };
        store.seed_demo(&options, &mut |_, _| {}).unwrap();
        store
            .register_member(&boss(), &member(NAME, "13912345678"))
            .unwrap();
        drop(store);
        (dir, path)
    });
    path
}

/// A fresh copy of the fixture in its own folder.
fn copy_of_fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("salondesk.sqlite3");
    std::fs::copy(plain_fixture(), &db).unwrap();
    (dir, db)
}

/// Every table's rows, as text, table by table (what must survive whole).
fn all_rows(db: &Path, key: Option<&DbKey>) -> Vec<(String, Vec<String>)> {
    let conn = Connection::open(db).unwrap();
    apply_key(&conn, key).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn encrypting_a_plain_database_keeps_every_row_and_leaves_no_plain_byte_behind() {
    let (dir, db) = copy_of_fixture();
    let before = all_rows(&db, None);
    assert!(
        before.iter().map(|(_, r)| r.len()).sum::<usize>() > 1000,
        "a store with data"
    );
    let keys = MemoryKeyStore::default();
    let seen = Mutex::new(Vec::new());
    let (key, place) = crypt::encrypt_with_passphrase(
        &db,
        "correct horse",
        &keys,
        KdfParams::FAST_FOR_TESTS,
        &|p| seen.lock().unwrap().push(p),
    )
    .unwrap();
    assert_eq!(place, KeyPlace::CredentialStore);
    assert!(is_encrypted(&db).unwrap());
    assert_eq!(
        all_rows(&db, Some(&key)),
        before,
        "every row of every table, unchanged"
    );
    let seen = seen.into_inner().unwrap();
    assert_eq!(
        seen.last().map(|p| (p.phase, p.done)),
        Some((Phase::Done, 1000)),
        "it ends at 100 %"
    );
    assert!(
        seen.windows(2)
            .all(|w| w[0].done <= w[1].done || w[1].phase == Phase::Copying),
        "the bar moves forward between phases"
    );
    assert_eq!(
        files_in(dir.path()),
        ["salondesk.sqlite3", "salondesk.sqlite3.key"],
        "the plain file's other names, its WAL and the copy are gone"
    );
    for name in files_in(dir.path()) {
        let bytes = std::fs::read(dir.path().join(&name)).unwrap();
        assert!(
            !bytes.windows(NAME.len()).any(|w| w == NAME.as_bytes()),
            "{name} shows no member name"
        );
    }
    let store = Store::open_keyed(
        &db,
        Arc::new(salondesk_core::clock::SystemClock),
        Vfs::Gathering,
        Some(key),
    )
    .unwrap();
    assert_eq!(
        store.search_members(NAME, 5).unwrap().len(),
        1,
        "the store opens and finds her"
    );
    let (again, _) = crypt::prepare(&db, &keys).unwrap();
    drop(store);
    assert!(
        crypt::unlock(&db, "correct horse", &keys).unwrap().0 == again,
        "the passphrase unwraps the same key"
    );
}

#[test]
fn a_migration_stopped_after_any_step_leaves_the_plain_or_the_encrypted_database_whole() {
    let before = all_rows(plain_fixture(), None);
    for step in [
        Step::Checkpointed,
        Step::Exported,
        Step::Verified,
        Step::Linked,
        Step::Swapped,
        Step::Erased,
    ] {
        let (dir, db) = copy_of_fixture();
        let key = DbKey::generate();
        crypt::encrypt_in_place(&db, &key, &|_| {}, Some(step)).unwrap();
        // The next start: recovery first, then whichever file is there opens whole.
        crypt::recover(&db).unwrap();
        let encrypted = is_encrypted(&db).unwrap();
        assert_eq!(
            encrypted,
            step >= Step::Swapped,
            "the database is encrypted exactly once the swap happened ({step:?})"
        );
        let rows = all_rows(&db, encrypted.then_some(&key));
        assert_eq!(rows, before, "every row is there after a stop at {step:?}");
        assert_eq!(
            files_in(dir.path()),
            ["salondesk.sqlite3"],
            "recovery leaves no copy nor second name of the plain file ({step:?})"
        );
        if !encrypted {
            // And the migration runs again from the start.
            crypt::encrypt_in_place(&db, &key, &|_| {}, None).unwrap();
            assert_eq!(
                all_rows(&db, Some(&key)),
                before,
                "after a second run ({step:?})"
            );
        }
    }
}

#[test]
fn only_the_owner_encrypts_a_database_from_before_and_a_cashiers_pin_changes_nothing() {
    use salondesk_core::staff::Role;
    use salondesk_core::CoreError;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("salondesk.sqlite3");
    let mut store = Store::open_with(
        &db,
        Arc::new(salondesk_core::clock::SystemClock),
        Vfs::Gathering,
    )
    .unwrap();
    store.create_owner("林美玲", "135790").unwrap();
    let cashier = store.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
    store
        .register_member(&boss(), &member(NAME, "13912345678"))
        .unwrap();
    drop(store);
    let before = all_rows(&db, None);
    let keys = MemoryKeyStore::default();

    let mut store = Store::open_with(
        &db,
        Arc::new(salondesk_core::clock::SystemClock),
        Vfs::Gathering,
    )
    .unwrap();
    let e = store.owner_by_pin("3333").unwrap_err();
    assert!(
        matches!(e, CoreError::WrongPin { .. }),
        "a cashier's PIN is not the owner's: {e:?}"
    );
    let as_cashier = store.login(cashier.id, "3333").unwrap();
    let e = store
        .encrypt_as_owner(
            &as_cashier,
            "correct horse",
            &keys,
            KdfParams::FAST_FOR_TESTS,
            &|_| {},
        )
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "only an owner: {e:?}");
    assert!(!is_encrypted(&db).unwrap(), "the file is still plain");
    assert!(
        !crypt::key_file_path(&db).exists(),
        "no key file was written, so no key was made"
    );
    let after: Vec<_> = all_rows(&db, None)
        .into_iter()
        .filter(|(t, _)| t != "pin_attempt_log" && t != "outbox" && t != "meta")
        .collect();
    let before_: Vec<_> = before
        .into_iter()
        .filter(|(t, _)| t != "pin_attempt_log" && t != "outbox" && t != "meta")
        .collect();
    assert_eq!(
        after, before_,
        "every row as it was (but the PIN attempts, recorded as at login)"
    );

    let mut store = Store::open_with(
        &db,
        Arc::new(salondesk_core::clock::SystemClock),
        Vfs::Gathering,
    )
    .unwrap();
    let owner = store.owner_by_pin("135790").unwrap();
    let (key, place, _) = store
        .encrypt_as_owner(
            &owner,
            "correct horse",
            &keys,
            KdfParams::FAST_FOR_TESTS,
            &|_| {},
        )
        .unwrap();
    assert_eq!(place, KeyPlace::CredentialStore);
    assert!(is_encrypted(&db).unwrap(), "the owner's PIN encrypts it");
    let store = Store::open_keyed(
        &db,
        Arc::new(salondesk_core::clock::SystemClock),
        Vfs::Gathering,
        Some(key),
    )
    .unwrap();
    assert_eq!(
        store.search_members(NAME, 5).unwrap().len(),
        1,
        "and it opens with its key, every member there"
    );
}
