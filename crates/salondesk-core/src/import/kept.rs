//! The dry run's plan, kept for the import that follows it.
//!
//! Why: the owner always sees the dry run before she imports (the screen's
//! flow), and planning a file is a sixth of a 100,000-member import's time
//! (every row checked, her phone parsed, matched against the store). When
//! nothing can have changed the answer, the import writes the plan the dry
//! run showed instead of making it again: the same file and mapping (a hash
//! of every cell), the same business date, and no write to the database since
//! (by this connection: `total_changes`; by any other, a till's sync or a
//! second program: `PRAGMA data_version`). Anything else plans afresh, so a
//! kept plan never writes what a fresh one would not.

use super::fields::{ImportKind, Mapping};
use super::read::Sheet;
use super::Plan;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

/// What a plan was made from; equal keys give equal plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlanKey {
    file: u64,
    today: NaiveDate,
    data_version: i64,
    total_changes: u64,
}

impl PlanKey {
    pub(super) fn of(
        conn: &Connection,
        kind: ImportKind,
        sheet: &Sheet,
        mapping: &Mapping,
        today: NaiveDate,
    ) -> Result<PlanKey> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        kind.as_str().hash(&mut h);
        for f in mapping {
            f.map(|f| f.as_str()).hash(&mut h);
        }
        sheet.headers.hash(&mut h);
        sheet.rows.hash(&mut h);
        Ok(PlanKey {
            file: h.finish(),
            today,
            data_version: conn.pragma_query_value(None, "data_version", |r| r.get(0))?,
            total_changes: conn.total_changes(),
        })
    }
}

/// The last dry run's plan (at most one), behind a lock because the dry run
/// only reads (`&Store`).
#[derive(Default)]
pub(crate) struct KeptPlan(Mutex<Option<(PlanKey, Plan)>>);

impl KeptPlan {
    pub(super) fn keep(&self, key: PlanKey, plan: Plan) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some((key, plan));
    }

    /// The kept plan if it was made from `key`; either way none is kept after.
    pub(super) fn take(&self, key: &PlanKey) -> Option<Plan> {
        let kept = self.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        kept.and_then(|(k, plan)| (k == *key).then_some(plan))
    }
}
