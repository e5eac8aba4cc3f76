//! From appointment to sale. `appointment_cart` tells the checkout what to
//! ring up (the member, the service, the beautician credited);
//! `complete_appointment_after_sale` marks the appointment completed once the
//! sale is written.
//!
//! Completing is a second transaction after the sale's, on purpose: the sale
//! is the checkout's one transaction and stays exactly that. It is safe
//! because (1) it is idempotent — completing again with the same sale, or
//! after the appointment was completed by hand, changes nothing but the link
//! to the sale; (2) if it fails (or the app stops between the two), the sale
//! stands untouched and the appointment simply stays arrived/in service, to
//! be completed by hand from the calendar or by calling this again; (3) it
//! only reads the sale, never changes it.

use super::model::Appointment;
use super::status::AppointmentStatus;
use crate::checkout::{CartLine, LineItem};
use crate::ids::MemberId;
use crate::money::Money;
use crate::staff::Staff;
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};
use serde_json::json;

/// What the checkout opens with for an appointment.
#[derive(Debug, Clone, PartialEq)]
pub struct AppointmentCart {
    pub appointment_id: String,
    pub member_id: Option<MemberId>,
    pub client_name: String,
    /// The appointment's service, one session, crediting its beautician in full.
    pub lines: Vec<CartLine>,
    pub service_name: String,
    pub list_price: Money,
}

fn complete_after_sale(
    w: &mut Writer<'_>,
    actor: &Staff,
    appointment_id: &str,
    sale_id: &str,
) -> Result<Appointment> {
    let sale: Option<(String, String, Option<MemberId>)> = w
        .prepare_cached("SELECT kind, receipt_no, member_id FROM sales WHERE id = ?1")?
        .query_row([sale_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (kind, receipt_no, sale_member) = sale.ok_or(CoreError::NotFound { entity: "sale" })?;
    if kind != "sale" {
        return Err(CoreError::validation(
            "saleId",
            "a refund or void completes no appointment",
        ));
    }
    let a = super::read::load(w, appointment_id)?;
    if let (Some(m), Some(s)) = (a.member_id, sale_member) {
        if m != s {
            return Err(CoreError::validation(
                "saleId",
                "this sale is for another member",
            ));
        }
    }
    match a.status {
        AppointmentStatus::Completed => {
            if a.sale_id.is_none() {
                w.prepare_cached("UPDATE appointments SET sale_id = ?2 WHERE id = ?1")?
                    .execute(params![a.id, sale_id])?;
                w.emit("appointment", &a.id, OpKind::Upsert, &json!({ "saleId": sale_id }))?;
                return super::read::load(w, &a.id);
            }
            Ok(a)
        }
        AppointmentStatus::Cancelled | AppointmentStatus::NoShow => Err(CoreError::Conflict(format!(
            "the appointment is {}; the sale {receipt_no} stands — complete the appointment by hand if she came",
            a.status.as_str().replace('_', " ")
        ))),
        _ => super::status_change::apply(
            w,
            actor,
            &a,
            AppointmentStatus::Completed,
            &format!("sale {receipt_no}"),
            Some(sale_id),
        ),
    }
}

impl Store {
    /// What the checkout should ring up for an appointment.
    pub fn appointment_cart(&self, id: &str) -> Result<AppointmentCart> {
        let a = super::read::load(&self.conn, id)?;
        if !a.status.occupies() {
            return Err(CoreError::Conflict(format!(
                "the appointment is {}: nothing to check out",
                a.status.as_str().replace('_', " ")
            )));
        }
        if let Some(sale) = &a.sale_id {
            let receipt: String = self
                .conn
                .prepare_cached("SELECT receipt_no FROM sales WHERE id = ?1")?
                .query_row([sale], |r| r.get(0))?;
            return Err(CoreError::Conflict(format!(
                "the appointment was already checked out (sale {receipt})"
            )));
        }
        let price: i64 = self
            .conn
            .prepare_cached("SELECT price FROM services WHERE id = ?1")?
            .query_row([a.service_id], |r| r.get(0))?;
        Ok(AppointmentCart {
            appointment_id: a.id.clone(),
            member_id: a.member_id,
            client_name: a.client_name.clone(),
            lines: vec![CartLine::new(LineItem::Service {
                service_id: a.service_id,
                qty: 1,
            })
            .by(a.staff_id)],
            service_name: a.service_name,
            list_price: Money(price),
        })
    }

    /// Marks the appointment completed by sale `sale_id`, right after the sale
    /// was written (see the module's note on why this is a second transaction).
    pub fn complete_appointment_after_sale(
        &mut self,
        actor: &Staff,
        appointment_id: &str,
        sale_id: &str,
    ) -> Result<Appointment> {
        self.write(|w| complete_after_sale(w, actor, appointment_id, sale_id))
    }
}
