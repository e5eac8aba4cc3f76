//! How often each catalog item or plan was sold: counted from the sale lines
//! of sales that stand (a voided sale did not happen), never kept as a counter.

use crate::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

/// A catalog item or plan with how many times it was sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WithUse<T> {
    pub item: T,
    pub used: i64,
}

/// Units sold per item id, for sale lines of `kind` (`service`, `product`,
/// `top_up`, `package_purchase`).
pub(crate) fn line_counts(conn: &Connection, kind: &str) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.item_id, sum(l.qty) FROM sale_lines l JOIN sales s ON s.id = l.sale_id
         WHERE l.kind = ?1 AND s.kind = 'sale'
           AND NOT EXISTS (SELECT 1 FROM sales v WHERE v.original_sale_id = s.id AND v.kind = 'void')
         GROUP BY l.item_id",
    )?;
    let rows = stmt.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
