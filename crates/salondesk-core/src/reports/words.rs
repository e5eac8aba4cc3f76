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
        _ => return key.to_owned(),
    };
    pick(lang, zh, en).to_owned()
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
    match value {
        "received" => pick(lang, "实收", "Money received").to_owned(),
        "consumed" => pick(lang, "耗卡/积分抵扣", "Value consumed").to_owned(),
        _ => export_code(lang, value),
    }
}
