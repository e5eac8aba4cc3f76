//! Services: what a beautician does, for how long, at what price.

use crate::ids::ServiceId;
use crate::money::Money;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::json;

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceInput {
    pub category: String,
    pub name: String,
    pub duration_min: i64,
    pub price: Money,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub id: ServiceId,
    pub category: String,
    pub name: String,
    pub duration_min: i64,
    pub price: Money,
}

impl ServiceInput {
    fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() || self.name.chars().count() > 60 {
            return Err(CoreError::validation(
                "name",
                "a service name is 1 to 60 characters",
            ));
        }
        if self.category.trim().is_empty() {
            return Err(CoreError::validation("category", "a category is required"));
        }
        if !(5..=600).contains(&self.duration_min) {
            return Err(CoreError::validation(
                "durationMin",
                "a duration is 5 to 600 minutes",
            ));
        }
        if self.price.is_negative() {
            return Err(CoreError::validation("price", "a price cannot be negative"));
        }
        Ok(())
    }
}

impl Store {
    /// Adds a service (`EditCatalog`, on a till that may write the chain's catalog).
    pub fn add_service(&mut self, actor: &Staff, input: &ServiceInput) -> Result<Service> {
        actor.require(Permission::EditCatalog)?;
        self.check_head_office()?;
        input.validate()?;
        self.write(|w| {
            let id = ServiceId::new(w.now());
            let now = crate::time::iso(w.now());
            w.prepare_cached(
                "INSERT INTO services (id, category, name, duration_min, price, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![
                id,
                input.category.trim(),
                input.name.trim(),
                input.duration_min,
                input.price.fen(),
                now
            ])?;
            w.emit(
                "service",
                &id,
                OpKind::Upsert,
                &json!({ "category": input.category.trim(), "name": input.name.trim(),
                         "durationMin": input.duration_min, "price": input.price, "active": true }),
            )?;
            Ok(Service {
                id,
                category: input.category.trim().to_owned(),
                name: input.name.trim().to_owned(),
                duration_min: input.duration_min,
                price: input.price,
            })
        })
    }

    /// Active services whose name or category contains `query` (all of them for "").
    pub fn find_services(&self, query: &str, limit: usize) -> Result<Vec<Service>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, category, name, duration_min, price FROM services
             WHERE active = 1 AND (name LIKE ?1 ESCAPE '\\' OR category LIKE ?1 ESCAPE '\\')
             ORDER BY category, name LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![super::like_pattern(query), limit as i64], |r| {
            Ok(Service {
                id: r.get(0)?,
                category: r.get(1)?,
                name: r.get(2)?,
                duration_min: r.get(3)?,
                price: Money(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
