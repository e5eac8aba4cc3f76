//! The back office's catalog on the wire: services, products, top-up and
//! package plans, coupons (each with how often it was used), their inputs,
//! and price changes. Amounts are integer fen; percents are basis points.

use salondesk_core::appointments::ResourceKind;
use salondesk_core::catalog::{PriceChange, Product, ProductInput, Service, ServiceInput, WithUse};
use salondesk_core::checkout::{
    Coupon, CouponKind, PackagePlan, PackagePlanInput, TopUpPlan, TopUpPlanInput,
};
use salondesk_core::member::Tier;
use salondesk_core::money::Money;
use salondesk_core::CoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceView {
    pub id: String,
    pub category: String,
    pub name: String,
    pub name_en: Option<String>,
    #[ts(type = "number")]
    pub duration_min: i64,
    #[ts(type = "number")]
    pub price: i64,
    pub resource_kind: Option<ResourceKind>,
    #[ts(type = "number")]
    pub commission_bp: i64,
    pub active: bool,
    #[ts(type = "number")]
    pub used: i64,
}

impl From<WithUse<Service>> for ServiceView {
    fn from(w: WithUse<Service>) -> Self {
        let s = w.item;
        ServiceView {
            id: s.id.to_string(),
            category: s.category,
            name: s.name,
            name_en: s.name_en,
            duration_min: s.duration_min,
            price: s.price.fen(),
            resource_kind: s.resource_kind,
            commission_bp: s.commission_bp,
            active: s.active,
            used: w.used,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceForm {
    pub category: String,
    pub name: String,
    pub name_en: String,
    #[ts(type = "number")]
    pub duration_min: i64,
    #[ts(type = "number")]
    pub price: i64,
    pub resource_kind: Option<ResourceKind>,
    #[ts(type = "number | null")]
    pub commission_bp: Option<i64>,
}

impl From<&ServiceForm> for ServiceInput {
    fn from(f: &ServiceForm) -> Self {
        ServiceInput {
            category: f.category.clone(),
            name: f.name.clone(),
            name_en: f.name_en.clone(),
            duration_min: f.duration_min,
            price: Money(f.price),
            resource_kind: f.resource_kind,
            commission_bp: f.commission_bp,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductView {
    pub id: String,
    pub sku: String,
    pub barcode: Option<String>,
    pub name: String,
    pub name_en: Option<String>,
    pub category: String,
    pub unit: String,
    #[ts(type = "number")]
    pub price: i64,
    #[ts(type = "number")]
    pub cost: i64,
    #[ts(type = "number")]
    pub low_stock: i64,
    #[ts(type = "number")]
    pub commission_bp: i64,
    pub active: bool,
    /// On hand (the stock screens change it).
    #[ts(type = "number")]
    pub stock: i64,
    #[ts(type = "number")]
    pub used: i64,
}

impl From<WithUse<Product>> for ProductView {
    fn from(w: WithUse<Product>) -> Self {
        let p = w.item;
        ProductView {
            id: p.id.to_string(),
            sku: p.sku,
            barcode: p.barcode,
            name: p.name,
            name_en: p.name_en,
            category: p.category,
            unit: p.unit,
            price: p.price.fen(),
            cost: p.cost.fen(),
            low_stock: p.low_stock,
            commission_bp: p.commission_bp,
            active: p.active,
            stock: p.stock,
            used: w.used,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductForm {
    pub sku: String,
    pub barcode: String,
    pub name: String,
    pub name_en: String,
    pub category: String,
    pub unit: String,
    #[ts(type = "number")]
    pub price: i64,
    #[ts(type = "number")]
    pub cost: i64,
    #[ts(type = "number")]
    pub low_stock: i64,
    #[ts(type = "number | null")]
    pub commission_bp: Option<i64>,
}

impl From<&ProductForm> for ProductInput {
    fn from(f: &ProductForm) -> Self {
        ProductInput {
            sku: f.sku.clone(),
            barcode: Some(f.barcode.trim().to_owned()).filter(|b| !b.is_empty()),
            name: f.name.clone(),
            name_en: f.name_en.clone(),
            category: f.category.clone(),
            unit: f.unit.clone(),
            price: Money(f.price),
            cost: Money(f.cost),
            low_stock: f.low_stock,
            commission_bp: f.commission_bp,
            opening_stock: 0,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TopUpPlanView {
    pub id: String,
    pub name: String,
    #[ts(type = "number")]
    pub pay: i64,
    #[ts(type = "number")]
    pub bonus: i64,
    pub active: bool,
    #[ts(type = "number")]
    pub used: i64,
}

impl From<WithUse<TopUpPlan>> for TopUpPlanView {
    fn from(w: WithUse<TopUpPlan>) -> Self {
        TopUpPlanView {
            id: w.item.id,
            name: w.item.name,
            pay: w.item.pay.fen(),
            bonus: w.item.bonus.fen(),
            active: w.item.active,
            used: w.used,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TopUpPlanForm {
    pub name: String,
    #[ts(type = "number")]
    pub pay: i64,
    #[ts(type = "number")]
    pub bonus: i64,
}

impl From<&TopUpPlanForm> for TopUpPlanInput {
    fn from(f: &TopUpPlanForm) -> Self {
        TopUpPlanInput {
            name: f.name.clone(),
            pay: Money(f.pay),
            bonus: Money(f.bonus),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackagePlanView {
    pub id: String,
    pub service_id: String,
    pub name: String,
    #[ts(type = "number")]
    pub sessions: i64,
    #[ts(type = "number")]
    pub price: i64,
    #[ts(type = "number")]
    pub valid_days: i64,
    pub active: bool,
    #[ts(type = "number")]
    pub used: i64,
}

impl From<WithUse<PackagePlan>> for PackagePlanView {
    fn from(w: WithUse<PackagePlan>) -> Self {
        let p = w.item;
        PackagePlanView {
            id: p.id,
            service_id: p.service_id.to_string(),
            name: p.name,
            sessions: p.sessions,
            price: p.price.fen(),
            valid_days: p.valid_days,
            active: p.active,
            used: w.used,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackagePlanForm {
    pub service_id: String,
    pub name: String,
    #[ts(type = "number")]
    pub sessions: i64,
    #[ts(type = "number")]
    pub price: i64,
    #[ts(type = "number")]
    pub valid_days: i64,
}

impl TryFrom<&PackagePlanForm> for PackagePlanInput {
    type Error = CoreError;
    fn try_from(f: &PackagePlanForm) -> Result<Self, CoreError> {
        Ok(PackagePlanInput {
            service_id: f
                .service_id
                .parse()
                .map_err(|_| CoreError::validation("serviceId", "choose a service"))?,
            name: f.name.clone(),
            sessions: f.sessions,
            price: Money(f.price),
            valid_days: f.valid_days,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CouponKindView {
    Fixed,
    Percent,
}

/// A coupon, as shown and as entered (`used` and `active` are ignored on input).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CouponView {
    pub code: String,
    pub kind: CouponKindView,
    /// Fen off (fixed) or basis points off (percent: 1000 = 10%).
    #[ts(type = "number")]
    pub value: i64,
    #[ts(type = "number")]
    pub min_spend: i64,
    /// `YYYY-MM-DD`, the store's dates.
    pub valid_from: String,
    pub valid_to: String,
    #[ts(type = "number | null")]
    pub max_uses: Option<i64>,
    #[ts(type = "number | null")]
    pub per_member: Option<i64>,
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub active: bool,
    #[serde(default)]
    #[ts(type = "number")]
    pub used: i64,
}

impl From<WithUse<Coupon>> for CouponView {
    fn from(w: WithUse<Coupon>) -> Self {
        let c = w.item;
        CouponView {
            code: c.code,
            kind: match c.kind {
                CouponKind::Fixed => CouponKindView::Fixed,
                CouponKind::Percent => CouponKindView::Percent,
            },
            value: c.value,
            min_spend: c.min_spend.fen(),
            valid_from: c.valid_from.to_string(),
            valid_to: c.valid_to.to_string(),
            max_uses: c.max_uses,
            per_member: c.per_member,
            tiers: c.tiers,
            active: c.active,
            used: w.used,
        }
    }
}

impl TryFrom<&CouponView> for Coupon {
    type Error = CoreError;
    fn try_from(v: &CouponView) -> Result<Self, CoreError> {
        let date = |field: &'static str, s: &str| {
            chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| CoreError::validation(field, "a date is YYYY-MM-DD"))
        };
        Ok(Coupon {
            code: v.code.clone(),
            kind: match v.kind {
                CouponKindView::Fixed => CouponKind::Fixed,
                CouponKindView::Percent => CouponKind::Percent,
            },
            value: v.value,
            min_spend: Money(v.min_spend),
            valid_from: date("validFrom", &v.valid_from)?,
            valid_to: date("validTo", &v.valid_to)?,
            max_uses: v.max_uses,
            per_member: v.per_member,
            tiers: v.tiers.clone(),
            active: true,
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PriceChangeView {
    #[ts(type = "number")]
    pub old_price: i64,
    #[ts(type = "number")]
    pub new_price: i64,
    pub staff_name: Option<String>,
    /// RFC 3339.
    pub at: String,
}

impl From<&PriceChange> for PriceChangeView {
    fn from(p: &PriceChange) -> Self {
        PriceChangeView {
            old_price: p.old_price.fen(),
            new_price: p.new_price.fen(),
            staff_name: p.staff_name.clone(),
            at: p.at.to_rfc3339(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coupon_typed_in_the_back_office_reads_back_the_same() {
        let typed = CouponView {
            code: "gold20".into(),
            kind: CouponKindView::Percent,
            value: 2000,
            min_spend: 10_000,
            valid_from: "2026-12-01".into(),
            valid_to: "2026-12-31".into(),
            max_uses: Some(100),
            per_member: Some(1),
            tiers: vec![Tier::Gold],
            active: false,
            used: 7,
        };
        let coupon = Coupon::try_from(&typed).expect("a well-formed coupon");
        assert!(
            coupon.active,
            "what the form says of use and ending is not taken from it"
        );
        let back = CouponView::from(WithUse {
            item: coupon,
            used: 3,
        });
        assert_eq!((back.value, back.min_spend, back.used), (2000, 10_000, 3));
        assert_eq!(
            back.valid_to, "2026-12-31",
            "dates travel as the store's YYYY-MM-DD"
        );
    }

    #[test]
    fn a_malformed_date_is_refused_on_its_field() {
        let typed = CouponView {
            code: "X1X".into(),
            kind: CouponKindView::Fixed,
            value: 100,
            min_spend: 0,
            valid_from: "2026-12-01".into(),
            valid_to: "31/12/2026".into(),
            max_uses: None,
            per_member: None,
            tiers: vec![],
            active: true,
            used: 0,
        };
        let e = Coupon::try_from(&typed).expect_err("not YYYY-MM-DD");
        assert_eq!(e.field(), Some("validTo"));
    }
}
