//! Importing the catalog: services and products, each checked by the back
//! office's own rules (`ServiceInput::validate`, `ProductInput::validate`)
//! and written by its own functions; a product's opening stock arrives as one
//! goods receipt, so stock stays a ledger of moves.

use super::fields::{Field, Mapping, Reason, Refusal};
use super::read::Sheet;
use super::rows::Cells;
use super::values;
use crate::catalog::{ProductInput, ServiceInput};
use crate::money::Money;
use crate::store::Store;
use crate::{CoreError, Result};
use rusqlite::OptionalExtension;
use std::collections::HashSet;

/// The category of a service or product whose file gives none.
const NO_CATEGORY: &str = "未分类";

#[derive(Debug, Default)]
pub(crate) struct CatalogPlan {
    pub services: Vec<ServiceInput>,
    pub products: Vec<ProductInput>,
    pub unchanged: u64,
    pub refused: Vec<Refusal>,
    pub rows: u64,
}

/// A back-office validation error as a row's refusal.
fn refusal_of(c: &Cells<'_>, e: CoreError) -> Refusal {
    let (reason, field) = match e.field() {
        Some("name") => (Reason::BadName, Field::Name),
        Some("nameEn") => (Reason::TooLong, Field::NameEn),
        Some("category") => (Reason::TooLong, Field::Category),
        Some("unit") => (Reason::TooLong, Field::Unit),
        Some("sku") => (Reason::TooLong, Field::Sku),
        Some("barcode") => (Reason::BadValue, Field::Barcode),
        Some("durationMin") => (Reason::BadValue, Field::Duration),
        Some("cost") => (Reason::BadAmount, Field::Cost),
        Some("lowStock") => (Reason::BadValue, Field::LowStock),
        _ => (Reason::BadAmount, Field::Price),
    };
    c.refuse(reason, field)
}

fn price(c: &Cells<'_>, f: Field) -> std::result::Result<Money, Refusal> {
    match c.get(f).map(values::amount) {
        None if f == Field::Price => Err(c.refuse(Reason::MissingPrice, f)),
        None => Ok(Money(0)),
        Some(Ok(fen)) => Ok(Money(fen)),
        Some(Err(_)) => Err(c.refuse(Reason::BadAmount, f)),
    }
}

fn text(c: &Cells<'_>, f: Field) -> String {
    c.get(f).unwrap_or_default().to_owned()
}

impl Store {
    pub(crate) fn plan_catalog(
        &self,
        kind: super::ImportKind,
        sheet: &Sheet,
        mapping: &Mapping,
    ) -> Result<CatalogPlan> {
        let mut out = CatalogPlan::default();
        let mut names: HashSet<String> = HashSet::new();
        let mut barcodes: HashSet<String> = HashSet::new();
        for (i, cells) in sheet.rows.iter().enumerate() {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            out.rows += 1;
            let c = Cells::new(Sheet::row_no(i), cells, mapping);
            if kind == super::ImportKind::Services {
                match self.plan_service(&c, &mut names)? {
                    Ok(Some(s)) => out.services.push(s),
                    Ok(None) => out.unchanged += 1,
                    Err(r) => out.refused.push(r),
                }
            } else {
                match self.plan_product(&c, &mut names, &mut barcodes)? {
                    Ok(Some(p)) => out.products.push(p),
                    Ok(None) => out.unchanged += 1,
                    Err(r) => out.refused.push(r),
                }
            }
        }
        Ok(out)
    }

    /// `Ok(None)`: the service is in the catalog already, as the file has it.
    fn plan_service(
        &self,
        c: &Cells<'_>,
        names: &mut HashSet<String>,
    ) -> Result<std::result::Result<Option<ServiceInput>, Refusal>> {
        let Some(name) = c.get(Field::Name) else {
            return Ok(Err(c.refuse(Reason::MissingName, Field::Name)));
        };
        let price = match price(c, Field::Price) {
            Ok(p) => p,
            Err(r) => return Ok(Err(r)),
        };
        let duration_min = match c.get(Field::Duration).map(values::count) {
            None => 60,
            Some(Ok(n)) => n,
            Some(Err(_)) => return Ok(Err(c.refuse(Reason::BadValue, Field::Duration))),
        };
        let input = ServiceInput {
            category: c.get(Field::Category).unwrap_or(NO_CATEGORY).to_owned(),
            name: name.to_owned(),
            name_en: text(c, Field::NameEn),
            duration_min,
            price,
            resource_kind: None,
            commission_bp: None,
        };
        if let Err(e) = input.validate() {
            return Ok(Err(refusal_of(c, e)));
        }
        if !names.insert(name.to_lowercase()) {
            return Ok(Err(c.refuse(Reason::DuplicateInFile, Field::Name)));
        }
        let here: Option<(i64, i64)> = self
            .conn
            .prepare_cached("SELECT price, duration_min FROM services WHERE name = ?1 LIMIT 1")?
            .query_row([name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(match here {
            None => Ok(Some(input)),
            Some((p, d)) if p == price.fen() && d == duration_min => Ok(None),
            Some(_) => Err(c.refuse(Reason::AlreadyInCatalog, Field::Price)),
        })
    }

    fn plan_product(
        &self,
        c: &Cells<'_>,
        names: &mut HashSet<String>,
        barcodes: &mut HashSet<String>,
    ) -> Result<std::result::Result<Option<ProductInput>, Refusal>> {
        let Some(name) = c.get(Field::Name) else {
            return Ok(Err(c.refuse(Reason::MissingName, Field::Name)));
        };
        let (price, cost) = match (price(c, Field::Price), price(c, Field::Cost)) {
            (Ok(p), Ok(c)) => (p, c),
            (Err(r), _) | (_, Err(r)) => return Ok(Err(r)),
        };
        let count = |f| match c.get(f).map(values::qty) {
            None => Ok(0),
            Some(Ok(n)) => Ok(n),
            Some(Err(_)) => Err(c.refuse(Reason::BadValue, f)),
        };
        let (stock, low_stock) = match (count(Field::Stock), count(Field::LowStock)) {
            (Ok(s), Ok(l)) => (s, l),
            (Err(r), _) | (_, Err(r)) => return Ok(Err(r)),
        };
        let input = ProductInput {
            sku: text(c, Field::Sku),
            barcode: c.get(Field::Barcode).map(str::to_owned),
            name: name.to_owned(),
            name_en: text(c, Field::NameEn),
            category: c.get(Field::Category).unwrap_or(NO_CATEGORY).to_owned(),
            unit: text(c, Field::Unit),
            price,
            cost,
            low_stock,
            commission_bp: None,
            opening_stock: stock,
        };
        if let Err(e) = input.validate() {
            return Ok(Err(refusal_of(c, e)));
        }
        if let Some(b) = &input.barcode {
            if !barcodes.insert(b.clone()) {
                return Ok(Err(c.refuse(Reason::DuplicateInFile, Field::Barcode)));
            }
        }
        if !names.insert(name.to_lowercase()) {
            return Ok(Err(c.refuse(Reason::DuplicateInFile, Field::Name)));
        }
        // The same product: its barcode, or (none given) its name.
        let here: Option<i64> = match &input.barcode {
            Some(b) => self
                .conn
                .prepare_cached("SELECT price FROM products WHERE barcode = ?1 LIMIT 1")?
                .query_row([b], |r| r.get(0))
                .optional()?,
            None => self
                .conn
                .prepare_cached("SELECT price FROM products WHERE name = ?1 LIMIT 1")?
                .query_row([name], |r| r.get(0))
                .optional()?,
        };
        Ok(match here {
            None => Ok(Some(input)),
            Some(p) if p == price.fen() => Ok(None),
            Some(_) => Err(c.refuse(Reason::AlreadyInCatalog, Field::Price)),
        })
    }

    /// Creates the planned services and products; opening stock is received
    /// in goods receipts of at most 500 lines (the receipt's own bound).
    pub(crate) fn write_catalog(
        &mut self,
        actor: &crate::staff::Staff,
        plan: &CatalogPlan,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<()> {
        let total = (plan.services.len() + plan.products.len()) as u64;
        let mut done = 0;
        for s in &plan.services {
            self.create_service(actor, s)?;
            done += 1;
            progress(done, total);
        }
        let mut lines = Vec::new();
        for p in &plan.products {
            let made = self.create_product(actor, p)?;
            if p.opening_stock > 0 {
                lines.push(crate::stock::ReceiptLine {
                    product: made.id,
                    qty: p.opening_stock,
                    unit_cost: p.cost,
                });
            }
            done += 1;
            progress(done, total);
        }
        for chunk in lines.chunks(500) {
            self.receive_goods(
                actor,
                &crate::stock::ReceiptInput {
                    supplier: String::new(),
                    lines: chunk.to_vec(),
                    note: "import".into(),
                },
            )?;
        }
        Ok(())
    }
}
