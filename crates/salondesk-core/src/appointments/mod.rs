//! Appointments (预约): the day calendar, booking without double-booking,
//! arrival to checkout, reminders and calendar export.
//!
//! `status` (the flow and which statuses hold a slot), `model` (what an
//! appointment and a booking are), `local` (store-local time), `hours`
//! (working hours and days off), `days_off` (single days off with a reason), `rooms` (rooms, beds, chairs and
//! the kind a service needs), `rooms_admin` (edit, take out of use), `clash` (no beautician double-booked, no room over
//! capacity), `window` (how far ahead each tier may book), `placement` (the
//! checks a booking or a move passes), `book`, `reschedule` (move, resize),
//! `status_change`, `history` (every change, append-only), `read`, `views`
//! (day and week), `suggest` (preferred beautician), `checkout_link`
//! (appointment → sale), `templates`, `reminders`, `messages` (the outbox),
//! `reminder_settings`, `ics` (iCalendar export), `import` (bulk rows, unchecked).

mod book;
mod checkout_link;
mod clash;
mod days_off;
mod history;
mod hours;
mod ics;
mod import;
mod local;
mod messages;
mod model;
mod placement;
mod read;
mod reminder_settings;
mod reminders;
mod reschedule;
mod rooms;
mod rooms_admin;
mod status;
mod status_change;
mod suggest;
mod templates;
mod views;
mod window;

pub use checkout_link::AppointmentCart;
pub use clash::MAX_LENGTH_MIN;
pub use days_off::DayOff;
pub use hours::{DayHours, DayPlan, WorkingHours};
pub use import::ImportedAppointment;
pub use local::{hm, parse_date, Offset};
pub use messages::{backoff, Message, MessageStatus, SEND_FROM_MIN, SEND_UNTIL_MIN};
pub use model::{Appointment, BookingInput, Client, HistoryAction, HistoryEntry, MoveInput};
pub use reminder_settings::ReminderSettings;

/// The language this store's messages are written in (the reminder setting).
pub(crate) fn store_lang(conn: &rusqlite::Connection) -> crate::Result<MessageLang> {
    Ok(reminder_settings::load(conn)?.lang)
}
pub use rooms::{BookableService, ResourceKind, Room};
pub use status::AppointmentStatus;
pub use suggest::{Suggestion, SuggestionReason};
pub use templates::{reminder_text, MessageLang, ReminderFacts};
pub use views::{DayView, StaffColumn, WeekDay, WeekView};
