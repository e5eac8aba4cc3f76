//! Export (issue 15): members, sales, ledgers and stock to CSV and .xlsx,
//! written where the app puts them, masked by role, audited. The files are
//! read back with the crates a reader would use (csv, calamine).

use crate::checkout_fixture::{salon, Salon};
use crate::records::{cash, day, next_day};
use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use salondesk_core::checkout::{CartLine, LineItem, RefundRequest, Tender};
use salondesk_core::export::{Dataset, ExportDone, ExportRequest, Format};
use salondesk_core::member::MemberInput;
use salondesk_core::records::{CsvLang, Period, SalesFilter};
use salondesk_core::staff::Staff;
use salondesk_core::{CoreError, Money};
use std::path::{Path, PathBuf};

fn dir(s: &Salon) -> PathBuf {
    s.t.store.path().parent().unwrap().join("exports")
}

fn export(s: &mut Salon, who: &Staff, dataset: Dataset, format: Format) -> ExportDone {
    try_export(s, who, dataset, format).expect("the export is written")
}

fn try_export(
    s: &mut Salon,
    who: &Staff,
    dataset: Dataset,
    format: Format,
) -> salondesk_core::Result<ExportDone> {
    let req = ExportRequest {
        dataset,
        format,
        period: Period::days(day(23), day(24)),
        lang: CsvLang::ZhCn,
    };
    let dir = dir(s);
    s.t.store.export_data(who, &req, &dir, &mut |_, _| {})
}

/// Every row of a CSV file (the header first), read by the csv crate.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("the file starts with the UTF-8 byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn audit_count(s: &Salon) -> i64 {
    s.t.store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'export'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// A member with everything a members export shows, including what only a
/// manager may see, and a formula where a careless export would run it.
fn rich_member(s: &mut Salon) {
    let owner = s.owner.clone();
    s.t.store
        .register_member(
            &owner,
            &MemberInput {
                name: "张晓燕".into(),
                phone: Some("13900001111".into()),
                birthday: Some("1990-05-20".into()),
                allergies: "酒精过敏".into(),
                notes: "=HYPERLINK(\"http://x\",\"点我\")".into(),
                tags: vec!["敏感肌".into(), "老客".into()],
                consent_marketing: true,
                ..MemberInput::default()
            },
        )
        .unwrap();
}

/// A day of trade: a top-up, a service paid from stored value, a product
/// paid half in cash half by WeChat, and that product refunded.
fn trade(s: &mut Salon) {
    s.top_up();
    s.sell(
        vec![CartLine::new(LineItem::Service {
            service_id: s.facial,
            qty: 1,
        })
        .by(s.beautician.id)],
        &[Tender::StoredValue {
            amount: Money::yuan(268),
        }],
    )
    .unwrap();
    let serum = s
        .sell(
            vec![CartLine::new(LineItem::Product {
                product_id: s.serum,
                qty: 1,
            })],
            &[
                cash(18_400),
                Tender::WechatPay {
                    amount: Money(18_400),
                    reference: "4200001".into(),
                },
            ],
        )
        .unwrap();
    let approval = s.approval();
    let cashier = s.cashier.clone();
    s.t.store
        .refund(
            &cashier,
            Some(&approval),
            &RefundRequest {
                original_sale_id: serum.sale_id,
                line_ids: None,
                void: false,
            },
        )
        .unwrap();
}

#[test]
fn a_csv_export_starts_with_the_bom_and_round_trips_chinese_text_through_the_csv_crate() {
    let mut s = salon();
    rich_member(&mut s);
    let owner = s.owner.clone();
    let done = export(&mut s, &owner, Dataset::Members, Format::Csv);
    assert_eq!(
        done.files,
        vec![dir(&s).join("members-2026-11-23.csv")],
        "one file, named for what and the store's date, in exports/ beside the database"
    );
    let rows = csv_rows(&done.files[0]);
    assert_eq!(
        rows[0][0], "会员卡号",
        "Chinese headers for a Chinese reader"
    );
    assert_eq!(
        rows.len(),
        3,
        "a header and the fixture's member and this one"
    );
    assert_eq!(done.rows, 2, "rows counts members, not the header");
    let her = rows.iter().find(|r| r[1] == "张晓燕").expect("her row");
    assert_eq!(her[2], "139 0000 1111", "the owner sees the whole phone");
    assert_eq!(her[4], "1990-05-20", "the birthday as a date");
    assert_eq!(her[12], "敏感肌、老客", "tags joined the Chinese way");
    assert_eq!(her[13], "是", "consent in words");
    assert_eq!(her[15], "酒精过敏", "the owner sees allergies");
}

#[test]
fn a_text_cell_that_starts_like_a_formula_is_neutralised_and_a_negative_amount_stays_a_number() {
    let mut s = salon();
    rich_member(&mut s);
    trade(&mut s);
    let owner = s.owner.clone();
    let members = export(&mut s, &owner, Dataset::Members, Format::Csv);
    let rows = csv_rows(&members.files[0]);
    let her = rows.iter().find(|r| r[1] == "张晓燕").unwrap();
    assert_eq!(
        her[16], "'=HYPERLINK(\"http://x\",\"点我\")",
        "a leading apostrophe makes Excel show the note instead of running it"
    );
    let raw = std::fs::read_to_string(&members.files[0]).unwrap();
    assert!(
        raw.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""),
        "RFC 4180: the field is quoted and its quotes doubled"
    );
    let sales = export(&mut s, &owner, Dataset::Sales, Format::Csv);
    let lines = csv_rows(&sales.files[0]);
    let refund = lines
        .iter()
        .find(|r| r[2] == "退款")
        .expect("the refund's line");
    assert_eq!(
        refund[12], "-368.00",
        "a refund's amount is a bare negative number (no apostrophe): Excel sums it"
    );
}

#[test]
fn an_xlsx_export_reopens_with_calamine_with_the_same_cells_as_the_csv() {
    let mut s = salon();
    rich_member(&mut s);
    trade(&mut s);
    let owner = s.owner.clone();
    let csv = export(&mut s, &owner, Dataset::Sales, Format::Csv);
    let xlsx = export(&mut s, &owner, Dataset::Sales, Format::Xlsx);
    assert_eq!(
        xlsx.files,
        vec![dir(&s).join("sales-2026-11-23_2026-11-24.xlsx")],
        "one workbook named for the period"
    );
    assert_eq!(csv.rows, xlsx.rows, "the same rows either way");
    let mut book: Xlsx<_> = open_workbook(&xlsx.files[0]).expect("a valid .xlsx");
    assert_eq!(
        book.sheet_names(),
        vec!["消费明细".to_owned(), "支付明细".to_owned()],
        "a worksheet for the lines and one for the tenders"
    );
    for (sheet, file) in ["消费明细", "支付明细"].iter().zip(&csv.files) {
        let range = book.worksheet_range(sheet).unwrap();
        let from_csv = csv_rows(file);
        let from_xlsx: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        assert_eq!(from_xlsx.len(), from_csv.len(), "{sheet}: as many rows");
        for (x, c) in from_xlsx.iter().zip(&from_csv) {
            for (i, text) in c.iter().enumerate() {
                let cell = x.get(i).cloned().unwrap_or(Data::Empty);
                assert_same(&cell, text, sheet);
            }
        }
    }
    let lines = book.worksheet_range("消费明细").unwrap();
    let time = lines.get((1, 1)).unwrap();
    assert!(
        matches!(time, Data::DateTime(d) if d.is_datetime()),
        "a time is a real Excel date, got {time:?}"
    );
    assert!(
        matches!(lines.get((1, 12)).unwrap(), Data::Float(_)),
        "an amount is a number Excel can sum"
    );
}

/// One xlsx cell says what its CSV field says: text as text, numbers equal,
/// dates as the store's local time.
fn assert_same(cell: &Data, text: &str, sheet: &str) {
    match cell {
        Data::Empty => assert_eq!(text, "", "{sheet}: an empty cell"),
        Data::String(s) => assert_eq!(s, text, "{sheet}: the same text"),
        Data::Float(f) => {
            let n: f64 = text
                .parse()
                .unwrap_or_else(|_| panic!("{sheet}: {text} is a number"));
            assert!((n - f).abs() < 1e-9, "{sheet}: {f} is {text}");
        }
        Data::Int(i) => assert_eq!(i.to_string(), text, "{sheet}: the same integer"),
        Data::DateTime(d) => {
            let serial = d.as_f64();
            let base = NaiveDate::from_ymd_opt(1899, 12, 30)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap();
            let t = base + Duration::milliseconds((serial * 86_400_000.0).round() as i64);
            assert_eq!(
                t.format("%Y-%m-%d %H:%M:%S").to_string(),
                text,
                "{sheet}: the same time"
            );
        }
        other => panic!("{sheet}: unexpected cell {other:?}"),
    }
}

#[test]
fn a_cashier_may_not_export_and_nothing_is_written() {
    let mut s = salon();
    let cashier = s.cashier.clone();
    let before = audit_count(&s);
    for dataset in Dataset::ALL {
        let refused = try_export(&mut s, &cashier, dataset, Format::Xlsx);
        assert!(
            matches!(refused, Err(CoreError::Forbidden(_))),
            "a cashier may not export {dataset:?}: {refused:?}"
        );
    }
    assert!(!dir(&s).exists(), "no file, not even the folder");
    assert_eq!(audit_count(&s), before, "a refusal is not an export");
}

#[test]
fn a_manager_gets_full_phones_and_sensitive_notes_and_the_export_says_nothing_was_masked() {
    let mut s = salon();
    rich_member(&mut s);
    let manager = s.manager.clone();
    let done = export(&mut s, &manager, Dataset::Members, Format::Csv);
    let rows = csv_rows(&done.files[0]);
    assert_eq!(
        rows[0].len(),
        17,
        "the skin type, allergies and notes columns are there"
    );
    let her = rows.iter().find(|r| r[1] == "张晓燕").unwrap();
    assert_eq!(her[2], "139 0000 1111", "SeeFullPhone: the whole number");
    assert_eq!(her[15], "酒精过敏", "SeeSensitiveNotes: allergies");
    assert!(!done.masked, "nothing withheld");
}

#[test]
fn the_sales_export_sums_to_the_days_totals_per_line_and_per_payment_method() {
    let mut s = salon();
    trade(&mut s);
    next_day(&s);
    s.sell(
        vec![CartLine::new(LineItem::Product {
            product_id: s.serum,
            qty: 2,
        })],
        &[cash(73_600)],
    )
    .unwrap();
    let owner = s.owner.clone();
    let done = export(&mut s, &owner, Dataset::Sales, Format::Csv);
    let totals =
        s.t.store
            .sales_totals(
                &owner,
                &SalesFilter {
                    period: Period::days(day(23), day(24)),
                    ..SalesFilter::default()
                },
            )
            .unwrap();
    let fen = |t: &str| -> i64 { (t.parse::<f64>().unwrap() * 100.0).round() as i64 };
    let lines = csv_rows(&done.files[0]);
    let line_sum: i64 = lines[1..].iter().map(|r| fen(&r[12])).sum();
    assert_eq!(
        Money(line_sum),
        totals.net,
        "the lines' amounts add up to the records screen's net for the same days"
    );
    let tenders = csv_rows(&done.files[1]);
    for t in &totals.by_payment {
        let words = match t.kind.as_str() {
            "cash" => "现金",
            "wechat_pay" => "微信支付",
            "stored_value" => "储值",
            other => panic!("unexpected method {other}"),
        };
        let sum: i64 = tenders[1..]
            .iter()
            .filter(|r| r[6] == words)
            .map(|r| fen(&r[7]))
            .sum();
        assert_eq!(Money(sum), t.amount, "{} adds up to its total", t.kind);
    }
    assert!(
        lines.iter().any(|r| r[2] == "退款" && !r[3].is_empty()),
        "a refund says so and names the receipt it reverses"
    );
}

#[test]
fn every_export_is_audited_with_what_and_how_many_but_no_personal_data() {
    let mut s = salon();
    rich_member(&mut s);
    let owner = s.owner.clone();
    let before = audit_count(&s);
    let done = export(&mut s, &owner, Dataset::Members, Format::Xlsx);
    assert_eq!(audit_count(&s), before + 1, "one entry for one export");
    let detail: String =
        s.t.store
            .conn()
            .query_row(
                "SELECT detail FROM audit_log WHERE action = 'export' ORDER BY rowid DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
    let v: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(v["what"], "members", "the dataset");
    assert_eq!(v["format"], "xlsx", "the format");
    assert_eq!(v["rows"], done.rows, "how many rows");
    assert_eq!(v["masked"], false, "whether anything was withheld");
    assert_eq!(v["file"], "members-2026-11-23.xlsx", "the file's name");
    for personal in ["张晓燕", "13900001111", "1111", "酒精"] {
        assert!(
            !detail.contains(personal),
            "no personal data in the log: {personal}"
        );
    }
}

#[test]
fn ledgers_show_each_entry_with_its_kind_and_the_balance_after_it() {
    let mut s = salon();
    trade(&mut s);
    let owner = s.owner.clone();
    let done = export(&mut s, &owner, Dataset::Ledgers, Format::Csv);
    assert_eq!(done.files.len(), 3, "stored value, points and packages");
    let sv = csv_rows(&done.files[0]);
    let kinds: Vec<(&str, &str, &str)> = sv[1..]
        .iter()
        .map(|r| (r[2].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("充值", "1000.00", "1000.00"),
            ("赠送金额", "200.00", "1200.00"),
            ("消费", "-268.00", "932.00"),
        ],
        "top-up, its bonus, then the facial paid from it: each with the balance after"
    );
    let no: String =
        s.t.store
            .conn()
            .query_row(
                "SELECT member_no FROM members WHERE id = ?1",
                [s.member],
                |r| r.get(0),
            )
            .unwrap();
    assert!(
        sv[1..].iter().all(|r| r[1] == no),
        "each entry names the member by her card number"
    );
    assert!(
        sv[1..].iter().all(|r| !r[5].is_empty()),
        "each entry names the receipt it belongs to"
    );
}

#[test]
fn stock_is_valued_at_cost_and_a_second_export_the_same_day_gets_its_own_name() {
    let mut s = salon();
    let owner = s.owner.clone();
    let first = export(&mut s, &owner, Dataset::Stock, Format::Csv);
    let on_hand = csv_rows(&first.files[0]);
    let serum = on_hand.iter().find(|r| r[2] == "玻尿酸精华").unwrap();
    assert_eq!(serum[5], "10", "the opening stock");
    assert_eq!(serum[7], "1500.00", "10 at a cost of 150.00");
    let moves = csv_rows(&first.files[1]);
    assert_eq!(moves[1][3], "入库", "the opening stock was received");
    let second = export(&mut s, &owner, Dataset::Stock, Format::Csv);
    assert_eq!(
        second.files[0],
        dir(&s).join("stock-2026-11-23_2026-11-24-2-on-hand.csv"),
        "the first export is kept; the second is numbered"
    );
    assert!(first.files[0].exists(), "still there");
}

/// Not a timed test: `SALONDESK_EXPORT_BENCH_DB=/path/to/copy.sqlite3 cargo
/// test -p salondesk-core --test it exports::bench -- --ignored --nocapture`
/// exports a big store's members (as its owner) to .xlsx and CSV, and its
/// sales, ledgers and stock (all dates) to CSV, and prints `BENCH export.<dataset> …` (docs/exports.md has the figures). Use a copy:
/// opening brings the file's schema up to date.
#[test]
#[ignore]
fn bench_export_members_of_a_big_store() {
    use salondesk_core::clock::SystemClock;
    use salondesk_core::staff::Role;
    use std::sync::Arc;
    let Some(db) = std::env::var_os("SALONDESK_EXPORT_BENCH_DB") else {
        eprintln!("set SALONDESK_EXPORT_BENCH_DB to a copy of a seeded database");
        return;
    };
    let mut store =
        salondesk_core::Store::open(Path::new(&db), Arc::new(SystemClock)).expect("the database");
    let owner = store
        .list_staff()
        .unwrap()
        .into_iter()
        .find(|s| s.role == Role::Owner)
        .expect("an owner");
    let out = Path::new(&db).parent().unwrap().join("exports");
    let runs = [
        (Dataset::Members, Format::Xlsx),
        (Dataset::Members, Format::Csv),
        (Dataset::Sales, Format::Csv),
        (Dataset::Ledgers, Format::Csv),
        (Dataset::Stock, Format::Csv),
    ];
    for (dataset, format) in runs {
        let req = ExportRequest {
            dataset,
            format,
            period: Period::default(),
            lang: CsvLang::ZhCn,
        };
        let mut events = 0u64;
        let started = std::time::Instant::now();
        let done = store
            .export_data(&owner, &req, &out, &mut |_, _| events += 1)
            .expect("the export");
        let secs = started.elapsed().as_secs_f64();
        let bytes: u64 = done
            .files
            .iter()
            .map(|f| std::fs::metadata(f).unwrap().len())
            .sum();
        println!(
            "BENCH export.{} format={} rows={} seconds={secs:.1} rows_per_s={:.0} bytes={bytes} progress_events={events}",
            dataset.as_str(),
            format.as_str(),
            done.rows,
            done.rows as f64 / secs
        );
    }
}

/// A member brought from the old system with a bonus balance (an
/// `opening_bonus` entry) exports with that bonus in its column, as a member
/// given the bonus at a top-up would: exporting and importing her again
/// must not turn her bonus into principal.
#[test]
fn an_imported_bonus_balance_exports_as_bonus_not_principal() {
    let mut s = salon();
    let owner = s.owner.clone();
    let dir = crate::import_fixture::temp();
    let sheet = crate::import_fixture::csv(
        dir.path(),
        "姓名,手机号码,会员卡号,储值余额(元),赠送余额\n周敏,13700137000,OLD0001,500,80\n",
    );
    crate::import_fixture::run(&mut s.t.store, &owner, &sheet);
    let done = export(&mut s, &owner, Dataset::Members, Format::Csv);
    let rows = csv_rows(&done.files[0]);
    let her = rows.iter().find(|r| r[1] == "周敏").expect("her row");
    assert_eq!(
        (rows[0][7].as_str(), rows[0][8].as_str()),
        ("储值本金", "赠送金额"),
        "the principal and bonus columns"
    );
    let cents = |text: &str| -> i64 {
        let (yuan, fen) = text.split_once('.').unwrap_or((text, "00"));
        yuan.replace(',', "").parse::<i64>().unwrap() * 100 + fen.parse::<i64>().unwrap()
    };
    assert_eq!(
        (cents(&her[7]), cents(&her[8])),
        (50_000, 8_000),
        "500 yuan principal and 80 yuan bonus, as the file said"
    );
}
