//! A double refund as the desk sees it: the sale, the refunds that both took
//! back the same line, the money paid back twice and where it went, from the
//! server's detail (`salondesk-server`'s `effects/refunds.rs`).

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// How much one payment method paid back on the refund that went too far.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictTenderView {
    /// `cash`, `stored_value`, `wechat_pay`, … (a tender kind).
    pub kind: String,
    /// Fen paid back (positive).
    #[ts(type = "number")]
    pub amount: i64,
}

/// The receipts and money of a `double_refund` conflict.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConflictRefundView {
    /// The sale whose line was refunded twice (null if the server did not know it).
    pub original_receipt_no: Option<String>,
    /// The refunds' receipt numbers, the one that arrived last at the end.
    pub refund_receipt_nos: Vec<String>,
    /// Fen paid back twice.
    #[ts(type = "number")]
    pub amount_twice: i64,
    /// How the last refund paid back (all its lines, not only the doubled one).
    pub paid_back: Vec<ConflictTenderView>,
}

impl ConflictRefundView {
    /// The view of a double refund's `detail`; None when it does not hold one.
    pub fn from_detail(detail: &Value) -> Option<ConflictRefundView> {
        let amount_twice = detail.get("amountTwice")?.as_i64()?;
        let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let list = |k: &str| {
            detail
                .get(k)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        Some(ConflictRefundView {
            original_receipt_no: text(detail, "originalReceiptNo"),
            refund_receipt_nos: list("refunds")
                .iter()
                .filter_map(|r| text(r, "receiptNo"))
                .collect(),
            amount_twice,
            paid_back: list("tenders")
                .iter()
                .filter_map(|t| {
                    Some(ConflictTenderView {
                        kind: text(t, "kind")?,
                        amount: t.get("amount")?.as_i64()?,
                    })
                })
                .collect(),
        })
    }
}
