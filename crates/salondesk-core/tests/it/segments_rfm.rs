//! RFM value classes on the hand-computed set of `segments_fixture`, the
//! nightly job that slides the 365-day window, and the kept summary's
//! agreement with one rebuilt from the sales.

use crate::segments_fixture::crowd;
use chrono::{NaiveDate, TimeZone, Utc};
use salondesk_core::ids::MemberId;
use salondesk_core::segments::{RfmClass, RfmThresholds};
use salondesk_core::Store;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn class(store: &Store, id: MemberId) -> Option<RfmClass> {
    store.member_rfm(id).unwrap()
}

/// Her kept (spend, visits) in the last 365 days.
fn window(store: &Store, id: MemberId) -> (i64, i64) {
    store
        .conn()
        .query_row(
            "SELECT s.spend_365, s.visits_365 FROM member_summary s JOIN members m ON m.rid = s.rid
              WHERE m.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn the_nightly_job_classes_the_hand_computed_set_and_running_it_twice_changes_nothing() {
    let mut w = crowd();
    let today = w.s.t.store.segments_nightly_due().unwrap();
    assert_eq!(today, Some(date(2026, 11, 23)), "never ran: due today");
    let run =
        w.s.t
            .store
            .run_segments_nightly(date(2026, 11, 23))
            .unwrap();
    assert_eq!(run.reclassed, 4, "everyone who ever came got a class");
    let st = &w.s.t.store;
    assert_eq!(
        class(st, w.a),
        Some(RfmClass::HighValue),
        "6 visits, over ¥3,000, today"
    );
    assert_eq!(
        class(st, w.b),
        Some(RfmClass::LowValue),
        "1 visit 6 days ago, refunded: ¥0"
    );
    assert_eq!(class(st, w.c), None, "never came: no class, not lost");
    assert_eq!(
        class(st, w.d),
        Some(RfmClass::AtRisk),
        "114 days since 1 August"
    );
    assert_eq!(class(st, w.e), Some(RfmClass::Lost), "206 days since 1 May");
    assert_eq!(st.segments_nightly_due().unwrap(), None, "done for today");
    let again =
        w.s.t
            .store
            .run_segments_nightly(date(2026, 11, 23))
            .unwrap();
    assert_eq!(
        again.reclassed, 0,
        "idempotent: the same window, the same classes"
    );
}

#[test]
fn the_window_slides_so_a_sale_older_than_365_days_stops_counting() {
    let mut w = crowd();
    let e = w.e;
    assert_eq!(
        window(&w.s.t.store, e),
        (26_800, 1),
        "her one facial of 1 May"
    );
    // 2027-04-30: the window starts 2026-05-01, her visit still in it.
    w.s.t
        .clock
        .set(Utc.with_ymd_and_hms(2027, 4, 30, 2, 0, 0).unwrap());
    w.s.t.store.run_segments_nightly(date(2027, 4, 30)).unwrap();
    assert_eq!(window(&w.s.t.store, e), (26_800, 1), "day 365 still counts");
    w.s.t
        .clock
        .set(Utc.with_ymd_and_hms(2027, 5, 1, 2, 0, 0).unwrap());
    w.s.t.store.run_segments_nightly(date(2027, 5, 1)).unwrap();
    assert_eq!(
        window(&w.s.t.store, e),
        (0, 0),
        "a year and a day later: out"
    );
    assert!(
        w.s.t.store.member_summary_drift().unwrap().is_empty(),
        "the kept window is the one the sales give"
    );
}

#[test]
fn the_summary_kept_as_sales_refunds_and_merges_are_written_equals_one_rebuilt_from_the_sales() {
    let mut w = crowd();
    let store = &mut w.s.t.store;
    assert_eq!(
        store.member_summary_drift().unwrap(),
        Vec::<i64>::new(),
        "sales, a refund, tier and profile edits: the triggers kept every row"
    );
    store.run_segments_nightly(date(2026, 11, 23)).unwrap();
    assert!(
        store.member_summary_drift().unwrap().is_empty(),
        "and after the night"
    );
    let boss = w.s.owner.clone();
    store.merge_members(&boss, w.a, w.d).unwrap();
    assert!(
        store.member_summary_drift().unwrap().is_empty(),
        "a merged member's spend and visits go to the survivor, as a rebuild gives them"
    );
    // The check sees a row that went wrong (it is not empty by construction).
    store
        .conn()
        .execute(
            "UPDATE member_summary SET spend_365 = spend_365 + 1 WHERE rid = 1",
            [],
        )
        .unwrap();
    assert_eq!(
        store.member_summary_drift().unwrap(),
        vec![1],
        "the row that drifted"
    );
}

#[test]
fn new_thresholds_reclass_everyone_at_once_and_need_manage_care() {
    let mut w = crowd();
    w.s.t
        .store
        .run_segments_nightly(date(2026, 11, 23))
        .unwrap();
    let cashier = w.s.cashier.clone();
    let kind = RfmThresholds {
        lost_days: 365,
        ..RfmThresholds::default()
    };
    assert!(
        w.s.t.store.save_rfm_thresholds(&cashier, &kind).is_err(),
        "the cashier may not"
    );
    assert_eq!(
        class(&w.s.t.store, w.e),
        Some(RfmClass::Lost),
        "unchanged after the refusal"
    );
    let owner = w.s.owner.clone();
    let changed = w.s.t.store.save_rfm_thresholds(&owner, &kind).unwrap();
    assert_eq!(changed, 1, "only 吴芳 (206 days) moves");
    assert_eq!(
        class(&w.s.t.store, w.e),
        Some(RfmClass::AtRisk),
        "lost now takes a year"
    );
    assert_eq!(w.s.t.store.rfm_thresholds().unwrap(), kind, "kept");
    let muddled = RfmThresholds {
        lost_days: 30,
        ..RfmThresholds::default()
    };
    match w.s.t.store.save_rfm_thresholds(&owner, &muddled) {
        Err(salondesk_core::CoreError::Validation { field, .. }) => {
            assert_eq!(field, "lostDays", "lost must come after at risk")
        }
        other => panic!("expected a refusal: {other:?}"),
    }
}

#[test]
fn a_year_of_nights_that_slide_the_window_keeps_what_summing_it_afresh_gives() {
    use chrono::Datelike;
    use salondesk_core::segments::NightlyWay;
    let mut w = crowd();
    let first =
        w.s.t
            .store
            .run_segments_nightly(date(2026, 11, 23))
            .unwrap();
    assert_eq!(
        first.way,
        NightlyWay::Rebuild,
        "the first night sums the window: every sale ever was counted in"
    );
    let mut night = date(2026, 11, 23);
    let mut merged = false;
    while night < date(2027, 12, 1) {
        night += chrono::Duration::days(9);
        w.s.t
            .clock
            .set(Utc.from_utc_datetime(&night.and_hms_opt(2, 0, 0).unwrap()));
        if night.month() == 3 && !merged {
            // A merge in the middle of the year: the survivor carries both.
            let boss = w.s.owner.clone();
            w.s.t.store.merge_members(&boss, w.d, w.a).unwrap();
            merged = true;
        }
        if night.day() % 2 == 0 {
            let facial = salondesk_core::checkout::LineItem::Service {
                service_id: w.s.facial,
                qty: 1,
            };
            w.sell_to(w.e, facial, 26_800);
        }
        let run = w.s.t.store.run_segments_nightly(night).unwrap();
        assert_eq!(run.way, NightlyWay::Slide, "every later night slides");
        assert!(
            w.s.t.store.member_summary_drift().unwrap().is_empty(),
            "after the night of {night}: the slid window is the window the sales give"
        );
    }
    assert!(merged);
    let classes: Vec<_> = [w.a, w.b, w.c, w.d, w.e]
        .iter()
        .map(|m| class(&w.s.t.store, *m))
        .collect();
    let again =
        w.s.t
            .store
            .segments_nightly_as(night, Some(NightlyWay::Rebuild))
            .unwrap();
    assert_eq!(again.moved, 0, "summing afresh finds nothing to correct");
    assert_eq!(again.reclassed, 0, "and no class to change");
    let after: Vec<_> = [w.a, w.b, w.c, w.d, w.e]
        .iter()
        .map(|m| class(&w.s.t.store, *m))
        .collect();
    assert_eq!(classes, after);
    let back =
        w.s.t
            .store
            .run_segments_nightly(night - chrono::Duration::days(30))
            .unwrap();
    assert_eq!(
        back.way,
        NightlyWay::Rebuild,
        "a window that moves back (a changed time zone) cannot slide: it is summed afresh"
    );
    assert!(w.s.t.store.member_summary_drift().unwrap().is_empty());
}
