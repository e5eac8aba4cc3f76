//! Cell text to values, as old systems and hand-typed sheets write them:
//! amounts with ¥ and thousands separators, dates with / . 年月日, 男/女,
//! 是/否. Pure functions: a cell either gives its value or is refused.

use crate::member::{Gender, SkinType, Tier};
use crate::money::Money;
use chrono::NaiveDate;
use salondesk_protocol::limits::{MAX_MONEY, MAX_QTY};

/// A cell that does not hold its field's kind of value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bad {
    Malformed,
    Negative,
}

/// Yuan as typed ("1,280.50", "¥300", "300元") into fen. Past `MAX_MONEY`
/// is malformed: no salon's balance is that.
pub fn amount(s: &str) -> Result<i64, Bad> {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, '¥' | '￥' | '元' | ',' | '，' | ' ' | '\u{3000}'))
        .collect();
    let fen = Money::parse(&cleaned).ok_or(Bad::Malformed)?.fen();
    if fen < 0 {
        return Err(Bad::Negative);
    }
    if fen > MAX_MONEY {
        return Err(Bad::Malformed);
    }
    Ok(fen)
}

/// A whole number ("1,200", or "12.0" as a spreadsheet may write it).
pub fn count(s: &str) -> Result<i64, Bad> {
    let cleaned: String = s.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    let whole = cleaned.strip_suffix(".0").unwrap_or(&cleaned);
    let n: i64 = whole.parse().map_err(|_| Bad::Malformed)?;
    if n < 0 {
        return Err(Bad::Negative);
    }
    if n > MAX_MONEY {
        return Err(Bad::Malformed);
    }
    Ok(n)
}

/// Units of stock: a count up to the protocol's largest quantity.
pub fn qty(s: &str) -> Result<i64, Bad> {
    let n = count(s)?;
    if n > MAX_QTY {
        return Err(Bad::Malformed);
    }
    Ok(n)
}

/// A calendar date in the usual spellings: 1990-05-20, 1990/5/20, 1990.5.20,
/// 19900520, 1990年5月20日 (a time after it is ignored). No such day (Feb 30)
/// is `None`.
pub fn date(s: &str) -> Option<NaiveDate> {
    let s = s.split_whitespace().next()?;
    let s = s.trim_end_matches('日');
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n = |a: usize, b: usize| s[a..b].parse::<u32>().ok();
        return NaiveDate::from_ymd_opt(n(0, 4)? as i32, n(4, 6)?, n(6, 8)?);
    }
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    let [y, m, d] = parts[..] else {
        return None;
    };
    if y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn word(s: &str) -> String {
    s.trim().to_lowercase()
}

pub fn gender(s: &str) -> Option<Gender> {
    match word(s).as_str() {
        "女" | "f" | "female" | "女性" | "woman" => Some(Gender::Female),
        "男" | "m" | "male" | "男性" | "man" => Some(Gender::Male),
        "其他" | "other" | "未知" => Some(Gender::Other),
        _ => None,
    }
}

pub fn skin_type(s: &str) -> Option<SkinType> {
    match word(s).as_str() {
        "干性" | "干" | "dry" => Some(SkinType::Dry),
        "油性" | "油" | "oily" => Some(SkinType::Oily),
        "混合性" | "混合" | "combination" => Some(SkinType::Combination),
        "敏感性" | "敏感" | "sensitive" => Some(SkinType::Sensitive),
        "中性" | "normal" => Some(SkinType::Normal),
        _ => None,
    }
}

/// The store's tiers by their Chinese and English names (会员 optional).
pub fn tier(s: &str) -> Option<Tier> {
    let w = word(s);
    let w = w.trim_end_matches("会员").trim_end_matches(" member");
    match w {
        "普通" | "普卡" | "标准" | "standard" | "regular" | "basic" => Some(Tier::Standard),
        "银卡" | "银" | "silver" => Some(Tier::Silver),
        "金卡" | "金" | "gold" => Some(Tier::Gold),
        "白金" | "白金卡" | "铂金" | "铂金卡" | "platinum" => Some(Tier::Platinum),
        _ => Tier::parse(w).ok(),
    }
}

pub fn yes_no(s: &str) -> Option<bool> {
    match word(s).as_str() {
        "是" | "y" | "yes" | "true" | "1" | "同意" | "已同意" | "√" => Some(true),
        "否" | "n" | "no" | "false" | "0" | "不同意" | "未同意" | "×" => Some(false),
        _ => None,
    }
}

/// Tags in one cell, split on the separators people use.
pub fn tags(s: &str) -> Vec<String> {
    s.split([',', '，', ';', '；', '、', '|', '/'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(
            amount("1,280.50"),
            Ok(128_050),
            "thousands separator and two decimals"
        );
        assert_eq!(amount("¥300"), Ok(30_000), "a yuan sign");
        assert_eq!(amount("300元"), Ok(30_000), "a trailing 元");
        assert_eq!(amount("-5"), Err(Bad::Negative), "a balance below zero");
        assert_eq!(
            amount("12.345"),
            Err(Bad::Malformed),
            "money is not rounded silently"
        );
        assert_eq!(amount("abc"), Err(Bad::Malformed), "not a number");
    }

    #[test]
    fn dates_are_read_in_the_usual_spellings_and_feb_30_is_no_date() {
        let d = NaiveDate::from_ymd_opt(1990, 5, 20);
        for s in [
            "1990-05-20",
            "1990/5/20",
            "1990.5.20",
            "19900520",
            "1990年5月20日",
            "1990-05-20 00:00:00",
        ] {
            assert_eq!(date(s), d, "{s} is 20 May 1990");
        }
        assert_eq!(date("1990-02-30"), None, "February has no 30th");
        assert_eq!(
            date("20/05/1990"),
            None,
            "day-first is ambiguous, so refused"
        );
    }

    #[test]
    fn tier_gender_and_consent_words_are_known_in_both_languages() {
        assert_eq!(tier("金卡会员"), Some(Tier::Gold), "the full Chinese name");
        assert_eq!(tier("Platinum"), Some(Tier::Platinum), "English, any case");
        assert_eq!(tier("钻石卡"), None, "a tier the store does not have");
        assert_eq!(gender("女"), Some(Gender::Female), "Chinese");
        assert_eq!(yes_no("是"), Some(true), "Chinese yes");
    }
}
