//! A tier's free services (免费护理): one facial a quarter for 金卡, redeemed
//! at checkout like a package session, kept in a ledger, given back by a refund.

use crate::checkout_fixture::{salon, Salon};
use chrono::{TimeZone, Utc};
use salondesk_core::checkout::{CartLine, FreeService, LineItem, Period, RefundRequest};
use salondesk_core::Money;

/// A salon whose 金卡 gives one 深层清洁 a quarter, and her in 金卡.
fn gold_with_a_free_facial() -> Salon {
    let mut s = salon();
    let owner = s.owner.clone();
    let mut rules = s.t.store.tier_rules().unwrap();
    rules[2].free_services = vec![FreeService {
        service_id: s.facial,
        count: 1,
        period: Period::Quarter,
    }];
    s.t.store.save_tier_rules(&owner, &rules).unwrap();
    s.set_tier("gold");
    s
}

fn free_facial(s: &mut Salon) -> salondesk_core::Result<salondesk_core::checkout::SaleOutcome> {
    let line = CartLine::new(LineItem::FreeService {
        service_id: s.facial,
    })
    .by(s.beautician.id);
    s.sell(vec![line], &[])
}

fn left(s: &Salon) -> i64 {
    let all = s.t.store.free_service_allowances(s.member).unwrap();
    assert_eq!(all.len(), 1, "gold gives one kind of free service");
    all[0].left
}

#[test]
fn one_free_facial_a_quarter_is_used_refused_again_and_comes_round_next_quarter() {
    let mut s = gold_with_a_free_facial();
    let all = s.t.store.free_service_allowances(s.member).unwrap();
    assert_eq!(
        (
            all[0].period_key.as_str(),
            all[0].count,
            all[0].left,
            all[0].service_name.as_str()
        ),
        ("2026-Q4", 1, 1, "深层清洁"),
        "shown with her balances at checkout"
    );
    let sale = free_facial(&mut s).expect("the quarter's free facial");
    assert_eq!(sale.total, Money::ZERO, "a free service costs nothing");
    assert_eq!(left(&s), 0);
    let commission: i64 =
        s.t.store
            .conn()
            .query_row("SELECT sum(amount) FROM commission_ledger", [], |r| {
                r.get(0)
            })
            .unwrap();
    assert_eq!(
        commission, 2_680,
        "the beautician is paid 10% of ¥268 for serving it"
    );

    let err = free_facial(&mut s).expect_err("a second in the same quarter");
    assert_eq!(err.code(), "free_service_refused");
    assert!(matches!(
        err,
        salondesk_core::CoreError::FreeServiceRefused { reason: "used_up" }
    ));

    s.t.clock
        .set(Utc.with_ymd_and_hms(2027, 1, 5, 3, 0, 0).unwrap());
    assert_eq!(left(&s), 1, "a new quarter, a new free facial");
    free_facial(&mut s).expect("January's is Q1's");
}

#[test]
fn a_refund_gives_the_free_service_back_and_other_tiers_have_none() {
    let mut s = gold_with_a_free_facial();
    let sale = free_facial(&mut s).unwrap();
    let approval = s.approval();
    s.t.store
        .refund(
            &s.cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: sale.sale_id,
                line_ids: None,
                void: false,
            },
        )
        .expect("refund the free facial");
    assert_eq!(left(&s), 1, "the refund gave it back");
    let rows: Vec<(i64, String)> = {
        let conn = s.t.store.conn();
        let mut stmt = conn
            .prepare("SELECT delta, reason FROM free_service_ledger ORDER BY created_at, reason")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows
    };
    assert_eq!(
        rows,
        vec![(-1, "redeem".to_string()), (1, "refund".to_string())],
        "both kept in the ledger, nothing overwritten"
    );
    free_facial(&mut s).expect("usable again after the refund");

    s.set_tier("silver");
    let err = free_facial(&mut s).expect_err("silver gives no free facial");
    assert!(matches!(
        err,
        salondesk_core::CoreError::FreeServiceRefused {
            reason: "not_in_tier"
        }
    ));
}

#[test]
fn a_free_service_redemption_travels_in_the_sale_operation() {
    let mut s = gold_with_a_free_facial();
    free_facial(&mut s).unwrap();
    let payload: String =
        s.t.store
            .conn()
            .query_row(
                "SELECT payload FROM outbox WHERE entity = 'sale' ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
    let v: serde_json::Value = serde_json::from_str(&payload).unwrap();
    let entry = v["ledger"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["ledger"] == "free_service")
        .expect("the ledger row is in the sale's operation");
    assert_eq!(entry["period"], "2026-Q4", "{entry}");
    assert_eq!(entry["delta"], -1);
}
