//! A head-office device pulls every store's sales for its reports: each
//! enters its summaries for its own store, once, and never its `sales` (its
//! Sales screen, shift and Z report stay its own store's). Other tills get
//! no other store's sale, even when they ask.

use crate::convergence::{cash, chain};
use crate::support::boss;
use salondesk_protocol::chain::{ChainStoreInfo, OTHER_STORES_PARAM};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_office_pulls_other_stores_sales_into_its_summaries_only_and_once() {
    let c = chain().await; // a1: head office in S01; a2: S01; b1: S02
    let ours = c.sell(&c.a2, vec![c.facials(1)], &[cash(268)]);
    let theirs = c.sell(&c.b1, vec![c.facials(1)], &[cash(268)]);
    c.sync_all().await;

    let in_sales = |t: &crate::support::Device, id: &str| {
        t.count(&format!("SELECT count(*) FROM sales WHERE id = '{id}'"))
    };
    let summarised = |t: &crate::support::Device, id: &str| {
        t.count(&format!(
            "SELECT count(*) FROM other_store_sales WHERE sale_id = '{id}'"
        ))
    };
    assert_eq!(
        in_sales(&c.a1, &theirs),
        0,
        "S02's sale is not head office's own sale"
    );
    assert_eq!(
        summarised(&c.a1, &theirs),
        1,
        "it entered head office's summaries once"
    );
    let b1_store = c.b1.store_id.to_string();
    assert_eq!(
        c.a1.count(&format!(
            "SELECT count(*) FROM other_store_sales WHERE sale_id = '{theirs}' AND store_id = '{b1_store}'"
        )),
        1,
        "for S02, the store that made it"
    );
    assert_eq!(
        in_sales(&c.a1, &ours),
        1,
        "its own store's other till's sale is its own"
    );
    assert_eq!(summarised(&c.a1, &ours), 0);
    assert_eq!(
        in_sales(&c.a2, &theirs),
        0,
        "an ordinary till gets no other store's sale"
    );
    assert_eq!(c.a2.count("SELECT count(*) FROM other_store_sales"), 0);
    assert_eq!(c.b1.count("SELECT count(*) FROM other_store_sales"), 0);

    // Pulled again from the start (a rewind, a restore): still once.
    c.a1.store()
        .conn()
        .execute("UPDATE meta SET value = '0' WHERE key = 'sync.cursor'", [])
        .unwrap();
    c.a1.sync().await;
    assert_eq!(
        summarised(&c.a1, &theirs),
        1,
        "a sale seen twice counts once"
    );

    // The reports' store picker: its own store, then S02 named once the
    // console listed the chain's stores.
    let listed: Vec<ChainStoreInfo> = vec![ChainStoreInfo {
        id: c.b1.store_id,
        name: "静安店".into(),
        code: "S02".into(),
        created_at: chrono::Utc::now(),
        tills: 1,
    }];
    let before = c.a1.store().report_stores(&boss()).unwrap();
    assert_eq!(before.len(), 2, "S02 is known from its sale: {before:?}");
    c.a1.store()
        .remember_chain_stores(&boss(), &listed)
        .unwrap();
    let stores = c.a1.store().report_stores(&boss()).unwrap();
    assert!(stores[0].own, "its own store first");
    assert_eq!(
        (stores[1].id.as_str(), stores[1].name.as_str()),
        (b1_store.as_str(), "静安店")
    );
    let a2_stores = c.a2.store().report_stores(&boss()).unwrap();
    assert_eq!(
        a2_stores.len(),
        1,
        "an ordinary till reports its own store only"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_till_that_is_not_head_office_gets_no_other_stores_sale_even_asking() {
    let s = crate::support::TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;
    let seller = s.enrol(c.stores[1]).await;
    let till = s.enrol(c.stores[0]).await;
    let hq = s.enrol_head_office(c.stores[0]).await;
    let sale = crate::support::op(
        &seller,
        "sale",
        uuid::Uuid::now_v7(),
        salondesk_protocol::OpKind::Append,
        serde_json::json!({}),
    );
    // Whatever the server makes of an empty sale, only its log row matters:
    // write one straight into the log as S02's.
    sqlx::query(
        "INSERT INTO ops (op_id, tenant_id, store_id, device_id, entity, entity_id, kind, hlc, payload, created_at)
         VALUES ($1, $2, $3, $4, 'sale', $5, 'append', $6, '{}', now())",
    )
    .bind(sale.op_id)
    .bind(c.tenant_id)
    .bind(c.stores[1])
    .bind(seller.device_id)
    .bind(&sale.entity_id)
    .bind(&sale.hlc)
    .execute(&s.pool)
    .await
    .unwrap();
    let ask = format!("after=0&{OTHER_STORES_PARAM}=true");
    let (_, page) = s.pull_raw(Some(&till.credential), &ask).await;
    assert!(
        page["ops"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["entity"] != "sale"),
        "an ordinary till asking gets no other store's sale: {page}"
    );
    let (_, page) = s.pull_raw(Some(&hq.credential), "after=0").await;
    assert!(
        page["ops"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["entity"] != "sale"),
        "a head office that does not ask (an older version) gets none either"
    );
    let (_, page) = s.pull_raw(Some(&hq.credential), &ask).await;
    let sales: Vec<_> = page["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["entity"] == "sale")
        .collect();
    assert_eq!(sales.len(), 1, "head office asking gets S02's sale");
    assert_eq!(
        sales[0]["storeId"],
        c.stores[1].to_string(),
        "marked with its store"
    );
}
