//! Products: retail items with SKU, barcode, price, cost, and stock on hand as
//! the sum of their stock moves.

use crate::ids::ProductId;
use crate::money::Money;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension, Row};
use serde_json::json;

#[derive(Debug, Clone, PartialEq)]
pub struct ProductInput {
    pub sku: String,
    pub barcode: Option<String>,
    pub name: String,
    pub price: Money,
    pub cost: Money,
    /// Stock received when the product is created.
    pub opening_stock: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub id: ProductId,
    pub sku: String,
    pub barcode: Option<String>,
    pub name: String,
    pub price: Money,
    pub cost: Money,
    pub stock: i64,
}

const PRODUCT_COLUMNS: &str = "p.id, p.sku, p.barcode, p.name, p.price, p.cost,
    coalesce((SELECT on_hand FROM stock_levels l WHERE l.product_id = p.id), 0)";

fn product_from_row(r: &Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(0)?,
        sku: r.get(1)?,
        barcode: r.get(2)?,
        name: r.get(3)?,
        price: Money(r.get(4)?),
        cost: Money(r.get(5)?),
        stock: r.get(6)?,
    })
}

impl ProductInput {
    fn validate(&self) -> Result<()> {
        let sku_ok = !self.sku.trim().is_empty() && self.sku.trim().len() <= 32;
        if !sku_ok {
            return Err(CoreError::validation("sku", "a SKU is 1 to 32 characters"));
        }
        if let Some(b) = &self.barcode {
            if !(6..=32).contains(&b.len()) || !b.bytes().all(|c| c.is_ascii_alphanumeric()) {
                return Err(CoreError::validation(
                    "barcode",
                    "a barcode is 6 to 32 letters or digits",
                ));
            }
        }
        if self.name.trim().is_empty() || self.name.chars().count() > 80 {
            return Err(CoreError::validation(
                "name",
                "a product name is 1 to 80 characters",
            ));
        }
        if self.price.is_negative() || self.cost.is_negative() {
            return Err(CoreError::validation("price", "prices cannot be negative"));
        }
        if self.opening_stock < 0 {
            return Err(CoreError::validation(
                "openingStock",
                "stock cannot be negative",
            ));
        }
        Ok(())
    }
}

impl Store {
    /// Adds a product (`EditCatalog`, on a till that may write the chain's catalog).
    pub fn add_product(&mut self, actor: &Staff, input: &ProductInput) -> Result<Product> {
        actor.require(Permission::EditCatalog)?;
        self.check_head_office()?;
        input.validate()?;
        let id = self.write(|w| {
            let taken: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM products WHERE sku = ?1 OR (barcode IS NOT NULL AND barcode = ?2))",
                params![input.sku.trim(), input.barcode],
                |r| r.get(0),
            )?;
            if taken {
                return Err(CoreError::validation("sku", "this SKU or barcode is already in the catalog"));
            }
            let id = ProductId::new(w.now());
            let now = crate::time::iso(w.now());
            w.prepare_cached(
                "INSERT INTO products (id, sku, barcode, name, price, cost, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                id,
                input.sku.trim(),
                input.barcode,
                input.name.trim(),
                input.price.fen(),
                input.cost.fen(),
                now
            ])?;
            w.emit(
                "product",
                &id,
                OpKind::Upsert,
                &json!({ "sku": input.sku.trim(), "barcode": input.barcode, "name": input.name.trim(),
                         "price": input.price, "cost": input.cost, "active": true }),
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
        })?;
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

    /// Active products whose name or SKU contains `query`.
    pub fn find_products(&self, query: &str, limit: usize) -> Result<Vec<Product>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PRODUCT_COLUMNS} FROM products p
             WHERE p.active = 1 AND (p.name LIKE ?1 ESCAPE '\\' OR p.sku LIKE ?1 ESCAPE '\\')
             ORDER BY p.name LIMIT ?2"
        ))?;
        let rows = stmt.query_map(
            params![super::like_pattern(query), limit as i64],
            product_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
