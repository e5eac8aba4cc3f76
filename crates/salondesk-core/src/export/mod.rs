//! Export (issue 15): members, sales (lines and tenders), ledgers and stock
//! to CSV (UTF-8 with BOM) or Excel (.xlsx), into `exports/` beside the
//! database, with a name that says what and when (`members-2026-12-06.xlsx`).
//!
//! Who may: `Export` (owner, manager). What she sees is decided here, not
//! by the screen: the full phone only with `SeeFullPhone` (else the desk's
//! mask, 138****5678), skin type, allergies and notes only with
//! `SeeSensitiveNotes` (else those columns are left out). Every export is
//! audited (`export`: dataset, format, period, rows, masked or not, the file
//! names as `file`, as the audit log's own export writes it; never a
//! member's data).
//!
//! An export runs in three steps so the till keeps selling while a million
//! members are written: `Store::export_job` checks the permission and fixes
//! what will be written; `ExportJob::run` reads through its own read-only
//! connection (one snapshot: a sale made meanwhile is either wholly in or
//! wholly out) and streams the rows to the file, reporting progress; then
//! `Store::record_export` writes the audit entry. `Store::export_data` does
//! the three in one go.
//!
//! `table`: the typed cells and the one writer with its two outputs
//! (`csv_out`, `xlsx_out`); one file a dataset: `members`, `sales`,
//! `ledgers`, `stock`; `words`: the headers and codes in words.

mod csv_out;
mod ledgers;
mod members;
mod sales;
mod stock;
mod table;
pub(crate) mod words;
mod xlsx_out;

pub(crate) use csv_out::{head_text as csv_head, row_text as csv_row};
pub use table::{Cell, Format, Output};

use crate::checkout::audit;
use crate::db::{apply_key, DbKey};
use crate::records::{CsvLang, Period};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dataset {
    Members,
    Sales,
    Ledgers,
    Stock,
}

impl Dataset {
    pub const ALL: [Dataset; 4] = [
        Dataset::Members,
        Dataset::Sales,
        Dataset::Ledgers,
        Dataset::Stock,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::Members => "members",
            Dataset::Sales => "sales",
            Dataset::Ledgers => "ledgers",
            Dataset::Stock => "stock",
        }
    }

    /// The CSV files one export of it makes, by the key ending each name
    /// (`None`: one file named for the export alone).
    fn sheet_keys(self) -> &'static [Option<&'static str>] {
        match self {
            Dataset::Members => &[None],
            Dataset::Sales => &[Some("lines"), Some("tenders")],
            Dataset::Ledgers => &[Some("stored-value"), Some("points"), Some("packages")],
            Dataset::Stock => &[Some("on-hand"), Some("movements")],
        }
    }

    /// Reads a period (members are as of now; stock's movements are of the period).
    pub fn has_period(self) -> bool {
        !matches!(self, Dataset::Members)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub dataset: Dataset,
    pub format: Format,
    /// Business dates (ignored for members).
    pub period: Period,
    pub lang: CsvLang,
}

/// What the person exporting may see, from her role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Visibility {
    pub full_phone: bool,
    pub sensitive: bool,
}

impl Visibility {
    pub(crate) fn of(actor: &Staff) -> Visibility {
        Visibility {
            full_phone: actor.role.may(Permission::SeeFullPhone),
            sensitive: actor.role.may(Permission::SeeSensitiveNotes),
        }
    }

    /// Some of a member's data was withheld (for the audit and the screen).
    fn masks(self, dataset: Dataset) -> bool {
        dataset == Dataset::Members && !(self.full_phone && self.sensitive)
    }
}

/// An export ready to run: the permission checked, what to write fixed.
pub struct ExportJob {
    /// The members sheet of one segment only (its conditions over
    /// `member_summary s`), from `Store::export_segment_job`.
    segment: Option<crate::segments::query::Where>,
    db: PathBuf,
    key: Option<DbKey>,
    req: ExportRequest,
    vis: Visibility,
    utc_offset_minutes: i32,
    today: NaiveDate,
    start: String,
    end: String,
}

/// A finished export: where it went and what it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportDone {
    pub dataset: Dataset,
    pub format: Format,
    pub period: Period,
    /// Every file written, first sheet first (a CSV export of sales: two).
    pub files: Vec<PathBuf>,
    /// Data rows across its sheets (headers not counted).
    pub rows: u64,
    /// A member's phone or sensitive notes were withheld.
    pub masked: bool,
    /// The members of one segment, not all.
    pub segment: bool,
}

/// Rows between two progress reports.
const PROGRESS_EVERY: u64 = 2_000;

/// What a dataset's writer reads from and reports to.
pub(crate) struct Ctx<'a> {
    pub conn: &'a Connection,
    pub lang: CsvLang,
    pub vis: Visibility,
    pub today: NaiveDate,
    /// The period as stored instants, `[start, end)`.
    pub start: String,
    pub end: String,
    /// Members of this segment only (the members sheet).
    pub segment: Option<&'a crate::segments::query::Where>,
    done: u64,
    total: u64,
    progress: &'a mut dyn FnMut(u64, u64),
}

impl Ctx<'_> {
    /// One row written.
    pub fn tick(&mut self) {
        self.done += 1;
        if self.done % PROGRESS_EVERY == 0 {
            (self.progress)(self.done, self.total.max(self.done));
        }
    }
}

impl Store {
    /// Checks `actor` may export and fixes what `req` will write. Needs `Export`.
    pub fn export_job(&self, actor: &Staff, req: &ExportRequest) -> Result<ExportJob> {
        actor.require(Permission::Export)?;
        let cfg = self.checkout_settings()?;
        let period = if req.dataset.has_period() {
            req.period
        } else {
            Period::default()
        };
        let (start, end) = period.instants(&cfg)?;
        Ok(ExportJob {
            segment: None,
            db: self.path().to_path_buf(),
            key: self.db_key().cloned(),
            req: ExportRequest {
                period,
                ..req.clone()
            },
            vis: Visibility::of(actor),
            utc_offset_minutes: cfg.utc_offset_minutes,
            today: cfg.business_date(self.now()),
            start,
            end,
        })
    }

    /// Audits a finished export; if the entry cannot be written, the files
    /// are removed (no export without its entry in the log). Needs `Export`.
    pub fn record_export(&mut self, actor: &Staff, done: &ExportDone) -> Result<()> {
        let audited = actor.require(Permission::Export).and_then(|()| {
            let files: Vec<String> = done
                .files
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            let what = if done.segment {
                "segment"
            } else {
                done.dataset.as_str()
            };
            let detail = json!({
                "what": what, "format": done.format.as_str(),
                "from": done.period.from, "to": done.period.to,
                "rows": done.rows, "masked": done.masked, "file": files.join(", "),
            });
            self.write(|w| audit::record(w, actor.id, None, "export", None, &detail))
        });
        if audited.is_err() {
            for f in &done.files {
                let _ = std::fs::remove_file(f);
            }
        }
        audited
    }

    /// The members sheet of the members `f` picks (the member list's
    /// export): needs `Export` and what the list needs (`ManageCampaigns`;
    /// `SeeSensitiveNotes` for a skin-type filter); masked and audited as
    /// every export (`what`: `segment`).
    pub fn export_segment_job(
        &self,
        actor: &Staff,
        f: &crate::segments::SegmentFilter,
        format: Format,
        lang: CsvLang,
    ) -> Result<ExportJob> {
        self.segment_count(actor, f)?;
        let req = ExportRequest {
            dataset: Dataset::Members,
            format,
            period: Period::default(),
            lang,
        };
        let mut job = self.export_job(actor, &req)?;
        let cfg = self.checkout_settings()?;
        job.segment = Some(crate::segments::query::where_of(f, job.today, &cfg));
        Ok(job)
    }

    /// The whole export in one call (tests, the CLI): check, write into
    /// `dir`, audit. `progress(done, total)` is called every few thousand rows.
    pub fn export_data(
        &mut self,
        actor: &Staff,
        req: &ExportRequest,
        dir: &Path,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ExportDone> {
        let job = self.export_job(actor, req)?;
        let done = job.run(dir, progress)?;
        self.record_export(actor, &done)?;
        Ok(done)
    }
}

impl ExportJob {
    pub fn request(&self) -> &ExportRequest {
        &self.req
    }

    /// Writes the export into `dir` through a read-only connection of its
    /// own (so the store stays free for the till). A failure leaves no file.
    pub fn run(&self, dir: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<ExportDone> {
        let conn = Connection::open_with_flags(
            &self.db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        apply_key(&conn, self.key.as_ref())?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // One snapshot from the first count to the last row.
        let snapshot = conn.unchecked_transaction()?;
        let base = self.file_base(dir);
        let mut out = Output::create(self.req.format, dir, &base, self.utc_offset_minutes);
        let mut ctx = Ctx {
            conn: &conn,
            lang: self.req.lang,
            vis: self.vis,
            today: self.today,
            start: self.start.clone(),
            end: self.end.clone(),
            segment: self.segment.as_ref(),
            done: 0,
            total: 0,
            progress,
        };
        let written = (|| {
            ctx.total = match self.req.dataset {
                Dataset::Members => members::count(&ctx)?,
                Dataset::Sales => sales::count(&ctx)?,
                Dataset::Ledgers => ledgers::count(&ctx)?,
                Dataset::Stock => stock::count(&ctx)?,
            };
            (ctx.progress)(0, ctx.total);
            match self.req.dataset {
                Dataset::Members => members::write(&mut ctx, &mut out),
                Dataset::Sales => sales::write(&mut ctx, &mut out),
                Dataset::Ledgers => ledgers::write(&mut ctx, &mut out),
                Dataset::Stock => stock::write(&mut ctx, &mut out),
            }
        })();
        if let Err(e) = written {
            out.discard();
            return Err(e);
        }
        let rows = ctx.done;
        (ctx.progress)(rows, rows);
        drop(snapshot);
        let files = out.finish()?;
        Ok(ExportDone {
            dataset: self.req.dataset,
            format: self.req.format,
            period: self.req.period,
            files,
            rows,
            masked: self.vis.masks(self.req.dataset),
            segment: self.segment.is_some(),
        })
    }

    /// `members-2026-12-06`, `sales-2026-12-01_2026-12-06`; `-2`, `-3` …
    /// after it when an earlier export of the same day is still there.
    fn file_base(&self, dir: &Path) -> String {
        let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        let p = self.req.period;
        let dates = match (day(p.from), day(p.to)) {
            (Some(f), Some(t)) if f == t => f,
            (Some(f), Some(t)) => format!("{f}_{t}"),
            (Some(f), None) => format!("{f}_{}", self.today.format("%Y-%m-%d")),
            (None, Some(t)) => format!("to_{t}"),
            (None, None) => self.today.format("%Y-%m-%d").to_string(),
        };
        let what = if self.segment.is_some() {
            "segment"
        } else {
            self.req.dataset.as_str()
        };
        let stem = format!("{what}-{dates}");
        let taken = |base: &str| match self.req.format {
            Format::Xlsx => dir.join(format!("{base}.xlsx")).exists(),
            Format::Csv => self.req.dataset.sheet_keys().iter().any(|k| {
                let name = match k {
                    Some(k) => format!("{base}-{k}.csv"),
                    None => format!("{base}.csv"),
                };
                dir.join(name).exists()
            }),
        };
        let mut base = stem.clone();
        let mut n = 1;
        while taken(&base) {
            n += 1;
            base = format!("{stem}-{n}");
        }
        base
    }
}

#[cfg(test)]
mod tests {
    //! Every role that may export sees phones and notes today (owner,
    //! manager): the masked path is proven here, with the visibility a role
    //! without `SeeFullPhone`/`SeeSensitiveNotes` would get.
    use super::*;
    use crate::clock::FixedClock;
    use crate::member::MemberInput;
    use chrono::{TimeZone, Utc};
    use std::sync::Arc;

    #[test]
    fn a_role_without_see_full_phone_gets_the_desks_mask_and_no_sensitive_columns() {
        let tmp = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::at(
            Utc.with_ymd_and_hms(2026, 12, 6, 2, 0, 0).unwrap(),
        ));
        let mut store = Store::open(&tmp.path().join("s.sqlite3"), clock).unwrap();
        let owner = store.create_owner("林美玲", "135790").unwrap();
        store
            .register_member(
                &owner,
                &MemberInput {
                    name: "王丽娜".into(),
                    phone: Some("13812345678".into()),
                    allergies: "酒精过敏".into(),
                    notes: "怕痛".into(),
                    ..MemberInput::default()
                },
            )
            .unwrap();
        let req = ExportRequest {
            dataset: Dataset::Members,
            format: Format::Csv,
            period: Period::default(),
            lang: CsvLang::En,
        };
        let mut job = store.export_job(&owner, &req).unwrap();
        job.vis = Visibility {
            full_phone: false,
            sensitive: false,
        };
        let done = job
            .run(&tmp.path().join("exports"), &mut |_, _| {})
            .unwrap();
        let text = std::fs::read_to_string(&done.files[0]).unwrap();
        assert!(
            text.contains("138****5678"),
            "the mask the desk shows: {text}"
        );
        assert!(!text.contains("13812345678"), "never the whole number");
        assert!(!text.contains("1234 5678"), "nor its display form");
        assert!(
            !text.contains("酒精过敏") && !text.contains("怕痛") && !text.contains("Allergies"),
            "no sensitive column at all"
        );
        assert!(done.masked, "the export says it withheld something");
        assert_eq!(
            Visibility::of(&owner),
            Visibility {
                full_phone: true,
                sensitive: true
            },
            "the owner herself sees everything"
        );
    }
}
