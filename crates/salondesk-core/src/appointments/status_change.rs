//! Status changes by hand: confirm, arrive, start service, complete, cancel
//! (with a reason) and no-show (counted on the member's record). Each is
//! checked against the allowed flow and kept in the history.

use super::history::{record, Change};
use super::local::Offset;
use super::model::{Appointment, HistoryAction};
use super::status::AppointmentStatus;
use crate::staff::Staff;
use crate::store::Store;
use crate::time::iso;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::json;

const MAX_REASON: usize = 200;

/// Applies one status change (already judged allowed) and records it.
pub(crate) fn apply(
    w: &mut Writer<'_>,
    actor: &Staff,
    before: &Appointment,
    to: AppointmentStatus,
    reason: &str,
    sale_id: Option<&str>,
) -> Result<Appointment> {
    let cancel_reason = (to == AppointmentStatus::Cancelled).then_some(reason);
    w.prepare_cached(
        "UPDATE appointments SET status = ?2, cancel_reason = coalesce(?3, cancel_reason),
             sale_id = coalesce(?4, sale_id), updated_at = ?5
         WHERE id = ?1",
    )?
    .execute(params![
        before.id,
        to.as_str(),
        cancel_reason,
        sale_id,
        iso(w.now())
    ])?;
    let mut payload = json!({ "status": to });
    if let Some(r) = cancel_reason {
        payload["cancelReason"] = json!(r);
    }
    if let Some(s) = sale_id {
        payload["saleId"] = json!(s);
    }
    w.emit("appointment", &before.id, OpKind::Upsert, &payload)?;
    record(
        w,
        &before.id,
        actor,
        &Change {
            action: HistoryAction::Status,
            from: Some(before.status),
            to,
            reason,
            detail: "",
        },
    )?;
    let after = super::read::load(w, &before.id)?;
    super::reminders::follow_change(w, &after, Offset::load(w)?)?;
    Ok(after)
}

fn change(
    w: &mut Writer<'_>,
    actor: &Staff,
    id: &str,
    to: AppointmentStatus,
    reason: Option<&str>,
) -> Result<Appointment> {
    let reason = reason.map(str::trim).unwrap_or("");
    if reason.chars().count() > MAX_REASON {
        return Err(CoreError::validation(
            "reason",
            format!("a reason is at most {MAX_REASON} characters"),
        ));
    }
    if to == AppointmentStatus::Cancelled && reason.is_empty() {
        return Err(CoreError::validation(
            "reason",
            "say why the appointment is cancelled",
        ));
    }
    let before = super::read::load(w, id)?;
    if !before.status.may_become(to) {
        return Err(CoreError::Conflict(format!(
            "an appointment that is {} cannot become {}",
            before.status.as_str().replace('_', " "),
            to.as_str().replace('_', " ")
        )));
    }
    apply(w, actor, &before, to, reason, None)
}

impl Store {
    /// Takes an appointment to status `to` by hand. A cancellation needs a
    /// reason; the others may carry one.
    pub fn set_appointment_status(
        &mut self,
        actor: &Staff,
        id: &str,
        to: AppointmentStatus,
        reason: Option<&str>,
    ) -> Result<Appointment> {
        self.write(|w| change(w, actor, id, to, reason))
    }

    pub fn confirm_appointment(&mut self, actor: &Staff, id: &str) -> Result<Appointment> {
        self.set_appointment_status(actor, id, AppointmentStatus::Confirmed, None)
    }

    pub fn mark_arrived(&mut self, actor: &Staff, id: &str) -> Result<Appointment> {
        self.set_appointment_status(actor, id, AppointmentStatus::Arrived, None)
    }

    pub fn start_service(&mut self, actor: &Staff, id: &str) -> Result<Appointment> {
        self.set_appointment_status(actor, id, AppointmentStatus::InService, None)
    }

    pub fn complete_appointment(&mut self, actor: &Staff, id: &str) -> Result<Appointment> {
        self.set_appointment_status(actor, id, AppointmentStatus::Completed, None)
    }

    pub fn cancel_appointment(
        &mut self,
        actor: &Staff,
        id: &str,
        reason: &str,
    ) -> Result<Appointment> {
        self.set_appointment_status(actor, id, AppointmentStatus::Cancelled, Some(reason))
    }

    pub fn mark_no_show(&mut self, actor: &Staff, id: &str) -> Result<Appointment> {
        self.set_appointment_status(actor, id, AppointmentStatus::NoShow, None)
    }
}
