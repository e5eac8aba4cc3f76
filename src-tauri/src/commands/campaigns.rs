//! Campaigns (Back office → Campaigns) and a member's coupons at checkout.
//! The core decides who may (`ManageCampaigns`) and what is valid.

use crate::dto::campaigns::{
    AudienceView, CampaignForm, CampaignProgress, CampaignResultsView, CampaignView,
    MemberCouponView,
};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::state::AppState;
use salondesk_core::campaigns::CampaignInput;
use salondesk_core::Store;
use tauri::{AppHandle, Emitter, Manager, State};

fn list(store: &Store) -> ApiResult<Vec<CampaignView>> {
    Ok(store.campaigns()?.iter().map(CampaignView::from).collect())
}

#[tauri::command]
pub async fn campaigns(state: State<'_, AppState>) -> ApiResult<Vec<CampaignView>> {
    state.staff()?;
    list(&*state.store()?)
}

/// Creates a campaign (no `id`) or edits one not yet issued; answers the list.
#[tauri::command]
pub async fn save_campaign(
    state: State<'_, AppState>,
    id: Option<String>,
    form: CampaignForm,
) -> ApiResult<Vec<CampaignView>> {
    let actor = state.staff()?;
    let input = CampaignInput::try_from(&form)?;
    let mut store = state.store()?;
    match id {
        Some(id) => store.edit_campaign(&actor, &id, &input)?,
        None => store.create_campaign(&actor, &input)?,
    };
    list(&store)
}

#[tauri::command]
pub async fn campaign_audience(state: State<'_, AppState>, id: String) -> ApiResult<AudienceView> {
    let actor = state.staff()?;
    Ok(state.store()?.campaign_audience(&actor, &id)?.into())
}

/// Issues the campaign now, emitting `campaign-progress` {done, total} as
/// batches commit; runs off the UI thread.
#[tauri::command]
pub async fn issue_campaign(app: AppHandle, id: String) -> ApiResult<AudienceView> {
    let actor = app.state::<AppState>().staff()?;
    let worker = app.clone();
    tauri::async_runtime::spawn_blocking(move || -> ApiResult<AudienceView> {
        let state = worker.state::<AppState>();
        let mut store = state.store()?;
        let a = store.issue_campaign(&actor, &id, &mut |done, total| {
            // A lost progress event only delays the bar; the issue goes on.
            let _ = worker.emit("campaign-progress", CampaignProgress { done, total });
        })?;
        Ok(a.into())
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("campaign worker failed: {e}")))?
}

#[tauri::command]
pub async fn campaign_results(
    state: State<'_, AppState>,
    id: String,
) -> ApiResult<CampaignResultsView> {
    let actor = state.staff()?;
    Ok(state.store()?.campaign_results(&actor, &id)?.into())
}

/// The member's coupons she can use today (checkout offers them).
#[tauri::command]
pub async fn member_coupons(
    state: State<'_, AppState>,
    member_id: String,
) -> ApiResult<Vec<MemberCouponView>> {
    state.staff()?;
    let store = state.store()?;
    let today = store.business_date()?;
    Ok(store
        .member_coupons(member_id.parse()?, Some(today))?
        .iter()
        .map(MemberCouponView::from)
        .collect())
}
