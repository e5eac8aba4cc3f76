//! Importing a store's data from its old system (Excel .xlsx/.xls or CSV):
//! members with their opening balances, services, products with stock.
//!
//! `read` turns the file into text cells; `headers` guesses the column
//! mapping; `values` and `rows` check each row (one reason per refusal);
//! `plan` is the dry run (to add, to update, unchanged, refused); `opening`
//! enters opening balances; `catalog` plans and writes services and products;
//! `refusals` writes the refused rows to a CSV file. Members are written in
//! batches through the one write path, so each is a sync operation; new
//! members go in bulk (`bulk`: multi-row inserts, the same rows and
//! operations). The same file imported twice changes nothing the second time.

mod bulk;
mod catalog;
mod fields;
mod headers;
mod kept;
mod opening;
mod plan;
mod read;
mod refusals;
mod rows;
mod search_keys;
mod values;

pub use fields::{Field, ImportKind, Mapping, Reason, Refusal};
pub use headers::guess;
pub use read::{decode, read, Sheet, MAX_FILE_BYTES};
pub use refusals::refusals_csv;

pub(crate) use kept::KeptPlan;

use crate::checkout::audit;
use crate::member::History;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::{CoreError, Result};
use serde::Serialize;
use serde_json::json;

/// Members written per transaction: big enough that commits do not dominate,
/// small enough that the progress bar moves and a batch's undo log stays small.
pub const BATCH: usize = 1_000;

/// Rows the preview shows under the mapping.
pub const PREVIEW_ROWS: usize = 20;

/// The file as the mapping screen shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ImportPreview {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total_rows: u64,
    pub mapping: Mapping,
}

/// What an import would do (a dry run) or did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportReport {
    pub kind: ImportKind,
    /// Rows read (blank rows aside).
    pub rows: u64,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub refused: Vec<Refusal>,
}

/// How the members of a batch are written. `Bulk` is the import's; `RowByRow`
/// (each member through `insert_member`, as registration writes her) is kept
/// as the reference the bulk path is tested and benchmarked against.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WritePath {
    Bulk,
    RowByRow,
}

/// A plan of either kind, ready to write.
enum Plan {
    Members(plan::MemberPlan),
    Catalog(catalog::CatalogPlan),
}

impl Store {
    /// The file's headers, first rows and the guessed mapping.
    pub fn import_preview(
        &self,
        actor: &Staff,
        kind: ImportKind,
        sheet: &Sheet,
    ) -> Result<ImportPreview> {
        actor.require(Permission::ImportData)?;
        Ok(ImportPreview {
            headers: sheet.headers.clone(),
            rows: sheet.rows.iter().take(PREVIEW_ROWS).cloned().collect(),
            total_rows: sheet.rows.len() as u64,
            mapping: guess(kind, &sheet.headers),
        })
    }

    /// The dry run: what importing `sheet` with `mapping` would do. Writes nothing.
    pub fn import_dry_run(
        &self,
        actor: &Staff,
        kind: ImportKind,
        sheet: &Sheet,
        mapping: &Mapping,
    ) -> Result<ImportReport> {
        actor.require(Permission::ImportData)?;
        let key = self.plan_key(kind, sheet, mapping)?;
        let plan = self.plan(kind, sheet, mapping)?;
        let report = report(kind, &plan);
        self.import_plan.keep(key, plan);
        Ok(report)
    }

    fn plan_key(
        &self,
        kind: ImportKind,
        sheet: &Sheet,
        mapping: &Mapping,
    ) -> Result<kept::PlanKey> {
        let today = self.checkout_settings()?.business_date(self.now());
        kept::PlanKey::of(&self.conn, kind, sheet, mapping, today)
    }

    /// Imports `sheet`: the dry run's plan, written in batches of `BATCH`
    /// members (each batch one transaction), then one audit entry with the
    /// counts. A batch cut short by an error leaves the earlier ones written;
    /// importing the file again finishes the job (matched rows are unchanged).
    /// `progress(done, total)` follows the rows written.
    pub fn import_run(
        &mut self,
        actor: &Staff,
        kind: ImportKind,
        sheet: &Sheet,
        mapping: &Mapping,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportReport> {
        self.import_run_with(actor, kind, sheet, mapping, WritePath::Bulk, progress)
    }

    /// `import_run` writing members the `path` way (tests and the benchmark
    /// compare the two).
    #[doc(hidden)]
    pub fn import_run_with(
        &mut self,
        actor: &Staff,
        kind: ImportKind,
        sheet: &Sheet,
        mapping: &Mapping,
        path: WritePath,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportReport> {
        actor.require(Permission::ImportData)?;
        // The dry run's plan when nothing it depends on changed since (`kept`).
        let key = self.plan_key(kind, sheet, mapping)?;
        let plan = match self.import_plan.take(&key) {
            Some(plan) => plan,
            None => self.plan(kind, sheet, mapping)?,
        };
        let report = report(kind, &plan);
        match &plan {
            Plan::Members(p) => {
                // As demo data does: a member touches the search index all
                // over, so a page cache that holds it keeps a batch from
                // spilling pages to the WAL before its commit.
                self.conn.pragma_update(None, "cache_size", -262_144)?;
                let written = self.write_members(p, path, progress);
                self.conn
                    .pragma_update(None, "cache_size", crate::db::CACHE_SIZE)?;
                written?
            }
            Plan::Catalog(p) => self.write_catalog(actor, p, progress)?,
        }
        let detail = json!({
            "kind": kind.as_str(), "rows": report.rows, "added": report.added,
            "updated": report.updated, "unchanged": report.unchanged,
            "refused": report.refused.len(),
        });
        self.write(|w| audit::record(w, actor.id, None, "import", None, &detail))?;
        Ok(report)
    }

    fn plan(&self, kind: ImportKind, sheet: &Sheet, mapping: &Mapping) -> Result<Plan> {
        check_mapping(kind, sheet, mapping)?;
        Ok(match kind {
            ImportKind::Members => {
                let today = self.checkout_settings()?.business_date(self.now());
                let plans = self.plans_by_name()?;
                Plan::Members(plan::plan_members(
                    &self.conn, sheet, mapping, today, &plans,
                )?)
            }
            ImportKind::Services | ImportKind::Products => {
                Plan::Catalog(self.plan_catalog(kind, sheet, mapping)?)
            }
        })
    }

    fn plans_by_name(&self) -> Result<rows::Plans> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, service_id, name, valid_days FROM package_plans")?;
        let plans = stmt.query_map([], |r| {
            Ok(rows::PlanRef {
                id: r.get(0)?,
                service_id: r.get(1)?,
                name: r.get(2)?,
                valid_days: r.get(3)?,
            })
        })?;
        let mut out = rows::Plans::new();
        for p in plans {
            let p = p?;
            out.insert(p.name.trim().to_lowercase(), p);
        }
        Ok(out)
    }

    fn write_members(
        &mut self,
        plan: &plan::MemberPlan,
        path: WritePath,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<()> {
        let cfg = self.checkout_settings()?;
        let today = cfg.business_date(self.now());
        let points_expire_on = crate::checkout::points::expiry_date(&cfg, today);
        let todo: Vec<&plan::Planned> = plan.planned.iter().filter(|p| p.writes()).collect();
        let total = todo.len() as u64;
        progress(0, total);
        let mut done = 0;
        let mut keys = search_keys::Keys::with_capacity(todo.len());
        let written = self.write_batches(&todo, path, points_expire_on, &mut keys, &mut |n| {
            done += n;
            progress(done, total)
        });
        // What was written is found by search even if a batch failed.
        search_keys::index_imported(self, keys)?;
        written
    }

    fn write_batches(
        &mut self,
        todo: &[&plan::Planned],
        path: WritePath,
        points_expire_on: chrono::NaiveDate,
        keys: &mut search_keys::Keys,
        wrote: &mut dyn FnMut(u64),
    ) -> Result<()> {
        for batch in todo.chunks(BATCH) {
            let batch_keys = self.write(|w| {
                let (new, one_by_one): (Vec<&plan::Planned>, Vec<&plan::Planned>) = batch
                    .iter()
                    .partition(|p| path == WritePath::Bulk && bulk::fits(p));
                for p in one_by_one {
                    let id = match p.target {
                        None => {
                            let mut history = History::new_member(w.now());
                            history.tier = p.tier.unwrap_or(history.tier);
                            crate::member::insert_member(w, &p.valid, &history)?
                        }
                        Some(id) => {
                            if p.changes {
                                crate::member::update_in(w, id, &p.valid, p.tier, None)?;
                            }
                            id
                        }
                    };
                    opening::enter(w, id, &p.opening, points_expire_on)?;
                }
                bulk::insert_new(w, &new, points_expire_on)
            })?;
            keys.extend(batch_keys);
            wrote(batch.len() as u64);
        }
        Ok(())
    }
}

fn report(kind: ImportKind, plan: &Plan) -> ImportReport {
    match plan {
        Plan::Members(p) => {
            let added = p.planned.iter().filter(|p| p.target.is_none()).count() as u64;
            let updated = p
                .planned
                .iter()
                .filter(|p| p.target.is_some() && p.writes())
                .count() as u64;
            ImportReport {
                kind,
                rows: p.rows,
                added,
                updated,
                unchanged: p.planned.len() as u64 - added - updated,
                refused: p.refused.clone(),
            }
        }
        Plan::Catalog(p) => ImportReport {
            kind,
            rows: p.rows,
            added: (p.services.len() + p.products.len()) as u64,
            updated: 0,
            unchanged: p.unchanged,
            refused: p.refused.clone(),
        },
    }
}

/// A mapping has one entry per column, each field at most once, every
/// required field, and only fields of its kind (`validation`, field `mapping`).
fn check_mapping(kind: ImportKind, sheet: &Sheet, mapping: &Mapping) -> Result<()> {
    let bad = |m: String| Err(CoreError::validation("mapping", m));
    if mapping.len() != sheet.headers.len() {
        return bad(format!(
            "the mapping has {} columns, the file {}",
            mapping.len(),
            sheet.headers.len()
        ));
    }
    let mapped: Vec<Field> = mapping.iter().flatten().copied().collect();
    for (i, f) in mapped.iter().enumerate() {
        if !kind.fields().contains(f) {
            return bad(format!(
                "{} is not a field of {}",
                f.as_str(),
                kind.as_str()
            ));
        }
        if mapped[..i].contains(f) {
            return bad(format!("{} is mapped to two columns", f.as_str()));
        }
    }
    if let Some(f) = kind.required().iter().find(|f| !mapped.contains(f)) {
        return bad(format!("no column is mapped to {}", f.as_str()));
    }
    Ok(())
}
