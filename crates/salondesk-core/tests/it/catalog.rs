use crate::support::boss;
use crate::support::store;
use salondesk_core::catalog::{ProductInput, ServiceInput};
use salondesk_core::Money;

#[test]
fn products_are_found_by_barcode_and_name_with_stock_from_moves() {
    let mut t = store();
    let serum = t
        .store
        .add_product(&ProductInput {
            sku: "SK-001".into(),
            barcode: Some("6901234500017".into()),
            name: "玻尿酸保湿精华 30ml".into(),
            price: Money::yuan(368),
            cost: Money::yuan(150),
            opening_stock: 40,
            ..ProductInput::default()
        })
        .unwrap();
    assert_eq!(
        serum.stock, 40,
        "stock on hand is the sum of the opening move"
    );
    let found = t
        .store
        .product_by_barcode("6901234500017")
        .unwrap()
        .expect("by barcode");
    assert_eq!(found.id, serum.id);
    assert!(t.store.product_by_barcode("0000000000").unwrap().is_none());
    assert_eq!(t.store.find_products("保湿", 10).unwrap().len(), 1);
    let dup = t.store.add_product(&ProductInput {
        sku: "SK-001".into(),
        barcode: None,
        ..found_input()
    });
    assert_eq!(dup.expect_err("same SKU").field(), Some("sku"));
}

fn found_input() -> ProductInput {
    ProductInput {
        sku: "X".into(),
        barcode: None,
        name: "x".into(),
        price: Money::yuan(1),
        cost: Money::ZERO,
        opening_stock: 0,
        ..ProductInput::default()
    }
}

#[test]
fn services_have_a_duration_and_are_found_by_name_or_category() {
    let mut t = store();
    t.store
        .add_service(&ServiceInput {
            category: "面部护理".into(),
            name: "深层清洁".into(),
            duration_min: 75,
            price: Money::yuan(268),
            ..ServiceInput::default()
        })
        .unwrap();
    assert_eq!(t.store.find_services("面部", 10).unwrap().len(), 1);
    assert_eq!(
        t.store.find_services("清洁", 10).unwrap()[0].price,
        Money(26800)
    );
    let bad = t.store.add_service(&ServiceInput {
        category: "x".into(),
        name: "y".into(),
        duration_min: 0,
        price: Money::ZERO,
        ..ServiceInput::default()
    });
    assert_eq!(bad.expect_err("zero minutes").field(), Some("durationMin"));
}

fn serum_input(opening_stock: i64) -> ProductInput {
    ProductInput {
        sku: "SK-100".into(),
        barcode: None,
        name: "修护精华".into(),
        price: Money::yuan(200),
        cost: Money::yuan(80),
        opening_stock,
        ..ProductInput::default()
    }
}

#[test]
fn stock_on_hand_follows_its_moves_which_cannot_be_changed_or_removed() {
    let mut t = store();
    let p = t.store.add_product(&serum_input(12)).unwrap();
    t.store.receive_stock(&boss(), p.id, 30).unwrap();
    t.store.receive_stock(&boss(), p.id, -5).unwrap();
    let id = p.id.to_string();
    let conn = t.store.conn();
    assert_eq!(salondesk_core::ledger::stock(conn, &id).unwrap(), 37);
    assert_eq!(
        salondesk_core::ledger::stock_from_ledger(conn, &id).unwrap(),
        37
    );
    assert_eq!(t.store.find_products("修护", 5).unwrap()[0].stock, 37);

    for sql in [
        "UPDATE stock_moves SET qty = qty + 100",
        "DELETE FROM stock_moves",
    ] {
        let err = conn.execute(sql, []).expect_err(sql).to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    // A move pulled twice is added once, and so is its quantity.
    let (move_id, qty): (String, i64) = conn
        .query_row("SELECT id, qty FROM stock_moves LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    conn.execute(
        "INSERT INTO stock_moves (id, product_id, qty, reason, created_at)
         VALUES (?1, ?2, ?3, 'receive', '2026-12-01T00:00:00Z') ON CONFLICT (id) DO NOTHING",
        rusqlite::params![move_id, id, qty],
    )
    .unwrap();
    assert_eq!(salondesk_core::ledger::stock(conn, &id).unwrap(), 37);
}

#[test]
fn a_database_from_before_stock_levels_gets_them_from_its_moves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.sqlite3");
    let clock = std::sync::Arc::new(salondesk_core::clock::SystemClock);
    let id = salondesk_core::ids::ProductId::new(chrono::Utc::now());
    {
        // As version 6 left it: moves, and no running levels.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        salondesk_core::db::migrate_to(&mut conn, 6).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO products (id, sku, name, price, cost, created_at, updated_at)
                 VALUES ('{id}', 'SKU-1', '精华液', 38800, 12000, '2026-01-01', '2026-01-01');
             INSERT INTO stock_moves (id, product_id, qty, reason, created_at) VALUES
                 ('m1', '{id}', 8, 'receive', '2026-01-01'),
                 ('m2', '{id}', 4, 'receive', '2026-01-02');"
        ))
        .unwrap();
    }
    let mut st = salondesk_core::Store::open(&path, clock).unwrap();
    assert_eq!(st.product(id).unwrap().stock, 12);
    st.receive_stock(&boss(), id, 1).unwrap();
    assert_eq!(st.product(id).unwrap().stock, 13);
}
