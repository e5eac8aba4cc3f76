//! Stock on hand per product and the low-stock list (库存预警), read from the
//! maintained levels: one indexed read per product, no history summed.

use crate::ids::ProductId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::Result;
use rusqlite::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockRow {
    pub product: ProductId,
    pub name: String,
    pub sku: String,
    pub barcode: Option<String>,
    pub category: String,
    pub unit: String,
    pub on_hand: i64,
    /// At or below this (when above 0) the product is low on stock.
    pub low_stock: i64,
}

impl StockRow {
    pub fn is_low(&self) -> bool {
        self.low_stock > 0 && self.on_hand <= self.low_stock
    }
}

const ROW_SQL: &str = "SELECT p.id, p.name, p.sku, p.barcode, p.category, p.unit,
        coalesce(l.on_hand, 0) AS on_hand, p.low_stock
    FROM products p LEFT JOIN stock_levels l ON l.product_id = p.id
    WHERE p.active = 1";

/// Low: a threshold set and on hand at or below it.
const LOW_SQL: &str = "p.low_stock > 0 AND coalesce(l.on_hand, 0) <= p.low_stock";

fn stock_row(r: &Row<'_>) -> rusqlite::Result<StockRow> {
    Ok(StockRow {
        product: r.get(0)?,
        name: r.get(1)?,
        sku: r.get(2)?,
        barcode: r.get(3)?,
        category: r.get(4)?,
        unit: r.get(5)?,
        on_hand: r.get(6)?,
        low_stock: r.get(7)?,
    })
}

/// Every active product with its stock (the stock report's rows: the same
/// rows and low-stock rule as the back office's list).
pub(crate) fn all_rows(conn: &rusqlite::Connection) -> Result<Vec<StockRow>> {
    let mut stmt = conn.prepare_cached(&format!("{ROW_SQL} ORDER BY p.category, p.name"))?;
    let rows = stmt.query_map([], stock_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Active products with their stock, by category then name; `category`
    /// keeps one category, `low_only` only the products low on stock.
    pub fn stock_on_hand(
        &self,
        actor: &Staff,
        category: Option<&str>,
        low_only: bool,
    ) -> Result<Vec<StockRow>> {
        actor.require(Permission::ManageStock)?;
        let sql = format!(
            "{ROW_SQL} AND (?1 IS NULL OR p.category = ?1) AND (?2 = 0 OR ({LOW_SQL}))
             ORDER BY p.category, p.name"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![category, low_only], stock_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Products at or below their low-stock level.
    pub fn low_stock(&self, actor: &Staff) -> Result<Vec<StockRow>> {
        self.stock_on_hand(actor, None, true)
    }

    /// How many products are low on stock: the top bar's badge, one count.
    /// Anyone logged in may see the number (it names no product).
    pub fn low_stock_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM products p LEFT JOIN stock_levels l ON l.product_id = p.id
                 WHERE p.active = 1 AND {LOW_SQL}"
            ))?
            .query_row([], |r| r.get(0))?)
    }

    /// The categories active products are filed under, for the filter and the stock take.
    pub fn stock_categories(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT category FROM products WHERE active = 1 ORDER BY category",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
