//! `bench backup`: a backup of a large store while the till keeps selling.
//!
//! The database is `bench search`'s (`target/bench/search-<members>.sqlite3`,
//! seeded if missing or short): a million members by default. A second
//! thread, with its own connection as the app's desk has, rings up one sale
//! after another for as long as the backup runs; the figures are the
//! backup's wall time (copy, integrity check, sync, rename), the file's size
//! and how the sales fared meanwhile. `--members` is the knob for a quick run.

use super::stats::print;
use crate::seed::seed_with_bar;
use salondesk_core::backup;
use salondesk_core::checkout::{Cart, CartLine, LineItem, Tender};
use salondesk_core::clock::SystemClock;
use salondesk_core::staff::Role;
use salondesk_core::Store;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run(db: &Path, members: u64) -> anyhow::Result<()> {
    {
        let mut store = Store::open(db, Arc::new(SystemClock))?;
        let have = store.member_count()? as u64;
        if have < members {
            eprintln!("seeding {} members into {}", members - have, db.display());
            seed_with_bar(&mut store, members - have, 20261123 + have)?;
        }
    }
    let folder = db.with_file_name("backups");
    std::fs::create_dir_all(&folder)?;
    let mut store = Store::open(db, Arc::new(SystemClock))?;
    let source = store.backup_source();
    let offset = store.checkout_settings()?.utc_offset_minutes;

    let selling = Arc::new(AtomicBool::new(true));
    let seller = {
        let (db, selling) = (db.to_path_buf(), selling.clone());
        std::thread::spawn(move || sell_until(&db, &selling))
    };
    // Let the seller get going: the backup starts on a till in use.
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let mut copied = None;
    let outcome = backup::back_up(&source, &folder, store.now(), offset, &mut |p| {
        if p.done_pages == p.total_pages && copied.is_none() {
            copied = Some(started.elapsed().as_secs_f64());
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    selling.store(false, Ordering::Relaxed);
    let mut sales = seller
        .join()
        .map_err(|_| anyhow::anyhow!("the selling thread panicked"))??;
    store.record_backup(&outcome)?;
    let file = outcome?;
    println!(
        "BENCH backup seconds={seconds:.2} mb={:.1} copy_seconds={:.2} members={} sales_during={}",
        file.size as f64 / 1e6,
        copied.unwrap_or(seconds),
        store.member_count()?,
        sales.len()
    );
    if !sales.is_empty() {
        print("backup.checkout_during", &mut sales);
    }
    // The check alone on the same file: with a 64 MB page cache, then as
    // the backup runs it (`backup::check_copy`: the store's page cache).
    let t = Instant::now();
    let whole: String = {
        let c = rusqlite::Connection::open(&file.path)?;
        salondesk_core::db::apply_key(&c, source.key.as_ref())?;
        c.pragma_update(None, "cache_size", -65_536)?;
        c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?
    };
    let serial_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    backup::check_copy(&file.path, source.key.as_ref())?;
    let parallel_s = t.elapsed().as_secs_f64();
    println!(
        "BENCH backup.check whole_file_64mb_seconds={serial_s:.2} ({whole}) as_backup_seconds={parallel_s:.2}"
    );
    // One copy is the figure; a million members' copies would fill the disk.
    std::fs::remove_file(&file.path)?;
    Ok(())
}

/// Cash sales of a service, one after another, until told to stop; each
/// commit's time.
fn sell_until(db: &Path, selling: &AtomicBool) -> anyhow::Result<Vec<Duration>> {
    let mut store = Store::open(db, Arc::new(SystemClock))?;
    let cashier = store
        .list_staff()?
        .into_iter()
        .find(|s| s.role == Role::Cashier || s.role == Role::Owner)
        .ok_or_else(|| anyhow::anyhow!("the seeded store has no cashier"))?;
    let service = store
        .find_services("", 1)?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("the seeded store has no service"))?;
    if store.current_shift()?.is_none() {
        store.open_shift(&cashier, salondesk_core::Money::yuan(500))?;
    }
    let cart = Cart {
        lines: vec![CartLine::new(LineItem::Service {
            service_id: service.id,
            qty: 1,
        })],
        ..Cart::default()
    };
    let cash = [Tender::Cash {
        amount: service.price,
    }];
    let mut times = Vec::new();
    while selling.load(Ordering::Relaxed) {
        let t = Instant::now();
        store.complete_sale(&cashier, &cart, &cash)?;
        times.push(t.elapsed());
        // A busy desk, not a flood: a sale every few tens of milliseconds.
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(times)
}
