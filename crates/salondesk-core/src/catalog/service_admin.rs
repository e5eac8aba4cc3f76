//! The back office's services: create, edit, archive / restore, reorder.
//! Archived services leave the checkout grid but stay in past sales and in
//! this list (never deleted: sales and packages name them).

use super::service::{insert, Service, ServiceInput};
use super::usage::{line_counts, WithUse};
use crate::ids::ServiceId;
use crate::money::Money;
use crate::staff::Staff;
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn create_service(&mut self, actor: &Staff, input: &ServiceInput) -> Result<Service> {
        self.may_edit_catalog(actor)?;
        input.validate()?;
        let id = self.write(|w| {
            let id = insert(w, input)?;
            let name = input.name.trim();
            super::audit::saved(
                w,
                actor,
                "service",
                &id.to_string(),
                name,
                Some(input.price),
                true,
            )?;
            Ok(id)
        })?;
        self.service(id)
    }

    /// Changes every field of a service; a new price is kept in its history.
    pub fn edit_service(
        &mut self,
        actor: &Staff,
        id: ServiceId,
        input: &ServiceInput,
    ) -> Result<Service> {
        self.may_edit_catalog(actor)?;
        input.validate()?;
        self.write(|w| {
            let (old_price, active, pos): (i64, bool, i64) = w
                .prepare_cached("SELECT price, active, sort_order FROM services WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?
                .ok_or(CoreError::NotFound { entity: "service" })?;
            w.prepare_cached(
                "UPDATE services SET category = ?2, name = ?3, name_en = ?4, duration_min = ?5,
                        price = ?6, resource_kind = ?7, commission_bp = ?8, updated_at = ?9
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                input.category.trim(),
                input.name.trim(),
                input.name_en.trim(),
                input.duration_min,
                input.price.fen(),
                input
                    .resource_kind
                    .map(crate::appointments::ResourceKind::as_str),
                input.commission_bp(),
                crate::time::iso(w.now())
            ])?;
            w.emit("service", &id, OpKind::Upsert, &input.payload(active, pos))?;
            let name = input.name.trim();
            super::audit::saved(
                w,
                actor,
                "service",
                &id.to_string(),
                name,
                Some(input.price),
                false,
            )?;
            super::price_history::record(
                w,
                actor,
                "service",
                &id.to_string(),
                Money(old_price),
                input.price,
            )
        })?;
        self.service(id)
    }

    /// Archives (false) or restores (true) a service.
    pub fn set_service_active(
        &mut self,
        actor: &Staff,
        id: ServiceId,
        active: bool,
    ) -> Result<Service> {
        self.may_edit_catalog(actor)?;
        self.write(|w| {
            super::archive::set_active(w, actor, &super::archive::SERVICE, &id.to_string(), active)
        })?;
        self.service(id)
    }

    /// Moves a service one place up or down in the display order.
    pub fn move_service(&mut self, actor: &Staff, id: ServiceId, up: bool) -> Result<()> {
        self.may_edit_catalog(actor)?;
        self.write(|w| super::order::move_item(w, super::order::SERVICES, &id.to_string(), up))
    }

    /// Every service with how often it was sold (the back office's table).
    pub fn services_with_use(&self) -> Result<Vec<WithUse<Service>>> {
        let counts = line_counts(&self.conn, "service")?;
        Ok(self
            .all_services()?
            .into_iter()
            .map(|s| WithUse {
                used: counts.get(&s.id.to_string()).copied().unwrap_or(0),
                item: s,
            })
            .collect())
    }
}
