//! Random sequences of sales, refunds, top-ups, package purchases and
//! redemptions: balances never go below zero where a rule forbids it, every
//! sale's tenders equal its total, the Z report equals the sum of the shift's
//! sales, and a refused operation writes nothing.

use crate::checkout_fixture::{salon, Salon};
use proptest::prelude::*;
use salondesk_core::checkout::{CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::ledger;
use salondesk_core::Money;

#[derive(Debug, Clone)]
enum Op {
    Sale {
        facials: i64,
        serums: i64,
        stored_pct: i64,
        points: i64,
    },
    TopUp,
    BuyPackage,
    Redeem,
    Refund {
        pick: usize,
        partial: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0i64..3, 0i64..4, 0i64..=100, 0i64..3000).prop_map(|(facials, serums, stored_pct, points)| Op::Sale { facials, serums, stored_pct, points }),
        2 => Just(Op::TopUp),
        1 => Just(Op::BuyPackage),
        2 => Just(Op::Redeem),
        3 => (0usize..50, any::<bool>()).prop_map(|(pick, partial)| Op::Refund { pick, partial }),
    ]
}

fn apply(s: &mut Salon, op: &Op, sales: &mut Vec<String>) -> salondesk_core::Result<()> {
    match op {
        Op::Sale {
            facials,
            serums,
            stored_pct,
            points,
        } => {
            let mut lines = Vec::new();
            if *facials > 0 {
                lines.push(
                    CartLine::new(LineItem::Service {
                        service_id: s.facial,
                        qty: *facials,
                    })
                    .by(s.beautician.id),
                );
            }
            if *serums > 0 {
                lines.push(CartLine::new(LineItem::Product {
                    product_id: s.serum,
                    qty: *serums,
                }));
            }
            let total = facials * 26_800 + serums * 36_800;
            let b = s.balances();
            let points = (*points).min(b.points).min(total);
            let stored = ((total - points) * stored_pct / 100).min(b.stored_value.fen());
            let mut tenders = vec![];
            if points > 0 {
                tenders.push(Tender::Points { points });
            }
            if stored > 0 {
                tenders.push(Tender::StoredValue {
                    amount: Money(stored),
                });
            }
            let rest = total - points - stored;
            if rest > 0 {
                // Round cash up to the next 10 yuan, as a client hands it over.
                tenders.push(Tender::Cash {
                    amount: Money((rest + 999) / 1000 * 1000),
                });
            }
            let sale = s.sell(lines, &tenders)?;
            sales.push(sale.sale_id);
        }
        Op::TopUp => sales.push(s.top_up().sale_id),
        Op::BuyPackage => {
            let plan = s.package_plan.clone();
            let sale = s.sell(
                vec![CartLine::new(LineItem::PackagePurchase { plan_id: plan })],
                &[Tender::Cash {
                    amount: Money::yuan(2000),
                }],
            )?;
            sales.push(sale.sale_id);
        }
        Op::Redeem => {
            let Some(pkg) = s.balances().packages.into_iter().next() else {
                return Ok(());
            };
            let sale = s.sell(
                vec![CartLine::new(LineItem::PackageRedemption {
                    package_id: pkg.package_id,
                })
                .by(s.beautician2.id)],
                &[],
            )?;
            sales.push(sale.sale_id);
        }
        Op::Refund { pick, partial } => {
            if sales.is_empty() {
                return Ok(());
            }
            let original = sales[pick % sales.len()].clone();
            let line_ids = if *partial {
                let first: Option<String> =
                    s.t.store
                        .conn()
                        .query_row(
                            "SELECT id FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no LIMIT 1",
                            [&original],
                            |r| r.get(0),
                        )
                        .ok();
                first.map(|l| vec![l])
            } else {
                None
            };
            let approval = s.approval();
            s.t.store.refund(
                &s.cashier,
                Some(&approval),
                &RefundRequest {
                    original_sale_id: original,
                    line_ids,
                    void: false,
                },
            )?;
        }
    }
    Ok(())
}

/// Operations written, PIN attempts aside: a refused action still records the
/// PIN tried for it (a wrong one counts towards the lock-out at every till).
fn outbox_len(s: &Salon) -> i64 {
    s.t.store
        .conn()
        .query_row(
            "SELECT count(*) FROM outbox WHERE entity <> 'pin_attempt'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn check_invariants(s: &Salon) -> Result<(), TestCaseError> {
    let conn = s.t.store.conn();
    let b = s.balances();
    prop_assert!(
        b.stored_value.fen() >= 0,
        "stored value below zero: {:?}",
        b.stored_value
    );
    let stock = ledger::stock(conn, &s.serum.to_string()).unwrap();
    prop_assert!((0..=10).contains(&stock), "stock out of range: {}", stock);
    prop_assert_eq!(
        stock,
        ledger::stock_from_ledger(conn, &s.serum.to_string()).unwrap(),
        "stock on hand is not the sum of its moves"
    );
    let sessions: Vec<i64> = conn
        .prepare("SELECT coalesce(sum(delta), 0) FROM package_ledger GROUP BY package_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    prop_assert!(
        sessions.iter().all(|n| (0..=10).contains(n)),
        "package sessions out of range: {:?}",
        sessions
    );
    let mismatched: i64 = conn
        .query_row(
            "SELECT count(*) FROM sales s WHERE s.total <>
               (SELECT coalesce(sum(t.amount), 0) FROM sale_tenders t WHERE t.sale_id = s.id) - s.change_given",
            [],
            |r| r.get(0),
        )
        .unwrap();
    prop_assert_eq!(
        mismatched,
        0,
        "every sale's tenders (less change) must equal its total"
    );
    let shift = s.t.store.current_shift().unwrap().unwrap();
    let z = s.t.store.z_report(&shift).unwrap();
    let tendered: i64 = z.tenders.iter().map(|t| t.expected.fen()).sum::<i64>()
        - z.float.fen()
        - z.pay_ins.fen()
        - z.pay_outs.fen();
    prop_assert_eq!(
        tendered,
        z.sales_total.fen() + z.refunds_total.fen(),
        "the Z report must equal the shift's sales"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn ledgers_stay_consistent_through_any_sequence(ops in prop::collection::vec(op(), 1..25)) {
        let mut s = salon();
        let mut sales = Vec::new();
        for op in &ops {
            let before = outbox_len(&s);
            if apply(&mut s, op, &mut sales).is_err() {
                prop_assert_eq!(outbox_len(&s), before, "a refused {:?} must write nothing", op);
            }
            check_invariants(&s)?;
        }
    }
}
