//! Services: what a beautician does, for how long, at what price, in which
//! kind of room, and the commission it pays.

use crate::appointments::ResourceKind;
use crate::ids::ServiceId;
use crate::money::Money;

use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

/// A service as the back office enters it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServiceInput {
    pub category: String,
    /// As entered (Chinese, usually).
    pub name: String,
    /// An English name for the desk in English ("": none).
    pub name_en: String,
    pub duration_min: i64,
    pub price: Money,
    /// The kind of room it needs (None: any, or none).
    pub resource_kind: Option<ResourceKind>,
    /// Commission in basis points (None: the usual 10%).
    pub commission_bp: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub id: ServiceId,
    pub category: String,
    pub name: String,
    pub name_en: Option<String>,
    pub duration_min: i64,
    pub price: Money,
    pub resource_kind: Option<ResourceKind>,
    pub commission_bp: i64,
    pub active: bool,
    pub sort_order: i64,
}

pub(crate) const DEFAULT_SERVICE_COMMISSION_BP: i64 = 1000;

const COLUMNS: &str = "id, category, name, name_en, duration_min, price, resource_kind,
    commission_bp, active, sort_order";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Service> {
    let name_en: String = r.get(3)?;
    let kind: Option<String> = r.get(6)?;
    Ok(Service {
        id: r.get(0)?,
        category: r.get(1)?,
        name: r.get(2)?,
        name_en: Some(name_en).filter(|n| !n.is_empty()),
        duration_min: r.get(4)?,
        price: Money(r.get(5)?),
        // The column's CHECK keeps it to the three kinds.
        resource_kind: kind.as_deref().and_then(|k| ResourceKind::parse(k).ok()),
        commission_bp: r.get(7)?,
        active: r.get(8)?,
        sort_order: r.get(9)?,
    })
}

impl ServiceInput {
    pub(crate) fn validate(&self) -> Result<()> {
        if self.category.trim().is_empty() {
            return Err(CoreError::validation("category", "a category is required"));
        }
        super::check_name("category", &self.category, 40)?;
        super::check_name("name", &self.name, 60)?;
        super::check_name_en(&self.name_en)?;
        if !(5..=600).contains(&self.duration_min) {
            return Err(CoreError::validation(
                "durationMin",
                "a duration is 5 to 600 minutes",
            ));
        }
        super::check_price("price", self.price)?;
        super::check_commission(self.commission_bp())
    }

    pub(crate) fn commission_bp(&self) -> i64 {
        self.commission_bp.unwrap_or(DEFAULT_SERVICE_COMMISSION_BP)
    }

    /// Every synced field of the service as this input sets it.
    pub(crate) fn payload(&self, active: bool, sort_order: i64) -> serde_json::Value {
        json!({ "category": self.category.trim(), "name": self.name.trim(),
                "nameEn": self.name_en.trim(), "durationMin": self.duration_min,
                "price": self.price, "active": active,
                "resourceKind": self.resource_kind.map(ResourceKind::as_str),
                "commissionBp": self.commission_bp(), "sortOrder": sort_order })
    }
}

/// Inserts a validated service at the end of the display order.
pub(crate) fn insert(w: &mut Writer<'_>, input: &ServiceInput) -> Result<ServiceId> {
    let id = ServiceId::new(w.now());
    let now = crate::time::iso(w.now());
    let pos = super::order::next_position(w, super::order::SERVICES)?;
    w.prepare_cached(
        "INSERT INTO services (id, category, name, name_en, duration_min, price, resource_kind,
                               commission_bp, sort_order, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        id,
        input.category.trim(),
        input.name.trim(),
        input.name_en.trim(),
        input.duration_min,
        input.price.fen(),
        input.resource_kind.map(ResourceKind::as_str),
        input.commission_bp(),
        pos,
        now
    ])?;
    w.emit("service", &id, OpKind::Upsert, &input.payload(true, pos))?;
    Ok(id)
}

impl Store {
    /// Adds a service without asking who (the demo data and test fixtures);
    /// the back office uses `create_service`.
    pub fn add_service(&mut self, input: &ServiceInput) -> Result<Service> {
        input.validate()?;
        let id = self.write(|w| insert(w, input))?;
        self.service(id)
    }

    pub fn service(&self, id: ServiceId) -> Result<Service> {
        self.conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM services WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?
            .ok_or(CoreError::NotFound { entity: "service" })
    }

    /// Active services whose name or category contains `query` (all of them
    /// for ""), in the display order the back office sets.
    pub fn find_services(&self, query: &str, limit: usize) -> Result<Vec<Service>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM services
             WHERE active = 1 AND (name LIKE ?1 ESCAPE '\\' OR name_en LIKE ?1 ESCAPE '\\'
                                   OR category LIKE ?1 ESCAPE '\\')
             ORDER BY sort_order, category, name LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![super::like_pattern(query), limit as i64], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every service, archived ones too, in display order (the back office).
    pub fn all_services(&self) -> Result<Vec<Service>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM services ORDER BY sort_order, category, name"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
