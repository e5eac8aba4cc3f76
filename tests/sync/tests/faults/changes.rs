//! What the tills do on the bad day: one random change at a time, of the
//! kinds a salon makes — registrations, profile edits, top-ups, sales paid
//! with stored value (which two stores can overdraw between them), refunds of
//! this till's own sales, bookings (which two tills of one store can
//! double-book between them) and cancellations.

use crate::support::boss;
use chrono::{Duration, DurationRound, Utc};
use rand::rngs::StdRng;
use rand::Rng;
use salondesk_core::appointments::{BookingInput, Client};
use salondesk_core::catalog::ServiceInput;
use salondesk_core::checkout::{Cart, CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::ids::{MemberId, ServiceId, StaffId};
use salondesk_core::member::MemberInput;
use salondesk_core::staff::{Permission, Role, Staff};
use salondesk_core::{Money, Store};

/// What the first till set up before joining, shared by all three once synced.
#[derive(Clone)]
pub struct Salon {
    pub owner: Staff,
    pub cashier: Staff,
    pub beautician: Staff,
    pub service: ServiceId,
    pub top_up: String,
}

pub const OWNER_PIN: &str = "135790";

pub fn set_up(s: &mut Store) -> Salon {
    let owner = s.create_owner("林美玲", OWNER_PIN).unwrap();
    let cashier = s.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
    let beautician = s.add_staff("王芳", Role::Beautician, "4444").unwrap();
    let service = s
        .add_service(&ServiceInput {
            category: "面部护理".into(),
            name: "补水护理".into(),
            duration_min: 60,
            price: Money::yuan(198),
            ..ServiceInput::default()
        })
        .unwrap()
        .id;
    let top_up = s
        .add_top_up_plan("充500送50", Money::yuan(500), Money::yuan(50))
        .unwrap()
        .id;
    for i in 0..30 {
        s.register_member(
            &boss(),
            &MemberInput {
                name: format!("会员{i:02}"),
                phone: Some(format!("1390000{i:04}")),
                ..MemberInput::default()
            },
        )
        .unwrap();
    }
    Salon {
        owner,
        cashier,
        beautician,
        service,
        top_up,
    }
}

/// How many changes of each kind a till made (the ones that went through).
#[derive(Debug, Default, Clone, Copy)]
pub struct Made {
    pub registrations: u32,
    pub edits: u32,
    pub top_ups: u32,
    pub sales: u32,
    pub refunds: u32,
    pub bookings: u32,
    pub cancellations: u32,
}

impl std::ops::AddAssign for Made {
    fn add_assign(&mut self, o: Made) {
        self.registrations += o.registrations;
        self.edits += o.edits;
        self.top_ups += o.top_ups;
        self.sales += o.sales;
        self.refunds += o.refunds;
        self.bookings += o.bookings;
        self.cancellations += o.cancellations;
    }
}

/// One random change on a till. A refund or booking the till itself refuses
/// (nothing left to refund, the slot taken here already) changes nothing.
pub fn one_change(
    s: &mut Store,
    salon: &Salon,
    approval: &(StaffId, &str),
    rng: &mut StdRng,
    n: usize,
    phone_prefix: u32,
    made: &mut Made,
) {
    let members: Vec<MemberId> = s
        .conn()
        .prepare("SELECT id FROM members WHERE archived_at IS NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let member = members[rng.gen_range(0..members.len())];
    match rng.gen_range(0..20) {
        0..=1 => {
            s.register_member(
                &boss(),
                &MemberInput {
                    name: format!("新客{phone_prefix}{n}"),
                    phone: Some(format!("13{phone_prefix}{n:07}")),
                    ..MemberInput::default()
                },
            )
            .unwrap();
            made.registrations += 1;
        }
        2..=5 => {
            let m = s.member(member).unwrap();
            let mut input = MemberInput::editing(&m);
            input.notes = format!("回访记录 {phone_prefix}-{n}");
            if rng.gen_bool(0.3) {
                input.allergies = format!("对{}过敏", ["酒精", "香精", "果酸"][n % 3]);
            }
            s.update_member(&boss(), member, &input).unwrap();
            made.edits += 1;
        }
        6..=8 => {
            let cart = Cart {
                member_id: Some(member),
                lines: vec![CartLine::new(LineItem::TopUp {
                    plan_id: salon.top_up.clone(),
                })],
                ..Cart::default()
            };
            s.complete_sale(&salon.cashier, &cart, &[cash(500)])
                .unwrap();
            made.top_ups += 1;
        }
        9..=13 => {
            let cart = Cart {
                member_id: Some(member),
                lines: vec![CartLine::new(LineItem::Service {
                    service_id: salon.service,
                    qty: 1,
                })
                .by(salon.beautician.id)],
                ..Cart::default()
            };
            let stored = salondesk_core::ledger::balances(s.conn(), member)
                .unwrap()
                .stored_value;
            let quote = s.quote(&cart).unwrap().total;
            let tender = if stored >= quote {
                Tender::StoredValue { amount: quote }
            } else {
                cash(200)
            };
            s.complete_sale(&salon.cashier, &cart, &[tender]).unwrap();
            made.sales += 1;
        }
        14..=15 => {
            if refund_one(s, salon, approval, rng) {
                made.refunds += 1;
            }
        }
        16 => {
            if cancel_one(s, salon, rng) {
                made.cancellations += 1;
            }
        }
        _ => {
            if book_one(s, salon, rng, member) {
                made.bookings += 1;
            }
        }
    }
}

/// Refunds one of the recent sales this till made itself (a sale is refunded
/// on the till that holds its shift; another till refunding the same line is
/// fault 6, tested on its own).
fn refund_one(s: &mut Store, salon: &Salon, approval: &(StaffId, &str), rng: &mut StdRng) -> bool {
    let me = s.device().id.0.to_string();
    let sales: Vec<String> = s
        .conn()
        .prepare(
            "SELECT s.id FROM sales s JOIN outbox o ON o.entity = 'sale' AND o.entity_id = s.id
             WHERE s.kind = 'sale' AND o.device_id = ?1
               AND NOT EXISTS (SELECT 1 FROM sales r WHERE r.original_sale_id = s.id)
             ORDER BY s.created_at DESC LIMIT 20",
        )
        .unwrap()
        .query_map([&me], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    if sales.is_empty() {
        return false;
    }
    let sale = &sales[rng.gen_range(0..sales.len())];
    let req = RefundRequest {
        original_sale_id: sale.clone(),
        line_ids: None,
        void: false,
    };
    // A top-up whose bonus was spent since cannot be refunded: nothing written.
    let approval = s
        .approve(approval.0, approval.1, Permission::Refund)
        .expect("the manager's PIN");
    s.refund(&salon.cashier, Some(&approval), &req).is_ok()
}

/// Books the beautician for the member in one of a few dozen half-hour
/// slots of the next days: the till refuses a slot it knows is taken; two
/// tills of one store can take the same one between syncs.
fn book_one(s: &mut Store, salon: &Salon, rng: &mut StdRng, member: MemberId) -> bool {
    let day = Utc::now().duration_trunc(Duration::days(1)).unwrap();
    let start = day
        + Duration::days(rng.gen_range(1..4))
        + Duration::hours(2)
        + Duration::minutes(30 * rng.gen_range(0..16));
    let input = BookingInput {
        client: Client::Member(member),
        service_id: salon.service,
        staff_id: salon.beautician.id,
        room_id: None,
        start,
        end: None,
        notes: String::new(),
        allow_outside_hours: true,
    };
    s.book_appointment(&salon.cashier, &input).is_ok()
}

/// Cancels one of the store's booked appointments (freeing its slot; a
/// cancellation on one till and a move on another merge field by field).
fn cancel_one(s: &mut Store, salon: &Salon, rng: &mut StdRng) -> bool {
    let booked: Vec<String> = s
        .conn()
        .prepare("SELECT id FROM appointments WHERE status = 'booked' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    if booked.is_empty() {
        return false;
    }
    let id = &booked[rng.gen_range(0..booked.len())];
    s.cancel_appointment(&salon.cashier, id, "客户改期").is_ok()
}

fn cash(yuan: i64) -> Tender {
    Tender::Cash {
        amount: Money::yuan(yuan),
    }
}
