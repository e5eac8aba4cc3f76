//! The back office's stock on the wire: levels, receipts, adjustments, stock
//! takes and a product's history. Quantities are units; costs are fen.

use crate::error::ApiError;
use salondesk_core::stock::{self as st, AdjustReason, MoveRef};
use salondesk_core::{CoreError, Money};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn product_id(s: &str) -> Result<salondesk_core::ids::ProductId, ApiError> {
    s.parse()
        .map_err(|_| CoreError::validation("productId", "not a product").into())
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockRowView {
    pub product_id: String,
    pub name: String,
    pub sku: String,
    pub barcode: Option<String>,
    pub category: String,
    pub unit: String,
    #[ts(type = "number")]
    pub on_hand: i64,
    /// 0: never warned about.
    #[ts(type = "number")]
    pub low_stock: i64,
    pub low: bool,
}

impl From<&st::StockRow> for StockRowView {
    fn from(r: &st::StockRow) -> Self {
        StockRowView {
            product_id: r.product.to_string(),
            name: r.name.clone(),
            sku: r.sku.clone(),
            barcode: r.barcode.clone(),
            category: r.category.clone(),
            unit: r.unit.clone(),
            on_hand: r.on_hand,
            low_stock: r.low_stock,
            low: r.is_low(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptLineInput {
    pub product_id: String,
    #[ts(type = "number")]
    pub qty: i64,
    /// Fen per unit.
    #[ts(type = "number")]
    pub unit_cost: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiptInputDto {
    pub supplier: String,
    pub note: String,
    pub lines: Vec<ReceiptLineInput>,
}

impl ReceiptInputDto {
    pub fn to_core(&self) -> Result<st::ReceiptInput, ApiError> {
        let lines = self
            .lines
            .iter()
            .map(|l| {
                Ok(st::ReceiptLine {
                    product: product_id(&l.product_id)?,
                    qty: l.qty,
                    unit_cost: Money(l.unit_cost),
                })
            })
            .collect::<Result<_, ApiError>>()?;
        Ok(st::ReceiptInput {
            supplier: self.supplier.clone(),
            lines,
            note: self.note.clone(),
        })
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdjustInputDto {
    pub product_id: String,
    /// Signed: units added or taken away.
    #[ts(type = "number")]
    pub qty: i64,
    pub reason: AdjustReason,
    pub note: String,
}

impl AdjustInputDto {
    pub fn to_core(&self) -> Result<st::AdjustInput, ApiError> {
        Ok(st::AdjustInput {
            product: product_id(&self.product_id)?,
            qty: self.qty,
            reason: self.reason,
            note: self.note.clone(),
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountSheetLineView {
    pub product_id: String,
    pub name: String,
    pub sku: String,
    pub unit: String,
    #[ts(type = "number")]
    pub expected: i64,
}

impl From<&st::CountSheetLine> for CountSheetLineView {
    fn from(l: &st::CountSheetLine) -> Self {
        CountSheetLineView {
            product_id: l.product.to_string(),
            name: l.name.clone(),
            sku: l.sku.clone(),
            unit: l.unit.clone(),
            expected: l.expected,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountLineInput {
    pub product_id: String,
    #[ts(type = "number")]
    pub counted: i64,
}

impl CountLineInput {
    pub fn to_core(&self) -> Result<st::CountLine, ApiError> {
        Ok(st::CountLine {
            product: product_id(&self.product_id)?,
            counted: self.counted,
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockTakeLineView {
    pub product_id: String,
    #[ts(type = "number")]
    pub expected: i64,
    #[ts(type = "number")]
    pub counted: i64,
    #[ts(type = "number")]
    pub difference: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockTakeView {
    pub id: String,
    pub category: String,
    pub created_at: String,
    pub lines: Vec<StockTakeLineView>,
}

impl From<&st::StockTake> for StockTakeView {
    fn from(t: &st::StockTake) -> Self {
        StockTakeView {
            id: t.id.clone(),
            category: t.category.clone(),
            created_at: t.created_at.clone(),
            lines: t
                .lines
                .iter()
                .map(|l| StockTakeLineView {
                    product_id: l.product_id.to_string(),
                    expected: l.expected,
                    counted: l.counted,
                    difference: l.difference(),
                })
                .collect(),
        }
    }
}

/// What a move belongs to: a receipt (its supplier), a stock take (its
/// category) or a sale (its receipt number).
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MoveRefKind {
    Receipt,
    StockTake,
    Sale,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockMoveView {
    pub id: String,
    pub at: String,
    /// receive, sale, refund or adjust.
    pub reason: String,
    pub adjust_reason: Option<AdjustReason>,
    #[ts(type = "number")]
    pub qty: i64,
    #[ts(type = "number")]
    pub on_hand_after: i64,
    pub note: String,
    pub staff_name: Option<String>,
    pub ref_kind: Option<MoveRefKind>,
    /// The supplier, the category or the receipt number.
    pub ref_label: Option<String>,
}

impl From<&st::StockMove> for StockMoveView {
    fn from(m: &st::StockMove) -> Self {
        let (ref_kind, ref_label) = match &m.reference {
            MoveRef::None => (None, None),
            MoveRef::Receipt { supplier, .. } => (Some(MoveRefKind::Receipt), Some(supplier)),
            MoveRef::StockTake { category, .. } => (Some(MoveRefKind::StockTake), Some(category)),
            MoveRef::Sale { receipt_no, .. } => (Some(MoveRefKind::Sale), Some(receipt_no)),
        };
        StockMoveView {
            id: m.id.clone(),
            at: m.at.clone(),
            reason: m.reason.clone(),
            adjust_reason: m.adjust_reason,
            qty: m.qty,
            on_hand_after: m.on_hand_after,
            note: m.note.clone(),
            staff_name: m.staff_name.clone(),
            ref_kind,
            ref_label: ref_label.cloned(),
        }
    }
}
