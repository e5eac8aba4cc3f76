//! Feedback, complaints and points (issue 17): a visit's rating, complaints
//! and their handling, a member's points history, points by hand and the
//! exchange list. The core decides who may (`RecordFeedback`,
//! `HandleComplaints`, `AdjustPoints`, `Sell`); these only translate.

use crate::dto::feedback::{
    ComplaintDetailView, ComplaintInputDto, ComplaintStepInput, ComplaintView,
    ExchangeItemInputDto, ExchangeItemView, ExchangedView, FeedbackFormView, FeedbackInputDto,
    PointsEntryView, VisitFeedbackView,
};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::feedback::ComplaintStatus;
use tauri::State;

/// The most complaints the back office lists at once (a salon has a few a month).
const COMPLAINTS_SHOWN: usize = 500;
/// The most points entries a member's history shows.
const POINTS_SHOWN: usize = 500;

#[tauri::command]
pub async fn feedback_form(
    state: State<'_, AppState>,
    sale_id: String,
) -> ApiResult<FeedbackFormView> {
    state.staff()?;
    Ok((&state.store()?.feedback_form(&sale_id)?).into())
}

#[tauri::command]
pub async fn record_feedback(
    state: State<'_, AppState>,
    input: FeedbackInputDto,
) -> ApiResult<VisitFeedbackView> {
    let staff = state.staff()?;
    let input = input.to_core()?;
    Ok((&state.store()?.record_feedback(&staff, &input)?).into())
}

#[tauri::command]
pub async fn member_feedback(
    state: State<'_, AppState>,
    member_id: String,
) -> ApiResult<Vec<VisitFeedbackView>> {
    state.staff()?;
    let list = state.store()?.member_feedback(member_id.parse()?)?;
    Ok(list.iter().map(Into::into).collect())
}

/// Records a complaint; returns its id.
#[tauri::command]
pub async fn record_complaint(
    state: State<'_, AppState>,
    input: ComplaintInputDto,
) -> ApiResult<String> {
    let staff = state.staff()?;
    let input = input.to_core()?;
    Ok(state.store()?.record_complaint(&staff, &input)?)
}

/// One step of a complaint's handling; returns the complaint as it now is.
#[tauri::command]
pub async fn handle_complaint(
    state: State<'_, AppState>,
    id: String,
    input: ComplaintStepInput,
) -> ApiResult<ComplaintDetailView> {
    let staff = state.staff()?;
    let step = input.to_core()?;
    let mut store = state.store()?;
    store.handle_complaint(&staff, &id, &step, &input.note)?;
    Ok((&store.complaint(&id)?).into())
}

#[tauri::command]
pub async fn complaints(
    state: State<'_, AppState>,
    status: Option<ComplaintStatus>,
) -> ApiResult<Vec<ComplaintView>> {
    state.staff()?;
    let list = state.store()?.complaints(status, COMPLAINTS_SHOWN)?;
    Ok(list.iter().map(Into::into).collect())
}

#[tauri::command]
pub async fn complaint_detail(
    state: State<'_, AppState>,
    id: String,
) -> ApiResult<ComplaintDetailView> {
    state.staff()?;
    Ok((&state.store()?.complaint(&id)?).into())
}

/// Her complaints still open (the profile's card, the checkout's warning).
#[tauri::command]
pub async fn member_open_complaints(
    state: State<'_, AppState>,
    member_id: String,
) -> ApiResult<Vec<ComplaintView>> {
    state.staff()?;
    let list = state.store()?.member_open_complaints(member_id.parse()?)?;
    Ok(list.iter().map(Into::into).collect())
}

#[tauri::command]
pub async fn points_history(
    state: State<'_, AppState>,
    member_id: String,
) -> ApiResult<Vec<PointsEntryView>> {
    state.staff()?;
    let list = state
        .store()?
        .points_history(member_id.parse()?, POINTS_SHOWN)?;
    Ok(list.iter().map(Into::into).collect())
}

/// Points by hand; returns her new balance.
#[tauri::command]
pub async fn adjust_points(
    state: State<'_, AppState>,
    member_id: String,
    delta: i64,
    note: String,
) -> ApiResult<i64> {
    let staff = state.staff()?;
    Ok(state
        .store()?
        .adjust_points(&staff, member_id.parse()?, delta, &note)?)
}

#[tauri::command]
pub async fn exchange_items(
    state: State<'_, AppState>,
    all: bool,
) -> ApiResult<Vec<ExchangeItemView>> {
    state.staff()?;
    let list = state.store()?.exchange_items(all)?;
    Ok(list.iter().map(Into::into).collect())
}

/// Adds or edits an exchange item; returns its id.
#[tauri::command]
pub async fn save_exchange_item(
    state: State<'_, AppState>,
    input: ExchangeItemInputDto,
) -> ApiResult<String> {
    let staff = state.staff()?;
    Ok(state
        .store()?
        .save_exchange_item(&staff, &input.to_core())?)
}

#[tauri::command]
pub async fn exchange_points(
    state: State<'_, AppState>,
    member_id: String,
    item_id: String,
) -> ApiResult<ExchangedView> {
    let staff = state.staff()?;
    let done = state
        .store()?
        .exchange_points(&staff, member_id.parse()?, &item_id)?;
    Ok(ExchangedView {
        points_left: done.points_left,
        coupon_id: done.coupon_id,
    })
}
