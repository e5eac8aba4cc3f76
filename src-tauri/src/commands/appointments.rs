//! The calendar's commands: day and week views, booking, moving, resizing,
//! status changes and their history, the checkout link, working hours,
//! rooms, the reminder outbox and its settings, and the .ics export.
//!
//! Checking out an appointment: `appointment_cart` fills the checkout; after
//! `complete_sale` succeeds the UI calls `complete_appointment_after_sale`
//! (a second, idempotent transaction: if it fails the sale stands and the
//! appointment can be completed by hand).

use crate::dto::appointment::{
    parse_date, parse_instant, AppointmentCartView, AppointmentView, BookingInputDto,
    BookingServiceView, DayViewDto, HistoryEntryView, MessageView, ReminderRunView,
    ReminderSettingsView, RoomInput, RoomView, SuggestionView, WeekViewDto, WorkingHoursView,
};
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::appointments::{AppointmentStatus, MoveInput, Offset, ResourceKind};
use salondesk_core::staff::{Permission, Staff};
use salondesk_core::Store;
use tauri::{AppHandle, Manager, State};

fn full_phone(staff: &Staff) -> bool {
    staff.role.may(Permission::SeeFullPhone)
}

fn view(
    store: &Store,
    staff: &Staff,
    a: &salondesk_core::appointments::Appointment,
) -> ApiResult<AppointmentView> {
    let offset = Offset(i64::from(store.checkout_settings()?.utc_offset_minutes));
    Ok(AppointmentView::new(a, offset, full_phone(staff)))
}

#[tauri::command]
pub async fn day_view(state: State<'_, AppState>, date: String) -> ApiResult<DayViewDto> {
    let staff = state.staff()?;
    let date = parse_date("date", &date)?;
    let day = state.store()?.day_view(date)?;
    Ok(DayViewDto::new(&day, full_phone(&staff)))
}

#[tauri::command]
pub async fn week_view(
    state: State<'_, AppState>,
    staff_id: String,
    week_start: String,
) -> ApiResult<WeekViewDto> {
    let staff = state.staff()?;
    let week = state
        .store()?
        .week_view(staff_id.parse()?, parse_date("weekStart", &week_start)?)?;
    Ok(WeekViewDto::new(&week, full_phone(&staff)))
}

#[tauri::command]
pub async fn get_appointment(state: State<'_, AppState>, id: String) -> ApiResult<AppointmentView> {
    let staff = state.staff()?;
    let store = state.store()?;
    let a = store.appointment(&id)?;
    view(&store, &staff, &a)
}

#[tauri::command]
pub async fn book_appointment(
    state: State<'_, AppState>,
    input: BookingInputDto,
) -> ApiResult<AppointmentView> {
    let staff = state.staff()?;
    let input = input.to_core()?;
    let mut store = state.store()?;
    let a = store.book_appointment(&staff, &input)?;
    view(&store, &staff, &a)
}

#[tauri::command]
pub async fn move_appointment(
    state: State<'_, AppState>,
    id: String,
    start: String,
    staff_id: Option<String>,
    room_id: Option<String>,
    allow_outside_hours: bool,
) -> ApiResult<AppointmentView> {
    let staff = state.staff()?;
    let to = MoveInput {
        start: parse_instant("start", &start)?,
        staff_id: match staff_id.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => Some(s.parse()?),
            None => None,
        },
        room_id: room_id.filter(|r| !r.is_empty()),
        allow_outside_hours,
    };
    let mut store = state.store()?;
    let a = store.move_appointment(&staff, &id, &to)?;
    view(&store, &staff, &a)
}

#[tauri::command]
pub async fn resize_appointment(
    state: State<'_, AppState>,
    id: String,
    end: String,
    allow_outside_hours: bool,
) -> ApiResult<AppointmentView> {
    let staff = state.staff()?;
    let end = parse_instant("end", &end)?;
    let mut store = state.store()?;
    let a = store.resize_appointment(&staff, &id, end, allow_outside_hours)?;
    view(&store, &staff, &a)
}

/// Confirm, arrive, start service, complete, cancel (`reason` required) or no-show.
#[tauri::command]
pub async fn set_appointment_status(
    state: State<'_, AppState>,
    id: String,
    status: AppointmentStatus,
    reason: Option<String>,
) -> ApiResult<AppointmentView> {
    let staff = state.staff()?;
    let mut store = state.store()?;
    let a = store.set_appointment_status(&staff, &id, status, reason.as_deref())?;
    view(&store, &staff, &a)
}

#[tauri::command]
pub async fn appointment_history(
    state: State<'_, AppState>,
    id: String,
) -> ApiResult<Vec<HistoryEntryView>> {
    state.staff()?;
    let h = state.store()?.appointment_history(&id)?;
    Ok(h.iter().map(HistoryEntryView::from).collect())
}

#[tauri::command]
pub async fn suggest_beautician(
    state: State<'_, AppState>,
    member_id: String,
) -> ApiResult<Option<SuggestionView>> {
    state.staff()?;
    let s = state.store()?.suggest_beautician(member_id.parse()?)?;
    Ok(s.map(Into::into))
}

/// How many times the member did not come (爽约).
#[tauri::command]
pub async fn member_no_shows(state: State<'_, AppState>, member_id: String) -> ApiResult<i64> {
    state.staff()?;
    Ok(state.store()?.member_no_shows(member_id.parse()?)?)
}

#[tauri::command]
pub async fn appointment_cart(
    state: State<'_, AppState>,
    id: String,
) -> ApiResult<AppointmentCartView> {
    state.staff()?;
    let cart = state.store()?.appointment_cart(&id)?;
    Ok((&cart).into())
}

/// Called right after `complete_sale` for a sale rung up from an appointment.
#[tauri::command]
pub async fn complete_appointment_after_sale(
    state: State<'_, AppState>,
    appointment_id: String,
    sale_id: String,
) -> ApiResult<AppointmentView> {
    let staff = state.staff()?;
    let mut store = state.store()?;
    let a = store.complete_appointment_after_sale(&staff, &appointment_id, &sale_id)?;
    view(&store, &staff, &a)
}

#[tauri::command]
pub async fn working_hours(
    state: State<'_, AppState>,
    staff_id: String,
) -> ApiResult<WorkingHoursView> {
    state.staff()?;
    let h = state.store()?.working_hours(staff_id.parse()?)?;
    Ok((&h).into())
}

#[tauri::command]
pub async fn save_working_hours(
    state: State<'_, AppState>,
    input: WorkingHoursView,
) -> ApiResult<WorkingHoursView> {
    let manager = state.staff()?;
    let hours = input.to_core()?;
    let mut store = state.store()?;
    store.set_working_hours(&manager, &hours)?;
    Ok((&store.working_hours(hours.staff_id)?).into())
}

#[tauri::command]
pub async fn list_rooms(state: State<'_, AppState>) -> ApiResult<Vec<RoomView>> {
    state.staff()?;
    Ok(state.store()?.rooms()?.iter().map(RoomView::from).collect())
}

#[tauri::command]
pub async fn add_room(state: State<'_, AppState>, input: RoomInput) -> ApiResult<RoomView> {
    let manager = state.staff()?;
    let room = state
        .store()?
        .add_room(&manager, &input.name, input.kind, input.capacity)?;
    Ok((&room).into())
}

#[tauri::command]
pub async fn booking_services(state: State<'_, AppState>) -> ApiResult<Vec<BookingServiceView>> {
    state.staff()?;
    let services = state.store()?.bookable_services()?;
    Ok(services
        .into_iter()
        .map(|s| BookingServiceView {
            id: s.id.to_string(),
            name: s.name,
            category: s.category,
            duration_min: s.duration_min,
            price: s.price.fen(),
            resource_kind: s.resource_kind,
        })
        .collect())
}

#[tauri::command]
pub async fn set_service_resource_kind(
    state: State<'_, AppState>,
    service_id: String,
    kind: Option<ResourceKind>,
) -> ApiResult<()> {
    let manager = state.staff()?;
    state
        .store()?
        .set_service_resource_kind(&manager, service_id.parse()?, kind)?;
    Ok(())
}

/// Reminders not yet sent whose appointment is still ahead, soonest first.
#[tauri::command]
pub async fn pending_messages(state: State<'_, AppState>) -> ApiResult<Vec<MessageView>> {
    let staff = state.staff()?;
    let messages = state.store()?.pending_messages()?;
    Ok(messages
        .iter()
        .map(|m| MessageView::new(m, full_phone(&staff)))
        .collect())
}

/// The desk sent a reminder by hand.
#[tauri::command]
pub async fn mark_message_sent(state: State<'_, AppState>, id: String) -> ApiResult<()> {
    let staff = state.staff()?;
    state.store()?.mark_sent(&id, Some(&staff))?;
    Ok(())
}

#[tauri::command]
pub async fn reminder_settings(state: State<'_, AppState>) -> ApiResult<ReminderSettingsView> {
    state.staff()?;
    Ok(state.store()?.reminder_settings()?.into())
}

#[tauri::command]
pub async fn save_reminder_settings(
    state: State<'_, AppState>,
    input: ReminderSettingsView,
) -> ApiResult<ReminderSettingsView> {
    let manager = state.staff()?;
    let mut store = state.store()?;
    store.save_reminder_settings(&manager, &input.into())?;
    Ok(store.reminder_settings()?.into())
}

/// Makes the reminders now due and sends what is ready (if a sender is set).
#[tauri::command]
pub async fn run_reminders(app: AppHandle) -> ApiResult<ReminderRunView> {
    app.state::<AppState>().staff()?;
    crate::reminder_sender::run_once(&app).await
}

/// The beautician's appointments from `from` to `to` (store dates, inclusive)
/// as an iCalendar file; the UI saves it.
#[tauri::command]
pub async fn export_ics(
    state: State<'_, AppState>,
    staff_id: String,
    from: String,
    to: String,
) -> ApiResult<String> {
    let actor = state.staff()?;
    let ics = state.store()?.ics_for_staff(
        &actor,
        staff_id.parse()?,
        parse_date("from", &from)?,
        parse_date("to", &to)?,
    )?;
    Ok(ics)
}
