//! Five members with hand-chosen profiles and visits over half a year, for
//! the member list's filters and the RFM classes. The salon opens on
//! 2026-05-01; the test's "today" is 2026-11-23 (Shanghai, UTC+8).
//!
//! | who | tier | gender | born | region | skin | tags | consent | visits (spend) |
//! |---|---|---|---|---|---|---|---|---|
//! | 王丽娜 A | gold | female | 1990-03-15 | 朝阳 | sensitive | VIP | yes | 6, 11-18 to 11-23, 3 facials each (gold price) |
//! | 赵敏 B | standard | female | 2000-07-01 | 海淀 | dry | – | no | 1 on 11-17, refunded |
//! | 孙强 C | standard | male | 1980-03-01 | 朝阳 | – | – | yes | none |
//! | 周婷 D | silver | female | 1995-12-31 | 海淀 | oily | VIP, 学生 | yes | 1 on 08-01 (¥268) |
//! | 吴芳 E | standard | female | 1985-11-23 | 西城 | normal | – | no | 1 on 05-01 (¥268) |

use crate::checkout_fixture::{salon, Salon};
use chrono::{TimeZone, Utc};
use salondesk_core::checkout::{Cart, CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::ids::MemberId;
use salondesk_core::member::{Gender, MemberInput, SkinType};
use salondesk_core::segments::SegmentFilter;
use salondesk_core::Money;
use std::collections::BTreeSet;

pub struct Crowd {
    pub s: Salon,
    pub a: MemberId,
    pub b: MemberId,
    pub c: MemberId,
    pub d: MemberId,
    pub e: MemberId,
}

fn at(s: &Salon, y: i32, m: u32, d: u32) {
    // 10:00 in Shanghai.
    s.t.clock
        .set(Utc.with_ymd_and_hms(y, m, d, 2, 0, 0).unwrap());
}

#[allow(clippy::too_many_arguments)]
fn input(
    name: &str,
    phone: &str,
    gender: Gender,
    born: &str,
    region: &str,
    skin: Option<SkinType>,
    tags: &[&str],
    consent: bool,
) -> MemberInput {
    MemberInput {
        name: name.into(),
        phone: Some(phone.into()),
        gender: Some(gender),
        birthday: Some(born.into()),
        region: region.into(),
        skin_type: skin,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        consent_marketing: consent,
        ..MemberInput::default()
    }
}

impl Crowd {
    pub fn sell_to(&mut self, member: MemberId, line: LineItem, fen: i64) -> String {
        let cart = Cart {
            member_id: Some(member),
            lines: vec![CartLine::new(line)],
            ..Cart::default()
        };
        self.s
            .t
            .store
            .complete_sale(
                &self.s.cashier,
                &cart,
                &[Tender::Cash { amount: Money(fen) }],
            )
            .expect("a cash sale")
            .sale_id
    }

    fn facial(&self) -> LineItem {
        LineItem::Service {
            service_id: self.s.facial,
            qty: 1,
        }
    }

    /// The names of the members `f` picks, as the owner sees them.
    pub fn names(&self, f: &SegmentFilter) -> BTreeSet<String> {
        let ids = self.s.t.store.segment_member_ids(f).unwrap();
        let count = self.s.t.store.segment_count(&self.s.owner, f).unwrap();
        assert_eq!(count as usize, ids.len(), "the count is the list's length");
        ids.iter()
            .map(|id| self.s.t.store.member(*id).unwrap().name)
            .collect()
    }
}

pub fn crowd() -> Crowd {
    let mut s = salon();
    at(&s, 2026, 5, 1);
    let boss = s.owner.clone();
    let store = &mut s.t.store;
    let a = s.member;
    let mut edit = input(
        "王丽娜",
        "13812345678",
        Gender::Female,
        "1990-03-15",
        "朝阳",
        Some(SkinType::Sensitive),
        &["VIP"],
        true,
    );
    edit.phone = None;
    store.update_member(&boss, a, &edit).unwrap();
    let reg = |store: &mut salondesk_core::Store, i: MemberInput| {
        store.register_member(&boss, &i).unwrap().id
    };
    let b = reg(
        store,
        input(
            "赵敏",
            "13900000002",
            Gender::Female,
            "2000-07-01",
            "海淀",
            Some(SkinType::Dry),
            &[],
            false,
        ),
    );
    let c = reg(
        store,
        input(
            "孙强",
            "13900000003",
            Gender::Male,
            "1980-03-01",
            "朝阳",
            None,
            &[],
            true,
        ),
    );
    let d = reg(
        store,
        input(
            "周婷",
            "13900000004",
            Gender::Female,
            "1995-12-31",
            "海淀",
            Some(SkinType::Oily),
            &["VIP", "学生"],
            true,
        ),
    );
    let e = reg(
        store,
        input(
            "吴芳",
            "13900000005",
            Gender::Female,
            "1985-11-23",
            "西城",
            Some(SkinType::Normal),
            &[],
            false,
        ),
    );
    s.set_tier("gold");
    store_tier(&s, d, "silver");
    let mut w = Crowd { s, a, b, c, d, e };
    let facial = w.facial();
    w.sell_to(e, facial.clone(), 26_800);
    at(&w.s, 2026, 8, 1);
    w.sell_to(d, facial.clone(), 26_800);
    at(&w.s, 2026, 11, 17);
    let sold = w.sell_to(b, facial, 26_800);
    w.s.t
        .store
        .refund(
            &w.s.manager,
            None,
            &RefundRequest {
                original_sale_id: sold,
                line_ids: None,
                void: false,
            },
        )
        .expect("a manager refunds");
    for day in 18..=23 {
        at(&w.s, 2026, 11, day);
        let three = LineItem::Service {
            service_id: w.s.facial,
            qty: 3,
        };
        w.sell_to(a, three, 80_400);
    }
    w
}

fn store_tier(s: &Salon, id: MemberId, tier: &str) {
    s.t.store
        .conn()
        .execute(
            "UPDATE members SET tier = ?2 WHERE id = ?1",
            rusqlite::params![id, tier],
        )
        .unwrap();
}

pub fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| n.to_string()).collect()
}
