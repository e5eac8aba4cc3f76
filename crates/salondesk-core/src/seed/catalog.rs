//! The demo catalog: a salon's usual services and retail products.

use crate::catalog::{ProductInput, ServiceInput};
use crate::checkout::{Coupon, CouponKind};
use crate::money::Money;
use crate::store::Store;
use crate::Result;

const SERVICES: &[(&str, &str, i64, i64)] = &[
    ("面部护理", "基础补水护理", 60, 198),
    ("面部护理", "深层清洁", 75, 268),
    ("面部护理", "美白焕肤", 90, 398),
    ("面部护理", "抗衰紧致", 90, 588),
    ("面部护理", "敏感肌修护", 60, 328),
    ("眼部护理", "眼周淡纹", 45, 238),
    ("身体护理", "肩颈舒缓", 60, 258),
    ("身体护理", "精油全身SPA", 120, 688),
    ("身体护理", "背部排毒", 60, 298),
    ("美甲美睫", "日式美甲", 90, 258),
    ("美甲美睫", "嫁接睫毛", 90, 298),
    ("头部护理", "头皮养护", 60, 228),
    ("脱毛", "腋下光子脱毛", 30, 168),
];

const PRODUCTS: &[(&str, &str, &str, i64, i64, i64)] = &[
    (
        "SK-001",
        "6901234500017",
        "玻尿酸保湿精华 30ml",
        368,
        150,
        40,
    ),
    ("SK-002", "6901234500024", "氨基酸洁面乳 120g", 128, 45, 60),
    ("SK-003", "6901234500031", "修护面霜 50g", 298, 110, 35),
    ("SK-004", "6901234500048", "防晒乳 SPF50 40ml", 188, 70, 50),
    ("SK-005", "6901234500055", "补水面膜 10片", 158, 50, 80),
    ("SK-006", "6901234500062", "眼霜 15g", 328, 120, 25),
    ("BD-001", "6901234500079", "玫瑰身体精油 100ml", 268, 90, 30),
    ("BD-002", "6901234500086", "磨砂膏 200g", 138, 45, 40),
    ("HR-001", "6901234500093", "头皮养护精华 60ml", 238, 85, 20),
    ("NL-001", "6901234500109", "护甲油 10ml", 68, 20, 100),
];

/// Adds the demo catalog if the catalog is empty. Returns (services, products) added.
pub(crate) fn seed_catalog(store: &mut Store) -> Result<(u64, u64)> {
    let empty: bool = store.conn().query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM services) AND NOT EXISTS (SELECT 1 FROM products)",
        [],
        |r| r.get(0),
    )?;
    if !empty {
        return Ok((0, 0));
    }
    // The demo's menu is set up as its owner would (seed_staff made her).
    let owner = store
        .list_staff()?
        .into_iter()
        .find(|s| s.role == crate::staff::Role::Owner)
        .ok_or(crate::CoreError::NotFound { entity: "staff" })?;
    for (category, name, minutes, yuan) in SERVICES {
        store.add_service(&ServiceInput {
            category: (*category).into(),
            name: (*name).into(),
            duration_min: *minutes,
            price: Money::yuan(*yuan),
            ..ServiceInput::default()
        })?;
    }
    for (sku, barcode, name, price, cost, stock) in PRODUCTS {
        store.add_product(&ProductInput {
            sku: (*sku).into(),
            barcode: Some((*barcode).into()),
            name: (*name).into(),
            price: Money::yuan(*price),
            cost: Money::yuan(*cost),
            opening_stock: *stock,
            ..ProductInput::default()
        })?;
    }
    seed_plans(store, &owner)?;
    Ok((SERVICES.len() as u64, PRODUCTS.len() as u64))
}

/// Top-up plans (pay X, get X + bonus), packages of the favourite services,
/// and two coupons valid for a year from today.
fn seed_plans(store: &mut Store, _owner: &crate::staff::Staff) -> Result<()> {
    for (name, pay, bonus) in [
        ("充1000送200", 1_000, 200),
        ("充3000送800", 3_000, 800),
        ("充5000送1500", 5_000, 1_500),
    ] {
        store.add_top_up_plan(name, Money::yuan(pay), Money::yuan(bonus))?;
    }
    let services = store.find_services("", 100)?;
    for (service, sessions, yuan, days) in [
        ("基础补水护理", 10, 1_580, 365),
        ("肩颈舒缓", 10, 2_080, 365),
        ("精油全身SPA", 6, 3_580, 365),
    ] {
        if let Some(s) = services.iter().find(|s| s.name == service) {
            let name = format!("{service} {sessions}次卡");
            store.add_package_plan(s.id, &name, sessions, Money::yuan(yuan), days)?;
        }
    }
    let today = store.now().date_naive();
    let next_year = today + chrono::Duration::days(365);
    for (code, kind, value, min_spend) in [
        ("WELCOME50", CouponKind::Fixed, 5_000, Money::yuan(300)),
        ("VIP10", CouponKind::Percent, 1_000, Money::ZERO),
    ] {
        store.add_coupon(&Coupon {
            code: code.into(),
            kind,
            value,
            min_spend,
            valid_from: today,
            valid_to: next_year,
            max_uses: None,
            ..Coupon::default()
        })?;
    }
    Ok(())
}
