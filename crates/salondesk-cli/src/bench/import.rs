//! `bench import`: a member list from an old system, as an .xlsx file of
//! `rows` members with stored value, bonus and points (written with
//! rust_xlsxwriter), read, dry-run and imported into a fresh database.
//! Prints `BENCH import.read`, `BENCH import.dry_run` and `BENCH
//! import.members` (target: ≥ 20,000 rows/s for the import, release build).

use crate::progress::bar;
use salondesk_core::clock::SystemClock;
use salondesk_core::import::{self, ImportKind};
use salondesk_core::Store;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const GIVEN: &[&str] = &[
    "丽", "娜", "敏", "静", "婷", "雪", "芳", "燕", "霞", "玲", "红", "梅",
];

fn write_xlsx(path: &Path, rows: u64) -> anyhow::Result<()> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "姓名",
        "手机",
        "会员卡号",
        "性别",
        "生日",
        "储值余额",
        "赠送余额",
        "积分",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 0..rows {
        let r = (i + 1) as u32;
        let name = format!(
            "{}{}{}",
            SURNAMES[(i % 10) as usize],
            GIVEN[(i / 10 % 12) as usize],
            GIVEN[(i / 120 % 12) as usize]
        );
        sheet.write_string(r, 0, &name)?;
        // 139 0000 0000 + i: valid mainland mobiles, one each.
        sheet.write_number(r, 1, (13_900_000_000 + i) as f64)?;
        sheet.write_string(r, 2, format!("OLD{:07}", i))?;
        sheet.write_string(r, 3, if i % 7 == 0 { "男" } else { "女" })?;
        sheet.write_string(
            r,
            4,
            format!("19{:02}-{:02}-{:02}", 60 + i % 40, 1 + i % 12, 1 + i % 28),
        )?;
        sheet.write_number(r, 5, ((i * 37) % 500_000) as f64 / 100.0)?;
        sheet.write_number(r, 6, (i % 5 * 100) as f64)?;
        sheet.write_number(r, 7, (i % 3000) as f64)?;
    }
    book.save(path)?;
    Ok(())
}

fn per_s(rows: u64, secs: f64) -> u64 {
    (rows as f64 / secs.max(1e-9)) as u64
}

pub fn run(dir: &Path, rows: u64) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let file = dir.join(format!("import-{rows}.xlsx"));
    if !file.exists() {
        eprintln!("writing {} members to {}", rows, file.display());
        write_xlsx(&file, rows)?;
    }
    let db = dir.join("import.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let mut store = Store::open_exclusive(&db, Arc::new(SystemClock))?;
    let owner = store.create_owner("店主", "135790")?;

    let t = Instant::now();
    let sheet = import::read(&std::fs::read(&file)?)?;
    let read_s = t.elapsed().as_secs_f64();
    println!(
        "BENCH import.read rows={rows} seconds={read_s:.2} rows_per_s={}",
        per_s(rows, read_s)
    );
    let mapping = import::guess(ImportKind::Members, &sheet.headers);

    let t = Instant::now();
    let dry = store.import_dry_run(&owner, ImportKind::Members, &sheet, &mapping)?;
    let dry_s = t.elapsed().as_secs_f64();
    anyhow::ensure!(
        dry.added == rows && dry.refused.is_empty(),
        "the bench file should add every row: {} added, {} refused",
        dry.added,
        dry.refused.len()
    );
    println!(
        "BENCH import.dry_run rows={rows} seconds={dry_s:.2} rows_per_s={}",
        per_s(rows, dry_s)
    );

    let progress = bar(rows, "importing");
    let t = Instant::now();
    let done = store.import_run(
        &owner,
        ImportKind::Members,
        &sheet,
        &mapping,
        &mut |d, _| progress.set_position(d),
    )?;
    let run_s = t.elapsed().as_secs_f64();
    progress.finish_and_clear();
    anyhow::ensure!(done.added == rows, "imported {} of {rows}", done.added);
    println!(
        "BENCH import.members rows={rows} seconds={run_s:.2} rows_per_s={} target_rows_per_s=20000",
        per_s(rows, run_s)
    );
    Ok(())
}
