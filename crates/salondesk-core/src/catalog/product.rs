//! Products: retail items with SKU, barcode, price, cost, the unit they are
//! sold in, a low-stock level, and stock on hand as maintained from their
//! stock moves (`stock_levels`).

use crate::ids::ProductId;
use crate::money::Money;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProductInput {
    /// The store's own code ("": the barcode, or one made up from the id).
    pub sku: String,
    pub barcode: Option<String>,
    pub name: String,
    /// An English name for the desk in English ("": none).
    pub name_en: String,
    pub category: String,
    /// What one is: 瓶, 支, 盒 … ("": not said).
    pub unit: String,
    pub price: Money,
    pub cost: Money,
    /// At or below this many on hand, it is low on stock (0: never warned).
    pub low_stock: i64,
    /// Commission in basis points (None: the usual 5%).
    pub commission_bp: Option<i64>,
    /// Stock received when the product is created (the demo data; the back
    /// office receives stock on its own screen).
    pub opening_stock: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub id: ProductId,
    pub sku: String,
    pub barcode: Option<String>,
    pub name: String,
    pub name_en: Option<String>,
    pub category: String,
    pub unit: String,
    pub price: Money,
    pub cost: Money,
    pub low_stock: i64,
    pub commission_bp: i64,
    pub active: bool,
    pub sort_order: i64,
    pub stock: i64,
}

pub(crate) const DEFAULT_PRODUCT_COMMISSION_BP: i64 = 500;

const PRODUCT_COLUMNS: &str = "p.id, p.sku, p.barcode, p.name, p.name_en, p.category, p.unit,
    p.price, p.cost, p.low_stock, p.commission_bp, p.active, p.sort_order,
    coalesce((SELECT on_hand FROM stock_levels l WHERE l.product_id = p.id), 0)";

fn product_from_row(r: &Row<'_>) -> rusqlite::Result<Product> {
    let name_en: String = r.get(4)?;
    Ok(Product {
        id: r.get(0)?,
        sku: r.get(1)?,
        barcode: r.get(2)?,
        name: r.get(3)?,
        name_en: Some(name_en).filter(|n| !n.is_empty()),
        category: r.get(5)?,
        unit: r.get(6)?,
        price: Money(r.get(7)?),
        cost: Money(r.get(8)?),
        low_stock: r.get(9)?,
        commission_bp: r.get(10)?,
        active: r.get(11)?,
        sort_order: r.get(12)?,
        stock: r.get(13)?,
    })
}

impl ProductInput {
    pub(crate) fn validate(&self) -> Result<()> {
        if self.sku.trim().chars().count() > 32 {
            return Err(CoreError::validation(
                "sku",
                "a SKU is at most 32 characters",
            ));
        }
        if let Some(b) = &self.barcode {
            if !(6..=32).contains(&b.len()) || !b.bytes().all(|c| c.is_ascii_alphanumeric()) {
                return Err(CoreError::validation(
                    "barcode",
                    "a barcode is 6 to 32 letters or digits",
                ));
            }
        }
        super::check_name("name", &self.name, 80)?;
        super::check_name_en(&self.name_en)?;
        if !self.category.trim().is_empty() {
            super::check_name("category", &self.category, 40)?;
        }
        if !self.unit.trim().is_empty() {
            super::check_name("unit", &self.unit, 10)?;
        }
        super::check_price("price", self.price)?;
        if self.cost.is_negative() {
            return Err(CoreError::validation("cost", "a cost cannot be negative"));
        }
        if self.cost.fen() > salondesk_protocol::limits::MAX_MONEY {
            return Err(CoreError::AmountTooLarge { field: "cost" });
        }
        if !(0..=salondesk_protocol::limits::MAX_QTY).contains(&self.low_stock) {
            return Err(CoreError::validation(
                "lowStock",
                "a low-stock level is 0 or more",
            ));
        }
        super::check_commission(self.commission_bp())?;
        if self.opening_stock < 0 {
            return Err(CoreError::validation(
                "openingStock",
                "stock cannot be negative",
            ));
        }
        Ok(())
    }

    pub(crate) fn commission_bp(&self) -> i64 {
        self.commission_bp.unwrap_or(DEFAULT_PRODUCT_COMMISSION_BP)
    }

    /// The barcode as stored: trimmed, and None when blank.
    pub(crate) fn barcode(&self) -> Option<&str> {
        self.barcode
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
    }

    /// Every synced field of the product as this input sets it.
    pub(crate) fn payload(&self, sku: &str, active: bool, sort_order: i64) -> serde_json::Value {
        json!({ "sku": sku, "barcode": self.barcode(), "name": self.name.trim(),
                "nameEn": self.name_en.trim(), "category": self.category.trim(),
                "unit": self.unit.trim(), "price": self.price, "cost": self.cost,
                "lowStock": self.low_stock, "commissionBp": self.commission_bp(),
                "active": active, "sortOrder": sort_order })
    }
}

/// Refuses a SKU or barcode another product has (`except`: the one edited).
pub(crate) fn check_unique(
    w: &Writer<'_>,
    sku: &str,
    barcode: Option<&str>,
    except: Option<ProductId>,
) -> Result<()> {
    let except = except.map(|e| e.to_string()).unwrap_or_default();
    if let Some(b) = barcode {
        let holder: Option<String> = w
            .prepare_cached("SELECT name FROM products WHERE barcode = ?1 AND id <> ?2")?
            .query_row(params![b, except], |r| r.get(0))
            .optional()?;
        if let Some(name) = holder {
            return Err(CoreError::validation(
                "barcode",
                format!("duplicate barcode: {name} already has it"),
            ));
        }
    }
    let taken: bool = w
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM products WHERE sku = ?1 AND id <> ?2)")?
        .query_row(params![sku, except], |r| r.get(0))?;
    if taken {
        return Err(CoreError::validation(
            "sku",
            "this SKU is already in the catalog",
        ));
    }
    Ok(())
}

/// Inserts a validated product at the end of the display order.
pub(crate) fn insert(w: &mut Writer<'_>, input: &ProductInput) -> Result<ProductId> {
    let id = ProductId::new(w.now());
    let sku = match (input.sku.trim(), input.barcode()) {
        ("", Some(b)) => b.to_owned(),
        ("", None) => format!("P{}", &id.to_string().replace('-', "")[20..]),
        (s, _) => s.to_owned(),
    };
    check_unique(w, &sku, input.barcode(), None)?;
    let now = crate::time::iso(w.now());
    let pos = super::order::next_position(w, super::order::PRODUCTS)?;
    w.prepare_cached(
        "INSERT INTO products (id, sku, barcode, name, name_en, category, unit, price, cost,
                               low_stock, commission_bp, sort_order, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?
    .execute(params![
        id,
        sku,
        input.barcode(),
        input.name.trim(),
        input.name_en.trim(),
        input.category.trim(),
        input.unit.trim(),
        input.price.fen(),
        input.cost.fen(),
        input.low_stock,
        input.commission_bp(),
        pos,
        now
    ])?;
    w.emit(
        "product",
        &id,
        OpKind::Upsert,
        &input.payload(&sku, true, pos),
    )?;
    if input.opening_stock > 0 {
        let move_id = crate::ids::new_v7(w.now());
        w.prepare_cached(
            "INSERT INTO stock_moves (id, product_id, qty, reason, created_at)
             VALUES (?1, ?2, ?3, 'receive', ?4)",
        )?
        .execute(params![move_id.to_string(), id, input.opening_stock, now])?;
        w.emit(
            "stock_move",
            &move_id,
            OpKind::Append,
            &json!({ "productId": id, "qty": input.opening_stock, "reason": "receive" }),
        )?;
    }
    Ok(id)
}

impl Store {
    /// Adds a product without asking who (the demo data and test fixtures);
    /// the back office uses `create_product`.
    pub fn add_product(&mut self, input: &ProductInput) -> Result<Product> {
        input.validate()?;
        let id = self.write(|w| insert(w, input))?;
        self.product(id)
    }

    /// Goods received into stock (入库), or a counted correction when `qty` is negative.
    pub fn receive_stock(&mut self, actor: &Staff, id: ProductId, qty: i64) -> Result<Product> {
        actor.require(Permission::ManageStock)?;
        if qty == 0 {
            return Err(CoreError::validation(
                "qty",
                "a stock movement needs a quantity",
            ));
        }
        self.write(|w| {
            let on_hand = crate::ledger::stock(w, &id.to_string())?;
            if on_hand + qty < 0 {
                return Err(CoreError::validation("qty", format!("only {on_hand} in stock")));
            }
            let move_id = crate::ids::new_v7(w.now());
            let reason = if qty > 0 { "receive" } else { "adjust" };
            w.prepare_cached(
                "INSERT INTO stock_moves (id, product_id, qty, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![move_id.to_string(), id, qty, reason, crate::time::iso(w.now())])?;
            w.emit("stock_move", &move_id, OpKind::Append, &json!({ "productId": id, "qty": qty, "reason": reason }))?;
            Ok(())
        })?;
        self.product(id)
    }

    pub fn product(&self, id: ProductId) -> Result<Product> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {PRODUCT_COLUMNS} FROM products p WHERE p.id = ?1"
            ))?
            .query_row([id], product_from_row)
            .optional()?
            .ok_or(CoreError::NotFound { entity: "product" })
    }

    /// The product a scanned barcode belongs to.
    pub fn product_by_barcode(&self, barcode: &str) -> Result<Option<Product>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {PRODUCT_COLUMNS} FROM products p WHERE p.barcode = ?1 AND p.active = 1"
            ))?
            .query_row([barcode.trim()], product_from_row)
            .optional()?)
    }

    /// Active products whose name or SKU contains `query`, in display order.
    pub fn find_products(&self, query: &str, limit: usize) -> Result<Vec<Product>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PRODUCT_COLUMNS} FROM products p
             WHERE p.active = 1 AND (p.name LIKE ?1 ESCAPE '\\' OR p.name_en LIKE ?1 ESCAPE '\\'
                                     OR p.sku LIKE ?1 ESCAPE '\\')
             ORDER BY p.sort_order, p.name LIMIT ?2"
        ))?;
        let rows = stmt.query_map(
            params![super::like_pattern(query), limit as i64],
            product_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every product, archived ones too, in display order (the back office).
    pub fn all_products(&self) -> Result<Vec<Product>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PRODUCT_COLUMNS} FROM products p ORDER BY p.sort_order, p.name"
        ))?;
        let rows = stmt.query_map([], product_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
