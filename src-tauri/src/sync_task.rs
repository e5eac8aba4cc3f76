//! The sync engine inside the app: started at launch when the device is
//! enrolled (and right after an enrolment, without a restart), run on Tauri's
//! async runtime, woken by the core's outbox hook after every local write.
//! Every change of its status goes to the UI as a `sync-status` event. The
//! engine takes the store's lock only for short steps, never across network
//! I/O, so the desk keeps selling while a page downloads. Logs name error
//! codes only: no URL (it may hold a token), no personal data.

use crate::dto::sync::{EnrolmentView, SyncStatusView};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use salondesk_core::Store;
use salondesk_sync::{Controller, Local, Options, Snapshot, SyncError, SyncStatus};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

pub const STATUS_EVENT: &str = "sync-status";

/// How long "sync now" waits for its round before answering the status as it is.
const SYNC_NOW_WAIT: Duration = Duration::from_secs(60);

/// The app's store as the engine reaches it: through `AppState`'s lock.
#[derive(Clone)]
struct AppLocal(AppHandle);

impl Local for AppLocal {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> salondesk_core::Result<T>,
    ) -> Result<T, SyncError> {
        let state = self.0.state::<AppState>();
        let mut store = state.store().map_err(|e| SyncError::Local(e.message))?;
        Ok(f(&mut store)?)
    }
}

struct Running {
    controller: Controller,
    enrolment: EnrolmentView,
}

/// Held by the app (`app.manage`): the running engine, if any.
#[derive(Default)]
pub struct SyncTask {
    running: Mutex<Option<Running>>,
}

impl SyncTask {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Running>> {
        self.running.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts the engine for the store's enrolment, replacing one already
    /// running (after a new enrolment). A device that is not enrolled has
    /// nothing to start: `Ok(false)`.
    pub fn start(&self, app: &AppHandle) -> ApiResult<bool> {
        self.stop();
        let local = AppLocal(app.clone());
        let Some(enrolment) = local
            .with_store(|s| EnrolmentView::read(s))
            .map_err(internal)?
        else {
            return Ok(false);
        };
        let (controller, runner) =
            salondesk_sync::prepare(local, Options::default()).map_err(internal)?;
        tauri::async_runtime::spawn(runner.run());

        // The status goes to the UI on every change, until the engine stops
        // (its sender drops and `changed` fails).
        let mut rx = controller.subscribe();
        let emitter = app.clone();
        let shown = enrolment.clone();
        tauri::async_runtime::spawn(async move {
            let mut last = None;
            loop {
                let status = rx.borrow_and_update().clone();
                let view = SyncStatusView::new(&status, Some(shown.clone()));
                // Only what the desk can see changing is sent (not every round's count).
                let json = serde_json::to_string(&view).ok();
                if json != last {
                    // A lost event only leaves the indicator stale until the next one.
                    let _ = emitter.emit(STATUS_EVENT, view);
                    last = json;
                }
                if rx.changed().await.is_err() {
                    break;
                }
            }
        });
        *self.lock() = Some(Running {
            controller,
            enrolment,
        });
        Ok(true)
    }

    pub fn stop(&self) {
        if let Some(r) = self.lock().take() {
            r.controller.stop();
        }
    }

    fn controller(&self) -> Option<(Controller, EnrolmentView)> {
        self.lock()
            .as_ref()
            .map(|r| (r.controller.clone(), r.enrolment.clone()))
    }

    /// The status now: the running engine's, or (not enrolled, or the engine
    /// could not start) what the store says.
    pub fn status(&self, state: &AppState) -> ApiResult<SyncStatusView> {
        if let Some((c, enrolment)) = self.controller() {
            return Ok(SyncStatusView::new(&c.status(), Some(enrolment)));
        }
        let store = state.store()?;
        let snapshot = Snapshot::read(&store)?;
        let enrolment = EnrolmentView::read(&store)?;
        Ok(SyncStatusView::new(
            &SyncStatus::from_snapshot(&snapshot),
            enrolment,
        ))
    }

    /// Syncs at once and answers the status after that round (or after a
    /// minute, if the network is that slow: the round goes on).
    pub async fn sync_now(&self, app: &AppHandle) -> ApiResult<SyncStatusView> {
        if self.controller().is_none() {
            self.start(app)?;
        }
        match self.controller() {
            Some((c, enrolment)) => {
                let status = c.sync_now_and_wait(SYNC_NOW_WAIT).await;
                Ok(SyncStatusView::new(&status, Some(enrolment)))
            }
            None => self.status(&app.state::<AppState>()),
        }
    }
}

fn internal(e: SyncError) -> ApiError {
    ApiError::new(ErrorCode::Internal, e.to_string())
}

/// At launch: starts syncing if this device is enrolled. A store that did not
/// open (the window says why) or a failure here leaves the desk working
/// offline; Settings shows the status.
pub fn start(app: &AppHandle) {
    app.manage(SyncTask::default());
    if app.state::<AppState>().store().is_err() {
        return;
    }
    if let Err(e) = app.state::<SyncTask>().start(app) {
        eprintln!("sync not started: {:?}", e.code);
    }
}
