use crate::dto::app::{AppInfo, DemoPinView, SeedProgress};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use salondesk_core::seed::SeedOptions;
use tauri::{AppHandle, Emitter, Manager, State};

#[tauri::command]
pub async fn app_info(app: AppHandle, state: State<'_, AppState>) -> ApiResult<AppInfo> {
    let store = state.store()?;
    let data_dir = app
        .path()
        .app_data_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        db_path: state.db_path.display().to_string(),
        data_dir,
        has_owner: store.has_owner()?,
        system_locale: sys_locale::get_locale().unwrap_or_else(|| "en".into()),
        member_count: store.member_count()?,
        device_id: store.device().id.to_string(),
        pending_ops: store.pending_ops()?,
    })
}

/// Writes demo data on a worker thread, reporting `seed-progress` events;
/// returns the demo staff's random PINs, to be shown once (only on a till not
/// enrolled and without sales: `demo_refused`).
#[tauri::command]
pub async fn seed_demo(app: AppHandle, members: u64) -> ApiResult<Vec<DemoPinView>> {
    if !(1..=200_000).contains(&members) {
        return Err(ApiError {
            field: Some("members".into()),
            ..ApiError::new(
                ErrorCode::Validation,
                "demo members: 1 to 200,000 (use salondesk-cli for more)",
            )
        });
    }
    let staff = app.state::<AppState>().staff()?;
    let worker = app.clone();
    app.state::<AppState>().store()?.may_seed_demo(&staff)?;
    tauri::async_runtime::spawn_blocking(move || -> ApiResult<Vec<DemoPinView>> {
        let state = worker.state::<AppState>();
        let mut store = state.store()?;
        let opts = SeedOptions {
            members,
            batch: 500,
            ..SeedOptions::default()
        };
        let report = store.seed_demo(&opts, &mut |done, total| {
            // A lost progress event only delays the bar; the seeding goes on.
            let _ = worker.emit("seed-progress", SeedProgress { done, total });
        })?;
        Ok(report
            .pins
            .into_iter()
            .map(|p| DemoPinView {
                name: p.name,
                role: p.role,
                pin: p.pin,
            })
            .collect())
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("demo data worker failed: {e}")))?
}
