//! Fault 6 of issue 13: two tills of one store, both offline, refund the same
//! sold line. Each saw it unrefunded, so each paid it back: the money went out
//! twice. The server notices when the second refund arrives and raises one
//! `double_refund` conflict that reaches every till's inbox; a single refund
//! raises none.

use crate::convergence::{cash, chain, Chain};
use salondesk_core::checkout::{RefundRequest, Tender};
use salondesk_core::Money;

impl Chain {
    /// A refund of `sale` on `on` (its `lines`, or all), approved by the store's manager.
    fn refund(
        &self,
        on: &crate::support::Device,
        sale: &str,
        lines: Option<Vec<String>>,
    ) -> String {
        let mut store = on.store();
        let approval = store
            .approve(
                self.manager.id,
                "246802",
                salondesk_core::staff::Permission::Refund,
            )
            .unwrap_or_else(|e| panic!("{}: the manager approves: {e}", on.name));
        store
            .refund(
                &self.cashier,
                Some(&approval),
                &RefundRequest {
                    original_sale_id: sale.to_owned(),
                    line_ids: lines,
                    void: false,
                },
            )
            .unwrap_or_else(|e| panic!("{} refunds: {e}", on.name))
            .receipt_no
    }

    fn refund_all(&self, on: &crate::support::Device, sale: &str) -> String {
        self.refund(on, sale, None)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_line_refunded_offline_on_two_tills_of_a_store_is_one_conflict_in_every_inbox() {
    let c = chain().await;
    // A facial paid half in cash, half from the stored value of a top-up.
    c.sell(&c.a1, vec![c.top_up_line()], &[cash(1000)]);
    let sale = c.sell(
        &c.a1,
        vec![c.facials(1)],
        &[
            cash(134),
            Tender::StoredValue {
                amount: Money::yuan(134),
            },
        ],
    );
    c.sync_all().await;
    assert_eq!(
        c.a2.count("SELECT count(*) FROM sales WHERE kind = 'sale'"),
        2,
        "a2 has a1's sales, so it can refund them"
    );

    // Offline, both tills of S01 refund the facial: each allows it.
    let first = c.refund_all(&c.a1, &sale);
    let second = c.refund_all(&c.a2, &sale);
    for t in [&c.a1, &c.a2] {
        t.sync().await;
    }
    c.sync_all().await;

    for t in c.tills() {
        let open = t.store().conflicts(true).unwrap();
        let doubles: Vec<_> = open.iter().filter(|x| x.kind == "double_refund").collect();
        assert_eq!(
            doubles.len(),
            1,
            "{}: the second refund to arrive is one conflict: {open:?}",
            t.name
        );
        let d = &doubles[0].detail;
        assert_eq!(
            doubles[0].store_ids,
            vec![c.a1.store_id.to_string()],
            "{}: both refunds were made in S01",
            t.name
        );
        assert_eq!(d["originalSaleId"], sale, "{}: names the sale", t.name);
        let mut receipts: Vec<String> = d["refunds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["receiptNo"].as_str().unwrap().to_owned())
            .collect();
        receipts.sort();
        let mut both = vec![first.clone(), second.clone()];
        both.sort();
        assert_eq!(receipts, both, "{}: names both refunds' receipts", t.name);
        assert_eq!(
            d["amountTwice"],
            Money::yuan(268).0,
            "{}: the whole facial was paid back twice",
            t.name
        );
        let tenders = d["tenders"].as_array().unwrap();
        assert_eq!(
            tenders.len(),
            2,
            "{}: the second refund paid cash and stored value back: {d}",
            t.name
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_single_refund_or_two_tills_refunding_different_lines_raise_no_conflict() {
    let c = chain().await;
    let whole = c.sell(&c.a1, vec![c.facials(2)], &[cash(536)]);
    let two_lines = c.sell(&c.a1, vec![c.facials(1), c.facials(1)], &[cash(536)]);
    c.sync_all().await;
    c.refund_all(&c.a2, &whole);
    // Offline, each till of S01 refunds one of the two lines: together, each once.
    let lines: Vec<String> = {
        let store = c.a1.store();
        let mut stmt = store
            .conn()
            .prepare("SELECT id FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no")
            .unwrap();
        let ids = stmt
            .query_map([&two_lines], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        ids
    };
    assert_eq!(lines.len(), 2);
    c.refund(&c.a1, &two_lines, Some(vec![lines[0].clone()]));
    c.refund(&c.a2, &two_lines, Some(vec![lines[1].clone()]));
    c.sync_all().await;
    for t in c.tills() {
        let open = t.store().conflicts(true).unwrap();
        assert!(
            open.is_empty(),
            "{}: every line was taken back once, whatever the till: {open:?}",
            t.name
        );
    }
}
