//! The back office's top-up plans, package plans and coupons: who may edit
//! them, every field error on its field, ending instead of deleting, how often
//! each was used, and a checkout that holds to what a coupon now says.

use crate::checkout_fixture::{salon, Salon};
use salondesk_core::checkout::{
    coupon_reason, Cart, CartLine, Coupon, CouponKind, LineItem, PackagePlanInput, Tender,
    TopUpPlanInput,
};
use salondesk_core::member::Tier;
use salondesk_core::{CoreError, Money};

fn field<T: std::fmt::Debug>(r: salondesk_core::Result<T>) -> &'static str {
    r.expect_err("refused").field().expect("names its field")
}

fn coupon(s: &Salon) -> Coupon {
    let today = s.t.store.now().date_naive();
    Coupon {
        code: "gold20".into(),
        kind: CouponKind::Percent,
        value: 2000,
        min_spend: Money::yuan(100),
        valid_from: today,
        valid_to: today + chrono::Duration::days(30),
        max_uses: Some(3),
        per_member: Some(1),
        tiers: vec![Tier::Gold],
        ..Coupon::default()
    }
}

/// Rings up the facial for the fixture's member with `code`.
fn facial_with(
    s: &mut Salon,
    code: &str,
) -> salondesk_core::Result<salondesk_core::checkout::SaleOutcome> {
    let cart = Cart {
        member_id: Some(s.member),
        lines: vec![CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })],
        coupon: Some(code.into()),
        ..Cart::default()
    };
    let total = s.t.store.quote(&cart)?.total;
    let cashier = s.cashier.clone();
    s.t.store
        .complete_sale(&cashier, &cart, &[Tender::Cash { amount: total }])
}

fn refusal<T: std::fmt::Debug>(r: salondesk_core::Result<T>) -> &'static str {
    match r {
        Err(CoreError::CouponRefused { reason, .. }) => reason,
        other => panic!("expected the coupon refused, got {other:?}"),
    }
}

#[test]
fn only_a_role_with_edit_catalog_makes_plans_and_coupons() {
    let mut s = salon();
    let (cashier, owner) = (s.cashier.clone(), s.owner.clone());
    let c = coupon(&s);
    let st = &mut s.t.store;
    let top_up = TopUpPlanInput {
        name: "充2000送500".into(),
        pay: Money::yuan(2000),
        bonus: Money::yuan(500),
    };
    assert!(matches!(
        st.create_top_up_plan(&cashier, &top_up),
        Err(CoreError::Forbidden(_))
    ));
    assert!(matches!(
        st.create_coupon(&cashier, &c),
        Err(CoreError::Forbidden(_))
    ));
    let made = st.create_coupon(&owner, &c).unwrap();
    assert_eq!(made.code, "GOLD20", "codes are kept upper-case");
    assert_eq!(made.tiers, vec![Tier::Gold]);
    let e = st.create_coupon(&owner, &c).expect_err("the code is taken");
    assert_eq!(e.field(), Some("code"));
}

#[test]
fn bad_plan_and_coupon_input_is_refused_on_its_field() {
    let mut s = salon();
    let owner = s.owner.clone();
    let facial = s.facial;
    let base = coupon(&s);
    let st = &mut s.t.store;
    let top_up = TopUpPlanInput {
        name: "充1000".into(),
        pay: Money::yuan(1000),
        bonus: Money::ZERO,
    };
    assert_eq!(
        field(st.create_top_up_plan(
            &owner,
            &TopUpPlanInput {
                name: "".into(),
                ..top_up.clone()
            }
        )),
        "name"
    );
    assert_eq!(
        field(st.create_top_up_plan(
            &owner,
            &TopUpPlanInput {
                pay: Money::ZERO,
                ..top_up.clone()
            }
        )),
        "pay"
    );
    assert_eq!(
        field(st.create_top_up_plan(
            &owner,
            &TopUpPlanInput {
                bonus: Money(-1),
                ..top_up
            }
        )),
        "bonus"
    );
    let pkg = PackagePlanInput {
        service_id: facial,
        name: "深层清洁5次卡".into(),
        sessions: 5,
        price: Money::yuan(1200),
        valid_days: 180,
    };
    assert_eq!(
        field(st.create_package_plan(
            &owner,
            &PackagePlanInput {
                sessions: 0,
                ..pkg.clone()
            }
        )),
        "sessions",
        "a package of 0 sessions"
    );
    assert_eq!(
        field(st.create_package_plan(
            &owner,
            &PackagePlanInput {
                price: Money(-5),
                ..pkg.clone()
            }
        )),
        "price"
    );
    assert_eq!(
        field(st.create_package_plan(
            &owner,
            &PackagePlanInput {
                valid_days: 0,
                ..pkg.clone()
            }
        )),
        "validDays"
    );
    assert_eq!(
        field(st.create_package_plan(
            &owner,
            &PackagePlanInput {
                name: " ".into(),
                ..pkg
            }
        )),
        "name"
    );
    let cases = [
        (
            Coupon {
                valid_to: base.valid_from - chrono::Duration::days(1),
                ..base.clone()
            },
            "validTo",
        ),
        (
            Coupon {
                value: 10_001,
                ..base.clone()
            },
            "value",
        ),
        (
            Coupon {
                kind: CouponKind::Fixed,
                value: 0,
                ..base.clone()
            },
            "value",
        ),
        (
            Coupon {
                min_spend: Money(-1),
                ..base.clone()
            },
            "minSpend",
        ),
        (
            Coupon {
                code: "x".into(),
                ..base.clone()
            },
            "code",
        ),
        (
            Coupon {
                max_uses: Some(0),
                ..base.clone()
            },
            "maxUses",
        ),
        (
            Coupon {
                per_member: Some(0),
                ..base
            },
            "perMember",
        ),
    ];
    for (c, want) in cases {
        assert_eq!(field(st.create_coupon(&owner, &c)), want, "{c:?}");
    }
}

#[test]
fn ended_plans_leave_the_grid_keep_their_sales_and_show_how_often_they_sold() {
    let mut s = salon();
    s.top_up();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    let id = s.top_up.clone();
    let edited = st
        .edit_top_up_plan(
            &owner,
            &id,
            &TopUpPlanInput {
                name: "充1000送300".into(),
                pay: Money::yuan(1000),
                bonus: Money::yuan(300),
            },
        )
        .unwrap();
    assert_eq!(edited.bonus, Money::yuan(300));
    st.set_top_up_plan_active(&owner, &id, false).unwrap();
    assert!(
        st.top_up_plans().unwrap().is_empty(),
        "an ended plan is not sold"
    );
    let all = st.top_up_plans_with_use().unwrap();
    assert_eq!(
        (all.len(), all[0].used, all[0].item.active),
        (1, 1, false),
        "kept, with its one sale"
    );
    let pkg = st.package_plans_with_use().unwrap();
    assert_eq!(pkg[0].used, 0, "the package plan was never sold");
    st.set_package_plan_active(&owner, &s.package_plan, false)
        .unwrap();
    assert!(st.package_plans().unwrap().is_empty());
    let edited = st
        .edit_package_plan(
            &owner,
            &s.package_plan,
            &PackagePlanInput {
                service_id: s.facial,
                name: "深层清洁10次卡".into(),
                sessions: 10,
                price: Money::yuan(2200),
                valid_days: 365,
            },
        )
        .unwrap();
    assert!(!edited.active, "editing does not bring an ended plan back");
    assert_eq!(
        st.price_history(&s.package_plan).unwrap().len(),
        1,
        "its price change is kept"
    );
}

#[test]
fn checkout_holds_to_a_coupons_tiers_and_uses_per_member() {
    let mut s = salon();
    let owner = s.owner.clone();
    let c = coupon(&s);
    s.t.store.create_coupon(&owner, &c).unwrap();
    s.set_tier("silver");
    assert_eq!(
        refusal(facial_with(&mut s, "GOLD20")),
        coupon_reason::TIER_NOT_ALLOWED
    );
    s.set_tier("gold");
    let sale = facial_with(&mut s, "gold20").expect("a gold member, first use");
    assert_eq!(
        sale.total,
        Money(19_296),
        "gold's 10% off ¥268 is ¥241.20, then the coupon's 20% off that"
    );
    assert_eq!(
        refusal(facial_with(&mut s, "GOLD20")),
        coupon_reason::USED_UP_BY_MEMBER
    );
    let used = s.t.store.coupons_with_use().unwrap();
    assert_eq!(used[0].used, 1, "the coupon shows its one use");
}

#[test]
fn an_ended_or_edited_coupon_is_applied_as_it_now_reads() {
    let mut s = salon();
    let owner = s.owner.clone();
    let c = Coupon {
        tiers: vec![],
        per_member: None,
        ..coupon(&s)
    };
    s.t.store.create_coupon(&owner, &c).unwrap();
    s.t.store
        .set_coupon_active(&owner, "GOLD20", false)
        .unwrap();
    assert_eq!(refusal(facial_with(&mut s, "GOLD20")), coupon_reason::ENDED);
    s.t.store.set_coupon_active(&owner, "GOLD20", true).unwrap();
    let later = Coupon {
        min_spend: Money::yuan(500),
        ..c.clone()
    };
    s.t.store.edit_coupon(&owner, &later).unwrap();
    assert_eq!(
        refusal(facial_with(&mut s, "GOLD20")),
        coupon_reason::MIN_SPEND,
        "the new minimum applies"
    );
    let starts_later = Coupon {
        valid_from: c.valid_from + chrono::Duration::days(2),
        ..c.clone()
    };
    s.t.store.edit_coupon(&owner, &starts_later).unwrap();
    assert_eq!(
        refusal(facial_with(&mut s, "GOLD20")),
        coupon_reason::NOT_YET_VALID
    );
    assert_eq!(
        refusal(facial_with(&mut s, "NOSUCH")),
        coupon_reason::UNKNOWN
    );
}
