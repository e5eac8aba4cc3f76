//! Calendar work in the background: each month's end (tiers re-evaluated, in
//! batches so the desk keeps selling between them), each day's points
//! expiry, each day's care tasks, scheduled campaigns, the member list's nightly figures and RFM
//! classes, and the daily backup at its set time (or at the next start, if
//! the app was closed then). Checked shortly after start and then every ten minutes; a failure
//! is reported on stderr and tried again next time.

use crate::state::AppState;
use std::time::Duration;
use tauri::{AppHandle, Manager};

const FIRST_CHECK: Duration = Duration::from_secs(5);
const EVERY: Duration = Duration::from_secs(600);
const BATCH: usize = 500;
/// Care tasks written per transaction: a sale waits for one chunk at most.
const CARE_CHUNK: usize = 500;

pub fn start(app: &AppHandle) {
    let app = app.clone();
    std::thread::Builder::new()
        .name("salondesk-jobs".into())
        .spawn(move || {
            std::thread::sleep(FIRST_CHECK);
            loop {
                if let Err(e) = run_due(&app) {
                    eprintln!("scheduled work failed, retrying later: {}", e.message);
                }
                std::thread::sleep(EVERY);
            }
        })
        .map(drop)
        .unwrap_or_else(|e| eprintln!("could not start scheduled work: {e}"));
}

fn run_due(app: &AppHandle) -> crate::error::ApiResult<()> {
    let state = app.state::<AppState>();
    let months = state.store()?.due_month_ends()?;
    for month in months {
        let mut after = None;
        loop {
            // The lock is taken per batch: a sale waits for one batch at most.
            let (_, next) = state.store()?.month_end_batch(&month, after, BATCH)?;
            match next {
                Some(id) => after = Some(id),
                None => break,
            }
        }
        state.store()?.mark_month_end_done(&month)?;
    }
    if state.store()?.backup_due()? {
        // Failures are recorded for Settings and tried again an hour later.
        if let Err(e) = crate::commands::backups::run_backup(app) {
            eprintln!("scheduled backup failed: {:?} {:?}", e.code, e.reason);
        }
    }
    // Care tasks (回访): the days not yet done on this device, generated
    // here on the jobs thread, never on the UI's.
    if !state.store()?.care_days_due()?.is_empty() {
        run_care(&state)?;
    }
    // The member list's 365-day figures slide and RFM classes move with the date.
    let night = state.store()?.segments_nightly_due()?;
    if let Some(today) = night {
        state.store()?.run_segments_nightly(today)?;
    }
    let due = state.store()?.points_expiry_due()?;
    if let Some(today) = due {
        let mut store = state.store()?;
        store.expire_points(today)?;
        store.mark_points_expiry_done(today)?;
    }
    // Scheduled campaigns whose date has come; issuing twice gives nothing twice.
    state.store()?.issue_due_campaigns()?;
    Ok(())
}

/// The care job without holding the store while it reads: the days due and
/// what the job needs are taken under the lock, the two years of visits are
/// read on a connection of the job's own, and the tasks are written a chunk
/// per lock. Returns the tasks added.
pub fn run_care(state: &AppState) -> crate::error::ApiResult<usize> {
    let job = {
        let store = state.store()?;
        let days = store.care_days_due()?;
        store.care_job(&days)?
    };
    let plan = job.plan()?;
    let mut made = 0;
    let mut at = (!plan.days().is_empty()).then(salondesk_core::care::PlanAt::default);
    while let Some(step) = at {
        let (n, next) = state.store()?.write_care_step(&plan, step, CARE_CHUNK)?;
        made += n;
        at = next;
    }
    Ok(made)
}
