//! Stock in the back office (库存): goods received (入库单), adjustments with a
//! reason, stock takes (盘点), a product's move history and the low-stock list.
//!
//! Every change is a new row of the append-only ledger `stock_moves`; on hand
//! is read from `stock_levels`, which SQLite keeps as the ledger's running sum
//! (core migration 0007), never by summing history. Each function takes the
//! acting staff member and requires `ManageStock` itself.
//!
//! Stock never goes below zero by hand: an adjustment that would is refused
//! (the count is what is wrong, and a stock take sets it to what is there).
//! Only sales on two offline tills can overdraw it, and a stock take puts it
//! right.

mod adjust;
mod history;
mod levels;
mod receive;
mod take;

pub use adjust::AdjustInput;
pub use history::{MoveRef, StockMove};
pub(crate) use levels::all_rows;
pub use levels::StockRow;
pub use receive::{ReceiptInput, ReceiptLine};
pub use take::{CountLine, CountSheetLine, StockTake, StockTakeLine};

use crate::ids::{new_v7, ProductId};
use crate::staff::Staff;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Why stock was adjusted by hand (the words are the protocol's `ADJUST_REASONS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AdjustReason {
    Damaged,
    UsedInService,
    /// Posted by a stock take: the shelf holds other than the books said.
    CountCorrection,
    Other,
}

impl AdjustReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Damaged => "damaged",
            Self::UsedInService => "used_in_service",
            Self::CountCorrection => "count_correction",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Damaged,
            Self::UsedInService,
            Self::CountCorrection,
            Self::Other,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// The most units one move may carry (the protocol's limit on `qty`).
const MAX_QTY: i64 = salondesk_protocol::limits::MAX_QTY;

/// One move of the ledger as the back office adds it.
struct NewMove<'a> {
    product: ProductId,
    qty: i64,
    reason: &'static str,
    adjust_reason: Option<AdjustReason>,
    note: &'a str,
    staff: &'a Staff,
    ref_id: Option<&'a str>,
    unit_cost: Option<i64>,
}

/// Adds the move and its outbox operation (the level follows by trigger).
fn add_move(w: &mut Writer<'_>, m: &NewMove<'_>) -> Result<()> {
    let id = new_v7(w.now()).to_string();
    w.prepare_cached(
        "INSERT INTO stock_moves (id, product_id, qty, reason, adjust_reason, note, staff_id, ref_id, unit_cost, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        m.product,
        m.qty,
        m.reason,
        m.adjust_reason.map(AdjustReason::as_str),
        m.note,
        m.staff.id,
        m.ref_id,
        m.unit_cost,
        crate::time::iso(w.now())
    ])?;
    w.emit(
        "stock_move",
        &id,
        OpKind::Append,
        &json!({ "productId": m.product, "qty": m.qty, "reason": m.reason,
                 "adjustReason": m.adjust_reason, "note": m.note, "staffId": m.staff.id,
                 "refId": m.ref_id, "unitCost": m.unit_cost }),
    )?;
    Ok(())
}

/// The product's on-hand level, refusing a product that does not exist.
fn on_hand(w: &Writer<'_>, product: ProductId) -> Result<i64> {
    let exists: bool = w
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM products WHERE id = ?1)")?
        .query_row([product], |r| r.get(0))?;
    if !exists {
        return Err(CoreError::NotFound { entity: "product" });
    }
    crate::ledger::stock(w, &product.to_string())
}

/// A note is one short paragraph.
fn check_note(note: &str) -> Result<&str> {
    let note = note.trim();
    if note.chars().count() > 500 {
        return Err(CoreError::validation(
            "note",
            "a note is at most 500 characters",
        ));
    }
    Ok(note)
}

/// One unit of a product given away for points (积分兑换), by `staff`, in
/// the exchange's transaction: an `adjust` move of reason `other` whose
/// `ref_id` is the points ledger row that paid for it. Refused if none is on
/// the shelf (by hand, stock never goes below zero).
pub(crate) fn give_for_points(
    w: &mut Writer<'_>,
    product: ProductId,
    staff: &Staff,
    points_row: &str,
) -> Result<()> {
    if on_hand(w, product)? < 1 {
        return Err(CoreError::validation("itemId", "this gift is out of stock"));
    }
    add_move(
        w,
        &NewMove {
            product,
            qty: -1,
            reason: "adjust",
            adjust_reason: Some(AdjustReason::Other),
            note: "积分兑换",
            staff,
            ref_id: Some(points_row),
            unit_cost: None,
        },
    )
}
