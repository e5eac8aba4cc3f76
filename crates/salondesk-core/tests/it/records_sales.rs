//! The sales list an owner filters (date, member, staff, item, payment
//! method), paged by keyset, and the totals of what a filter selects.

use crate::checkout_fixture::{salon, Salon};
use crate::records::{cash, day, next_day};
use salondesk_core::checkout::{Cart, CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::records::{Period, SalesFilter, StaffMatch};
use salondesk_core::Money;

/// Four sales over three days and a refund: what each filter selects.
struct Week {
    s: Salon,
    facial: String,
    serum_walk_in: String,
    package: String,
    redeemed: String,
    refund: String,
}

fn week() -> Week {
    let mut s = salon();
    let facial = s
        .sell(
            vec![CartLine::new(LineItem::Service {
                service_id: s.facial,
                qty: 1,
            })
            .by(s.beautician.id)],
            &[cash(26_800)],
        )
        .unwrap();
    next_day(&s);
    let cart = Cart {
        member_id: None,
        lines: vec![CartLine::new(LineItem::Product {
            product_id: s.serum,
            qty: 1,
        })],
        ..Cart::default()
    };
    let wechat = Tender::WechatPay {
        amount: Money(36_800),
        reference: "4200001".into(),
    };
    let serum =
        s.t.store
            .complete_sale(&s.cashier, &cart, &[wechat])
            .unwrap();
    next_day(&s);
    let plan = s.package_plan.clone();
    let package = s
        .sell(
            vec![CartLine::new(LineItem::PackagePurchase { plan_id: plan })],
            &[cash(200_000)],
        )
        .unwrap();
    let pkg = s.balances().packages.pop().unwrap();
    let redeemed = s
        .sell(
            vec![CartLine::new(LineItem::PackageRedemption {
                package_id: pkg.package_id,
            })
            .by(s.beautician2.id)],
            &[],
        )
        .unwrap();
    let approval = s.approval();
    let refund =
        s.t.store
            .refund(
                &s.cashier,
                Some(&approval),
                &RefundRequest {
                    original_sale_id: facial.sale_id.clone(),
                    line_ids: None,
                    void: false,
                },
            )
            .unwrap();
    Week {
        s,
        facial: facial.receipt_no,
        serum_walk_in: serum.receipt_no,
        package: package.receipt_no,
        redeemed: redeemed.receipt_no,
        refund: refund.receipt_no,
    }
}

fn receipts(w: &Week, f: SalesFilter) -> Vec<String> {
    let f = SalesFilter {
        period: Period::days(day(23), day(25)),
        ..f
    };
    let page =
        w.s.t
            .store
            .sales_list(&w.s.owner, &f, None, 50)
            .expect("the owner lists sales");
    page.rows.into_iter().map(|r| r.receipt_no).collect()
}

#[test]
fn the_sales_list_filters_by_date_member_staff_item_and_payment_method() {
    let w = week();
    let s = &w.s;
    let all = receipts(&w, SalesFilter::default());
    assert_eq!(
        all,
        vec![
            w.refund.clone(),
            w.redeemed.clone(),
            w.package.clone(),
            w.serum_walk_in.clone(),
            w.facial.clone()
        ],
        "every record of the three days, newest first"
    );
    let on_24 = SalesFilter {
        period: Period::days(day(24), day(24)),
        ..SalesFilter::default()
    };
    let page = s.t.store.sales_list(&s.owner, &on_24, None, 50).unwrap();
    assert_eq!(page.rows.len(), 1, "the 24th sold only the serum");
    assert_eq!(page.rows[0].payments, vec!["wechat_pay"], "paid by WeChat");
    let member = receipts(
        &w,
        SalesFilter {
            member: Some(s.member),
            ..SalesFilter::default()
        },
    );
    assert!(
        !member.contains(&w.serum_walk_in),
        "the walk-in's serum is not hers: {member:?}"
    );
    assert_eq!(
        member.len(),
        4,
        "her facial, its refund, her package and its session"
    );
    let served = receipts(
        &w,
        SalesFilter {
            staff: Some(s.beautician.id),
            ..SalesFilter::default()
        },
    );
    assert_eq!(
        served,
        vec![w.refund.clone(), w.facial.clone()],
        "she served the facial; its refund follows the line"
    );
    let redeemer = receipts(
        &w,
        SalesFilter {
            staff: Some(s.beautician2.id),
            ..SalesFilter::default()
        },
    );
    assert_eq!(
        redeemer,
        vec![w.redeemed.clone()],
        "the other beautician served the session"
    );
    let cashier = receipts(
        &w,
        SalesFilter {
            staff: Some(s.cashier.id),
            staff_as: StaffMatch::Cashier,
            ..SalesFilter::default()
        },
    );
    assert_eq!(cashier.len(), 5, "the cashier took every one");
    let facials = receipts(
        &w,
        SalesFilter {
            item_id: Some(s.facial.to_string()),
            ..SalesFilter::default()
        },
    );
    assert_eq!(
        facials,
        vec![w.refund.clone(), w.facial.clone()],
        "the facial and its refund"
    );
    let products = receipts(
        &w,
        SalesFilter {
            item_kind: Some("product".into()),
            ..SalesFilter::default()
        },
    );
    assert_eq!(
        products,
        vec![w.serum_walk_in.clone()],
        "the one product sale"
    );
    let by = |p: &str| {
        receipts(
            &w,
            SalesFilter {
                payment: Some(p.into()),
                ..SalesFilter::default()
            },
        )
    };
    assert_eq!(by("wechat_pay"), vec![w.serum_walk_in.clone()]);
    assert_eq!(
        by("package"),
        vec![w.redeemed.clone()],
        "a session is paid by its package"
    );
    assert_eq!(
        by("cash"),
        vec![w.refund.clone(), w.package.clone(), w.facial.clone()]
    );
    assert!(by("alipay").is_empty(), "nobody paid by Alipay");
    let err =
        s.t.store
            .sales_list(
                &s.owner,
                &SalesFilter {
                    payment: Some("cheque".into()),
                    ..SalesFilter::default()
                },
                None,
                5,
            )
            .unwrap_err();
    assert_eq!(
        err.field(),
        Some("payment"),
        "an unknown payment method names the field"
    );
    // Keyset paging: two pages of two and one of one, in order.
    let f = SalesFilter {
        period: Period::days(day(23), day(25)),
        ..SalesFilter::default()
    };
    let mut cursor = None;
    let mut paged = Vec::new();
    loop {
        let page =
            s.t.store
                .sales_list(&s.owner, &f, cursor.as_ref(), 2)
                .unwrap();
        paged.extend(page.rows.into_iter().map(|r| r.receipt_no));
        match page.next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(paged, all, "pages of two read the same list");
}

#[test]
fn the_sales_totals_add_up_what_the_filter_selects() {
    let w = week();
    let s = &w.s;
    let f = SalesFilter {
        period: Period::days(day(23), day(25)),
        ..SalesFilter::default()
    };
    let t = s.t.store.sales_totals(&s.owner, &f).unwrap();
    assert_eq!((t.sales, t.refunds), (4, 1), "four sales, one refund");
    assert_eq!(
        t.net,
        Money(36_800 + 200_000),
        "the facial was refunded: the serum and the package remain"
    );
    let amount = |k: &str| t.by_payment.iter().find(|x| x.kind == k).map(|x| x.amount);
    assert_eq!(
        amount("cash"),
        Some(Money(200_000)),
        "cash in, less the facial's cash back"
    );
    assert_eq!(amount("wechat_pay"), Some(Money(36_800)));
    assert_eq!(t.package_sessions, 1, "one session redeemed");
    assert_eq!(t.item_amount, None, "no item filter, no item amount");
    let facials = SalesFilter {
        item_id: Some(s.facial.to_string()),
        ..f.clone()
    };
    let t = s.t.store.sales_totals(&s.owner, &facials).unwrap();
    assert_eq!(
        (t.sales, t.refunds, t.net),
        (1, 1, Money(0)),
        "the facial and its refund cancel out"
    );
    assert_eq!(t.item_amount, Some(Money(0)), "so do its lines");
    let products = SalesFilter {
        item_kind: Some("product".into()),
        ..f
    };
    let t = s.t.store.sales_totals(&s.owner, &products).unwrap();
    assert_eq!(t.item_amount, Some(Money(36_800)), "the serum's line");
}
