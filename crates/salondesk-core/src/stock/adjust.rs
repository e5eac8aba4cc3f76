//! Adjustments by hand (报损, 服务耗用, …): a signed quantity with a reason.

use super::{add_move, check_note, on_hand, AdjustReason, NewMove, MAX_QTY};
use crate::ids::ProductId;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::{CoreError, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct AdjustInput {
    pub product: ProductId,
    /// Units added (positive) or taken away (negative).
    pub qty: i64,
    pub reason: AdjustReason,
    pub note: String,
}

impl Store {
    /// Adjusts a product's stock by hand. Refused if it would take stock below
    /// zero: what is on the shelf cannot be negative, so the books are wrong
    /// and a count (stock take) is the way to put them right.
    /// Returns the new on-hand level.
    pub fn adjust_stock(&mut self, actor: &Staff, input: &AdjustInput) -> Result<i64> {
        actor.require(Permission::ManageStock)?;
        if input.qty == 0 || input.qty.abs() > MAX_QTY {
            return Err(CoreError::validation(
                "qty",
                format!("an adjustment is 1 to {MAX_QTY} units, up or down"),
            ));
        }
        let note = check_note(&input.note)?;
        if input.reason == AdjustReason::Other && note.is_empty() {
            return Err(CoreError::validation(
                "note",
                "say why when the reason is \"other\"",
            ));
        }
        self.write(|w| {
            let before = on_hand(w, input.product)?;
            let after = before + input.qty;
            if after < 0 {
                return Err(CoreError::validation(
                    "qty",
                    format!("only {before} in stock: cannot take away {}", -input.qty),
                ));
            }
            add_move(
                w,
                &NewMove {
                    product: input.product,
                    qty: input.qty,
                    reason: "adjust",
                    adjust_reason: Some(input.reason),
                    note,
                    staff: actor,
                    ref_id: None,
                    unit_cost: None,
                },
            )?;
            // Stock taken off the books by hand is what an owner checks for shrinkage.
            crate::checkout::audit::record(
                w,
                actor.id,
                None,
                "stock_adjust",
                Some(&input.product.to_string()),
                &serde_json::json!({ "qty": input.qty, "reason": input.reason }),
            )?;
            Ok(after)
        })
    }
}
