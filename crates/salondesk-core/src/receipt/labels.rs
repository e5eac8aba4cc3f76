//! The receipt's own words in zh-CN and en (as in the glossary), and how
//! amounts and points are written. The English words are plain ASCII so that
//! a printer without Chinese fonts prints them.

use super::model::{ReceiptKind, ReceiptLang};

pub(crate) struct Labels {
    pub sale: &'static str,
    pub refund: &'static str,
    pub void: &'static str,
    pub reprint: &'static str,
    pub phone: &'static str,
    pub receipt_no: &'static str,
    pub original_no: &'static str,
    pub time: &'static str,
    pub cashier: &'static str,
    pub member: &'static str,
    pub member_no: &'static str,
    pub discount: &'static str,
    pub staff: &'static str,
    pub subtotal: &'static str,
    pub total: &'static str,
    pub change: &'static str,
    pub points_earned: &'static str,
    pub points_balance: &'static str,
    pub stored_value: &'static str,
    /// Between a field's name and its value.
    pub colon: &'static str,
}

// `static`, not `const`: `tender` and `tier` tell the language by the table's address, and a
// const has none of its own (each use may get a copy: an optimised build printed "Cash" on a
// Chinese Z report, caught by the Windows core tests built with CI's release profile).
static ZH: Labels = Labels {
    sale: "销售",
    refund: "退款",
    void: "作废",
    reprint: "** 重打 REPRINT **",
    phone: "电话",
    receipt_no: "单号",
    original_no: "原单号",
    time: "时间",
    cashier: "收银员",
    member: "会员",
    member_no: "会员卡号",
    discount: "优惠",
    staff: "员工",
    subtotal: "小计",
    total: "合计",
    change: "找零",
    points_earned: "本次积分",
    points_balance: "积分余额",
    stored_value: "储值余额",
    colon: "：",
};

static EN: Labels = Labels {
    sale: "Sale",
    refund: "Refund",
    void: "Void",
    reprint: "** REPRINT **",
    phone: "Tel",
    receipt_no: "Receipt no.",
    original_no: "Original receipt no.",
    time: "Time",
    cashier: "Cashier",
    member: "Member",
    member_no: "Member no.",
    discount: "Discount",
    staff: "Staff",
    subtotal: "Subtotal",
    total: "TOTAL",
    change: "Change",
    points_earned: "Points earned",
    points_balance: "Points balance",
    stored_value: "Stored value",
    colon: ": ",
};

impl Labels {
    pub fn of(lang: ReceiptLang) -> &'static Labels {
        match lang {
            ReceiptLang::ZhCn => &ZH,
            ReceiptLang::En => &EN,
        }
    }

    /// A payment method as the glossary names it ("cash", "bank_card", …).
    pub fn tender(&self, kind: &str) -> &'static str {
        let zh = std::ptr::eq(self, &ZH);
        match (kind, zh) {
            ("cash", true) => "现金",
            ("cash", false) => "Cash",
            ("bank_card", true) => "银行卡",
            ("bank_card", false) => "Bank card",
            ("wechat_pay", true) => "微信支付",
            ("wechat_pay", false) => "WeChat Pay",
            ("alipay", true) => "支付宝",
            ("alipay", false) => "Alipay",
            ("stored_value", true) => "储值",
            ("stored_value", false) => "Stored value",
            ("points", true) => "积分",
            ("points", false) => "Points",
            (_, true) => "其他",
            (_, false) => "Other",
        }
    }

    /// A tier as printed under the member's name.
    pub fn tier(&self, tier: crate::member::Tier) -> &'static str {
        use crate::member::Tier;
        let zh = std::ptr::eq(self, &ZH);
        match (tier, zh) {
            (Tier::Standard, true) => "普通会员",
            (Tier::Silver, true) => "银卡会员",
            (Tier::Gold, true) => "金卡会员",
            (Tier::Platinum, true) => "白金会员",
            (Tier::Standard, false) => "Standard",
            (Tier::Silver, false) => "Silver",
            (Tier::Gold, false) => "Gold",
            (Tier::Platinum, false) => "Platinum",
        }
    }

    pub fn kind(&self, kind: ReceiptKind) -> &'static str {
        match kind {
            ReceiptKind::Sale => self.sale,
            ReceiptKind::Refund => self.refund,
            ReceiptKind::Void => self.void,
        }
    }
}

/// `-¥1,234.56`: sign, currency sign, yuan grouped by thousands, two decimals.
/// Takes the sign and the size apart so that `i64::MIN` fen needs no negation.
pub(crate) fn money(currency: &str, negative: bool, fen: u64) -> String {
    let sign = if negative && fen != 0 { "-" } else { "" };
    format!("{sign}{currency}{}.{:02}", grouped(fen / 100), fen % 100)
}

/// Points earned, always signed so that a reversal reads as one: `+566`, `-268`.
pub(crate) fn points_delta(points: i64) -> String {
    let sign = if points < 0 { "-" } else { "+" };
    format!("{sign}{}", grouped(points.unsigned_abs()))
}

pub(crate) fn points(points: i64) -> String {
    let sign = if points < 0 { "-" } else { "" };
    format!("{sign}{}", grouped(points.unsigned_abs()))
}

fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_grouped_with_the_sign_before_the_currency() {
        assert_eq!(
            money("¥", false, 123_456),
            "¥1,234.56",
            "yuan are grouped by thousands"
        );
        assert_eq!(
            money("¥", true, 5),
            "-¥0.05",
            "a refund of fen still reads negative"
        );
        assert_eq!(
            money("¥", true, 0),
            "¥0.00",
            "zero has no sign: '-¥0.00' would puzzle a client"
        );
        assert_eq!(
            money("¥", true, i64::MIN.unsigned_abs()),
            "-¥92,233,720,368,547,758.08",
            "the most negative amount prints without overflowing"
        );
        assert_eq!(
            money("¥", false, 99_900),
            "¥999.00",
            "no comma below a thousand yuan"
        );
    }

    #[test]
    fn points_show_their_direction() {
        assert_eq!(points_delta(566), "+566", "earned points read as a gain");
        assert_eq!(
            points_delta(-1_268),
            "-1,268",
            "reversed points read as a loss"
        );
        assert_eq!(
            points(i64::MIN),
            "-9,223,372,036,854,775,808",
            "no overflow on extremes"
        );
    }

    #[test]
    fn english_words_are_ascii_for_printers_without_chinese_fonts() {
        let en = Labels::of(ReceiptLang::En);
        for word in [
            en.sale,
            en.refund,
            en.void,
            en.reprint,
            en.total,
            en.stored_value,
            en.colon,
        ] {
            assert!(
                word.is_ascii(),
                "{word:?} would print as '?' on a CP437 printer"
            );
        }
    }
}
