//! What the export's headers and coded values say, in the language the
//! person exporting reads (GLOSSARY.md's words). A code this build does not
//! know (written by a newer till of the chain) keeps its name.

use crate::records::CsvLang;

/// `(zh, en)` by language.
pub(crate) fn pick(lang: CsvLang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        CsvLang::ZhCn => zh,
        CsvLang::En => en,
    }
}

/// Headers given as `(zh, en)` pairs.
pub(crate) fn heads(lang: CsvLang, pairs: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    pairs.iter().map(|(zh, en)| pick(lang, zh, en)).collect()
}

/// The words for one stored code (a gender, a tier, a ledger reason …).
pub(crate) fn code(lang: CsvLang, code: &str) -> String {
    let (zh, en) = match code {
        "female" => ("女", "Female"),
        "male" => ("男", "Male"),
        "other" => ("其他", "Other"),
        "standard" => ("普通会员", "Standard"),
        "silver" => ("银卡会员", "Silver"),
        "gold" => ("金卡会员", "Gold"),
        "platinum" => ("白金会员", "Platinum"),
        "dry" => ("干性", "Dry"),
        "oily" => ("油性", "Oily"),
        "combination" => ("混合性", "Combination"),
        "sensitive" => ("敏感性", "Sensitive"),
        "normal" => ("中性", "Normal"),
        // Sales
        "sale" => ("销售", "Sale"),
        "refund" => ("退款", "Refund"),
        "void" => ("作废", "Void"),
        "service" => ("服务项目", "Service"),
        "product" => ("商品", "Product"),
        "package_purchase" => ("购买次卡", "Package bought"),
        "top_up" => ("充值", "Top-up"),
        "package_redemption" => ("次卡消费", "Package session"),
        "cash" => ("现金", "Cash"),
        "bank_card" => ("银行卡", "Bank card"),
        "wechat_pay" => ("微信支付", "WeChat Pay"),
        "alipay" => ("支付宝", "Alipay"),
        "stored_value" => ("储值", "Stored value"),
        "points" => ("积分", "Points"),
        // Ledgers
        "bonus" => ("赠送金额", "Bonus"),
        "pay" => ("消费", "Payment"),
        "refund_pay" => ("退款退回", "Refund of a payment"),
        "refund_top_up" => ("退充值", "Top-up refunded"),
        "void_bonus" => ("赠送作废", "Bonus voided"),
        "adjust" => ("调整", "Adjustment"),
        "earn" => ("消费得积分", "Earned"),
        "redeem" => ("抵扣/使用", "Redeemed"),
        "reverse_earn" => ("退款扣回积分", "Earned, reversed"),
        "reverse_redeem" => ("退款退回", "Redeemed, given back"),
        "referral" => ("推荐奖励", "Referral"),
        "expire" => ("过期", "Expired"),
        "purchase" => ("购买", "Bought"),
        "reverse_purchase" => ("退卡", "Purchase refunded"),
        // Stock
        "receive" => ("入库", "Received"),
        "damaged" => ("损坏", "Damaged"),
        "used_in_service" => ("服务耗用", "Used in a service"),
        "count_correction" => ("盘点修正", "Count correction"),
        _ => return code.to_owned(),
    };
    pick(lang, zh, en).to_owned()
}

pub(crate) fn yes_no(lang: CsvLang, yes: bool) -> &'static str {
    match (lang, yes) {
        (CsvLang::ZhCn, true) => "是",
        (CsvLang::ZhCn, false) => "否",
        (CsvLang::En, true) => "Yes",
        (CsvLang::En, false) => "No",
    }
}
