//! The calendar's wire types: day and week views, booking and moving, the
//! history, working hours, rooms, the reminder outbox and its settings.
//! Instants are ISO-8601 (the UI may send any offset, e.g. `+08:00`; the shell
//! answers in UTC `Z`); dates are `YYYY-MM-DD` store dates; `startMin`/`endMin`
//! are minutes after the store's local midnight of the day shown.

use crate::error::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use salondesk_core::appointments as ap;
use salondesk_core::appointments::{
    AppointmentStatus, HistoryAction, MessageLang, MessageStatus, ResourceKind, SuggestionReason,
};
use salondesk_core::checkout::LineKind;
use salondesk_core::member::Tier;
use salondesk_core::CoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn iso(t: DateTime<Utc>) -> String {
    salondesk_core::time::iso(t)
}

/// An instant from the UI: RFC 3339 with any offset.
pub fn parse_instant(field: &'static str, s: &str) -> Result<DateTime<Utc>, ApiError> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            CoreError::validation(field, format!("not a time (ISO-8601 with offset): {s:?}")).into()
        })
}

pub fn parse_date(field: &'static str, s: &str) -> Result<NaiveDate, ApiError> {
    Ok(ap::parse_date(field, s)?)
}

/// The phone as this staff member may see it (PIPL: masked for the desk).
fn phone_for(p: &salondesk_core::types::Phone, full: bool) -> String {
    if full {
        p.display()
    } else {
        p.masked()
    }
}

/// One appointment, as a block on the calendar.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentView {
    pub id: String,
    /// Null for a walk-in (散客).
    pub member_id: Option<String>,
    /// The member's name, or the walk-in's.
    pub client_name: String,
    pub walk_in: bool,
    /// Masked unless the session may see full phones; null if none.
    pub phone: Option<String>,
    pub member_tier: Option<Tier>,
    pub service_id: String,
    pub service_name: String,
    pub staff_id: String,
    pub staff_name: String,
    pub room_id: Option<String>,
    pub room_name: Option<String>,
    /// ISO-8601 UTC.
    pub start: String,
    pub end: String,
    /// Minutes after the store's local midnight of the start's day (for the grid).
    #[ts(type = "number")]
    pub start_min: i64,
    #[ts(type = "number")]
    pub end_min: i64,
    pub status: AppointmentStatus,
    pub notes: String,
    pub cancel_reason: Option<String>,
    /// The sale that completed it, if any.
    pub sale_id: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

impl AppointmentView {
    pub fn new(a: &ap::Appointment, offset: ap::Offset, full_phone: bool) -> Self {
        let day = offset.date(a.start);
        AppointmentView {
            id: a.id.clone(),
            member_id: a.member_id.map(|m| m.to_string()),
            client_name: a.client_name.clone(),
            walk_in: a.is_walk_in(),
            phone: a.phone.as_ref().map(|p| phone_for(p, full_phone)),
            member_tier: a.member_tier,
            service_id: a.service_id.to_string(),
            service_name: a.service_name.clone(),
            staff_id: a.staff_id.to_string(),
            staff_name: a.staff_name.clone(),
            room_id: a.room_id.clone(),
            room_name: a.room_name.clone(),
            start: iso(a.start),
            end: iso(a.end),
            start_min: offset.minutes_into(day, a.start),
            end_min: offset.minutes_into(day, a.end),
            status: a.status,
            notes: a.notes.clone(),
            cancel_reason: a.cancel_reason.clone(),
            sale_id: a.sale_id.clone(),
            created_by: a.created_by.to_string(),
            created_at: iso(a.created_at),
        }
    }
}

/// Working time on one day, minutes after the store's local midnight (600 = 10:00).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayHoursView {
    #[ts(type = "number")]
    pub start_min: i64,
    #[ts(type = "number")]
    pub end_min: i64,
}

impl From<ap::DayHours> for DayHoursView {
    fn from(h: ap::DayHours) -> Self {
        DayHoursView {
            start_min: h.start_min,
            end_min: h.end_min,
        }
    }
}

impl From<DayHoursView> for ap::DayHours {
    fn from(h: DayHoursView) -> Self {
        ap::DayHours {
            start_min: h.start_min,
            end_min: h.end_min,
        }
    }
}

/// One beautician's column of the day view.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffColumnView {
    pub staff_id: String,
    pub staff_name: String,
    pub role: salondesk_core::staff::Role,
    /// Her calendar colour (a word of the palette), if she has one.
    pub color: Option<String>,
    /// Her hours that day; null when she is off or has no hours set.
    pub hours: Option<DayHoursView>,
    pub day_off: bool,
    /// Every appointment starting that day, cancelled and no-show included.
    pub appointments: Vec<AppointmentView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomView {
    pub id: String,
    pub name: String,
    pub kind: ResourceKind,
    #[ts(type = "number")]
    pub capacity: i64,
}

impl From<&ap::Room> for RoomView {
    fn from(r: &ap::Room) -> Self {
        RoomView {
            id: r.id.clone(),
            name: r.name.clone(),
            kind: r.kind,
            capacity: r.capacity,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomInput {
    pub name: String,
    pub kind: ResourceKind,
    #[ts(type = "number")]
    pub capacity: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayViewDto {
    pub date: String,
    pub utc_offset_minutes: i32,
    pub columns: Vec<StaffColumnView>,
    pub rooms: Vec<RoomView>,
}

impl DayViewDto {
    pub fn new(d: &ap::DayView, full_phone: bool) -> Self {
        let offset = ap::Offset(d.utc_offset_minutes);
        DayViewDto {
            date: d.date.to_string(),
            utc_offset_minutes: d.utc_offset_minutes as i32,
            columns: d
                .columns
                .iter()
                .map(|c| StaffColumnView {
                    staff_id: c.staff_id.to_string(),
                    staff_name: c.staff_name.clone(),
                    color: c.color.clone(),
                    role: c.role,
                    hours: c.hours.map(Into::into),
                    day_off: c.day_off,
                    appointments: c
                        .appointments
                        .iter()
                        .map(|a| AppointmentView::new(a, offset, full_phone))
                        .collect(),
                })
                .collect(),
            rooms: d.rooms.iter().map(RoomView::from).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekDayView {
    pub date: String,
    pub hours: Option<DayHoursView>,
    pub day_off: bool,
    pub appointments: Vec<AppointmentView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekViewDto {
    pub staff_id: String,
    pub staff_name: String,
    pub week_start: String,
    pub utc_offset_minutes: i32,
    /// Seven days from `weekStart`.
    pub days: Vec<WeekDayView>,
}

impl WeekViewDto {
    pub fn new(w: &ap::WeekView, full_phone: bool) -> Self {
        let offset = ap::Offset(w.utc_offset_minutes);
        WeekViewDto {
            staff_id: w.staff_id.to_string(),
            staff_name: w.staff_name.clone(),
            week_start: w.week_start.to_string(),
            utc_offset_minutes: w.utc_offset_minutes as i32,
            days: w
                .days
                .iter()
                .map(|d| WeekDayView {
                    date: d.date.to_string(),
                    hours: d.hours.map(Into::into),
                    day_off: d.day_off,
                    appointments: d
                        .appointments
                        .iter()
                        .map(|a| AppointmentView::new(a, offset, full_phone))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// A new appointment: `memberId`, or a walk-in's `walkInName` (and phone).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingInputDto {
    pub member_id: Option<String>,
    pub walk_in_name: Option<String>,
    pub walk_in_phone: Option<String>,
    pub service_id: String,
    pub staff_id: String,
    /// Null picks a free room of the kind the service needs (if the store has any).
    pub room_id: Option<String>,
    /// ISO-8601 with offset.
    pub start: String,
    /// Null: the service's duration.
    pub end: Option<String>,
    pub notes: String,
    /// Set after the desk confirmed booking outside working hours (`outside_hours`).
    pub allow_outside_hours: bool,
}

impl BookingInputDto {
    pub fn to_core(&self) -> Result<ap::BookingInput, ApiError> {
        let bad = |field: &'static str, m: &str| -> ApiError {
            CoreError::validation(field, m.to_owned()).into()
        };
        let client = match (
            self.member_id.as_deref().filter(|s| !s.is_empty()),
            self.walk_in_name
                .as_deref()
                .filter(|s| !s.trim().is_empty()),
        ) {
            (Some(m), _) => {
                ap::Client::Member(m.parse().map_err(|_| bad("memberId", "not a member"))?)
            }
            (None, Some(name)) => ap::Client::WalkIn {
                name: name.to_owned(),
                phone: self.walk_in_phone.clone(),
            },
            (None, None) => {
                return Err(bad("memberId", "choose a member, or give a walk-in's name"))
            }
        };
        Ok(ap::BookingInput {
            client,
            service_id: self
                .service_id
                .parse()
                .map_err(|_| bad("serviceId", "not a service"))?,
            staff_id: self
                .staff_id
                .parse()
                .map_err(|_| bad("staffId", "not a staff member"))?,
            room_id: self.room_id.clone().filter(|r| !r.is_empty()),
            start: parse_instant("start", &self.start)?,
            end: match self.end.as_deref().filter(|s| !s.is_empty()) {
                Some(e) => Some(parse_instant("end", e)?),
                None => None,
            },
            notes: self.notes.clone(),
            allow_outside_hours: self.allow_outside_hours,
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntryView {
    pub action: HistoryAction,
    pub from_status: Option<AppointmentStatus>,
    pub to_status: AppointmentStatus,
    pub reason: String,
    /// What moved: "2026-11-24 10:00–11:15 王芳 → 2026-11-24 14:00–15:15 李静".
    pub detail: String,
    pub staff_id: String,
    pub staff_name: String,
    pub at: String,
}

impl From<&ap::HistoryEntry> for HistoryEntryView {
    fn from(h: &ap::HistoryEntry) -> Self {
        HistoryEntryView {
            action: h.action,
            from_status: h.from_status,
            to_status: h.to_status,
            reason: h.reason.clone(),
            detail: h.detail.clone(),
            staff_id: h.staff_id.to_string(),
            staff_name: h.staff_name.clone(),
            at: iso(h.at),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionView {
    pub staff_id: String,
    pub staff_name: String,
    pub reason: SuggestionReason,
}

impl From<ap::Suggestion> for SuggestionView {
    fn from(s: ap::Suggestion) -> Self {
        SuggestionView {
            staff_id: s.staff_id.to_string(),
            staff_name: s.staff_name,
            reason: s.reason,
        }
    }
}

/// A staff member credited with a line and her share (10000 = all of it).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreditedStaff {
    pub staff_id: String,
    #[ts(type = "number")]
    pub share_bp: i64,
}

/// A cart line shaped like `CartLineInput`, with its name and list price to show.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentCartLine {
    pub kind: LineKind,
    pub item_id: String,
    #[ts(type = "number")]
    pub qty: i64,
    pub staff: Vec<CreditedStaff>,
    #[ts(type = "number | null")]
    pub price_override: Option<i64>,
    pub name: String,
    /// List price in fen.
    #[ts(type = "number")]
    pub price: i64,
}

/// What the checkout opens with for an appointment; after `complete_sale`,
/// call `complete_appointment_after_sale` with `appointmentId` and the sale's id.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentCartView {
    pub appointment_id: String,
    pub member_id: Option<String>,
    pub client_name: String,
    pub lines: Vec<AppointmentCartLine>,
}

impl From<&ap::AppointmentCart> for AppointmentCartView {
    fn from(c: &ap::AppointmentCart) -> Self {
        use salondesk_core::checkout::LineItem;
        let lines = c
            .lines
            .iter()
            .filter_map(|l| match &l.item {
                LineItem::Service { service_id, qty } => Some(AppointmentCartLine {
                    kind: LineKind::Service,
                    item_id: service_id.to_string(),
                    qty: *qty,
                    staff: l
                        .staff
                        .iter()
                        .map(|(id, bp)| CreditedStaff {
                            staff_id: id.to_string(),
                            share_bp: *bp,
                        })
                        .collect(),
                    price_override: None,
                    name: c.service_name.clone(),
                    price: c.list_price.fen(),
                }),
                _ => None,
            })
            .collect();
        AppointmentCartView {
            appointment_id: c.appointment_id.clone(),
            member_id: c.member_id.map(|m| m.to_string()),
            client_name: c.client_name.clone(),
            lines,
        }
    }
}

/// A beautician's weekly hours (Monday first; null = off that weekday) and
/// single days off.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkingHoursView {
    pub staff_id: String,
    /// Seven entries, Monday to Sunday.
    pub week: Vec<Option<DayHoursView>>,
    /// `YYYY-MM-DD` store dates.
    pub days_off: Vec<String>,
    /// False until a manager sets them: until then any time counts as working.
    pub configured: bool,
}

impl From<&ap::WorkingHours> for WorkingHoursView {
    fn from(h: &ap::WorkingHours) -> Self {
        WorkingHoursView {
            staff_id: h.staff_id.to_string(),
            week: h.week.iter().map(|d| d.map(Into::into)).collect(),
            days_off: h.days_off.iter().map(|d| d.to_string()).collect(),
            configured: h.configured,
        }
    }
}

impl WorkingHoursView {
    pub fn to_core(&self) -> Result<ap::WorkingHours, ApiError> {
        if self.week.len() != 7 {
            return Err(CoreError::validation("week", "seven days, Monday first").into());
        }
        let mut week = [None; 7];
        for (slot, d) in week.iter_mut().zip(&self.week) {
            *slot = d.map(Into::into);
        }
        let days_off = self
            .days_off
            .iter()
            .map(|d| parse_date("daysOff", d))
            .collect::<Result<_, _>>()?;
        Ok(ap::WorkingHours {
            staff_id: self.staff_id.parse().map_err(|_| {
                ApiError::from(CoreError::validation("staffId", "not a staff member"))
            })?,
            week,
            days_off,
            configured: true,
        })
    }
}

/// A service for the booking form: how long it takes and what room it needs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingServiceView {
    pub id: String,
    pub name: String,
    pub category: String,
    #[ts(type = "number")]
    pub duration_min: i64,
    #[ts(type = "number")]
    pub price: i64,
    pub resource_kind: Option<ResourceKind>,
}

/// A message in the outbox (a reminder), for sending by hand.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    pub id: String,
    /// What it is about: an appointment's reminder, a care task's message,
    /// a campaign's message (the panel labels each).
    #[ts(type = "\"appointment_reminder\" | \"care\" | \"campaign\"")]
    pub kind: &'static str,
    pub appointment_id: String,
    /// The appointment's start; for a care or campaign message, when it was queued.
    pub appointment_start: String,
    pub recipient_name: String,
    /// Masked unless the session may see full phones.
    pub phone: String,
    pub lang: MessageLang,
    pub body: String,
    pub status: MessageStatus,
    #[ts(type = "number")]
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

impl MessageView {
    pub fn new(m: &ap::Message, full_phone: bool) -> Self {
        MessageView {
            id: m.id.clone(),
            kind: m.kind(),
            appointment_id: m.appointment_id.clone(),
            appointment_start: iso(m.appointment_start),
            recipient_name: m.recipient_name.clone(),
            phone: phone_for(&m.phone, full_phone),
            lang: m.lang,
            body: m.body.clone(),
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error.clone(),
            sent_at: m.sent_at.map(iso),
        }
    }
}

/// This device's reminder sender: a webhook URL (empty: none, send by hand).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderSettingsView {
    pub webhook_url: String,
    pub lang: MessageLang,
}

impl From<ap::ReminderSettings> for ReminderSettingsView {
    fn from(s: ap::ReminderSettings) -> Self {
        ReminderSettingsView {
            webhook_url: s.webhook_url,
            lang: s.lang,
        }
    }
}

impl From<ReminderSettingsView> for ap::ReminderSettings {
    fn from(s: ReminderSettingsView) -> Self {
        ap::ReminderSettings {
            webhook_url: s.webhook_url,
            lang: s.lang,
        }
    }
}

/// What one pass of the reminder sender did.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderRunView {
    /// Reminders newly put into the outbox.
    #[ts(type = "number")]
    pub created: i64,
    #[ts(type = "number")]
    pub sent: i64,
    #[ts(type = "number")]
    pub failed: i64,
    /// Whether a webhook is configured; without one, messages wait to be sent by hand.
    pub sender_configured: bool,
}
