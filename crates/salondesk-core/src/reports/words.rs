//! A report's headers, table titles and codes in words, for its export
//! (the screen has the same words in `ui/src/lib/i18n/*-reports.ts`). A key
//! this file does not know keeps its name, so a report of another part
//! exports even before its words are added here.

use crate::export::words::{code as export_code, pick};
use crate::records::CsvLang;

/// A column's header (`reports.col.<key>` on screen).
pub fn column(lang: CsvLang, key: &str) -> String {
    let (zh, en) = match key {
        "date" => ("日期", "Date"),
        "revenue" => ("营业额", "Revenue"),
        "sales" => ("单数", "Sales"),
        "avg_ticket" => ("客单价", "Average ticket"),
        "top_ups" => ("充值", "Top-ups"),
        "weekday" => ("星期", "Weekday"),
        "hour" => ("时段", "Hour"),
        "kind" => ("类型", "Type"),
        "category" => ("分类", "Category"),
        "qty" => ("数量", "Qty"),
        "item" => ("项目", "Item"),
        "method" => ("支付方式", "Payment method"),
        "group" => ("资金类别", "Money"),
        "amount" => ("金额", "Amount"),
        "store" => ("门店", "Store"),
        "staff_id" => ("员工编号", "Staff id"),
        "staff" => ("员工", "Staff"),
        "services" => ("服务次数", "Services done"),
        "products" => ("商品销量", "Products sold"),
        "commission" => ("提成", "Commission"),
        "rating" => ("平均满意度", "Average rating"),
        "complaints" => ("投诉", "Complaints"),
        "receipt" => ("单号", "Receipt no."),
        "share" => ("分成比例", "Share"),
        "base" => ("提成基数", "Base"),
        "rate" => ("提成比例", "Rate"),
        "members_tier" => ("会员等级", "Tier"),
        "members_active" => ("期内到店", "Came in the period"),
        "members_all" => ("会员总数", "All members"),
        "members_from_tier" => ("原等级", "From"),
        "members_to_tier" => ("新等级", "To"),
        "members_count" => ("人数", "Members"),
        "members_cohort" => ("入会月份", "Joined in"),
        "members_joined" => ("入会人数", "Joined"),
        "members_rfm_class" => ("价值分级", "Value class"),
        "members_from_class" => ("原分级", "From"),
        "members_to_class" => ("现分级", "To"),
        "members_sv_principal" => ("储值本金", "Stored value: principal"),
        "members_sv_bonus" => ("储值赠送金额", "Stored value: bonus"),
        "members_sv_total" => ("储值余额合计", "Stored value owed"),
        "members_points" => ("积分余额", "Points"),
        "members_points_value" => ("积分折合金额", "Points at their value"),
        "campaigns_name" => ("营销活动", "Campaign"),
        "campaigns_from" => ("开始日期", "From"),
        "campaigns_to" => ("结束日期", "To"),
        "campaigns_reached" => ("触达人数", "Reached"),
        "campaigns_held_out" => ("对照组人数", "Held out"),
        "campaigns_issued" => ("发券数", "Coupons issued"),
        "campaigns_redeemed" => ("参与会员", "Took the offer"),
        "campaigns_redeemer_revenue" => ("核销会员消费", "Redeemers' spend"),
        "campaigns_per_reached" => ("触达会员人均消费", "Spend per reached member"),
        "campaigns_per_control" => ("对照组人均消费", "Spend per held-out member"),
        "campaigns_cost" => ("活动成本", "Cost"),
        "campaigns_coupon" => ("优惠券", "Coupon"),
        "campaigns_uses" => ("使用次数", "Uses"),
        "campaigns_discount" => ("优惠金额", "Discount given"),
        "stock_product" => ("商品", "Product"),
        "stock_sku" => ("货号", "SKU"),
        "stock_category" => ("分类", "Category"),
        "stock_on_hand" => ("库存", "On hand"),
        "stock_unit_cost" => ("成本单价", "Unit cost"),
        "stock_value" => ("成本金额", "Value at cost"),
        "stock_sold" => ("销量", "Sold"),
        "stock_low_level" => ("预警数量", "Low-stock level"),
        "stock_last_sold" => ("最近售出", "Last sold"),
        "stock_days_unsold" => ("未售天数", "Days unsold"),
        "members_m0" => ("当月", "First month"),
        "members_m1" => ("第1月", "+1 mo"),
        "members_m2" => ("第2月", "+2 mo"),
        "members_m3" => ("第3月", "+3 mo"),
        "members_m4" => ("第4月", "+4 mo"),
        "members_m5" => ("第5月", "+5 mo"),
        "members_m6" => ("第6月", "+6 mo"),
        "members_m7" => ("第7月", "+7 mo"),
        "members_m8" => ("第8月", "+8 mo"),
        "members_m9" => ("第9月", "+9 mo"),
        "members_m10" => ("第10月", "+10 mo"),
        "members_m11" => ("第11月", "+11 mo"),
        _ => return key.to_owned(),
    };
    pick(lang, zh, en).to_owned()
}

/// A store not named yet, by its place in the report's list (`ColumnKind::Store`).
pub fn store_no(lang: CsvLang, n: i64) -> String {
    match lang {
        CsvLang::ZhCn => format!("门店 {n}"),
        CsvLang::En => format!("Store {n}"),
    }
}

/// A table's title: its worksheet's name (`reports.table.<id>` on screen).
pub fn table(lang: CsvLang, id: &str) -> String {
    let (zh, en) = match id {
        "by_period" => ("营业额趋势", "Revenue over time"),
        "by_hour" => ("时段分布", "By hour and weekday"),
        "by_category" => ("分类销售", "By category"),
        "top_services" => ("热门服务", "Top services"),
        "top_products" => ("热销商品", "Top products"),
        "by_payment" => ("支付方式", "By payment method"),
        "by_store" => ("门店对比", "Stores side by side"),
        "by_staff" => ("员工业绩", "Staff performance"),
        "commission_lines" => ("提成明细", "Commission statement"),
        "members_tiers" => ("会员等级分布", "Members by tier"),
        "members_tier_moves" => ("会员等级变动", "Tier changes"),
        "members_cohorts" => ("留存分析（按入会月份）", "Retention by month joined"),
        "members_rfm" => ("会员价值分级（RFM）", "Value classes (RFM)"),
        "members_rfm_moves" => ("价值分级迁移", "Moves between value classes"),
        "members_liability" => ("会员资产负债", "Owed to members"),
        "campaigns_results" => ("营销活动效果", "Campaign results"),
        "campaigns_coupons" => ("优惠券使用", "Coupons used"),
        "stock_products" => ("商品库存", "Stock by product"),
        "stock_slow_movers" => ("滞销商品", "Slow movers"),
        "stock_low" => ("库存预警", "Low stock"),
        _ => return id.to_owned(),
    };
    pick(lang, zh, en).to_owned()
}

/// A coded value (a payment method, a line kind, a weekday 1–7, money received or consumed).
pub fn code(lang: CsvLang, column: &str, value: &str) -> String {
    if column == "weekday" {
        const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        if let Some(i) = value.parse::<usize>().ok().filter(|i| (1..=7).contains(i)) {
            return pick(lang, ZH[i - 1], EN[i - 1]).to_owned();
        }
    }
    if column.ends_with("_class") {
        let (zh, en) = match value {
            "high_value" => ("高价值", "High value"),
            "medium_value" => ("中价值", "Medium value"),
            "low_value" => ("低价值", "Low value"),
            "at_risk" => ("流失风险", "At risk"),
            "lost" => ("已流失", "Lost"),
            "none" => ("未分级", "No class yet"),
            _ => return value.to_owned(),
        };
        return pick(lang, zh, en).to_owned();
    }
    match value {
        "received" => pick(lang, "实收", "Money received").to_owned(),
        "consumed" => pick(lang, "耗卡/积分抵扣", "Value consumed").to_owned(),
        _ => export_code(lang, value),
    }
}
