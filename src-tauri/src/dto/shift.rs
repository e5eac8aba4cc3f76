//! Shifts and the Z report (日结) on the wire.

use salondesk_core::shift::ZReport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TenderTotalView {
    pub kind: String,
    #[ts(type = "number")]
    pub expected: i64,
    #[ts(type = "number | null")]
    pub counted: Option<i64>,
    #[ts(type = "number | null")]
    pub difference: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ZReportView {
    pub shift_id: String,
    pub opened_at: String,
    pub closed_at: Option<String>,
    pub opened_by: String,
    #[ts(type = "number")]
    pub float: i64,
    #[ts(type = "number")]
    pub sales: i64,
    #[ts(type = "number")]
    pub refunds: i64,
    #[ts(type = "number")]
    pub sales_total: i64,
    #[ts(type = "number")]
    pub refunds_total: i64,
    #[ts(type = "number")]
    pub discounts_total: i64,
    #[ts(type = "number")]
    pub pay_ins: i64,
    #[ts(type = "number")]
    pub pay_outs: i64,
    /// Per payment method; cash expected includes the float and pay-ins/outs.
    pub tenders: Vec<TenderTotalView>,
}

impl From<ZReport> for ZReportView {
    fn from(z: ZReport) -> Self {
        ZReportView {
            shift_id: z.shift_id,
            opened_at: z.opened_at,
            closed_at: z.closed_at,
            opened_by: z.opened_by,
            float: z.float.fen(),
            sales: z.sales,
            refunds: z.refunds,
            sales_total: z.sales_total.fen(),
            refunds_total: z.refunds_total.fen(),
            discounts_total: z.discounts_total.fen(),
            pay_ins: z.pay_ins.fen(),
            pay_outs: z.pay_outs.fen(),
            tenders: z
                .tenders
                .into_iter()
                .map(|t| TenderTotalView {
                    kind: t.kind,
                    expected: t.expected.fen(),
                    counted: t.counted.map(|m| m.fen()),
                    difference: t.difference.map(|m| m.fen()),
                })
                .collect(),
        }
    }
}

/// The cash counted (and other tenders checked) when closing a shift.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountedInput {
    pub kind: String,
    #[ts(type = "number")]
    pub amount: i64,
}
