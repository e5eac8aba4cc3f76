//! A small salon ready to sell: staff, a service, a product, a top-up plan, a
//! package plan, an open shift and a member.

use crate::support::{boss, member, store, TestStore};
use salondesk_core::catalog::{ProductInput, ServiceInput};
use salondesk_core::checkout::{Cart, CartLine, LineItem, SaleOutcome, Tender};
use salondesk_core::ids::{MemberId, ProductId, ServiceId};
use salondesk_core::staff::{Role, Staff};
use salondesk_core::Money;

pub struct Salon {
    pub t: TestStore,
    pub owner: Staff,
    pub manager: Staff,
    pub cashier: Staff,
    pub beautician: Staff,
    pub beautician2: Staff,
    pub facial: ServiceId,
    pub serum: ProductId,
    pub top_up: String,
    pub package_plan: String,
    pub member: MemberId,
}

pub fn salon() -> Salon {
    let mut t = store();
    let s = &mut t.store;
    let owner = s.create_owner("林美玲", "135790").unwrap();
    let manager = s.add_staff("周店长", Role::Manager, "246802").unwrap();
    let cashier = s.add_staff("陈晓雨", Role::Cashier, "3333").unwrap();
    let beautician = s.add_staff("王芳", Role::Beautician, "4444").unwrap();
    let beautician2 = s.add_staff("李静", Role::Beautician, "4444").unwrap();
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
    let serum = s
        .add_product(&ProductInput {
            sku: "SK-001".into(),
            barcode: Some("6901234500017".into()),
            name: "玻尿酸精华".into(),
            price: Money::yuan(368),
            cost: Money::yuan(150),
            opening_stock: 10,
            ..ProductInput::default()
        })
        .unwrap()
        .id;
    let top_up = s
        .add_top_up_plan("充1000送200", Money::yuan(1000), Money::yuan(200))
        .unwrap()
        .id;
    let package_plan = s
        .add_package_plan(facial, "深层清洁10次卡", 10, Money::yuan(2000), 365)
        .unwrap()
        .id;
    let member = s
        .register_member(&boss(), &member("王丽娜", "13812345678"))
        .unwrap()
        .id;
    s.open_shift(&cashier, Money::yuan(500)).unwrap();
    Salon {
        t,
        owner,
        manager,
        cashier,
        beautician,
        beautician2,
        facial,
        serum,
        top_up,
        package_plan,
        member,
    }
}

impl Salon {
    pub fn sell(
        &mut self,
        lines: Vec<CartLine>,
        tenders: &[Tender],
    ) -> salondesk_core::Result<SaleOutcome> {
        let cart = Cart {
            member_id: Some(self.member),
            lines,
            ..Cart::default()
        };
        self.t.store.complete_sale(&self.cashier, &cart, tenders)
    }

    pub fn top_up(&mut self) -> SaleOutcome {
        self.sell(
            vec![CartLine::new(LineItem::TopUp {
                plan_id: self.top_up.clone(),
            })],
            &[Tender::Cash {
                amount: Money::yuan(1000),
            }],
        )
        .expect("a top-up paid in cash")
    }

    pub fn set_tier(&self, tier: &str) {
        self.t
            .store
            .conn()
            .execute(
                "UPDATE members SET tier = ?2 WHERE id = ?1",
                rusqlite::params![self.member, tier],
            )
            .unwrap();
    }

    pub fn balances(&self) -> salondesk_core::ledger::Balances {
        salondesk_core::ledger::balances(self.t.store.conn(), self.member).unwrap()
    }

    /// The manager's approval of a refund.
    pub fn approval(&mut self) -> salondesk_core::checkout::Approval {
        self.approval_for(salondesk_core::staff::Permission::Refund)
    }

    /// The manager's approval of one action `p`.
    pub fn approval_for(
        &mut self,
        p: salondesk_core::staff::Permission,
    ) -> salondesk_core::checkout::Approval {
        self.t
            .store
            .approve(self.manager.id, "246802", p)
            .expect("the manager's PIN")
    }
}
