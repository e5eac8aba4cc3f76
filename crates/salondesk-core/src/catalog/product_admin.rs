//! The back office's products: create, edit, archive / restore, reorder.
//! Stock itself (receive, adjust, stock take) is the stock screens' own; here
//! only the product's facts and prices change.

use super::product::{check_unique, insert, Product, ProductInput};
use super::usage::{line_counts, WithUse};
use crate::ids::ProductId;
use crate::money::Money;
use crate::staff::Staff;
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn create_product(&mut self, actor: &Staff, input: &ProductInput) -> Result<Product> {
        self.may_edit_catalog(actor)?;
        input.validate()?;
        let input = ProductInput {
            opening_stock: 0,
            ..input.clone()
        };
        let id = self.write(|w| {
            let id = insert(w, &input)?;
            let name = input.name.trim();
            super::audit::saved(
                w,
                actor,
                "product",
                &id.to_string(),
                name,
                Some(input.price),
                true,
            )?;
            Ok(id)
        })?;
        self.product(id)
    }

    /// Changes a product's facts and prices (not its stock); a new price is
    /// kept in its history. A blank SKU keeps the one it has.
    pub fn edit_product(
        &mut self,
        actor: &Staff,
        id: ProductId,
        input: &ProductInput,
    ) -> Result<Product> {
        self.may_edit_catalog(actor)?;
        input.validate()?;
        self.write(|w| {
            let (old_sku, old_price, active, pos): (String, i64, bool, i64) = w
                .prepare_cached(
                    "SELECT sku, price, active, sort_order FROM products WHERE id = ?1",
                )?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?
                .ok_or(CoreError::NotFound { entity: "product" })?;
            let sku = match input.sku.trim() {
                "" => old_sku,
                s => s.to_owned(),
            };
            check_unique(w, &sku, input.barcode(), Some(id))?;
            w.prepare_cached(
                "UPDATE products SET sku = ?2, barcode = ?3, name = ?4, name_en = ?5, category = ?6,
                        unit = ?7, price = ?8, cost = ?9, low_stock = ?10, commission_bp = ?11,
                        updated_at = ?12
                 WHERE id = ?1",
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
                crate::time::iso(w.now())
            ])?;
            w.emit(
                "product",
                &id,
                OpKind::Upsert,
                &input.payload(&sku, active, pos),
            )?;
            let name = input.name.trim();
            super::audit::saved(
                w,
                actor,
                "product",
                &id.to_string(),
                name,
                Some(input.price),
                false,
            )?;
            super::price_history::record(
                w,
                actor,
                "product",
                &id.to_string(),
                Money(old_price),
                input.price,
            )
        })?;
        self.product(id)
    }

    /// Archives (false) or restores (true) a product: an archived one is not
    /// sold or scanned, and stays in past sales.
    pub fn set_product_active(
        &mut self,
        actor: &Staff,
        id: ProductId,
        active: bool,
    ) -> Result<Product> {
        self.may_edit_catalog(actor)?;
        self.write(|w| {
            super::archive::set_active(w, actor, &super::archive::PRODUCT, &id.to_string(), active)
        })?;
        self.product(id)
    }

    /// Moves a product one place up or down in the display order.
    pub fn move_product(&mut self, actor: &Staff, id: ProductId, up: bool) -> Result<()> {
        self.may_edit_catalog(actor)?;
        self.write(|w| super::order::move_item(w, super::order::PRODUCTS, &id.to_string(), up))
    }

    /// Every product with how many were sold (the back office's table).
    pub fn products_with_use(&self) -> Result<Vec<WithUse<Product>>> {
        let counts = line_counts(&self.conn, "product")?;
        Ok(self
            .all_products()?
            .into_iter()
            .map(|p| WithUse {
                used: counts.get(&p.id.to_string()).copied().unwrap_or(0),
                item: p,
            })
            .collect())
    }
}
