//! Stock takes (盘点): a count sheet of one category, the numbers counted on
//! the shelf, and the differences posted in one go as `count_correction`
//! adjustments. The stock take is kept whole (who, when, every line).
//!
//! "Expected" is what the books say when the counts are posted, not when the
//! sheet was printed: a sale rung up while staff were counting is already on
//! the shelf count's side of the line, so the posted difference is exactly
//! what takes the books to the counted number.

use super::{add_move, on_hand, AdjustReason, NewMove, MAX_QTY};
use crate::ids::{new_v7, ProductId, StaffId};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashSet;

/// One product of a count sheet: what the books say is on the shelf.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountSheetLine {
    pub product: ProductId,
    pub name: String,
    pub sku: String,
    pub unit: String,
    pub expected: i64,
}

/// A number counted on the shelf.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountLine {
    pub product: ProductId,
    pub counted: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StockTakeLine {
    pub product_id: ProductId,
    pub expected: i64,
    pub counted: i64,
}

impl StockTakeLine {
    /// Positive: more on the shelf than the books said.
    pub fn difference(&self) -> i64 {
        self.counted - self.expected
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockTake {
    pub id: String,
    pub category: String,
    pub staff: Option<StaffId>,
    pub created_at: String,
    pub lines: Vec<StockTakeLine>,
}

impl Store {
    /// The count sheet of a category: its active products and their on-hand.
    pub fn count_sheet(&self, actor: &Staff, category: &str) -> Result<Vec<CountSheetLine>> {
        Ok(self
            .stock_on_hand(actor, Some(category), false)?
            .into_iter()
            .map(|r| CountSheetLine {
                product: r.product,
                name: r.name,
                sku: r.sku,
                unit: r.unit,
                expected: r.on_hand,
            })
            .collect())
    }

    /// Posts a stock take: every difference becomes one `count_correction`
    /// move naming the stock take; lines that match post nothing but are kept.
    pub fn post_stock_take(
        &mut self,
        actor: &Staff,
        category: &str,
        counts: &[CountLine],
    ) -> Result<StockTake> {
        actor.require(Permission::ManageStock)?;
        if counts.is_empty() {
            return Err(CoreError::validation(
                "counted",
                "count at least one product",
            ));
        }
        let mut seen = HashSet::new();
        for c in counts {
            if !(0..=MAX_QTY).contains(&c.counted) {
                return Err(CoreError::validation(
                    "counted",
                    format!("a count is 0 to {MAX_QTY}"),
                ));
            }
            if !seen.insert(c.product) {
                return Err(CoreError::validation(
                    "counted",
                    "a product is counted once per stock take",
                ));
            }
        }
        let category = category.trim();
        self.write(|w| {
            let id = new_v7(w.now()).to_string();
            let created_at = crate::time::iso(w.now());
            let mut lines = Vec::with_capacity(counts.len());
            for c in counts {
                let expected = on_hand(w, c.product)?;
                lines.push(StockTakeLine {
                    product_id: c.product,
                    expected,
                    counted: c.counted,
                });
            }
            let lines_json = serde_json::to_value(&lines)?;
            w.prepare_cached(
                "INSERT INTO stock_takes (id, category, staff_id, lines, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                id,
                category,
                actor.id,
                lines_json.to_string(),
                created_at
            ])?;
            w.emit(
                "stock_take",
                &id,
                OpKind::Append,
                &json!({ "category": category, "staffId": actor.id, "lines": lines_json }),
            )?;
            for l in lines.iter().filter(|l| l.difference() != 0) {
                add_move(
                    w,
                    &NewMove {
                        product: l.product_id,
                        qty: l.difference(),
                        reason: "adjust",
                        adjust_reason: Some(AdjustReason::CountCorrection),
                        note: "",
                        staff: actor,
                        ref_id: Some(&id),
                        unit_cost: None,
                    },
                )?;
            }
            let changed = lines.iter().filter(|l| l.difference() != 0).count();
            crate::checkout::audit::record(
                w,
                actor.id,
                None,
                "stock_take",
                Some(&id),
                &json!({ "category": category, "lines": lines.len(), "changed": changed }),
            )?;
            Ok(StockTake {
                id,
                category: category.to_owned(),
                staff: Some(actor.id),
                created_at,
                lines,
            })
        })
    }

    /// Stock takes, newest first.
    pub fn stock_takes(&self, actor: &Staff, limit: usize) -> Result<Vec<StockTake>> {
        actor.require(Permission::ManageStock)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, category, staff_id, created_at, lines FROM stock_takes
             ORDER BY created_at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<StaffId>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (id, category, staff, created_at, lines) = row?;
            Ok(StockTake {
                id,
                category,
                staff,
                created_at,
                lines: serde_json::from_str(&lines)?,
            })
        })
        .collect()
    }
}
