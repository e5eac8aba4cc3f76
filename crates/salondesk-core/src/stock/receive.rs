//! Goods received (入库单): one receipt from a supplier with its lines; each
//! line is a `receive` move naming the receipt, at the unit cost paid.

use super::{add_move, check_note, NewMove, MAX_QTY};
use crate::checkout::audit;
use crate::ids::{new_v7, ProductId};
use crate::money::{checked, Money};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use rusqlite::params;
use serde_json::json;

#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptLine {
    pub product: ProductId,
    pub qty: i64,
    /// What one unit cost from the supplier.
    pub unit_cost: Money,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptInput {
    pub supplier: String,
    pub lines: Vec<ReceiptLine>,
    pub note: String,
}

impl ReceiptInput {
    fn validate(&self) -> Result<()> {
        if self.supplier.trim().chars().count() > 80 {
            return Err(CoreError::validation(
                "supplier",
                "a supplier's name is at most 80 characters",
            ));
        }
        if self.lines.is_empty() {
            return Err(CoreError::validation(
                "lines",
                "a receipt needs at least one product",
            ));
        }
        if self.lines.len() > 500 {
            return Err(CoreError::validation(
                "lines",
                "a receipt has at most 500 lines",
            ));
        }
        for (i, l) in self.lines.iter().enumerate() {
            if l.qty <= 0 || l.qty > MAX_QTY {
                return Err(CoreError::validation(
                    "qty",
                    format!("line {}: a quantity received is 1 to {MAX_QTY}", i + 1),
                ));
            }
            if l.unit_cost.is_negative()
                || l.unit_cost.fen() > salondesk_protocol::limits::MAX_MONEY
            {
                return Err(CoreError::validation(
                    "unitCost",
                    format!("line {}: a unit cost cannot be negative", i + 1),
                ));
            }
        }
        Ok(())
    }
}

impl Store {
    /// Receives a delivery: the receipt and one move per line, all or nothing.
    /// Returns the receipt's id.
    pub fn receive_goods(&mut self, actor: &Staff, input: &ReceiptInput) -> Result<String> {
        actor.require(Permission::ManageStock)?;
        input.validate()?;
        let note = check_note(&input.note)?;
        let supplier = input.supplier.trim();
        self.write(|w| {
            let id = new_v7(w.now()).to_string();
            w.prepare_cached(
                "INSERT INTO stock_receipts (id, supplier, note, staff_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                id,
                supplier,
                note,
                actor.id,
                crate::time::iso(w.now())
            ])?;
            w.emit(
                "stock_receipt",
                &id,
                OpKind::Append,
                &json!({ "supplier": supplier, "note": note, "staffId": actor.id }),
            )?;
            for l in &input.lines {
                // Refuses an unknown product (the whole receipt with it).
                super::on_hand(w, l.product)?;
                add_move(
                    w,
                    &NewMove {
                        product: l.product,
                        qty: l.qty,
                        reason: "receive",
                        adjust_reason: None,
                        note: "",
                        staff: actor,
                        ref_id: Some(&id),
                        unit_cost: Some(l.unit_cost.fen()),
                    },
                )?;
            }
            // The owner reads deliveries in the audit log too: how much came in.
            let units = checked::sum(input.lines.iter().map(|l| l.qty), "qty")?;
            let mut cost = 0i64;
            for l in &input.lines {
                let line = checked::mul(l.unit_cost.fen(), l.qty, "unit_cost")?;
                cost = checked::add(cost, line, "unit_cost")?;
            }
            let detail = json!({ "lines": input.lines.len(), "qty": units, "amount": cost });
            audit::record(w, actor.id, None, "stock_received", Some(&id), &detail)?;
            Ok(id)
        })
    }
}
