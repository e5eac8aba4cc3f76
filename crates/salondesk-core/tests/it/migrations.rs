use salondesk_core::clock::SystemClock;
use salondesk_core::db::SCHEMA_VERSION;
use salondesk_core::{CoreError, Store};
use std::sync::Arc;

#[test]
fn an_empty_file_is_migrated_to_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    let store = Store::open(&path, Arc::new(SystemClock)).expect("a new file opens");
    let version: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version, SCHEMA_VERSION,
        "the schema version must be stamped"
    );
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "the database must run in WAL mode");
    let sync: i64 = store
        .conn()
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        sync, 2,
        "synchronous must be FULL (2) so a completed sale survives a power cut"
    );
    let fk: i64 = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1, "foreign keys must be enforced");
    drop(store);
    // Reopening runs no migration twice and keeps the device identity.
    let again = Store::open(&path, Arc::new(SystemClock)).expect("reopen");
    assert_eq!(again.device().code, "001");
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE from_the_future (x); PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path, Arc::new(SystemClock)) {
        Err(CoreError::DatabaseNewer { found, supported }) => {
            assert_eq!(found, 999);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        Err(other) => panic!("expected DatabaseNewer, got {other:?}"),
        Ok(_) => panic!("a newer database must be refused"),
    }
    let after = std::fs::read(&path).unwrap();
    assert!(
        before == after,
        "the refused file must not be modified in any way"
    );
    assert!(
        !dir.path().join("future.sqlite3-wal").exists(),
        "refusing must not even switch the file to WAL"
    );
}
