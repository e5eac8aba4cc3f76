//! `salondesk-cli backup` and `salondesk-cli restore`: the same backup and
//! restore the app makes, from a terminal, with a progress bar on stderr.

use crate::open::{key_of, KeyArgs};
use crate::progress::bar;
use salondesk_core::backup::{self, BackupPreview};
use salondesk_core::clock::SystemClock;
use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// Backs `db` up into `to` (the till may keep selling meanwhile: the copy
/// reads one snapshot), prunes by retention and records the outcome in the
/// store, as the app does.
pub fn back_up(db: &Path, to: &Path, key: &KeyArgs) -> anyhow::Result<()> {
    anyhow::ensure!(db.is_file(), "{} is not a database file", db.display());
    let mut store = crate::open::open_shared(db, key)?;
    let source = store.backup_source();
    let offset = store.checkout_settings()?.utc_offset_minutes;
    let started = Instant::now();
    let progress = bar(0, "backing up (pages)");
    let outcome = backup::back_up(&source, to, store.now(), offset, &mut |p| {
        progress.set_length(p.total_pages);
        progress.set_position(p.done_pages);
    });
    progress.finish_and_clear();
    store.record_backup(&outcome)?;
    let file = outcome?;
    println!(
        "backed up to {} ({:.1} MB, checked) in {:.1}s",
        file.path.display(),
        file.size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn print_preview(p: &BackupPreview) {
    let taken = p
        .taken_at
        .map(|t| t.to_rfc3339())
        .unwrap_or_else(|| "unknown".into());
    println!("backup:        {} ({:.1} MB)", p.file, p.size as f64 / 1e6);
    println!("taken at:      {taken}");
    println!(
        "store:         {} ({}-{}){}",
        p.store_name,
        p.store_code,
        p.device_code,
        if p.enrolled {
            ", enrolled: re-syncs after"
        } else {
            ""
        }
    );
    println!("members:       {}", p.members);
    println!("sales:         {}", p.sales);
    println!(
        "last receipt:  {}",
        p.last_receipt_no.as_deref().unwrap_or("none")
    );
    println!(
        "integrity:     {}",
        if p.integrity_ok { "ok" } else { &p.integrity }
    );
}

/// Restores `db` from `from` after showing what the backup holds; asks for
/// confirmation unless `yes`. Refused while the app (or anything) has the
/// database open.
pub fn restore(db: &Path, from: &Path, yes: bool, key: &KeyArgs) -> anyhow::Result<()> {
    // The app's lock: nobody may be selling on the file being replaced.
    let _lock = salondesk_core::db::instance::lock(db)?;
    // The backup is keyed like the database it replaces (same store, same key).
    let key = if db.exists() { key_of(db, key)? } else { None };
    eprintln!("checking {} …", from.display());
    let preview = backup::preview(from, key.as_ref())?;
    print_preview(&preview);
    anyhow::ensure!(
        preview.integrity_ok,
        "this backup failed its check: choose another"
    );
    if !yes {
        eprint!(
            "Replace {} with this backup? The current file is kept aside. [y/N] ",
            db.display()
        );
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("nothing replaced");
            return Ok(());
        }
    }
    eprintln!("replacing {} …", db.display());
    let started = Instant::now();
    let outcome = backup::restore_file(db, from, key.as_ref(), Arc::new(SystemClock))?;
    eprintln!("done in {:.1}s", started.elapsed().as_secs_f64());
    match &outcome.replaced_aside {
        Some(aside) => println!("restored; the replaced database is kept as {aside}"),
        None => println!("restored"),
    }
    if outcome.catch_up {
        println!("this till re-syncs with the chain when the app next starts");
    }
    Ok(())
}
