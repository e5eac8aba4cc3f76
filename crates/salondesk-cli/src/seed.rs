//! `salondesk-cli seed`: demo data into a database file, with a progress bar.

use crate::progress::bar;
use salondesk_core::seed::SeedOptions;
use salondesk_core::Store;
use std::path::Path;
use std::time::Instant;

pub fn run(db: &Path, members: u64, seed: u64, key: &crate::open::KeyArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut store = crate::open::open_exclusive(db, key)?;
    let report = seed_with_bar(&mut store, members, seed)?;
    println!(
        "seeded {} members, {} staff, {} services, {} products into {} in {:.1}s",
        report.members_added,
        report.staff_added,
        report.services_added,
        report.products_added,
        db.display(),
        started.elapsed().as_secs_f64()
    );
    // Made at random for this database and kept nowhere: shown this once.
    for p in &report.pins {
        println!("demo staff PIN: {} ({}) {}", p.name, p.role.as_str(), p.pin);
    }
    Ok(())
}

pub fn seed_with_bar(
    store: &mut Store,
    members: u64,
    seed: u64,
) -> anyhow::Result<salondesk_core::seed::SeedReport> {
    let progress = bar(members, "seeding members");
    let opts = SeedOptions {
        members,
        rng_seed: seed,
        ..SeedOptions::default()
    };
    let report = store.seed_demo(&opts, &mut |done, _| progress.set_position(done))?;
    progress.finish_and_clear();
    Ok(report)
}
