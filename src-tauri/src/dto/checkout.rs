//! The checkout's wire types: the catalog grid, the cart the desk sends, the
//! quote it shows, the tenders, and what a completed sale reports. Amounts
//! are integer fen (分) on the wire as everywhere.

use crate::error::ApiError;
use salondesk_core::checkout::{self as co, LineKind};
use salondesk_core::money::Money;
use salondesk_core::CoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One tile of the checkout grid or one search result.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogItem {
    pub kind: LineKind,
    pub id: String,
    pub name: String,
    /// Services and products: the English name, when the catalog has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name_en: Option<String>,
    /// Service category; "" for the rest.
    pub category: String,
    #[ts(type = "number")]
    pub price: i64,
    /// Products: what is on the shelf.
    #[ts(type = "number | null")]
    pub stock: Option<i64>,
    pub barcode: Option<String>,
    /// Top-ups: the bonus in fen.
    #[ts(type = "number | null")]
    pub bonus: Option<i64>,
    /// Packages: how many sessions, valid for how many days.
    #[ts(type = "number | null")]
    pub sessions: Option<i64>,
    #[ts(type = "number | null")]
    pub valid_days: Option<i64>,
    /// Services: minutes.
    #[ts(type = "number | null")]
    pub duration_min: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub services: Vec<CatalogItem>,
    pub products: Vec<CatalogItem>,
    pub top_ups: Vec<CatalogItem>,
    pub packages: Vec<CatalogItem>,
}

impl CatalogItem {
    fn new(kind: LineKind, id: String, name: String, price: Money) -> Self {
        CatalogItem {
            kind,
            id,
            name,
            name_en: None,
            category: String::new(),
            price: price.fen(),
            stock: None,
            barcode: None,
            bonus: None,
            sessions: None,
            valid_days: None,
            duration_min: None,
        }
    }
}

impl From<&salondesk_core::catalog::Service> for CatalogItem {
    fn from(s: &salondesk_core::catalog::Service) -> Self {
        CatalogItem {
            category: s.category.clone(),
            name_en: s.name_en.clone(),
            duration_min: Some(s.duration_min),
            ..CatalogItem::new(LineKind::Service, s.id.to_string(), s.name.clone(), s.price)
        }
    }
}

impl From<&salondesk_core::catalog::Product> for CatalogItem {
    fn from(p: &salondesk_core::catalog::Product) -> Self {
        CatalogItem {
            stock: Some(p.stock),
            barcode: p.barcode.clone(),
            name_en: p.name_en.clone(),
            ..CatalogItem::new(LineKind::Product, p.id.to_string(), p.name.clone(), p.price)
        }
    }
}

impl From<&co::TopUpPlan> for CatalogItem {
    fn from(p: &co::TopUpPlan) -> Self {
        CatalogItem {
            bonus: Some(p.bonus.fen()),
            ..CatalogItem::new(LineKind::TopUp, p.id.clone(), p.name.clone(), p.pay)
        }
    }
}

impl From<&co::PackagePlan> for CatalogItem {
    fn from(p: &co::PackagePlan) -> Self {
        CatalogItem {
            sessions: Some(p.sessions),
            valid_days: Some(p.valid_days),
            ..CatalogItem::new(
                LineKind::PackagePurchase,
                p.id.clone(),
                p.name.clone(),
                p.price,
            )
        }
    }
}

/// A staff member credited with a line and her share in basis points.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffShare {
    pub staff_id: String,
    #[ts(type = "number")]
    pub share_bp: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CartLineInput {
    pub kind: LineKind,
    /// The service, product, top-up plan, package plan, or (to redeem a
    /// session) the member's package.
    pub item_id: String,
    #[ts(type = "number")]
    pub qty: i64,
    pub staff: Vec<StaffShare>,
    /// A unit price typed over the list price (needs a manager's PIN).
    #[ts(type = "number | null")]
    pub price_override: Option<i64>,
    /// A service line that is one of her tier's free services (免费护理).
    #[serde(default)]
    #[ts(optional)]
    pub free_service: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CartInput {
    pub member_id: Option<String>,
    pub lines: Vec<CartLineInput>,
    pub coupon: Option<String>,
    /// Money off the whole sale (needs a manager's PIN).
    #[ts(type = "number")]
    pub manual_discount: i64,
}

/// A manager's (or the owner's) PIN, typed at the desk for one action
/// (`permission`): exchanged at once for an `ApprovalGranted` token.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalInput {
    pub manager_id: String,
    pub pin: String,
    pub permission: salondesk_core::staff::Permission,
}

/// A manager approved one action: the token the action's command carries
/// (single use, for that permission, for `expiresInSeconds`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalGranted {
    pub token: String,
    pub permission: salondesk_core::staff::Permission,
    pub approver: crate::dto::staff::StaffBrief,
    #[ts(type = "number")]
    pub expires_in_seconds: i64,
}

/// Approval tokens as the core takes them (a malformed one is `approval_invalid`).
pub fn approvals_of(tokens: &[String]) -> Result<Vec<co::Approval>, ApiError> {
    tokens
        .iter()
        .map(|t| t.parse::<co::Approval>().map_err(ApiError::from))
        .collect()
}

fn bad(field: &'static str, message: &str) -> ApiError {
    CoreError::validation(field, message.to_owned()).into()
}

impl CartInput {
    /// The core's cart, carrying managers' approval tokens (the core checks them).
    pub fn to_cart(&self, approvals: Vec<co::Approval>) -> Result<co::Cart, ApiError> {
        let member_id = match self.member_id.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => Some(s.parse().map_err(|_| bad("memberId", "not a member"))?),
            None => None,
        };
        let mut lines = Vec::with_capacity(self.lines.len());
        for l in &self.lines {
            if !(1..=9_999).contains(&l.qty) {
                return Err(bad("qty", "quantity is 1 to 9,999"));
            }
            let item = match l.kind {
                LineKind::Service if l.free_service == Some(true) => co::LineItem::FreeService {
                    service_id: l
                        .item_id
                        .parse()
                        .map_err(|_| bad("lines", "not a service"))?,
                },
                LineKind::Service => co::LineItem::Service {
                    service_id: l
                        .item_id
                        .parse()
                        .map_err(|_| bad("lines", "not a service"))?,
                    qty: l.qty,
                },
                LineKind::Product => co::LineItem::Product {
                    product_id: l
                        .item_id
                        .parse()
                        .map_err(|_| bad("lines", "not a product"))?,
                    qty: l.qty,
                },
                LineKind::TopUp => co::LineItem::TopUp {
                    plan_id: l.item_id.clone(),
                },
                LineKind::PackagePurchase => co::LineItem::PackagePurchase {
                    plan_id: l.item_id.clone(),
                },
                LineKind::PackageRedemption => co::LineItem::PackageRedemption {
                    package_id: l.item_id.clone(),
                },
            };
            let mut staff = Vec::with_capacity(l.staff.len());
            for s in &l.staff {
                let id = s
                    .staff_id
                    .parse()
                    .map_err(|_| bad("staff", "not a staff member"))?;
                staff.push((id, s.share_bp));
            }
            if !staff.is_empty() && staff.iter().map(|(_, bp)| bp).sum::<i64>() != 10_000 {
                return Err(bad("staff", "the shares of a line add up to 100%"));
            }
            lines.push(co::CartLine {
                item,
                staff,
                price_override: l.price_override.map(Money),
            });
        }
        Ok(co::Cart {
            member_id,
            lines,
            coupon: self.coupon.clone().filter(|c| !c.trim().is_empty()),
            manual_discount: Money(self.manual_discount),
            approvals,
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuoteLineView {
    pub kind: LineKind,
    pub item_id: String,
    pub name: String,
    #[ts(type = "number")]
    pub qty: i64,
    #[ts(type = "number")]
    pub unit_price: i64,
    pub overridden: bool,
    /// Every discount on the line, the campaign's member price included.
    #[ts(type = "number")]
    pub discount: i64,
    /// Of it, what a campaign's member price took off.
    #[ts(type = "number")]
    pub campaign_discount: i64,
    #[ts(type = "number")]
    pub amount: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuoteView {
    pub lines: Vec<QuoteLineView>,
    #[ts(type = "number")]
    pub subtotal: i64,
    /// What her campaigns' member prices took off.
    #[ts(type = "number")]
    pub campaign_discount: i64,
    #[ts(type = "number")]
    pub tier_discount: i64,
    #[ts(type = "number")]
    pub coupon_discount: i64,
    #[ts(type = "number")]
    pub manual_discount: i64,
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "number")]
    pub top_up_total: i64,
    #[ts(type = "number")]
    pub point_value_fen: i64,
    #[ts(type = "number")]
    pub points_to_earn: i64,
}

impl From<co::Quote> for QuoteView {
    fn from(q: co::Quote) -> Self {
        QuoteView {
            lines: q
                .lines
                .into_iter()
                .map(|l| QuoteLineView {
                    discount: (l.campaign_discount
                        + l.tier_discount
                        + l.coupon_discount
                        + l.manual_discount)
                        .fen(),
                    campaign_discount: l.campaign_discount.fen(),
                    kind: l.kind,
                    item_id: l.item_id,
                    name: l.name,
                    qty: l.qty,
                    unit_price: l.unit_price.fen(),
                    overridden: l.overridden,
                    amount: l.amount.fen(),
                })
                .collect(),
            subtotal: q.subtotal.fen(),
            campaign_discount: q.campaign_discount.fen(),
            tier_discount: q.tier_discount.fen(),
            coupon_discount: q.coupon_discount.fen(),
            manual_discount: q.manual_discount.fen(),
            total: q.total.fen(),
            top_up_total: q.top_up_total.fen(),
            point_value_fen: q.point_value_fen,
            points_to_earn: q.points_to_earn,
        }
    }
}

/// How the client pays. Bank cards: the terminal's reference and the last 4
/// digits only, never a card number.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum TenderInput {
    Cash {
        #[ts(type = "number")]
        amount: i64,
    },
    BankCard {
        #[ts(type = "number")]
        amount: i64,
        reference: String,
        last4: String,
    },
    WechatPay {
        #[ts(type = "number")]
        amount: i64,
        reference: String,
    },
    Alipay {
        #[ts(type = "number")]
        amount: i64,
        reference: String,
    },
    StoredValue {
        #[ts(type = "number")]
        amount: i64,
    },
    Points {
        #[ts(type = "number")]
        points: i64,
    },
}

impl From<&TenderInput> for co::Tender {
    fn from(t: &TenderInput) -> Self {
        match t.clone() {
            TenderInput::Cash { amount } => co::Tender::Cash {
                amount: Money(amount),
            },
            TenderInput::BankCard {
                amount,
                reference,
                last4,
            } => co::Tender::BankCard {
                amount: Money(amount),
                reference,
                last4,
            },
            TenderInput::WechatPay { amount, reference } => co::Tender::WechatPay {
                amount: Money(amount),
                reference,
            },
            TenderInput::Alipay { amount, reference } => co::Tender::Alipay {
                amount: Money(amount),
                reference,
            },
            TenderInput::StoredValue { amount } => co::Tender::StoredValue {
                amount: Money(amount),
            },
            TenderInput::Points { points } => co::Tender::Points { points },
        }
    }
}

/// Whether the receipt reached the printer. A failed print never undoes the
/// sale: the desk shows why and offers a reprint.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintResult {
    pub ok: bool,
    /// Where the bytes went (a device or a file).
    pub target: Option<String>,
    pub error: Option<String>,
}

/// A completed sale, refund or void.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaleDone {
    pub sale_id: String,
    pub receipt_no: String,
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "number")]
    pub change: i64,
    #[ts(type = "number")]
    pub points_earned: i64,
    /// Null when no printer is set up or auto-print is off.
    pub print: Option<PrintResult>,
}

impl SaleDone {
    pub fn new(o: &co::SaleOutcome, print: Option<PrintResult>) -> Self {
        SaleDone {
            sale_id: o.sale_id.clone(),
            receipt_no: o.receipt_no.clone(),
            total: o.total.fen(),
            change: o.change.fen(),
            points_earned: o.points_earned,
            print,
        }
    }
}
