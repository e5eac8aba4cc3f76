//! A small salon's members over 2026, for the members report. The test's
//! report is November 2026 (Shanghai, UTC+8); every sale is at 10:00.
//!
//! | who | joined | tier | visits | lapse (days) |
//! |---|---|---|---|---|
//! | 王丽娜 (the salon's) | 11-23 | standard | none | 90 |
//! | A 陈静 | 08-05 | standard | 08-05 facial cash; 11-02 top-up ¥1000+200; 11-10 facial by stored value | 90 |
//! | B 刘洋 | 11-03 | standard | 11-03 top-up ¥1000+200, then 4 facials (¥1072) by stored value | 90 |
//! | C 张敏 | 07-01 | standard | 08-10 facial cash | 90: lapses 11-08 |
//! | D 杨柳 | 11-05 | standard | none | 90 |
//! | E 黄蕾 | 09-15 | gold from 11-12 | 09-15 facial cash | 60: lapses 11-14 |
//!
//! The nightly RFM job runs on 10-31 and on 11-23 (two monthly snapshots).

use crate::checkout_fixture::{salon, Salon};
use crate::support::{boss, member};
use chrono::{NaiveDate, TimeZone, Utc};
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::ids::MemberId;
use salondesk_core::member::Tier;
use salondesk_core::reports::{Granularity, ReportQuery};
use salondesk_core::Money;

pub struct Book {
    pub s: Salon,
}

pub fn on(s: &Salon, m: u32, d: u32) {
    s.t.clock
        .set(Utc.with_ymd_and_hms(2026, m, d, 2, 0, 0).unwrap());
}

pub fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

pub fn query(from: NaiveDate, to: NaiveDate) -> ReportQuery {
    ReportQuery {
        from,
        to,
        store_id: None,
        chain: false,
        granularity: Granularity::Day,
    }
}

pub fn november() -> ReportQuery {
    query(date(11, 1), date(11, 30))
}

fn join(s: &mut Salon, name: &str, phone: &str) -> MemberId {
    s.t.store
        .register_member(&boss(), &member(name, phone))
        .unwrap()
        .id
}

pub fn sell(s: &mut Salon, who: MemberId, lines: Vec<LineItem>, tenders: &[Tender]) {
    let cart = Cart {
        member_id: Some(who),
        lines: lines.into_iter().map(CartLine::new).collect(),
        ..Cart::default()
    };
    let cashier = s.cashier.clone();
    s.t.store
        .complete_sale(&cashier, &cart, tenders)
        .expect("a sale");
}

pub fn facials(s: &Salon, qty: i64) -> LineItem {
    LineItem::Service {
        service_id: s.facial,
        qty,
    }
}

fn cash(fen: i64) -> Tender {
    Tender::Cash { amount: Money(fen) }
}

fn top_up(s: &mut Salon, who: MemberId) {
    let plan = s.top_up.clone();
    sell(
        s,
        who,
        vec![LineItem::TopUp { plan_id: plan }],
        &[cash(100_000)],
    );
}

pub fn book() -> Book {
    let mut s = salon();
    on(&s, 7, 1);
    let c = join(&mut s, "张敏", "13900000003");
    on(&s, 8, 5);
    let a = join(&mut s, "陈静", "13900000001");
    let f = facials(&s, 1);
    sell(&mut s, a, vec![f.clone()], &[cash(26_800)]);
    on(&s, 8, 10);
    sell(&mut s, c, vec![f.clone()], &[cash(26_800)]);
    on(&s, 9, 15);
    let e = join(&mut s, "黄蕾", "13900000005");
    sell(&mut s, e, vec![f.clone()], &[cash(26_800)]);
    on(&s, 10, 31);
    s.t.store.run_segments_nightly(date(10, 31)).unwrap();
    on(&s, 11, 2);
    top_up(&mut s, a);
    on(&s, 11, 3);
    let b = join(&mut s, "刘洋", "13900000002");
    top_up(&mut s, b);
    let four = facials(&s, 4);
    sell(
        &mut s,
        b,
        vec![four],
        &[Tender::StoredValue {
            amount: Money(107_200),
        }],
    );
    on(&s, 11, 5);
    join(&mut s, "杨柳", "13900000004");
    on(&s, 11, 10);
    sell(
        &mut s,
        a,
        vec![f],
        &[Tender::StoredValue {
            amount: Money(26_800),
        }],
    );
    on(&s, 11, 12);
    let owner = s.owner.clone();
    s.t.store
        .set_member_tier(&owner, e, Tier::Gold, "a gold card")
        .unwrap();
    on(&s, 11, 23);
    s.t.store.run_segments_nightly(date(11, 23)).unwrap();
    Book { s }
}
