//! `bench import`: a member list from an old system, as an .xlsx file of
//! `rows` members with stored value, bonus and points (written with
//! rust_xlsxwriter), read, dry-run and imported into a fresh database.
//! Prints `BENCH import.read`, `BENCH import.dry_run` and `BENCH
//! import.members` (target: ≥ 20,000 rows/s for the import, release build).
//! The same file is then imported the row-by-row way (each member through
//! `insert_member`, the path before the bulk write) into a second fresh
//! database: `BENCH import.members_row_by_row`, the baseline measured under
//! the same load in the same run; before it, the bulk import with no dry run
//! before it (`import.members_without_dry_run`: it plans the file itself).

use super::stats::{cpu_seconds, written_bytes};
use crate::progress::bar;
use salondesk_core::clock::SystemClock;
use salondesk_core::import::{self, ImportKind, WritePath};
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

/// A fresh database with its owner, at `dir/name`.
fn fresh(dir: &Path, name: &str) -> anyhow::Result<(Store, salondesk_core::staff::Staff)> {
    let db = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let mut store = Store::open_exclusive(&db, Arc::new(SystemClock))?;
    // As the app opens its store (`store_open.rs`): WAL checkpoints on a
    // thread of their own, not at the import's commits.
    store.checkpoint_in_background()?;
    let owner = store.create_owner("店主", "135790")?;
    Ok((store, owner))
}

pub fn run(dir: &Path, rows: u64) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let file = dir.join(format!("import-{rows}.xlsx"));
    if !file.exists() {
        eprintln!("writing {} members to {}", rows, file.display());
        write_xlsx(&file, rows)?;
    }
    let (mut store, owner) = fresh(dir, "import.sqlite3")?;

    let t = Instant::now();
    let sheet = import::read(&std::fs::read(&file)?)?;
    let read_s = t.elapsed().as_secs_f64();
    println!(
        "BENCH import.read rows={rows} seconds={read_s:.2} rows_per_s={}",
        per_s(rows, read_s)
    );
    let mapping = import::guess(ImportKind::Members, &sheet.headers);

    let (t, cpu) = (Instant::now(), cpu_seconds());
    let dry = store.import_dry_run(&owner, ImportKind::Members, &sheet, &mapping)?;
    let dry_s = t.elapsed().as_secs_f64();
    let dry_cpu = cpu_seconds() - cpu;
    anyhow::ensure!(
        dry.added == rows && dry.refused.is_empty(),
        "the bench file should add every row: {} added, {} refused",
        dry.added,
        dry.refused.len()
    );
    println!(
        "BENCH import.dry_run rows={rows} seconds={dry_s:.2} rows_per_s={} cpu_seconds={dry_cpu:.2}",
        per_s(rows, dry_s)
    );

    let (run_s, run_cpu, run_mb) =
        import_all(&mut store, &owner, &sheet, &mapping, rows, WritePath::Bulk)?;
    println!(
        "BENCH import.members rows={rows} seconds={run_s:.2} rows_per_s={} target_rows_per_s=20000 cpu_seconds={run_cpu:.2} written_mb={run_mb:.0}",
        per_s(rows, run_s)
    );
    drop(store);

    // The same import with no dry run before it: it plans the file itself
    // (the dry run's plan is kept for the import that follows it; this is
    // what planning costs on top).
    let (mut store, owner) = fresh(dir, "import-unplanned.sqlite3")?;
    let (cold_s, cold_cpu, _) =
        import_all(&mut store, &owner, &sheet, &mapping, rows, WritePath::Bulk)?;
    println!(
        "BENCH import.members_without_dry_run rows={rows} seconds={cold_s:.2} rows_per_s={} cpu_seconds={cold_cpu:.2}",
        per_s(rows, cold_s)
    );
    drop(store);

    let (mut store, owner) = fresh(dir, "import-row-by-row.sqlite3")?;
    let (old_s, old_cpu, old_mb) = import_all(
        &mut store,
        &owner,
        &sheet,
        &mapping,
        rows,
        WritePath::RowByRow,
    )?;
    println!(
        "BENCH import.members_row_by_row rows={rows} seconds={old_s:.2} rows_per_s={} cpu_seconds={old_cpu:.2} written_mb={old_mb:.0} speedup={:.2}",
        per_s(rows, old_s),
        old_s / run_s.max(1e-9)
    );
    Ok(())
}

/// Imports the whole file (plan and write) the `path` way: wall and CPU
/// seconds, and megabytes written to storage.
fn import_all(
    store: &mut Store,
    owner: &salondesk_core::staff::Staff,
    sheet: &import::Sheet,
    mapping: &import::Mapping,
    rows: u64,
    path: WritePath,
) -> anyhow::Result<(f64, f64, f64)> {
    let progress = bar(rows, "importing");
    let (t, cpu, bytes) = (Instant::now(), cpu_seconds(), written_bytes());
    let done = store.import_run_with(
        owner,
        ImportKind::Members,
        sheet,
        mapping,
        path,
        &mut |d, _| progress.set_position(d),
    )?;
    let secs = (
        t.elapsed().as_secs_f64(),
        cpu_seconds() - cpu,
        written_bytes().saturating_sub(bytes) as f64 / 1e6,
    );
    progress.finish_and_clear();
    anyhow::ensure!(done.added == rows, "imported {} of {rows}", done.added);
    Ok(secs)
}
