//! Other stores' ratings in a head office's chain staff report (issue 18):
//! another store's rating, as the server hands it (reduced: no comment, no
//! member), enters the head office's ratings summary, never its own
//! `visit_feedback`, and the chain's report shows each staff member the
//! average her store's own report shows, by the one rule
//! (`feedback::staff_ratings`): once per operation, a corrected rating
//! replacing the first, and a rating pulled before its sale counted for who
//! served once the sale arrives.

use crate::checkout_fixture::{salon, Salon};
use crate::feedback::visit;
use crate::reports_chain::head_office;
use crate::support::{boss, TestStore};
use crate::sync_fixture::{count, drain, STORE_B};
use chrono::{Duration, NaiveDate};
use salondesk_core::feedback::{FeedbackInput, FeedbackSource};
use salondesk_core::ids::StaffId;
use salondesk_core::reports::{Granularity, ReportName, ReportQuery, ReportValue as V};
use salondesk_protocol::chain::feedback_for_head_office;
use salondesk_protocol::{Op, PullResponse, PulledOp};
use std::collections::BTreeMap;

fn november(chain: bool) -> ReportQuery {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    ReportQuery {
        from: d("2026-11-01"),
        to: d("2026-11-30"),
        store_id: None,
        chain,
        granularity: Granularity::Day,
    }
}

fn rate(s: &mut Salon, sale: &str, score: u8, staff: Vec<(StaffId, u8)>) {
    let cashier = s.cashier.clone();
    s.t.store
        .record_feedback(
            &cashier,
            &FeedbackInput {
                sale_id: sale.to_string(),
                score,
                staff_scores: staff,
                comment: "王女士说手法很好".into(),
                source: FeedbackSource::FollowUp,
            },
        )
        .expect("the visit is rated");
}

/// Store B's sales and ratings among `ops`, as the server hands them to a
/// head office: marked with store B, ratings reduced.
fn as_handed_to_head_office(ops: &[Op]) -> Vec<Op> {
    ops.iter()
        .filter(|o| o.entity == "sale" || o.entity == "visit_feedback")
        .map(|o| {
            let mut o = o.clone();
            if o.entity == "visit_feedback" {
                o.payload = feedback_for_head_office(&o.payload);
            }
            o
        })
        .collect()
}

/// Applies `ops` on the head office as one pulled page after `after`.
fn pull(hq: &mut TestStore, ops: &[Op], after: i64) -> (usize, usize) {
    let n = ops.len() as i64;
    let page = PullResponse {
        ops: ops
            .iter()
            .enumerate()
            .map(|(i, op)| PulledOp {
                seq: after + i as i64 + 1,
                store_id: Some(STORE_B),
                op: op.clone(),
            })
            .collect(),
        cursor: after + n,
        head: after + n,
        more: false,
        server_time: None,
        cursor_op: None,
        head_office: Some(true),
    };
    let r = hq.store.apply_pulled(&page).expect("the page applies");
    (r.applied, r.skipped)
}

/// The staff report's ratings by staff id (hundredths; staff with figures).
fn ratings(t: &TestStore, chain: bool) -> BTreeMap<String, V> {
    let report = t
        .store
        .report(&boss(), ReportName::Staff, &november(chain))
        .unwrap();
    report
        .table("by_staff")
        .unwrap()
        .rows
        .iter()
        .map(|r| match &r[0] {
            V::Text(id) => (id.clone(), r[6].clone()),
            other => panic!("a staff id, not {other:?}"),
        })
        .collect()
}

#[test]
fn another_stores_ratings_show_in_the_chains_staff_report_as_its_own_report_shows_them() {
    let mut b = salon();
    let first = visit(&mut b);
    let second = visit(&mut b);
    // Visit 1: 4 for the visit, 王芳 scored 5 by name; visit 2: 3, no one by name.
    let fang = b.beautician.id;
    rate(&mut b, &first, 4, vec![(fang, 5)]);
    rate(&mut b, &second, 3, vec![]);
    let ops = as_handed_to_head_office(&drain(&mut b.t.store));
    let mut hq = head_office();
    let (applied, _) = pull(&mut hq, &ops, 0);
    assert_eq!(applied, 4, "two sales and two ratings");

    let (fang, jing, cashier) = (
        b.beautician.id.to_string(),
        b.beautician2.id.to_string(),
        b.cashier.id.to_string(),
    );
    // Also a regression test of the store's own figures: they read
    // `staffScores` as a list of pairs (it is {staffId: score}), so a rating
    // naming a beautician failed the staff report and a visit's score never
    // counted for anyone.
    let own = ratings(&b.t, false);
    assert_eq!(
        own[&fang],
        V::Int(400),
        "王芳: her 5, and the second visit's 3"
    );
    assert_eq!(
        own[&jing],
        V::Int(350),
        "李静 served both, scored by name on neither: the visits' 4 and 3"
    );
    assert_eq!(
        own[&cashier],
        V::Null,
        "the cashier sold the serum, served no one: not rated"
    );
    assert_eq!(
        ratings(&hq, true),
        own,
        "the chain's view shows store B's staff the averages store B shows"
    );
    assert_eq!(
        count(&hq.store, "SELECT count(*) FROM visit_feedback"),
        0,
        "another store's rating is not the head office's own"
    );
    assert_eq!(
        ratings(&hq, false).len(),
        0,
        "the head office's own store's report has none of store B's staff"
    );
}

#[test]
fn the_same_rating_twice_counts_once_and_a_corrected_one_replaces_the_first() {
    let mut b = salon();
    let first = visit(&mut b);
    let second = visit(&mut b);
    let fang = b.beautician.id;
    rate(&mut b, &first, 4, vec![(fang, 5)]);
    rate(&mut b, &second, 3, vec![]);
    let ops = as_handed_to_head_office(&drain(&mut b.t.store));
    let mut hq = head_office();
    pull(&mut hq, &ops, 0);
    let before = ratings(&hq, true);
    assert_eq!(
        pull(&mut hq, &ops, 4),
        (0, 4),
        "the same operations again (a rewind): nothing applied"
    );
    assert_eq!(
        ratings(&hq, true),
        before,
        "the same rating twice counts once"
    );

    // On the follow-up call the client corrects visit 1: 2, and 1 for 王芳.
    b.t.clock.advance(Duration::minutes(30));
    let fang = b.beautician.id;
    rate(&mut b, &first, 2, vec![(fang, 1)]);
    let corrected = as_handed_to_head_office(&drain(&mut b.t.store));
    assert_eq!(corrected.len(), 1, "one rating operation");
    pull(&mut hq, &corrected, 8);
    let (fang, jing) = (b.beautician.id.to_string(), b.beautician2.id.to_string());
    let chain = ratings(&hq, true);
    assert_eq!(
        (chain[&fang].clone(), chain[&jing].clone()),
        (V::Int(200), V::Int(250)),
        "the correction replaces visit 1's scores (王芳 1 and 3; 李静 2 and 3), not adds to them"
    );
    assert_eq!(chain, ratings(&b.t, false), "still as store B shows them");
    let ratings_ops: Vec<Op> = ops
        .iter()
        .filter(|o| o.entity == "visit_feedback")
        .cloned()
        .collect();
    pull(&mut hq, &ratings_ops, 9);
    assert_eq!(
        ratings(&hq, true),
        chain,
        "the first rating arriving late (older clock) does not undo the correction"
    );
    assert_eq!(
        count(
            &hq.store,
            "SELECT coalesce(sum(scores), 0) FROM report_ratings"
        ),
        4,
        "two visits × two beauticians: four scores in the summary"
    );
}

#[test]
fn a_rating_pulled_before_its_sale_counts_for_who_served_once_the_sale_arrives() {
    let mut b = salon();
    let sale = visit(&mut b);
    rate(&mut b, &sale, 3, vec![]);
    let ops = as_handed_to_head_office(&drain(&mut b.t.store));
    let (sales, feedback): (Vec<Op>, Vec<Op>) = ops.into_iter().partition(|o| o.entity == "sale");
    let mut hq = head_office();
    pull(&mut hq, &feedback, 0);
    assert_eq!(
        count(&hq.store, "SELECT count(*) FROM report_ratings"),
        0,
        "who served is not known yet: the visit's score counts for no one"
    );
    pull(&mut hq, &sales, 1);
    let chain = ratings(&hq, true);
    assert_eq!(
        (
            chain[&b.beautician.id.to_string()].clone(),
            chain[&b.beautician2.id.to_string()].clone()
        ),
        (V::Int(300), V::Int(300)),
        "the sale named who served: the visit's 3 for each"
    );
    assert_eq!(chain, ratings(&b.t, false));
}
