//! Demo data: realistic staff, catalog and members (Chinese and Latin names,
//! mainland mobiles, birthdays, tiers, visit history), written through the
//! write path in batches so progress can be shown.

mod appointments;
mod catalog;
mod people;

use crate::member::{insert_member, History, MemberInput, Tier};
use crate::staff::Role;
use crate::store::Store;
use crate::{CoreError, Result};
use chrono::Duration;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashSet;

/// Demo staff. Their PINs are made at random when they are added and shown
/// once (`SeedReport::pins`): a PIN printed in a README or fixed in the code
/// is a PIN anyone can use at every till the staff record reaches.
pub const DEMO_STAFF: &[(&str, Role)] = &[
    ("林美玲", Role::Owner),
    ("周店长", Role::Manager),
    ("陈晓雨", Role::Cashier),
    ("王芳", Role::Beautician),
    ("李静", Role::Beautician),
    ("赵婷", Role::Beautician),
    ("Grace Liu", Role::Beautician),
];

/// A demo staff member's PIN, made at random: shown once, kept nowhere.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoPin {
    pub name: String,
    pub role: Role,
    pub pin: String,
}

impl std::fmt::Debug for DemoPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DemoPin({}, {:?}, ******)", self.name, self.role)
    }
}

#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub members: u64,
    /// The same seed makes the same members.
    pub rng_seed: u64,
    /// Members per transaction.
    pub batch: u64,
    /// Also book a demo week of appointments (off for benchmarks that bring their own).
    pub calendar: bool,
    /// Mark the till as holding demo data, so it never joins a chain
    /// (`Store::may_enrol`). Off only for the sync benchmark, whose made-up
    /// till joins a throwaway chain on purpose.
    pub mark_demo: bool,
}

impl Default for SeedOptions {
    fn default() -> Self {
        SeedOptions {
            members: 1000,
            rng_seed: 20261123,
            batch: 5000,
            calendar: true,
            mark_demo: true,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub members_added: u64,
    pub staff_added: u64,
    pub services_added: u64,
    pub products_added: u64,
    /// The PINs of the staff added (random, 6 digits): show them once.
    pub pins: Vec<DemoPin>,
}

impl Store {
    /// Adds demo staff (only where the store has none but possibly its owner),
    /// the demo catalog (only into an empty catalog) and `members` members,
    /// calling `progress(done, total)` after each batch.
    ///
    /// Only onto a till that has not joined a chain and has sold nothing
    /// (`demo_refused`, reason `enrolled` or `has_sales`): demo staff, prices
    /// and members must never reach a real chain or mix with real takings.
    pub fn seed_demo(
        &mut self,
        opts: &SeedOptions,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<SeedReport> {
        self.demo_allowed()?;
        // Marked before anything is written: even a load cut short keeps the
        // till out of any chain (`may_enrol`).
        if opts.mark_demo {
            self.write(|w| w.set_meta(crate::sync::DEMO_LOADED, "1"))?;
        }
        let mut report = SeedReport::default();
        let mut rng = StdRng::seed_from_u64(opts.rng_seed);
        report.pins = self.seed_staff()?;
        report.staff_added = report.pins.len() as u64;
        let (services, products) = catalog::seed_catalog(self)?;
        report.services_added = services;
        report.products_added = products;
        let beauticians: Vec<_> = self
            .list_staff()?
            .into_iter()
            .filter(|s| s.role == Role::Beautician)
            .map(|s| s.id)
            .collect();
        let mut phones: HashSet<String> = existing_phones(self)?;
        let total = opts.members;
        progress(0, total);
        // Inserting a million members touches the search index all over: give
        // SQLite a page cache big enough to hold it while seeding, then shrink back.
        self.conn.pragma_update(None, "cache_size", -1_048_576)?;
        let result = self.seed_members(opts, &mut rng, &beauticians, &mut phones, progress);
        self.conn
            .pragma_update(None, "cache_size", crate::db::CACHE_SIZE)?;
        report.members_added = result?;
        if opts.calendar {
            appointments::seed_calendar(self, opts.rng_seed)?;
        }
        Ok(report)
    }

    fn seed_members(
        &mut self,
        opts: &SeedOptions,
        rng: &mut StdRng,
        beauticians: &[crate::ids::StaffId],
        phones: &mut HashSet<String>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<u64> {
        let now = self.now();
        let today = now.date_naive();
        let total = opts.members;
        let mut added = 0;
        while added < total {
            let n = opts.batch.max(1).min(total - added);
            let mut batch = Vec::with_capacity(n as usize);
            for _ in 0..n {
                let person = people::person(rng, phones, today);
                let mut input: MemberInput = person.input;
                if rng.gen_bool(0.4) && !beauticians.is_empty() {
                    input.preferred_staff_id =
                        Some(beauticians[rng.gen_range(0..beauticians.len())]);
                }
                let registered_at = now - Duration::minutes(rng.gen_range(60..(3 * 365 * 24 * 60)));
                let (last_visit_at, visit_count) = if rng.gen_bool(0.85) {
                    let since = (now - registered_at).num_minutes().max(1);
                    let visit = now - Duration::minutes(rng.gen_range(0..since));
                    (Some(visit), rng.gen_range(1..60))
                } else {
                    (None, 0)
                };
                let history = History {
                    tier: tier(rng),
                    registered_at,
                    last_visit_at,
                    visit_count,
                };
                batch.push((input.validate(today)?, history));
            }
            self.write(|w| {
                for (valid, history) in &batch {
                    insert_member(w, valid, history)?;
                }
                Ok(())
            })?;
            added += n;
            progress(added, total);
        }
        Ok(added)
    }

    /// Refuses demo data to staff without `LoadDemoData`, and on an enrolled
    /// till or one with sales.
    pub fn may_seed_demo(&self, actor: &crate::staff::Staff) -> Result<()> {
        actor.require(crate::staff::Permission::LoadDemoData)?;
        self.demo_allowed()
    }

    pub(crate) fn demo_allowed(&self) -> Result<()> {
        if self.sync_config()?.is_some() {
            return Err(CoreError::DemoRefused { reason: "enrolled" });
        }
        let has_sales: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM sales)", [], |r| r.get(0))?;
        if has_sales {
            return Err(CoreError::DemoRefused {
                reason: "has_sales",
            });
        }
        Ok(())
    }

    fn seed_staff(&mut self) -> Result<Vec<DemoPin>> {
        let existing = self.list_staff()?;
        let mut pins = Vec::new();
        for (name, role) in DEMO_STAFF {
            let has_owner = existing.iter().any(|s| s.role == Role::Owner);
            if (*role == Role::Owner && has_owner) || existing.iter().any(|s| s.name == *name) {
                continue;
            }
            let pin = random_pin();
            self.add_staff(name, *role, &pin)?;
            pins.push(DemoPin {
                name: (*name).to_owned(),
                role: *role,
                pin,
            });
        }
        Ok(pins)
    }
}

/// Six random digits from the OS's generator (not the seeded one: the same
/// seed makes the same members, never the same PINs).
fn random_pin() -> String {
    let n: u32 = rand::rngs::OsRng.gen_range(0..1_000_000);
    format!("{n:06}")
}

fn tier(rng: &mut StdRng) -> Tier {
    match rng.gen_range(0..100) {
        0..=59 => Tier::Standard,
        60..=84 => Tier::Silver,
        85..=95 => Tier::Gold,
        _ => Tier::Platinum,
    }
}

fn existing_phones(store: &Store) -> Result<HashSet<String>> {
    let mut stmt = store.conn.prepare("SELECT phone FROM members")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
