//! A rating given at one store reaches head office's chain staff report
//! through the real server, reduced to what the report needs (no comment,
//! no member), and no ordinary till of another store receives it.

use crate::convergence::{cash, chain};
use crate::support::boss;
use chrono::{Duration, Utc};
use salondesk_core::feedback::{FeedbackInput, FeedbackSource};
use salondesk_core::ids::StaffId;
use salondesk_core::reports::{Granularity, ReportName, ReportQuery, ReportValue};
use salondesk_protocol::chain::{OTHER_RATINGS_PARAM, OTHER_STORES_PARAM};

/// The staff report's rating of `staff` (hundredths) on `t`: its own store,
/// or the chain, over the days around today.
fn rating(t: &crate::support::Device, chain: bool, staff: StaffId) -> ReportValue {
    let today = Utc::now().date_naive();
    let q = ReportQuery {
        from: today - Duration::days(1),
        to: today + Duration::days(1),
        store_id: None,
        chain,
        granularity: Granularity::Day,
    };
    let report = t.store().report(&boss(), ReportName::Staff, &q).unwrap();
    let by_staff = &report.table("by_staff").unwrap().rows;
    by_staff
        .iter()
        .find(|r| r[0] == ReportValue::Text(staff.to_string()))
        .unwrap_or_else(|| panic!("{} has no row for her: {by_staff:?}", t.name))[6]
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rating_at_one_store_reaches_head_offices_chain_report_and_no_other_stores_till() {
    let c = chain().await; // a1: head office in S01; a2: S01; b1: S02
    let first = c.sell(&c.b1, vec![c.facials(1)], &[cash(268)]);
    let second = c.sell(&c.b1, vec![c.facials(1)], &[cash(268)]);
    let rate = |sale: &str, score: u8, staff: Vec<(StaffId, u8)>| {
        c.b1.store()
            .record_feedback(
                &c.cashier,
                &FeedbackInput {
                    sale_id: sale.to_owned(),
                    score,
                    staff_scores: staff,
                    comment: "王女士说很舒服".into(),
                    source: FeedbackSource::Checkout,
                },
            )
            .unwrap_or_else(|e| panic!("b1 rates the visit: {e}"));
    };
    // 王芳: 5 by name on the first visit; the second's 3 (no one named).
    rate(&first, 4, vec![(c.beautician.id, 5)]);
    rate(&second, 3, vec![]);
    c.sync_all().await;

    assert_eq!(
        rating(&c.b1, false, c.beautician.id),
        ReportValue::Int(400),
        "S02's own report: her 5 and the visit's 3"
    );
    assert_eq!(
        rating(&c.a1, true, c.beautician.id),
        ReportValue::Int(400),
        "head office's chain report shows S02's ratings as S02 does"
    );
    assert_eq!(
        c.a1.count(&format!(
            "SELECT count(*) FROM visit_feedback WHERE sale_id IN ('{first}', '{second}')"
        )),
        0,
        "S02's ratings are not head office's store's own"
    );
    assert_eq!(
        c.a2.count(&format!(
            "SELECT count(*) FROM visit_feedback WHERE sale_id IN ('{first}', '{second}')"
        )) + c.a2.count("SELECT count(*) FROM other_store_feedback"),
        0,
        "an ordinary till of S01 receives no rating of S02"
    );

    // What head office is handed of a rating: not her words, not who she is.
    let credential = c.a1.store().sync_config().unwrap().unwrap().credential;
    let (_, page) = c
        .server
        .pull_raw(
            Some(&credential),
            &format!("after=0&{OTHER_STORES_PARAM}=true&{OTHER_RATINGS_PARAM}=true"),
        )
        .await;
    let handed: Vec<_> = page["ops"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["entity"] == "visit_feedback")
        .collect();
    assert_eq!(handed.len(), 2, "both ratings: {page}");
    for op in handed {
        let fields: Vec<&String> = op["payload"].as_object().unwrap().keys().collect();
        assert_eq!(
            fields,
            vec!["recordedAt", "score", "staffScores"],
            "only what the summary needs leaves S02 (PIPL): {op}"
        );
    }
    let credential = c.a2.store().sync_config().unwrap().unwrap().credential;
    let (_, page) = c
        .server
        .pull_raw(
            Some(&credential),
            &format!("after=0&{OTHER_STORES_PARAM}=true&{OTHER_RATINGS_PARAM}=true"),
        )
        .await;
    assert!(
        page["ops"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["entity"] != "visit_feedback"),
        "an ordinary till asking gets no other store's rating: {page}"
    );
}
