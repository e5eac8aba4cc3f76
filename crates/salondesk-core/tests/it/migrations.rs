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

/// Version 9 → 10 rebuilds the ledgers keyed by what they are read by and
/// keeps a sale's spend on it: balances, the order tenders were given in, a
/// line's commission and the spend a tier is judged by all come through.
#[test]
fn ledgers_rebuilt_by_their_keys_keep_every_row_and_the_tender_order() {
    use salondesk_core::ids::MemberId;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.sqlite3");
    let member = MemberId::new(chrono::Utc::now());
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        salondesk_core::db::migrate_to(&mut conn, 9).unwrap();
        // Tender ids sort the other way round from the order they were given.
        conn.execute_batch(&format!(
            "INSERT INTO staff (id, name, role, pin_hash, created_at, updated_at)
                 VALUES ('s1', '林', 'owner', 'x', '2026-01-01', '2026-01-01');
             INSERT INTO members (id, member_no, name, phone, registered_at, updated_at)
                 VALUES ('{member}', 'M1', '王', '+8613812345678', '2026-01-01', '2026-01-01');
             INSERT INTO shifts (id, device_id, opened_by, opened_at, float)
                 VALUES ('sh1', 'd1', 's1', '2026-01-01', 50000);
             INSERT INTO sales (id, receipt_no, kind, member_id, cashier_id, shift_id, subtotal,
                                discount_total, total, business_date, created_at)
                 VALUES ('x1', 'R1', 'sale', '{member}', 's1', 'sh1', 130000, 0, 130000,
                         '2026-01-01', '2026-01-01T10:00:00Z');
             INSERT INTO sale_lines (id, sale_id, line_no, kind, item_id, name, qty, unit_price, amount)
                 VALUES ('l1', 'x1', 1, 'service', 'v1', '护理', 1, 30000, 30000),
                        ('l2', 'x1', 2, 'top_up', 'p1', '充1000', 1, 100000, 100000);
             INSERT INTO sale_tenders (id, sale_id, kind, amount, reference)
                 VALUES ('t9', 'x1', 'wechat_pay', 100000, 'wx1'),
                        ('t1', 'x1', 'cash', 30000, NULL);
             INSERT INTO commission_ledger VALUES ('c1', 's1', 'x1', 'l1', 3000, '2026-01-01T10:00:00Z');
             INSERT INTO cash_drawer (id, shift_id, sale_id, kind, amount, created_at)
                 VALUES ('d1', 'sh1', NULL, 'float', 50000, '2026-01-01T09:00:00Z'),
                        ('d2', 'sh1', 'x1', 'sale', 30000, '2026-01-01T10:00:00Z');
             INSERT INTO points_ledger VALUES ('pt1', '{member}', 'x1', 300, 'earn', '2027-12-31', '2026-01-01T10:00:00Z');
             INSERT INTO stored_value_ledger VALUES
                 ('sv1', '{member}', 'x1', 100000, 'top_up', '2026-01-01T10:00:00Z'),
                 ('sv2', '{member}', 'x1', 20000, 'bonus', '2026-01-01T10:00:00Z');"
        ))
        .unwrap();
    }
    let store = Store::open(&path, Arc::new(SystemClock)).unwrap();
    let c = store.conn();
    let b = salondesk_core::ledger::balances(c, member).unwrap();
    assert_eq!((b.points, b.stored_value.fen()), (300, 120_000));
    let sale = store.sale("x1").unwrap();
    let kinds: Vec<&str> = sale.tenders.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["wechat_pay", "cash"],
        "the order they were given in"
    );
    assert_eq!(sale.points_earned, 300);
    let one = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        one("SELECT spend FROM sales WHERE id = 'x1'"),
        30_000,
        "top-ups are not spend"
    );
    assert_eq!(
        one("SELECT sum(amount) FROM commission_ledger WHERE sale_line_id = 'l1'"),
        3000
    );
    assert_eq!(
        one("SELECT sum(amount) FROM cash_drawer WHERE shift_id = 'sh1'"),
        80_000
    );
    for table in [
        "points_ledger",
        "stored_value_ledger",
        "cash_drawer",
        "sale_tenders",
    ] {
        let sql: String = c
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert!(sql.contains("WITHOUT ROWID"), "{table}: {sql}");
    }
}

/// A trigger fires once per row written (an import writes a hundred
/// thousand), and SQLite builds a temporary lookup table for an `IN` list of
/// three or more values each time the trigger runs: 0035's stored-value
/// trigger did, and it was a fifth of the member import's time. Lists of two
/// are compiled as comparisons.
#[test]
fn no_trigger_tests_a_list_of_three_or_more_values_with_in() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.sqlite3"), Arc::new(SystemClock)).unwrap();
    let mut stmt = store
        .conn()
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        .unwrap();
    let triggers: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(triggers.len() > 10, "the schema's triggers must be read");
    for (name, sql) in triggers {
        let upper = sql.to_uppercase();
        for (at, _) in upper.match_indices(" IN (") {
            let list = &upper[at + 5..];
            let list = &list[..list.find(')').unwrap_or(list.len())];
            assert!(
                list.starts_with("SELECT") || list.matches(',').count() < 2,
                "trigger {name} tests `IN ({list})`: spell it as comparisons"
            );
        }
    }
}
