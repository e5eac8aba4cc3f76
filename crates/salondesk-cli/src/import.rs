//! `salondesk-cli import`: a file from the store's old system into a
//! database, as the owner (the back office's Import, without the screen):
//! the guessed mapping, the dry run's counts and refused rows, then the
//! import with a progress bar (`--dry-run`: stop after the counts).

use crate::progress::bar;
use anyhow::{anyhow, Context};
use salondesk_core::import::{self, ImportKind, ImportReport};
use salondesk_core::staff::{Role, Staff};
use salondesk_core::Store;
use std::path::Path;

pub fn run(
    db: &Path,
    kind: &str,
    file: &Path,
    dry_run: bool,
    key: &crate::open::KeyArgs,
) -> anyhow::Result<()> {
    let kind =
        ImportKind::parse(kind).ok_or_else(|| anyhow!("--kind: members, services or products"))?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let sheet = import::read(&bytes)?;
    let mut store = crate::open::open_exclusive(db, key)?;
    let owner = owner(&store)?;
    let mapping = import::guess(kind, &sheet.headers);
    for (header, field) in sheet.headers.iter().zip(&mapping) {
        let to = field.map_or("(left out)", |f| f.as_str());
        eprintln!("column {header:?} → {to}");
    }
    let report = store.import_dry_run(&owner, kind, &sheet, &mapping)?;
    print_report("dry run", &report);
    if dry_run {
        return Ok(());
    }
    let progress = bar(report.added + report.updated, "importing");
    let done = store.import_run(&owner, kind, &sheet, &mapping, &mut |done, total| {
        progress.set_length(total);
        progress.set_position(done);
    })?;
    progress.finish_and_clear();
    print_report("imported", &done);
    Ok(())
}

/// The store's owner: an import is hers to make.
pub fn owner(store: &Store) -> anyhow::Result<Staff> {
    store
        .list_staff()?
        .into_iter()
        .find(|s| s.role == Role::Owner)
        .ok_or_else(|| anyhow!("this database has no owner yet: start the app once to create her"))
}

fn print_report(what: &str, r: &ImportReport) {
    println!(
        "{what}: rows={} added={} updated={} unchanged={} refused={}",
        r.rows,
        r.added,
        r.updated,
        r.unchanged,
        r.refused.len()
    );
    for refusal in &r.refused {
        println!(
            "  row {}: {} ({})",
            refusal.row,
            refusal.reason.as_str(),
            refusal.field.as_str()
        );
    }
}
