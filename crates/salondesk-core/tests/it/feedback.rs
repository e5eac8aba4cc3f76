//! A visit's rating (满意度评价): the visit and each beautician who served,
//! graded 优秀/良好/一般/较差, one per sale.

use crate::checkout_fixture::{salon, Salon};
use crate::sync_fixture::cash;
use salondesk_core::checkout::{CartLine, LineItem};
use salondesk_core::feedback::{FeedbackInput, FeedbackSource, Grade};
use salondesk_core::ids::StaffId;

/// A facial by two beauticians (60/40) and a serum sold with it: a visit.
pub fn visit(s: &mut Salon) -> String {
    let mut facial = CartLine::new(LineItem::Service {
        service_id: s.facial,
        qty: 1,
    });
    facial.staff = vec![(s.beautician.id, 6000), (s.beautician2.id, 4000)];
    let serum = CartLine::new(LineItem::Product {
        product_id: s.serum,
        qty: 1,
    })
    .by(s.cashier.id);
    s.sell(vec![facial, serum], &[cash(63_600)])
        .expect("a visit paid in cash")
        .sale_id
}

fn rating(sale: &str, score: u8, staff: Vec<(StaffId, u8)>) -> FeedbackInput {
    FeedbackInput {
        sale_id: sale.to_string(),
        score,
        staff_scores: staff,
        comment: "手法很好".into(),
        source: FeedbackSource::Checkout,
    }
}

fn ops(s: &Salon) -> i64 {
    s.t.store
        .conn()
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_visit_is_rated_with_its_beauticians_and_graded() {
    let mut s = salon();
    let sale = visit(&mut s);
    let form = s.t.store.feedback_form(&sale).unwrap();
    let names: Vec<_> = form.staff.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["李静", "王芳"],
        "the form offers the two beauticians credited on the service, not the cashier who sold the serum"
    );
    let cashier = s.cashier.clone();
    let f =
        s.t.store
            .record_feedback(
                &cashier,
                &rating(&sale, 5, vec![(s.beautician.id, 4), (s.beautician2.id, 2)]),
            )
            .unwrap();
    assert_eq!(f.grade, Grade::Excellent, "a 5 is 优秀");
    assert_eq!(
        f.member_id,
        Some(s.member),
        "the sale's member is the one rating"
    );
    let by_name: Vec<_> = f.staff.iter().map(|r| (r.name.as_str(), r.grade)).collect();
    assert_eq!(
        by_name,
        [("李静", Some(Grade::Poor)), ("王芳", Some(Grade::Good))],
        "each beautician keeps her own score: 4 is 良好, 2 is 较差"
    );
    assert_eq!(
        s.t.store.member_feedback(s.member).unwrap(),
        vec![f],
        "her profile lists the rated visit"
    );
}

#[test]
fn a_second_rating_of_the_same_visit_replaces_the_first() {
    let mut s = salon();
    let sale = visit(&mut s);
    let cashier = s.cashier.clone();
    s.t.store
        .record_feedback(&cashier, &rating(&sale, 3, vec![]))
        .unwrap();
    let mut later = rating(&sale, 4, vec![(s.beautician.id, 5)]);
    later.source = FeedbackSource::FollowUp;
    later.comment = "回访时说满意".into();
    let f = s.t.store.record_feedback(&cashier, &later).unwrap();
    let rows: i64 =
        s.t.store
            .conn()
            .query_row("SELECT count(*) FROM visit_feedback", [], |r| r.get(0))
            .unwrap();
    assert_eq!(rows, 1, "one rating per sale");
    assert_eq!(
        (f.score, f.source, f.comment.as_str()),
        (4, FeedbackSource::FollowUp, "回访时说满意"),
        "the follow-up call's word is the one kept"
    );
}

#[test]
fn only_the_beauticians_who_served_can_be_scored_and_a_refusal_writes_nothing() {
    let mut s = salon();
    let sale = visit(&mut s);
    let cashier = s.cashier.clone();
    let before = ops(&s);
    let e =
        s.t.store
            .record_feedback(&cashier, &rating(&sale, 5, vec![(s.cashier.id, 5)]))
            .unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("validation", Some("staffScores")),
        "the cashier sold a product: she did not serve the visit"
    );
    let e =
        s.t.store
            .record_feedback(&cashier, &rating(&sale, 6, vec![]))
            .unwrap_err();
    assert_eq!(e.field(), Some("score"), "a score is 1 to 5");
    assert_eq!(ops(&s), before, "a refused rating writes nothing");
}

#[test]
fn a_sale_without_a_service_is_not_a_visit_to_rate() {
    let mut s = salon();
    let sale = s
        .sell(
            vec![CartLine::new(LineItem::Product {
                product_id: s.serum,
                qty: 1,
            })],
            &[cash(36_800)],
        )
        .unwrap()
        .sale_id;
    let e = s.t.store.feedback_form(&sale).unwrap_err();
    assert_eq!(
        e.field(),
        Some("saleId"),
        "buying a serum is not a visit with a beautician"
    );
}
