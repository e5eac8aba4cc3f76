//! The members report against figures worked out by hand on the book of
//! `reports_fixture` (its table says who came when).

use crate::reports_fixture::{book, date, november, query};
use salondesk_core::reports::{Kpi, Report, ReportName, ReportTable, ReportValue as V};

fn kpi<'a>(r: &'a Report, key: &str) -> &'a Kpi {
    r.kpis
        .iter()
        .find(|k| k.key == key)
        .unwrap_or_else(|| panic!("no KPI {key}"))
}

fn table<'a>(r: &'a Report, id: &str) -> &'a ReportTable {
    r.table(id).unwrap_or_else(|| panic!("no table {id}"))
}

fn text(s: &str) -> V {
    V::Text(s.into())
}

#[test]
fn november_s_members_are_counted_as_worked_out_by_hand() {
    let b = book();
    let owner = b.s.owner.clone();
    let r =
        b.s.t
            .store
            .report(&owner, ReportName::Members, &november())
            .unwrap();
    // A (11-02, 11-10) and B (11-03, twice that day: one visit).
    assert_eq!(
        kpi(&r, "members_active").value,
        2,
        "A and B came in November"
    );
    assert_eq!(
        kpi(&r, "members_returning_rate").value,
        5_000,
        "A came on two days, B on one: 50.00 %"
    );
    // C's last visit 08-10 + 90 = 11-08; E (gold: 60 days) 09-15 + 60 = 11-14.
    assert_eq!(
        kpi(&r, "members_churned").value,
        2,
        "C and E lapsed in November"
    );
    assert_eq!(
        kpi(&r, "members_churn_rate").value,
        5_000,
        "2 of the 4 live in November (A, B, C, E)"
    );
    assert_eq!(
        kpi(&r, "members_new").value,
        3,
        "a till with no chain: everyone who joined (B, D, 王丽娜)"
    );
    let active = kpi(&r, "members_active");
    assert_eq!(
        active.previous,
        Some(0),
        "nobody came in October (10-02..10-31)"
    );
    assert_eq!(active.last_year, Some(0), "nor in November 2025");
}

#[test]
fn a_chain_s_store_counts_as_new_only_members_who_joined_and_came() {
    let b = book();
    b.s.t
        .store
        .conn()
        .execute(
            "INSERT INTO meta (key, value) VALUES ('sync.store_id', '0190f0c0-0000-7000-8000-000000000001')",
            [],
        )
        .unwrap();
    let owner = b.s.owner.clone();
    let r =
        b.s.t
            .store
            .report(&owner, ReportName::Members, &november())
            .unwrap();
    assert_eq!(
        kpi(&r, "members_new").value,
        1,
        "B joined and came; D and 王丽娜 never came"
    );
    let moves = table(&r, "members_tier_moves");
    assert!(
        moves.rows.is_empty(),
        "E went gold in November but did not come to the store then"
    );
}

#[test]
fn tiers_cohorts_and_value_classes_read_as_worked_out_by_hand() {
    let b = book();
    let owner = b.s.owner.clone();
    let r =
        b.s.t
            .store
            .report(&owner, ReportName::Members, &november())
            .unwrap();
    let tiers = table(&r, "members_tiers");
    assert_eq!(
        tiers.rows[0],
        vec![text("standard"), V::Int(2), V::Int(5)],
        "A and B came; five standard members in the book"
    );
    assert_eq!(
        tiers.rows[2],
        vec![text("gold"), V::Int(0), V::Int(1)],
        "E is gold now"
    );
    assert_eq!(
        table(&r, "members_tier_moves").rows,
        vec![vec![text("standard"), text("gold"), V::Int(1)]],
        "E's move on 11-12"
    );

    let cohorts = table(&r, "members_cohorts");
    assert_eq!(cohorts.rows.len(), 12, "December 2025 to November 2026");
    let month = |m: &str| {
        cohorts
            .rows
            .iter()
            .find(|row| row[0] == text(m))
            .unwrap_or_else(|| panic!("no cohort {m}"))
    };
    let jul = month("2026-07-01");
    assert_eq!(jul[1], V::Int(1), "C joined in July");
    assert_eq!(
        (jul[2].clone(), jul[3].clone()),
        (V::Int(0), V::Int(10_000)),
        "C came in August only"
    );
    let aug = month("2026-08-01");
    assert_eq!(
        (aug[2].clone(), aug[5].clone()),
        (V::Int(10_000), V::Int(10_000)),
        "A came the month she joined and three months later"
    );
    let nov = month("2026-11-01");
    assert_eq!(nov[1], V::Int(3), "B, D and 王丽娜 joined in November");
    assert_eq!(nov[2], V::Int(3_333), "only B came: 33.33 %");
    assert_eq!(nov[3], V::Null, "no month after November yet");

    let rfm = table(&r, "members_rfm");
    let count = |c: &str| {
        rfm.rows
            .iter()
            .find(|row| row[0] == text(c))
            .map(|row| row[1].clone())
    };
    assert_eq!(
        count("medium_value"),
        Some(V::Int(2)),
        "A (3 visits) and B (¥1,072)"
    );
    assert_eq!(count("at_risk"), Some(V::Int(1)), "C: 105 days since 08-10");
    assert_eq!(count("low_value"), Some(V::Int(1)), "E: 69 days, one visit");
    let moves = &table(&r, "members_rfm_moves").rows;
    for (from, to, why) in [
        ("low_value", "medium_value", "A came back twice"),
        ("low_value", "at_risk", "C stayed away"),
        ("low_value", "low_value", "E stayed low"),
        ("none", "medium_value", "B was new"),
    ] {
        assert!(
            moves.contains(&vec![text(from), text(to), V::Int(1)]),
            "{why}: {from} → {to} in {moves:?}"
        );
    }
    assert_eq!(moves.len(), 4, "nobody else moved or had a class");
}

#[test]
fn the_liability_counts_payments_against_the_principal_first() {
    let b = book();
    let owner = b.s.owner.clone();
    let r =
        b.s.t
            .store
            .report(&owner, ReportName::Members, &november())
            .unwrap();
    let t = table(&r, "members_liability");
    // A: ¥1,000 + ¥200 bonus, paid ¥268: principal ¥732, bonus ¥200.
    // B: ¥1,000 + ¥200, paid ¥1,072: ¥128 left, all of it bonus.
    assert_eq!(t.rows[0][0], V::Int(73_200), "principal");
    assert_eq!(t.rows[0][1], V::Int(32_800), "bonus left");
    assert_eq!(t.rows[0][2], V::Int(106_000), "what the ledger holds");
    let points: i64 =
        b.s.t
            .store
            .conn()
            .query_row("SELECT sum(delta) FROM points_ledger", [], |r| r.get(0))
            .unwrap();
    assert_eq!(t.rows[0][3], V::Int(points), "the points ledger's sum");
    let sv = kpi(&r, "members_stored_value");
    assert_eq!(sv.value, 106_000, "owed at the end of November");
    assert_eq!(
        sv.previous,
        Some(0),
        "nothing was owed at the end of October"
    );
    let before =
        b.s.t
            .store
            .report(
                &owner,
                ReportName::Members,
                &query(date(11, 1), date(11, 2)),
            )
            .unwrap();
    assert_eq!(
        table(&before, "members_liability").rows[0][1],
        V::Int(20_000),
        "on 11-02 only A's bonus was owed"
    );
}

#[test]
fn the_members_report_is_refused_without_view_reports() {
    let b = book();
    let cashier = b.s.cashier.clone();
    let e =
        b.s.t
            .store
            .report(&cashier, ReportName::Members, &november())
            .unwrap_err();
    assert_eq!(e.code(), "forbidden", "a cashier does not read reports");
}

#[test]
fn a_head_office_counts_another_store_s_visits_in_the_chain_and_in_that_store_only() {
    let b = book();
    let conn = b.s.t.store.conn();
    let d: String = conn
        .query_row("SELECT id FROM members WHERE name = '杨柳'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let sale = serde_json::json!({"memberId": d, "businessDate": "2026-11-20", "kind": "sale"});
    for _ in 0..2 {
        salondesk_core::reports::record_other_store_sale(conn, "store-b", &sale).unwrap();
    }
    let refund = serde_json::json!({"memberId": d, "businessDate": "2026-11-21", "kind": "refund"});
    salondesk_core::reports::record_other_store_sale(conn, "store-b", &refund).unwrap();
    let owner = b.s.owner.clone();
    let active = |q: salondesk_core::reports::ReportQuery| {
        let r = b.s.t.store.report(&owner, ReportName::Members, &q).unwrap();
        kpi(&r, "members_active").value
    };
    let mut chain = november();
    chain.chain = true;
    assert_eq!(
        active(chain),
        3,
        "A and B here, D at store B (once, however often handed over)"
    );
    assert_eq!(
        active(november()),
        2,
        "this store's own report is unchanged"
    );
    let mut other = november();
    other.store_id = Some("store-b".into());
    assert_eq!(
        active(other),
        1,
        "store B's report: D alone (a refund is no visit)"
    );
}

/// An export's headers and sheet names are words, in both languages, for
/// every table of every report: a column the export's words do not know
/// would head its column with its key ("members_cohort") in the owner's
/// Excel.
#[test]
fn every_report_table_and_column_has_export_words_in_both_languages() {
    use salondesk_core::records::CsvLang;
    use salondesk_core::reports::words;
    let b = book();
    let owner = b.s.owner.clone();
    for name in ReportName::ALL {
        let r = b.s.t.store.report(&owner, name, &november()).unwrap();
        assert!(!r.tables.is_empty(), "{name:?} has tables");
        for t in &r.tables {
            for lang in [CsvLang::ZhCn, CsvLang::En] {
                assert_ne!(
                    words::table(lang, &t.id),
                    t.id,
                    "{name:?}: table {} has no title in {lang:?}",
                    t.id
                );
                for c in &t.columns {
                    assert_ne!(
                        words::column(lang, &c.key),
                        c.key,
                        "{name:?}: column {} of {} has no header in {lang:?}",
                        c.key,
                        t.id
                    );
                }
            }
        }
    }
}
