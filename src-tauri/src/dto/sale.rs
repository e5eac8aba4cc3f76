//! A written sale as the desk shows it (refund screen, reprint, history), the
//! member's balances, and the printer's settings.

use salondesk_core::checkout as co;
use salondesk_core::ledger;
use salondesk_core::member::Tier;
use salondesk_core::receipt::PrinterSettings;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleLineView {
    pub id: String,
    pub kind: String,
    pub name: String,
    #[ts(type = "number")]
    pub qty: i64,
    #[ts(type = "number")]
    pub unit_price: i64,
    #[ts(type = "number")]
    pub discount: i64,
    #[ts(type = "number")]
    pub amount: i64,
    pub staff: Vec<String>,
    pub refunded: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleTenderView {
    pub kind: String,
    #[ts(type = "number")]
    pub amount: i64,
    pub reference: Option<String>,
    pub card_last4: Option<String>,
    #[ts(type = "number | null")]
    pub points: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleView {
    pub id: String,
    pub receipt_no: String,
    /// "sale", "refund" or "void".
    pub kind: String,
    pub original_receipt_no: Option<String>,
    /// The shift it was written in: only a sale of the open shift can be voided.
    pub shift_id: Option<String>,
    pub member_id: Option<String>,
    pub member_name: Option<String>,
    pub member_tier: Option<Tier>,
    pub cashier_name: String,
    pub created_at: String,
    #[ts(type = "number")]
    pub subtotal: i64,
    #[ts(type = "number")]
    pub discount_total: i64,
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "number")]
    pub change: i64,
    #[ts(type = "number")]
    pub points_earned: i64,
    pub lines: Vec<SaleLineView>,
    pub tenders: Vec<SaleTenderView>,
}

impl From<co::SaleRecord> for SaleView {
    fn from(s: co::SaleRecord) -> Self {
        SaleView {
            id: s.id,
            receipt_no: s.receipt_no,
            kind: s.kind,
            original_receipt_no: s.original_receipt_no,
            shift_id: s.shift_id,
            member_id: s.member_id.map(|m| m.to_string()),
            member_name: s.member_name,
            member_tier: s.member_tier,
            cashier_name: s.cashier_name,
            created_at: s.created_at,
            subtotal: s.subtotal.fen(),
            discount_total: s.discount_total.fen(),
            total: s.total.fen(),
            change: s.change.fen(),
            points_earned: s.points_earned,
            lines: s
                .lines
                .into_iter()
                .map(|l| SaleLineView {
                    discount: l.discount().fen(),
                    id: l.id,
                    kind: l.kind,
                    name: l.name,
                    qty: l.qty,
                    unit_price: l.unit_price.fen(),
                    amount: l.amount.fen(),
                    staff: l.staff,
                    refunded: l.refunded,
                })
                .collect(),
            tenders: s
                .tenders
                .into_iter()
                .map(|t| SaleTenderView {
                    kind: t.kind,
                    amount: t.amount.fen(),
                    reference: t.reference,
                    card_last4: t.card_last4,
                    points: t.points,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleSummaryView {
    pub id: String,
    pub receipt_no: String,
    pub kind: String,
    pub member_name: Option<String>,
    #[ts(type = "number")]
    pub total: i64,
    pub created_at: String,
    pub fully_refunded: bool,
}

impl From<co::SaleSummary> for SaleSummaryView {
    fn from(s: co::SaleSummary) -> Self {
        SaleSummaryView {
            id: s.id,
            receipt_no: s.receipt_no,
            kind: s.kind,
            member_name: s.member_name,
            total: s.total.fen(),
            created_at: s.created_at,
            fully_refunded: s.fully_refunded,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackageView {
    pub package_id: String,
    pub service_id: String,
    pub name: String,
    #[ts(type = "number")]
    pub sessions_left: i64,
    pub expires_on: String,
}

/// What the member has to spend: shown on her profile and at checkout.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberBalancesView {
    #[ts(type = "number")]
    pub points: i64,
    #[ts(type = "number")]
    pub stored_value: i64,
    /// Packages with sessions left, soonest to expire first.
    pub packages: Vec<PackageView>,
}

impl From<ledger::Balances> for MemberBalancesView {
    fn from(b: ledger::Balances) -> Self {
        MemberBalancesView {
            points: b.points,
            stored_value: b.stored_value.fen(),
            packages: b
                .packages
                .into_iter()
                .filter(|p| p.sessions_left > 0)
                .map(|p| PackageView {
                    package_id: p.package_id,
                    service_id: p.service_id,
                    name: p.name,
                    sessions_left: p.sessions_left,
                    expires_on: p.expires_on.to_string(),
                })
                .collect(),
        }
    }
}

/// This device's receipt printer.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrinterSettingsView {
    /// A device (/dev/usb/lp0), a file, or a folder (one file per receipt); empty: none.
    pub path: String,
    /// 58 or 80.
    pub paper_mm: u8,
    /// "zh-CN" or "en".
    pub lang: String,
    pub auto_print: bool,
}

impl From<PrinterSettings> for PrinterSettingsView {
    fn from(p: PrinterSettings) -> Self {
        PrinterSettingsView {
            path: p.path,
            paper_mm: p.paper_mm,
            lang: p.lang,
            auto_print: p.auto_print,
        }
    }
}

impl From<PrinterSettingsView> for PrinterSettings {
    fn from(p: PrinterSettingsView) -> Self {
        PrinterSettings {
            path: p.path,
            paper_mm: p.paper_mm,
            lang: p.lang,
            auto_print: p.auto_print,
        }
    }
}

/// One upgrade or downgrade, with why.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TierChangeView {
    pub from: Tier,
    pub to: Tier,
    pub reason: String,
    pub created_at: String,
}

impl From<co::TierChange> for TierChangeView {
    fn from(c: co::TierChange) -> Self {
        TierChangeView {
            from: c.from,
            to: c.to,
            reason: c.reason,
            created_at: c.created_at,
        }
    }
}
