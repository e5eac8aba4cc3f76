//! The records an owner looks at, on the wire: audit log entries, past Z
//! reports, the filtered sales list and its totals, and their filters.

use super::appointment::parse_date;
use crate::error::ApiError;
use salondesk_core::records as rec;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where the next page starts (hand it back as is).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PageCursor {
    pub at: String,
    #[ts(type = "number")]
    pub seq: i64,
}

impl From<rec::Cursor> for PageCursor {
    fn from(c: rec::Cursor) -> Self {
        PageCursor {
            at: c.at,
            seq: c.seq,
        }
    }
}

impl From<PageCursor> for rec::Cursor {
    fn from(c: PageCursor) -> Self {
        rec::Cursor {
            at: c.at,
            seq: c.seq,
        }
    }
}

/// Business dates `YYYY-MM-DD`, both included; null or empty: open.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodInput {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl TryFrom<&PeriodInput> for rec::Period {
    type Error = ApiError;
    fn try_from(p: &PeriodInput) -> Result<Self, ApiError> {
        let date = |field, s: &Option<String>| -> Result<_, ApiError> {
            match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(s) => Ok(Some(parse_date(field, s)?)),
                None => Ok(None),
            }
        };
        Ok(rec::Period {
            from: date("from", &p.from)?,
            to: date("to", &p.to)?,
        })
    }
}

fn id_of<T: std::str::FromStr>(s: &Option<String>) -> Result<Option<T>, ApiError>
where
    ApiError: From<T::Err>,
{
    match s.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Ok(Some(s.parse()?)),
        None => Ok(None),
    }
}

fn text(s: &Option<String>) -> Option<String> {
    s.as_deref().filter(|s| !s.is_empty()).map(str::to_owned)
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditFilterInput {
    pub period: PeriodInput,
    pub staff_id: Option<String>,
    pub action: Option<String>,
}

impl TryFrom<&AuditFilterInput> for rec::AuditFilter {
    type Error = ApiError;
    fn try_from(f: &AuditFilterInput) -> Result<Self, ApiError> {
        Ok(rec::AuditFilter {
            period: (&f.period).try_into()?,
            staff: id_of(&f.staff_id)?,
            action: text(&f.action),
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    pub id: String,
    pub at: String,
    pub action: String,
    pub staff_name: String,
    pub approver_name: Option<String>,
    pub receipt_no: Option<String>,
    pub subject_staff: Option<String>,
    /// The action's own detail (amount in fen, reason, from/to role …).
    #[ts(type = "Record<string, unknown> | string | null")]
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPageView {
    pub entries: Vec<AuditEntryView>,
    pub next: Option<PageCursor>,
}

impl From<rec::AuditPage> for AuditPageView {
    fn from(p: rec::AuditPage) -> Self {
        AuditPageView {
            entries: p
                .entries
                .into_iter()
                .map(|e| AuditEntryView {
                    id: e.id,
                    at: e.at,
                    action: e.action,
                    staff_name: e.staff_name,
                    approver_name: e.approver_name,
                    receipt_no: e.receipt_no,
                    subject_staff: e.subject_staff,
                    detail: e.detail,
                })
                .collect(),
            next: p.next.map(Into::into),
        }
    }
}

/// Where an export was written.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportView {
    pub path: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClosedShiftView {
    pub shift_id: String,
    pub device_id: String,
    pub opened_at: String,
    pub closed_at: String,
    pub opened_by: String,
    pub closed_by: String,
    #[ts(type = "number")]
    pub sales: i64,
    #[ts(type = "number")]
    pub refunds: i64,
    #[ts(type = "number")]
    pub net: i64,
    #[ts(type = "number")]
    pub cash_expected: i64,
    #[ts(type = "number | null")]
    pub cash_counted: Option<i64>,
    #[ts(type = "number | null")]
    pub cash_difference: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClosedShiftPageView {
    pub shifts: Vec<ClosedShiftView>,
    pub next: Option<PageCursor>,
}

impl From<rec::ClosedShift> for ClosedShiftView {
    fn from(s: rec::ClosedShift) -> Self {
        ClosedShiftView {
            shift_id: s.shift_id,
            device_id: s.device_id,
            opened_at: s.opened_at,
            closed_at: s.closed_at,
            opened_by: s.opened_by,
            closed_by: s.closed_by,
            sales: s.sales,
            refunds: s.refunds,
            net: s.net.fen(),
            cash_expected: s.cash_expected.fen(),
            cash_counted: s.cash_counted.map(|m| m.fen()),
            cash_difference: s.cash_difference.map(|m| m.fen()),
        }
    }
}

/// Whom a staff filter means: credited on a line, or the cashier.
#[derive(Debug, Clone, Copy, Default, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StaffMatchInput {
    #[default]
    Credited,
    Cashier,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalesFilterInput {
    pub period: PeriodInput,
    pub member_id: Option<String>,
    pub staff_id: Option<String>,
    #[serde(default)]
    pub staff_as: StaffMatchInput,
    /// One service or product (its id).
    pub item_id: Option<String>,
    /// A kind of line: service, product, package_purchase, top_up, package_redemption.
    pub item_kind: Option<String>,
    /// cash, bank_card, wechat_pay, alipay, stored_value, points or package.
    pub payment: Option<String>,
}

impl TryFrom<&SalesFilterInput> for rec::SalesFilter {
    type Error = ApiError;
    fn try_from(f: &SalesFilterInput) -> Result<Self, ApiError> {
        Ok(rec::SalesFilter {
            period: (&f.period).try_into()?,
            member: id_of(&f.member_id)?,
            staff: id_of(&f.staff_id)?,
            staff_as: match f.staff_as {
                StaffMatchInput::Credited => rec::StaffMatch::Credited,
                StaffMatchInput::Cashier => rec::StaffMatch::Cashier,
            },
            item_id: text(&f.item_id),
            item_kind: text(&f.item_kind),
            payment: text(&f.payment),
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleRowView {
    pub id: String,
    pub receipt_no: String,
    pub kind: String,
    pub created_at: String,
    pub member_name: Option<String>,
    pub cashier_name: String,
    pub staff_names: Vec<String>,
    pub payments: Vec<String>,
    #[ts(type = "number")]
    pub total: i64,
    pub fully_refunded: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalesPageView {
    pub rows: Vec<SaleRowView>,
    pub next: Option<PageCursor>,
}

impl From<rec::SalesPage> for SalesPageView {
    fn from(p: rec::SalesPage) -> Self {
        SalesPageView {
            rows: p
                .rows
                .into_iter()
                .map(|r| SaleRowView {
                    id: r.id,
                    receipt_no: r.receipt_no,
                    kind: r.kind,
                    created_at: r.created_at,
                    member_name: r.member_name,
                    cashier_name: r.cashier_name,
                    staff_names: r.staff_names,
                    payments: r.payments,
                    total: r.total.fen(),
                    fully_refunded: r.fully_refunded,
                })
                .collect(),
            next: p.next.map(Into::into),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentTotalView {
    pub kind: String,
    #[ts(type = "number")]
    pub amount: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalesTotalsView {
    #[ts(type = "number")]
    pub sales: i64,
    #[ts(type = "number")]
    pub refunds: i64,
    #[ts(type = "number")]
    pub net: i64,
    pub by_payment: Vec<PaymentTotalView>,
    #[ts(type = "number")]
    pub package_sessions: i64,
    #[ts(type = "number | null")]
    pub item_amount: Option<i64>,
}

impl From<rec::SalesTotals> for SalesTotalsView {
    fn from(t: rec::SalesTotals) -> Self {
        SalesTotalsView {
            sales: t.sales,
            refunds: t.refunds,
            net: t.net.fen(),
            by_payment: t
                .by_payment
                .into_iter()
                .map(|p| PaymentTotalView {
                    kind: p.kind,
                    amount: p.amount.fen(),
                })
                .collect(),
            package_sessions: t.package_sessions,
            item_amount: t.item_amount.map(|m| m.fen()),
        }
    }
}
