//! A written sale (or refund, or void) as the receipt to print: the words in
//! the receipt's language, the time in the store's zone, the member's balances
//! as they stand when it is printed.

use super::labels::Labels;
use super::model::{
    ReceiptDoc, ReceiptKind, ReceiptLang, ReceiptLine, ReceiptMember, ReceiptTender,
};
use crate::checkout::SaleRecord;
use crate::money::Money;
use crate::store::Store;
use crate::Result;

fn discount_labels(lang: ReceiptLang) -> [&'static str; 4] {
    match lang {
        ReceiptLang::ZhCn => ["活动会员价", "会员折扣", "优惠券", "手动优惠"],
        ReceiptLang::En => [
            "Campaign member price",
            "Member discount",
            "Coupon",
            "Manual discount",
        ],
    }
}

fn tender_reference(t: &crate::checkout::SaleTenderRecord) -> Option<String> {
    match (&t.card_last4, &t.reference, t.points) {
        (Some(last4), _, _) => Some(format!("****{last4}")),
        (None, _, Some(points)) => Some(format!("{points}")),
        (None, Some(r), None) if !r.is_empty() => Some(r.clone()),
        _ => None,
    }
}

impl Store {
    /// The receipt of sale `sale_id`. `reprint` marks it so nobody takes it
    /// for a second sale.
    pub fn receipt_doc(
        &self,
        sale_id: &str,
        lang: ReceiptLang,
        reprint: bool,
    ) -> Result<ReceiptDoc> {
        let sale = self.sale(sale_id)?;
        let cfg = self.checkout_settings()?;
        let words = Labels::of(lang);
        let member = match (sale.member_id, &sale.member_name) {
            (Some(id), Some(name)) => {
                let b = crate::ledger::balances(self.conn(), id)?;
                Some(ReceiptMember {
                    name: name.clone(),
                    member_no: sale.member_no.clone().unwrap_or_default(),
                    tier: sale
                        .member_tier
                        .map(|t| words.tier(t))
                        .unwrap_or_default()
                        .into(),
                    points_earned: sale.points_earned,
                    points_balance: b.points,
                    stored_value_balance: b.stored_value,
                })
            }
            _ => None,
        };
        Ok(ReceiptDoc {
            store_name: cfg.store_name.clone(),
            store_address: cfg.store_address.clone(),
            store_phone: cfg.store_phone.clone(),
            header: cfg.receipt_header.clone(),
            receipt_no: sale.receipt_no.clone(),
            kind: match sale.kind.as_str() {
                "refund" => ReceiptKind::Refund,
                "void" => ReceiptKind::Void,
                _ => ReceiptKind::Sale,
            },
            reprint,
            original_receipt_no: sale.original_receipt_no.clone(),
            issued_at: local_time(&sale.created_at, cfg.utc_offset_minutes),
            cashier: sale.cashier_name.clone(),
            member,
            lines: sale
                .lines
                .iter()
                .map(|l| ReceiptLine {
                    name: l.name.clone(),
                    qty: l.qty,
                    unit_price: l.unit_price,
                    discount: l.discount(),
                    amount: l.amount,
                    staff: (!l.staff.is_empty()).then(|| l.staff.join("/")),
                })
                .collect(),
            subtotal: sale.subtotal,
            discounts: discounts(&sale, lang),
            total: sale.total,
            tenders: sale
                .tenders
                .iter()
                .map(|t| ReceiptTender {
                    label: words.tender(&t.kind).into(),
                    amount: t.amount,
                    reference: tender_reference(t),
                })
                .collect(),
            change: sale.change,
            footer: cfg.receipt_footer.clone(),
        })
    }
}

fn discounts(sale: &SaleRecord, lang: ReceiptLang) -> Vec<(String, Money)> {
    let [campaign, tier, coupon, manual] = discount_labels(lang);
    let sum = |f: fn(&crate::checkout::SaleLineRecord) -> Money| {
        sale.lines.iter().map(f).fold(Money::ZERO, |a, b| a + b)
    };
    let coupon_label = match &sale.coupon_code {
        Some(code) => format!("{coupon} {code}"),
        None => coupon.to_string(),
    };
    [
        (campaign.to_string(), sum(|l| l.campaign_discount)),
        (tier.to_string(), sum(|l| l.tier_discount)),
        (coupon_label, sum(|l| l.coupon_discount)),
        (manual.to_string(), sum(|l| l.manual_discount)),
    ]
    .into_iter()
    .filter(|(_, m)| m.fen() != 0)
    .collect()
}

/// "2026-11-23 14:05" in the store's zone, from the stored UTC instant.
pub(super) fn local_time(iso: &str, offset_minutes: i32) -> String {
    match crate::time::parse_iso(iso) {
        Some(t) => (t + chrono::Duration::minutes(i64::from(offset_minutes)))
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        None => iso.to_string(),
    }
}
