//! Devices of two stores of one chain, each the core on its own SQLite file,
//! syncing with the real server through the `salondesk-sync` engine: they
//! sell, top up and edit the same member while offline, reconnect, and then
//! every device shows the same balances and profile and no sale twice; an
//! overdraft made offline in both stores becomes a conflict both stores see,
//! and its resolution reaches the other store.

use crate::support::boss;
use crate::support::{Device, TestServer};
use salondesk_core::catalog::ServiceInput;
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::ids::{MemberId, ServiceId};
use salondesk_core::ledger::{balances, Balances};
use salondesk_core::member::MemberInput;
use salondesk_core::staff::{Role, Staff};
use salondesk_core::Money;
use std::sync::Mutex;

/// Three tills: a1 and a2 in store S01, b1 in S02; a1, the head-office till,
/// set the salon up (only head office may write the catalog and plans).
pub(crate) struct Chain {
    pub(crate) server: TestServer,
    pub(crate) a1: Device,
    pub(crate) a2: Device,
    pub(crate) b1: Device,
    pub(crate) manager: Staff,
    pub(crate) cashier: Staff,
    pub(crate) beautician: Staff,
    pub(crate) member: MemberId,
    pub(crate) facial: ServiceId,
    pub(crate) top_up: String,
    pub(crate) package_plan: String,
}

/// What a1 wrote before joining: staff, a service, plans, a member, a shift.
#[derive(Default)]
struct Salon {
    manager: Option<Staff>,
    cashier: Option<Staff>,
    beautician: Option<Staff>,
    member: Option<MemberId>,
    facial: Option<ServiceId>,
    top_up: Option<String>,
    package_plan: Option<String>,
}

pub(crate) async fn chain() -> Chain {
    let server = TestServer::start().await;
    let stores = server.chain("丽人连锁", &["S01", "S02"]).await.stores;
    let url = server.url().to_owned();
    let salon = Mutex::new(Salon::default());
    let a1 = Device::enrol_head_office(&server, &url, stores[0], "a1", |s| {
        let mut out = salon.lock().unwrap();
        s.create_owner("林美玲", "135790").unwrap();
        out.manager = Some(s.add_staff("周店长", Role::Manager, "246802").unwrap());
        let cashier = s.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
        out.beautician = Some(s.add_staff("王芳", Role::Beautician, "4444").unwrap());
        let facial = s
            .add_service(&ServiceInput {
                category: "面部护理".into(),
                name: "深层清洁".into(),
                duration_min: 75,
                price: Money::yuan(268),
                ..ServiceInput::default()
            })
            .unwrap()
            .id;
        out.top_up = Some(
            s.add_top_up_plan("充1000送200", Money::yuan(1000), Money::yuan(200))
                .unwrap()
                .id,
        );
        out.package_plan = Some(
            s.add_package_plan(facial, "深层清洁10次卡", 10, Money::yuan(2000), 365)
                .unwrap()
                .id,
        );
        out.member = Some(
            s.register_member(
                &boss(),
                &MemberInput {
                    name: "王丽娜".into(),
                    phone: Some("13812345678".into()),
                    ..MemberInput::default()
                },
            )
            .unwrap()
            .id,
        );
        s.open_shift(&cashier, Money::yuan(500)).unwrap();
        out.cashier = Some(cashier);
        out.facial = Some(facial);
    })
    .await;
    let a2 = Device::enrol(&server, &url, stores[0], "a2", |_| {}).await;
    let b1 = Device::enrol(&server, &url, stores[1], "b1", |_| {}).await;
    let s = salon.into_inner().unwrap();
    let c = Chain {
        server,
        a1,
        a2,
        b1,
        manager: s.manager.unwrap(),
        cashier: s.cashier.unwrap(),
        beautician: s.beautician.unwrap(),
        member: s.member.unwrap(),
        facial: s.facial.unwrap(),
        top_up: s.top_up.unwrap(),
        package_plan: s.package_plan.unwrap(),
    };
    c.sync_all().await;
    for t in [&c.a2, &c.b1] {
        t.store()
            .open_shift(&c.cashier, Money::yuan(300))
            .unwrap_or_else(|e| panic!("{} opens a shift with the pulled cashier: {e}", t.name));
    }
    c
}

impl Chain {
    pub(crate) fn tills(&self) -> [&Device; 3] {
        [&self.a1, &self.a2, &self.b1]
    }

    /// Every till syncs twice, so each has what the others sent.
    pub(crate) async fn sync_all(&self) {
        for _ in 0..2 {
            for t in self.tills() {
                t.sync().await;
            }
        }
    }

    pub(crate) fn sell(&self, on: &Device, lines: Vec<CartLine>, tenders: &[Tender]) -> String {
        let cart = Cart {
            member_id: Some(self.member),
            lines,
            ..Cart::default()
        };
        on.store()
            .complete_sale(&self.cashier, &cart, tenders)
            .unwrap_or_else(|e| panic!("{} sells: {e}", on.name))
            .sale_id
    }

    pub(crate) fn top_up_line(&self) -> CartLine {
        CartLine::new(LineItem::TopUp {
            plan_id: self.top_up.clone(),
        })
    }

    pub(crate) fn facials(&self, qty: i64) -> CartLine {
        CartLine::new(LineItem::Service {
            service_id: self.facial,
            qty,
        })
        .by(self.beautician.id)
    }

    fn edit(&self, on: &Device, change: impl FnOnce(&mut MemberInput)) {
        let mut store = on.store();
        let mut input = MemberInput::editing(&store.member(self.member).unwrap());
        change(&mut input);
        store.update_member(&boss(), self.member, &input).unwrap();
    }

    /// The member's balances, synced profile and visits, as `t` sees them.
    fn view(&self, t: &Device) -> (Balances, Vec<String>) {
        let store = t.store();
        let m = store.member(self.member).unwrap();
        let profile = vec![
            m.member_no,
            m.name,
            m.phone.e164().to_owned(),
            m.region,
            m.allergies,
            m.notes,
            m.tier.as_str().to_owned(),
            // Device-local, counted from her sales wherever they were made.
            format!("{} visits, last {:?}", m.visit_count, m.last_visit_at),
        ];
        (balances(store.conn(), self.member).unwrap(), profile)
    }
}

pub(crate) fn cash(yuan: i64) -> Tender {
    Tender::Cash {
        amount: Money::yuan(yuan),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_that_sold_and_edited_offline_agree_after_syncing_through_the_server() {
    let c = chain().await;
    assert_eq!(
        c.b1.store().member(c.member).unwrap().name,
        "王丽娜",
        "the chain's member reached the other store"
    );

    // Offline: every till sells and edits the same member.
    c.sell(&c.a1, vec![c.top_up_line(), c.facials(1)], &[cash(1268)]);
    c.sell(
        &c.a2,
        vec![CartLine::new(LineItem::PackagePurchase {
            plan_id: c.package_plan.clone(),
        })],
        &[Tender::WechatPay {
            amount: Money::yuan(2000),
            reference: "4200001234".into(),
        }],
    );
    c.sell(&c.b1, vec![c.top_up_line()], &[cash(1000)]);
    c.sell(
        &c.b1,
        vec![c.facials(1)],
        &[Tender::StoredValue {
            amount: Money::yuan(268),
        }],
    );
    c.edit(&c.a1, |m| m.notes = "喜欢安静".into());
    c.edit(&c.b1, |m| {
        m.region = "上海".into();
        m.allergies = "花粉".into();
    });
    // Later by the wall clock: edits made in the same millisecond on two tills
    // are ordered by their clocks' counters and device ids (still one winner
    // everywhere, but not necessarily the one typed second).
    std::thread::sleep(std::time::Duration::from_millis(3));
    c.edit(&c.a2, |m| m.allergies = "芒果".into());
    for t in c.tills() {
        assert!(
            t.store().pending_ops().unwrap() > 0,
            "{} has work to send",
            t.name
        );
    }

    c.sync_all().await;
    let (balances, profile) = c.view(&c.a1);
    for t in [&c.a2, &c.b1] {
        let (b, p) = c.view(t);
        assert_eq!(b, balances, "{} and a1 disagree on balances", t.name);
        assert_eq!(p, profile, "{} and a1 disagree on the profile", t.name);
    }
    assert_eq!(
        balances.stored_value,
        Money::yuan(1200 + 1200 - 268),
        "two top-ups with their bonus, one facial paid from stored value"
    );
    assert_eq!(balances.packages.len(), 1);
    assert!(balances.points > 0, "the facials earned points");
    assert_eq!(profile[3], "上海", "b1's edit of the region survives");
    assert_eq!(profile[5], "喜欢安静", "a1's note survives");
    assert_eq!(
        profile[4], "芒果",
        "the later edit of a field wins everywhere"
    );

    // No sale twice, and each store keeps its own sales.
    let sales = |t: &Device| t.count("SELECT count(*) FROM sales");
    assert_eq!((sales(&c.a1), sales(&c.a2), sales(&c.b1)), (2, 2, 2));
    for t in c.tills() {
        let s = t.status();
        assert!(
            s.online && s.pending_ops == 0 && s.last_error.is_none() && s.initial_sync.is_none(),
            "{}: {s:?}",
            t.name
        );
        assert!(t.store().last_sync_at().unwrap().is_some());
    }

    // Syncing again moves nothing and changes nothing.
    let before: Vec<_> = c.tills().iter().map(|t| c.view(t)).collect();
    for t in c.tills() {
        let r = t.sync().await;
        assert_eq!((r.pushed, r.applied), (0, 0), "{}: {r:?}", t.name);
    }
    let after: Vec<_> = c.tills().iter().map(|t| c.view(t)).collect();
    assert_eq!(before, after);
    assert_eq!(sales(&c.b1), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overdraft_made_offline_in_two_stores_becomes_a_conflict_both_stores_see() {
    let c = chain().await;
    c.sell(&c.a1, vec![c.top_up_line()], &[cash(1000)]);
    c.sync_all().await;
    assert_eq!(
        c.view(&c.b1).0.stored_value,
        Money::yuan(1200),
        "the top-up reached the other store"
    );

    // Offline, each store spends ¥1,000 of her ¥1,200: each is fine locally.
    for t in [&c.a1, &c.b1] {
        c.sell(
            t,
            vec![c.facials(4)],
            &[
                Tender::StoredValue {
                    amount: Money::yuan(1000),
                },
                cash(72),
            ],
        );
    }
    c.sync_all().await;

    let member = c.member.to_string();
    for t in c.tills() {
        let open = t.store().conflicts(true).unwrap();
        let overdrafts: Vec<_> = open.iter().filter(|x| x.kind == "overdraft").collect();
        assert_eq!(overdrafts.len(), 1, "{}: {open:?}", t.name);
        let o = overdrafts[0];
        assert_eq!(o.entity_ids, vec![member.clone()], "{}", t.name);
        let mut stores = o.store_ids.clone();
        stores.sort();
        let mut both = vec![c.a1.store_id.to_string(), c.b1.store_id.to_string()];
        both.sort();
        assert_eq!(stores, both, "{}: both stores took part", t.name);
        assert_eq!(o.detail["ledger"], "stored_value");
        assert_eq!(
            o.detail["balance"],
            Money::yuan(1200 - 2000).0,
            "{}: how far below zero",
            t.name
        );
        assert_eq!(
            t.status().conflicts_open,
            1,
            "{}'s indicator counts it",
            t.name
        );
        assert_eq!(
            c.view(t).0.stored_value,
            Money::yuan(-800),
            "{}: both spends are kept, never dropped",
            t.name
        );
    }

    // A manager of store B resolves it; store A hears of it.
    let id = c.b1.store().conflicts(true).unwrap()[0].id.clone();
    c.b1.store()
        .resolve_conflict(&c.manager, &id, "会员已补充值 ¥800")
        .unwrap();
    c.sync_all().await;
    for t in c.tills() {
        assert!(t.store().conflicts(true).unwrap().is_empty(), "{}", t.name);
        let all = t.store().conflicts(false).unwrap();
        let done = all.iter().find(|x| x.id == id).expect("kept, resolved");
        assert_eq!(
            done.resolution.as_deref(),
            Some("会员已补充值 ¥800"),
            "{}",
            t.name
        );
        assert_eq!(t.status().conflicts_open, 0);
    }
    drop(c.server);
}
