//! The back office's staff: adding, editing, deactivating and reactivating,
//! PIN resets, the rules of who may change whom, and each staff member's own
//! commission rates at checkout.

use crate::checkout_fixture::{salon, Salon};
use salondesk_core::checkout::{CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::ids::StaffId;
use salondesk_core::staff::{CommissionRates, Role, Staff, StaffDraft};
use salondesk_core::Money;

fn draft(name: &str, role: Role) -> StaffDraft {
    StaffDraft {
        name: name.into(),
        role,
        color: None,
        rates: CommissionRates::default(),
    }
}

fn code<T: std::fmt::Debug>(r: salondesk_core::Result<T>) -> (String, Option<String>) {
    match r.expect_err("refused") {
        salondesk_core::CoreError::StaffRefused { reason, .. } => {
            ("staff_refused".into(), Some(reason.into()))
        }
        e => (e.code().into(), e.field().map(str::to_owned)),
    }
}

fn refused(reason: &str) -> (String, Option<String>) {
    ("staff_refused".into(), Some(reason.into()))
}

fn forbidden() -> (String, Option<String>) {
    ("forbidden".into(), None)
}

fn audited(s: &Salon) -> Vec<String> {
    s.t.store
        .conn()
        .prepare("SELECT action FROM audit_log ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn commission_of(s: &Salon, staff: StaffId) -> i64 {
    s.t.store
        .conn()
        .query_row(
            "SELECT coalesce(sum(amount), 0) FROM commission_ledger WHERE staff_id = ?1",
            [staff],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_owner_adds_staff_with_a_colour_and_rates_and_the_list_keeps_those_who_left() {
    let mut s = salon();
    let owner = s.owner.clone();
    let mut d = draft("赵雅", Role::Beautician);
    d.color = Some("teal".into());
    d.rates = CommissionRates {
        service_bp: Some(2000),
        product_bp: Some(800),
        overrides: [(s.facial, 3500)].into(),
    };
    let zhao = s.t.store.add_staff_member(&owner, &d, "5678").unwrap();
    assert_eq!(zhao.color.as_deref(), Some("teal"));
    assert_eq!(zhao.rates, d.rates, "her rates are kept as set");
    assert!(zhao.active && !zhao.pin_must_change);
    s.t.store
        .login(zhao.id, "5678")
        .expect("she logs in with the PIN she was given");

    s.t.store
        .set_staff_active(&owner, zhao.id, false)
        .expect("the owner deactivates her");
    let list = s.t.store.staff_records(&owner).unwrap();
    let last = list.last().unwrap();
    assert_eq!(
        (last.id, last.active),
        (zhao.id, false),
        "inactive staff stay on the list, after the active ones"
    );
    assert!(
        !s.t.store
            .login_staff()
            .unwrap()
            .iter()
            .any(|x| x.id == zhao.id),
        "nor on the login screen"
    );
    assert_eq!(
        s.t.store.login(zhao.id, "5678").unwrap_err().code(),
        "not_found",
        "a deactivated staff member cannot log in"
    );
    s.t.store.set_staff_active(&owner, zhao.id, true).unwrap();
    s.t.store
        .login(zhao.id, "5678")
        .expect("reactivated, she logs in again with her PIN");
    assert_eq!(
        audited(&s)[..],
        ["staff_added", "staff_deactivated", "staff_reactivated"],
        "each change is in the audit log"
    );
}

#[test]
fn a_deactivated_beautician_keeps_her_name_on_the_sales_she_served() {
    let mut s = salon();
    let (owner, wang) = (s.owner.clone(), s.beautician.clone());
    let sale = s
        .sell(
            vec![CartLine::new(LineItem::Service {
                service_id: s.facial,
                qty: 1,
            })
            .by(wang.id)],
            &[Tender::Cash {
                amount: Money::yuan(268),
            }],
        )
        .unwrap();
    s.t.store.set_staff_active(&owner, wang.id, false).unwrap();
    let read = s.t.store.sale(&sale.sale_id).unwrap();
    assert_eq!(
        read.lines[0].staff,
        vec!["王芳".to_string()],
        "the sale still names who served it"
    );
}

#[test]
fn a_manager_manages_cashiers_and_beauticians_but_never_an_owner_nor_makes_a_manager() {
    let mut s = salon();
    let (owner, manager, cashier) = (s.owner.clone(), s.manager.clone(), s.cashier.clone());
    let st = &mut s.t.store;
    assert_eq!(
        code(st.add_staff_member(&manager, &draft("新店长", Role::Manager), "123456")),
        forbidden(),
        "a manager does not make another manager"
    );
    assert_eq!(
        code(st.edit_staff(&manager, cashier.id, &draft("陈晓雨", Role::Owner))),
        forbidden(),
        "nor an owner"
    );
    assert_eq!(
        code(st.edit_staff(&manager, owner.id, &draft("林总", Role::Owner))),
        forbidden(),
        "she cannot rename the owner"
    );
    assert_eq!(
        code(st.set_staff_active(&manager, owner.id, false)),
        forbidden()
    );
    assert_eq!(code(st.reset_staff_pin(&manager, owner.id)), forbidden());
    let b = st
        .add_staff_member(&manager, &draft("孙丽", Role::Cashier), "2468")
        .expect("she adds a cashier");
    st.edit_staff(&manager, b.id, &draft("孙丽", Role::Beautician))
        .expect("and makes her a beautician");
    st.reset_staff_pin(&manager, b.id)
        .expect("and resets her PIN");
    st.set_staff_active(&manager, b.id, false)
        .expect("and deactivates her");
    assert_eq!(
        code(st.staff_records(&cashier)),
        forbidden(),
        "a cashier does not manage staff"
    );
    assert_eq!(
        code(st.add_staff_member(&s.beautician, &draft("x", Role::Cashier), "1234")),
        forbidden(),
        "nor does a beautician"
    );
}

#[test]
fn the_last_active_owner_can_be_neither_deactivated_nor_demoted() {
    let mut s = salon();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    assert_eq!(
        code(st.set_staff_active(&owner, owner.id, false)),
        refused("last_owner")
    );
    assert_eq!(
        code(st.edit_staff(&owner, owner.id, &draft("林美玲", Role::Manager))),
        refused("last_owner")
    );
    let partner = st
        .add_staff_member(&owner, &draft("林二", Role::Owner), "864200")
        .unwrap();
    assert_eq!(
        code(st.set_staff_active(&owner, owner.id, false)),
        refused("own_record"),
        "with a second owner she still cannot deactivate herself"
    );
    let partner: Staff = st.login(partner.id, "864200").unwrap();
    st.set_staff_active(&partner, owner.id, false)
        .expect("the other owner may");
    assert_eq!(
        code(st.edit_staff(&partner, partner.id, &draft("林二", Role::Manager))),
        refused("last_owner"),
        "and now she is the last one"
    );
}

#[test]
fn nobody_resets_her_own_pin_changes_her_own_role_or_sets_her_own_commission() {
    let mut s = salon();
    let (owner, manager) = (s.owner.clone(), s.manager.clone());
    let st = &mut s.t.store;
    assert_eq!(
        code(st.reset_staff_pin(&manager, manager.id)),
        forbidden(),
        "a manager's own record is a manager's: the owner's to change"
    );
    assert_eq!(
        code(st.reset_staff_pin(&owner, owner.id)),
        refused("own_record")
    );
    let mut me = draft("周店长", Role::Manager);
    me.rates.service_bp = Some(5000);
    st.edit_staff(&owner, manager.id, &me)
        .expect("the owner sets the manager's rates");
    assert_eq!(
        st.staff_record(manager.id).unwrap().rates.service_bp,
        Some(5000)
    );
}

#[test]
fn a_session_kept_open_after_deactivation_manages_no_one() {
    let mut s = salon();
    let (owner, manager, cashier) = (s.owner.clone(), s.manager.clone(), s.cashier.clone());
    let st = &mut s.t.store;
    st.set_staff_active(&owner, manager.id, false).unwrap();
    assert_eq!(
        code(st.reset_staff_pin(&manager, cashier.id)),
        forbidden(),
        "she acts as she is now, not as she was at login"
    );
}

#[test]
fn a_name_another_active_staff_member_has_is_refused_on_the_name_field() {
    let mut s = salon();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    let e = st
        .add_staff_member(&owner, &draft(" 王芳 ", Role::Cashier), "1234")
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("staff_refused", Some("name")),
        "the form shows it on the name"
    );
    st.set_staff_active(&owner, s.beautician.id, false).unwrap();
    let second = st
        .add_staff_member(&owner, &draft("王芳", Role::Cashier), "1234")
        .expect("a name of someone who left is free again");
    assert_eq!(
        code(st.set_staff_active(&owner, s.beautician.id, true)),
        refused("duplicate_name"),
        "but then the one who left cannot come back under the same name"
    );
    let mut renamed = draft("王芳B", Role::Cashier);
    renamed.color = Some("rose".into());
    st.edit_staff(&owner, second.id, &renamed).unwrap();
    st.set_staff_active(&owner, s.beautician.id, true)
        .expect("once the newcomer is renamed");
}

#[test]
fn a_colour_off_the_palette_a_rate_over_100_percent_and_a_short_pin_are_refused_on_their_fields() {
    let mut s = salon();
    let owner = s.owner.clone();
    let st = &mut s.t.store;
    let mut d = draft("赵雅", Role::Beautician);
    d.color = Some("#ff0000".into());
    assert_eq!(
        code(st.add_staff_member(&owner, &d, "1234")),
        ("validation".into(), Some("color".into()))
    );
    d.color = None;
    d.rates.product_bp = Some(10_001);
    assert_eq!(
        code(st.add_staff_member(&owner, &d, "1234")),
        ("validation".into(), Some("commissionProductBp".into()))
    );
    d.rates.product_bp = None;
    d.rates.overrides = [(salondesk_core::ids::ServiceId(uuid::Uuid::now_v7()), 100)].into();
    assert_eq!(
        code(st.add_staff_member(&owner, &d, "1234")),
        ("validation".into(), Some("commissionOverrides".into())),
        "a rate for a service the catalog does not hold"
    );
    assert_eq!(
        code(st.add_staff_member(&owner, &draft("新店长", Role::Manager), "1234")),
        ("pin_too_short".into(), Some("pin".into())),
        "a manager's PIN has at least 6 digits"
    );
    assert!(
        st.staff_records(&owner)
            .unwrap()
            .iter()
            .all(|x| x.name != "赵雅" && x.name != "新店长"),
        "nothing refused was added"
    );
}

#[test]
fn a_reset_pin_lets_her_in_only_to_set_her_own_and_ends_a_lock_out() {
    let mut s = salon();
    let (manager, cashier) = (s.manager.clone(), s.cashier.clone());
    let st = &mut s.t.store;
    for _ in 0..5 {
        let _ = st.login(cashier.id, "0000");
    }
    assert_eq!(
        st.login(cashier.id, "3333").unwrap_err().code(),
        "locked_out"
    );
    let temporary = st.reset_staff_pin(&manager, cashier.id).unwrap();
    assert_eq!(temporary.len(), 6, "six digits suit any role");
    assert!(st.staff_record(cashier.id).unwrap().pin_must_change);
    assert_eq!(
        st.login(cashier.id, "3333").unwrap_err().code(),
        "wrong_pin",
        "the lock-out is over, and her old PIN no longer works"
    );
    match st.login(cashier.id, &temporary).unwrap_err() {
        salondesk_core::CoreError::PinChangeRequired { min_digits, reset } => {
            assert!(reset, "the login screen says her PIN was reset");
            assert_eq!(min_digits, 4, "a cashier's own PIN may have 4 digits");
        }
        e => panic!("the temporary PIN must lead to a new PIN, not {e:?}"),
    }
    assert_eq!(
        code(st.change_pin(cashier.id, &temporary, &temporary)),
        ("validation".into(), Some("pin".into())),
        "the manager saw the temporary PIN: she chooses another"
    );
    st.change_pin(cashier.id, &temporary, "9753")
        .expect("she sets her own");
    assert!(!st.staff_record(cashier.id).unwrap().pin_must_change);
    st.login(cashier.id, "9753")
        .expect("and logs in with it from now on");
    assert_eq!(
        st.login(cashier.id, &temporary).unwrap_err().code(),
        "wrong_pin",
        "the temporary PIN is gone"
    );
    assert!(audited(&s).contains(&"staff_pin_reset".to_string()));
}

#[test]
fn a_sale_credited_to_two_beauticians_with_different_rates_books_each_her_own_and_a_refund_takes_it_back(
) {
    let mut s = salon();
    let (owner, wang, li) = (s.owner.clone(), s.beautician.clone(), s.beautician2.clone());
    // 王芳 earns 30% on the facial (her rate for it); 李静 her 15% on any
    // service; the facial's own rate is 10%. The serum: 王芳 has no product
    // rate (the serum's own 5%), 李静 8%.
    let mut d = draft("王芳", Role::Beautician);
    d.rates.overrides = [(s.facial, 3000)].into();
    d.rates.service_bp = Some(2000);
    s.t.store.edit_staff(&owner, wang.id, &d).unwrap();
    let mut d = draft("李静", Role::Beautician);
    d.rates.service_bp = Some(1500);
    d.rates.product_bp = Some(800);
    s.t.store.edit_staff(&owner, li.id, &d).unwrap();
    let shared = vec![(wang.id, 6000), (li.id, 4000)];
    let mut facial = CartLine::new(LineItem::Service {
        service_id: s.facial,
        qty: 1,
    });
    facial.staff = shared.clone();
    let mut serum = CartLine::new(LineItem::Product {
        product_id: s.serum,
        qty: 1,
    });
    serum.staff = shared;
    let sale = s
        .sell(
            vec![facial, serum],
            &[Tender::Cash {
                amount: Money::yuan(268 + 368),
            }],
        )
        .unwrap();
    // Facial ¥268: 王芳 60% × 30% = 48.24, 李静 40% × 15% = 16.08.
    // Serum ¥368: 王芳 60% × 5% = 11.04, 李静 40% × 8% = 11.776 → the line's
    // 22.816 is 22.81 to the fen, split by share × rate: 11.04 and 11.77.
    assert_eq!(commission_of(&s, wang.id), 4824 + 1104);
    assert_eq!(commission_of(&s, li.id), 1608 + 1177);
    let booked = (commission_of(&s, wang.id), commission_of(&s, li.id));

    // Her rates change afterwards: the refund still takes back what was booked.
    let mut d = draft("王芳", Role::Beautician);
    d.rates.service_bp = Some(0);
    s.t.store.edit_staff(&owner, wang.id, &d).unwrap();
    let approval = s.approval();
    let cashier = s.cashier.clone();
    s.t.store
        .refund(
            &cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: sale.sale_id,
                line_ids: None,
                void: false,
            },
        )
        .unwrap();
    assert_eq!(
        (commission_of(&s, wang.id), commission_of(&s, li.id)),
        (0, 0),
        "exactly {booked:?} came back off, whatever the rates are now"
    );
}

#[test]
fn a_package_session_pays_her_rate_for_the_service_and_staff_without_rates_earn_the_items() {
    let mut s = salon();
    let (owner, wang, li) = (s.owner.clone(), s.beautician.clone(), s.beautician2.clone());
    let mut d = draft("王芳", Role::Beautician);
    d.rates.overrides = [(s.facial, 2500)].into();
    s.t.store.edit_staff(&owner, wang.id, &d).unwrap();
    s.sell(
        vec![CartLine::new(LineItem::PackagePurchase {
            plan_id: s.package_plan.clone(),
        })
        .by(li.id)],
        &[Tender::Cash {
            amount: Money::yuan(2000),
        }],
    )
    .unwrap();
    assert_eq!(
        commission_of(&s, li.id),
        20_000,
        "李静 has no rates: the facial's 10% of the ¥2000 package"
    );
    let package: String =
        s.t.store
            .conn()
            .query_row("SELECT id FROM packages", [], |r| r.get(0))
            .unwrap();
    s.sell(
        vec![CartLine::new(LineItem::PackageRedemption {
            package_id: package,
        })
        .by(wang.id)],
        &[],
    )
    .unwrap();
    assert_eq!(
        commission_of(&s, wang.id),
        5000,
        "25% of a session's ¥200: her rate for the facial"
    );
}

#[test]
fn a_temporary_pin_approves_nothing_until_she_sets_her_own() {
    let mut s = salon();
    let (owner, manager) = (s.owner.clone(), s.manager.clone());
    let temporary = s.t.store.reset_staff_pin(&owner, manager.id).unwrap();
    assert_eq!(
        s.t.store
            .approve(
                manager.id,
                &temporary,
                salondesk_core::staff::Permission::Refund
            )
            .unwrap_err()
            .code(),
        "pin_change_required",
        "the owner saw it: it must not approve refunds in the manager's name"
    );
    s.t.store
        .change_pin(manager.id, &temporary, "975310")
        .unwrap();
    s.t.store
        .approve(
            manager.id,
            "975310",
            salondesk_core::staff::Permission::Refund,
        )
        .expect("her own PIN approves again");
}

#[test]
fn a_beautician_booked_from_now_on_is_not_deactivated_until_her_bookings_are_moved() {
    let mut c = crate::appointments_fixture::calendar();
    let (owner, wang, cashier) = (
        c.s.owner.clone(),
        c.s.beautician.clone(),
        c.s.cashier.clone(),
    );
    let a = c
        .book(&c.facial_at(crate::appointments_fixture::at(1, "14:00")))
        .unwrap();
    assert_eq!(
        code(c.s.t.store.set_staff_active(&owner, wang.id, false)),
        refused("has_appointments"),
        "the calendar shows active staff only: her client would vanish from it"
    );
    c.s.t
        .store
        .cancel_appointment(&cashier, &a.id, "美容师离职")
        .unwrap();
    c.s.t
        .store
        .set_staff_active(&owner, wang.id, false)
        .expect("with nothing ahead of her");
}
