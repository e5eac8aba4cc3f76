//! Sync on the device: what the core emits is what the server accepts, and
//! tills of two stores that sold, topped up and edited while offline end up
//! agreeing once their operations are exchanged (through a stand-in server).

use crate::checkout_fixture::{salon, Salon};
use crate::support::boss;
use crate::sync_fixture::{cash, count};
use crate::sync_fixture::{enrol, till, Server, Till, STORE_A, STORE_B};
use salondesk_core::checkout::{Cart, CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::ids::{MemberId, ProductId, ServiceId};
use salondesk_core::member::MemberInput;
use salondesk_core::staff::{Permission, Staff};
use salondesk_core::{Money, Store};

/// The A1 till (the checkout salon, enrolled in store A) and what it sells.
struct Chain {
    a1: Till,
    a2: Till,
    b1: Till,
    server: Server,
    cashier: Staff,
    manager_pin: (salondesk_core::ids::StaffId, &'static str),
    beautician: Staff,
    member: MemberId,
    facial: ServiceId,
    serum: ProductId,
    top_up: String,
    package_plan: String,
}

fn chain() -> Chain {
    let Salon {
        mut t,
        manager,
        cashier,
        beautician,
        facial,
        serum,
        top_up,
        package_plan,
        member,
        ..
    } = salon();
    enrol(&mut t, STORE_A, "A", "01");
    let mut a1 = Till {
        t,
        store_id: STORE_A,
    };
    let mut a2 = till(STORE_A, "A", "02");
    let mut b1 = till(STORE_B, "B", "01");
    let mut server = Server::default();
    server.sync(&mut [&mut a1, &mut a2, &mut b1]);
    for t in [&mut a2, &mut b1] {
        t.store().open_shift(&cashier, Money::yuan(300)).unwrap();
    }
    Chain {
        a1,
        a2,
        b1,
        server,
        cashier,
        manager_pin: (manager.id, "246802"),
        beautician,
        member,
        facial,
        serum,
        top_up,
        package_plan,
    }
}

impl Chain {
    fn sync(&mut self) {
        self.server
            .sync(&mut [&mut self.a1, &mut self.a2, &mut self.b1]);
    }

    fn sell(&mut self, on: char, lines: Vec<CartLine>, tenders: &[Tender]) -> String {
        let cart = Cart {
            member_id: Some(self.member),
            lines,
            ..Cart::default()
        };
        let cashier = self.cashier.clone();
        self.till(on)
            .store()
            .complete_sale(&cashier, &cart, tenders)
            .unwrap()
            .sale_id
    }

    fn till(&mut self, on: char) -> &mut Till {
        match on {
            'a' => &mut self.a1,
            'A' => &mut self.a2,
            _ => &mut self.b1,
        }
    }

    fn top_up_line(&self) -> CartLine {
        CartLine::new(LineItem::TopUp {
            plan_id: self.top_up.clone(),
        })
    }

    fn facial_line(&self) -> CartLine {
        CartLine::new(LineItem::Service {
            service_id: self.facial,
            qty: 1,
        })
        .by(self.beautician.id)
    }

    fn edit(&mut self, on: char, change: impl FnOnce(&mut MemberInput)) {
        let member = self.member;
        let store = self.till(on).store();
        let mut input = MemberInput::editing(&store.member(member).unwrap());
        change(&mut input);
        store.update_member(&boss(), member, &input).unwrap();
    }

    /// Balances and the synced profile, as each till sees them.
    fn views(&self) -> Vec<(String, salondesk_core::ledger::Balances, Vec<String>)> {
        [("a1", &self.a1), ("a2", &self.a2), ("b1", &self.b1)]
            .into_iter()
            .map(|(name, t)| {
                let m = t.t.store.member(self.member).unwrap();
                let profile = vec![
                    m.member_no,
                    m.name,
                    m.phone.e164().to_owned(),
                    m.region,
                    m.allergies,
                    m.notes,
                    m.tier.as_str().to_owned(),
                    format!("{:?}", m.tags),
                ];
                (
                    name.to_owned(),
                    salondesk_core::ledger::balances(t.t.store.conn(), self.member).unwrap(),
                    profile,
                )
            })
            .collect()
    }
}

#[test]
fn two_stores_that_sold_and_edited_offline_agree_once_they_exchange_operations() {
    let mut c = chain();
    // The chain-wide records reached every till.
    assert_eq!(c.b1.store().member(c.member).unwrap().name, "王丽娜");
    assert_eq!(c.b1.store().list_staff().unwrap().len(), 5);
    assert_eq!(c.b1.store().package_plans().unwrap().len(), 1);
    assert_eq!(
        c.b1.store().pending_ops().unwrap(),
        2,
        "only b1's own shift and float wait: applying queued nothing"
    );

    // Offline: each till sells and edits.
    let top_up = c.top_up_line();
    let facial = c.facial_line();
    c.sell('a', vec![top_up.clone(), facial.clone()], &[cash(126_800)]);
    let package_plan = c.package_plan.clone();
    c.sell(
        'A',
        vec![CartLine::new(LineItem::PackagePurchase {
            plan_id: package_plan,
        })],
        &[Tender::WechatPay {
            amount: Money::yuan(2000),
            reference: "4200001234".into(),
        }],
    );
    c.sell('b', vec![top_up], &[cash(100_000)]);
    c.sell(
        'b',
        vec![facial],
        &[Tender::StoredValue {
            amount: Money::yuan(268),
        }],
    );
    c.a1.later(1);
    c.edit('a', |m| m.notes = "喜欢安静".into());
    c.b1.later(2);
    c.edit('b', |m| {
        m.region = "上海".into();
        m.allergies = "花粉".into();
    });
    c.a2.later(3);
    c.edit('A', |m| m.allergies = "芒果".into());

    c.sync();
    let views = c.views();
    for v in &views[1..] {
        assert_eq!(
            v.1, views[0].1,
            "{} and {} disagree on balances",
            v.0, views[0].0
        );
        assert_eq!(
            v.2, views[0].2,
            "{} and {} disagree on the profile",
            v.0, views[0].0
        );
    }
    let (_, balances, profile) = &views[0];
    assert_eq!(balances.stored_value, Money::yuan(1200 + 1200 - 268));
    assert_eq!(balances.packages.len(), 1);
    assert_eq!(balances.packages[0].sessions_left, 10);
    assert!(balances.points > 0, "the facials earned points");
    assert_eq!(
        profile[3], "上海",
        "an edit of one field survives another store's edit of others"
    );
    assert_eq!(profile[5], "喜欢安静");
    assert_eq!(
        profile[4], "芒果",
        "the later edit of a field wins everywhere"
    );

    // Sales stay in their store, none twice.
    let a_sales = count(c.a1.store(), "SELECT count(*) FROM sales");
    assert_eq!(a_sales, 2);
    assert_eq!(count(c.a2.store(), "SELECT count(*) FROM sales"), a_sales);
    assert_eq!(count(c.b1.store(), "SELECT count(*) FROM sales"), 2);
    for t in [&mut c.a1, &mut c.a2, &mut c.b1] {
        assert_eq!(
            t.store().pending_ops().unwrap(),
            0,
            "applying queues nothing"
        );
    }

    // Another round brings nothing new.
    c.sync();
    let before = c.views();
    let r = c.server.pull(&mut c.b1);
    assert_eq!(r.applied + r.skipped, 0, "nothing new after the cursor");

    // A package bought at store A is redeemed at store B.
    let package = before[2].1.packages[0].package_id.clone();
    c.b1.later(5);
    c.sell(
        'b',
        vec![CartLine::new(LineItem::PackageRedemption {
            package_id: package,
        })
        .by(c.beautician.id)],
        &[],
    );
    c.sync();
    for v in c.views() {
        assert_eq!(
            v.1.packages[0].sessions_left, 9,
            "{} sees the redemption",
            v.0
        );
    }
}

#[test]
fn applying_a_page_twice_changes_nothing() {
    let mut c = chain();
    let top_up = c.top_up_line();
    c.sell('a', vec![top_up, c.facial_line()], &[cash(126_800)]);
    c.edit('a', |m| m.notes = "first".into());
    c.server.push(&mut c.a1);
    let mut fresh = till(STORE_A, "A", "03");
    let page = c.server.page(&fresh, 0, 10_000);
    let first = fresh.store().apply_pulled(&page).unwrap();
    let derived = page
        .ops
        .iter()
        .filter(|p| p.op.entity == salondesk_protocol::schema::MEMBER_LEDGER_ENTITY)
        .count();
    assert_eq!(derived, 1);
    assert_eq!(
        (first.applied, first.skipped),
        (page.ops.len() - derived, derived),
        "a store's own sale brings its member ledger rows before the server's copy of them"
    );
    let snapshot = fingerprint(fresh.store());
    let second = fresh.store().apply_pulled(&page).unwrap();
    assert_eq!(second.applied, 0, "{second:?}");
    assert_eq!(second.skipped, page.ops.len());
    assert_eq!(fingerprint(fresh.store()), snapshot);
    assert_eq!(fresh.store().sync_cursor().unwrap(), page.cursor);
    assert_eq!(fresh.store().pull_head().unwrap(), page.head);
    assert_eq!(
        fresh.store().pending_ops().unwrap(),
        0,
        "applying queues nothing"
    );
    let b = salondesk_core::ledger::balances(fresh.store().conn(), c.member).unwrap();
    let a = salondesk_core::ledger::balances(c.a1.store().conn(), c.member).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_members_sale_is_her_visit_on_every_till_of_the_chain_counted_once() {
    let mut c = chain();
    c.sync();
    let member = c.member;
    let visits = |c: &Chain| -> Vec<(i64, Option<String>)> {
        [&c.a1, &c.a2, &c.b1]
            .iter()
            .map(|t| {
                let m = t.t.store.member(member).unwrap();
                (
                    m.visit_count,
                    m.last_visit_at.map(salondesk_core::time::iso),
                )
            })
            .collect()
    };
    let before = visits(&c);
    // Made in store A (its other till pulls the sale), then in store B
    // (store A's tills learn it from its member ledger rows).
    for (on, maker, more) in [('a', 0, 1), ('b', 2, 2)] {
        let facial = c.facial_line();
        c.sell(on, vec![facial], &[cash(100_000)]);
        c.sync();
        c.sync();
        let after = visits(&c);
        let made_at = after[maker].1.clone();
        assert!(made_at.is_some());
        for (i, ((n0, _), (n1, at))) in before.iter().zip(&after).enumerate() {
            assert_eq!(*n1, n0 + more, "till {i} after the sale on {on}: {after:?}");
            assert_eq!(*at, made_at, "till {i}: her last visit is the sale on {on}");
        }
    }
}

/// Row counts and sums of the tables sync writes.
fn fingerprint(store: &Store) -> Vec<i64> {
    [
        "SELECT count(*) FROM members",
        "SELECT count(*) FROM member_search",
        "SELECT count(*) FROM sales",
        "SELECT count(*) FROM sale_lines",
        "SELECT count(*) FROM sale_line_staff",
        "SELECT count(*) FROM sale_tenders",
        "SELECT count(*) FROM packages",
        "SELECT coalesce(sum(delta), 0) FROM points_ledger",
        "SELECT coalesce(sum(delta), 0) FROM stored_value_ledger",
        "SELECT coalesce(sum(delta), 0) FROM package_ledger",
        "SELECT coalesce(sum(amount), 0) FROM commission_ledger",
        "SELECT coalesce(sum(amount), 0) FROM cash_drawer",
        "SELECT coalesce(sum(qty), 0) FROM stock_moves",
        "SELECT count(*) FROM audit_log",
        "SELECT count(*) FROM field_clocks",
        "SELECT count(*) FROM outbox",
        "SELECT coalesce(sum(visit_count), 0) FROM members",
        "SELECT count(*) FROM pulled_visits",
    ]
    .iter()
    .map(|sql| count(store, sql))
    .collect()
}

#[test]
fn a_sale_made_on_one_till_is_refunded_on_another_till_of_the_same_store() {
    let mut c = chain();
    let top_up = c.top_up_line();
    c.sell('a', vec![top_up], &[cash(100_000)]);
    let serum = c.serum;
    let sale = c.sell(
        'a',
        vec![
            c.facial_line(),
            CartLine::new(LineItem::Product {
                product_id: serum,
                qty: 2,
            }),
        ],
        &[
            Tender::StoredValue {
                amount: Money::yuan(500),
            },
            cash(50_400),
        ],
    );
    c.sync();
    let on_a2 = c.a2.store().sale(&sale).unwrap();
    assert_eq!(
        on_a2,
        c.a1.store().sale(&sale).unwrap(),
        "a2 has the sale as a1 wrote it"
    );

    let (manager, pin) = c.manager_pin;
    let cashier = c.cashier.clone();
    let approval =
        c.a2.store()
            .approve(manager, pin, Permission::Refund)
            .unwrap();
    let refund =
        c.a2.store()
            .refund(
                &cashier,
                Some(&approval),
                &RefundRequest {
                    original_sale_id: sale.clone(),
                    line_ids: None,
                    void: false,
                },
            )
            .unwrap();
    assert_eq!(refund.total, Money::yuan(-(268 + 2 * 368)));
    c.sync();
    let on_a1 = c.a1.store().sale(&sale).unwrap();
    assert!(
        on_a1.lines.iter().all(|l| l.refunded),
        "a1 sees every line refunded"
    );
    let views = c.views();
    assert_eq!(views[0].1, views[1].1);
    assert_eq!(views[0].1, views[2].1);
    assert_eq!(
        views[0].1.stored_value,
        Money::yuan(1200),
        "the stored value paid came back"
    );
    let beautician = c.beautician.id;
    for t in [&c.a1, &c.a2] {
        let s = &t.t.store;
        assert_eq!(
            salondesk_core::ledger::stock(s.conn(), &serum.to_string()).unwrap(),
            10,
            "the serum is back on the shelf"
        );
        let commission: i64 = s
            .conn()
            .query_row(
                "SELECT sum(amount) FROM commission_ledger WHERE staff_id = ?1",
                [beautician],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(commission, 0, "the commission was taken back");
    }
    // A second refund of the same sale is refused on the first till too.
    let approval =
        c.a1.store()
            .approve(manager, pin, Permission::Refund)
            .unwrap();
    let again = c.a1.store().refund(
        &cashier,
        Some(&approval),
        &RefundRequest {
            original_sale_id: sale,
            line_ids: None,
            void: false,
        },
    );
    assert!(again.is_err());
    // The day-end report of a2's shift counts the refund.
    let shift = c.a2.store().current_shift().unwrap().unwrap();
    let z = c.a2.store().z_report(&shift).unwrap();
    assert_eq!(z.refunds, 1);
    assert_eq!(z.refunds_total, refund.total);
}

#[test]
fn a_sale_at_the_stores_other_till_enters_this_tills_reports_and_another_stores_does_not() {
    let mut c = chain();
    let facial = c.facial_line();
    c.sell('A', vec![facial.clone()], &[cash(26_800)]);
    c.sell('b', vec![facial], &[cash(26_800)]);
    c.sync();
    let store = &c.a1.t.store;
    let today = store.business_date().unwrap();
    let q = salondesk_core::reports::ReportQuery {
        from: today,
        to: today,
        store_id: None,
        chain: false,
        granularity: salondesk_core::reports::Granularity::Day,
    };
    let r = store
        .report(&boss(), salondesk_core::reports::ReportName::Sales, &q)
        .unwrap();
    let revenue = r.kpis.iter().find(|k| k.key == "revenue").unwrap().value;
    assert_eq!(
        revenue, 26_800,
        "a2's facial is this store's (applied with the sale); b1's is another store's"
    );
    let kept: String = store
        .conn()
        .query_row("SELECT DISTINCT store_id FROM report_days", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, STORE_A.to_string(), "kept under the chain's store id");
}
