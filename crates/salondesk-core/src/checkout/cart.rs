//! What the cashier rings up: lines, the member, a coupon, discounts and the
//! tenders that pay for it.

use super::approval::Approval;
use crate::ids::{MemberId, ProductId, ServiceId, StaffId};
use crate::money::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineItem {
    Service {
        service_id: ServiceId,
        qty: i64,
    },
    Product {
        product_id: ProductId,
        qty: i64,
    },
    /// Buying a package plan (N sessions of a service).
    PackagePurchase {
        plan_id: String,
    },
    /// Topping up stored value by plan (pay X, get X + bonus).
    TopUp {
        plan_id: String,
    },
    /// One session of one of the member's packages, for a service.
    PackageRedemption {
        package_id: String,
    },
    /// One of her tier's free services for this period (免费护理): a service
    /// line at no charge.
    FreeService {
        service_id: ServiceId,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    pub item: LineItem,
    /// The staff credited with the line and their shares in basis points
    /// (several served one client: 6000 + 4000). Empty: nobody is credited.
    pub staff: Vec<(StaffId, i64)>,
    /// A unit price typed over the list price: needs a manager's approval.
    pub price_override: Option<Money>,
}

impl CartLine {
    pub fn new(item: LineItem) -> Self {
        CartLine {
            item,
            staff: Vec::new(),
            price_override: None,
        }
    }

    pub fn by(mut self, staff: StaffId) -> Self {
        self.staff = vec![(staff, 10_000)];
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct Cart {
    pub member_id: Option<MemberId>,
    pub lines: Vec<CartLine>,
    pub coupon: Option<String>,
    /// Money off the whole sale, typed by the cashier: needs a manager's approval.
    pub manual_discount: Money,
    /// Managers' approvals for what the cashier may not do alone: one for a
    /// manual discount, one for typed prices (each names its permission).
    pub approvals: Vec<Approval>,
}

/// How a sale is paid. Card payments happen on an external terminal: only its
/// reference and the card's last four digits are kept, never a card number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tender {
    Cash {
        amount: Money,
    },
    BankCard {
        amount: Money,
        reference: String,
        last4: String,
    },
    WechatPay {
        amount: Money,
        reference: String,
    },
    Alipay {
        amount: Money,
        reference: String,
    },
    StoredValue {
        amount: Money,
    },
    Points {
        points: i64,
    },
}

impl Tender {
    pub fn kind(&self) -> &'static str {
        match self {
            Tender::Cash { .. } => "cash",
            Tender::BankCard { .. } => "bank_card",
            Tender::WechatPay { .. } => "wechat_pay",
            Tender::Alipay { .. } => "alipay",
            Tender::StoredValue { .. } => "stored_value",
            Tender::Points { .. } => "points",
        }
    }
}
