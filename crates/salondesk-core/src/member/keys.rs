//! The keys a member is found by: reversed phone digits (so a suffix becomes
//! a prefix), card number, full name, every run of up to four Chinese
//! characters of the name (FTS5's trigram tokenizer cannot match one or two),
//! Latin name words, and the name's pinyin in full and by initials.

use pinyin::{ToPinyin, ToPinyinMulti};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(i64)]
pub(crate) enum Kind {
    PhoneRev = 1,
    MemberNo = 2,
    NameFull = 3,
    NameGram = 4,
    Word = 5,
    Pinyin = 6,
    Initials = 7,
}

/// Longest run of Chinese characters indexed; longer queries filter on the name.
pub(crate) const MAX_GRAM: usize = 4;

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The form of a whole name that exact matches compare: lower-case, no spaces.
pub(crate) fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '·' && *c != '.')
        .flat_map(char::to_lowercase)
        .collect()
}

pub(crate) fn reversed(digits: &str) -> String {
    digits.chars().rev().collect()
}

pub(crate) fn member_keys(name: &str, phone_digits: &str, member_no: &str) -> Vec<(Kind, String)> {
    let mut keys = vec![
        (Kind::PhoneRev, reversed(phone_digits)),
        (Kind::MemberNo, member_no.to_owned()),
        (Kind::NameFull, fold_name(name)),
    ];
    let cjk: Vec<char> = name.chars().filter(|c| is_cjk(*c)).collect();
    for len in 1..=MAX_GRAM.min(cjk.len()) {
        for start in 0..=cjk.len() - len {
            keys.push((Kind::NameGram, cjk[start..start + len].iter().collect()));
        }
    }
    for word in name
        .split(|c: char| !c.is_alphanumeric() || is_cjk(c))
        .filter(|w| !w.is_empty())
    {
        keys.push((Kind::Word, word.to_lowercase()));
    }
    if !cjk.is_empty() {
        for (full, initials) in pinyin_forms(name) {
            keys.push((Kind::Pinyin, full));
            keys.push((Kind::Initials, initials));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The pinyin initials a cashier would type for a Chinese name ("zs" for 张三).
pub fn pinyin_initials(name: &str) -> Option<String> {
    if !name.chars().any(is_cjk) {
        return None;
    }
    pinyin_forms(name)
        .into_iter()
        .next()
        .map(|(_, initials)| initials)
}

/// Full pinyin and initials of a name. The surname is read every way it can
/// be (单 is Shan as a surname, Dan elsewhere; 曾 is Zeng), up to three.
fn pinyin_forms(name: &str) -> Vec<(String, String)> {
    let mut first_readings: Vec<String> = Vec::new();
    let mut rest = String::new();
    let mut rest_initials = String::new();
    let mut first_done = false;
    for c in name.chars() {
        if is_cjk(c) && !first_done {
            first_done = true;
            if let Some(multi) = c.to_pinyin_multi() {
                for p in multi.into_iter().take(3) {
                    let plain = p.plain().to_owned();
                    if !first_readings.contains(&plain) {
                        first_readings.push(plain);
                    }
                }
            }
            if first_readings.is_empty() {
                first_readings.push(String::new());
            }
        } else if is_cjk(c) {
            if let Some(p) = c.to_pinyin() {
                rest.push_str(p.plain());
                rest_initials.push_str(p.first_letter());
            }
        } else if c.is_ascii_alphanumeric() {
            let lc = c.to_ascii_lowercase();
            rest.push(lc);
            rest_initials.push(lc);
        }
    }
    first_readings
        .into_iter()
        .map(|first| {
            let initial: String = first.chars().take(1).collect();
            (
                format!("{first}{rest}"),
                format!("{initial}{rest_initials}"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of(kind: Kind, name: &str) -> Vec<String> {
        member_keys(name, "13812345678", "0010000001")
            .into_iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, v)| v)
            .collect()
    }

    #[test]
    fn chinese_names_get_grams_pinyin_and_initials() {
        let grams = keys_of(Kind::NameGram, "张三丰");
        for g in ["张", "三", "丰", "张三", "三丰", "张三丰"] {
            assert!(
                grams.contains(&g.to_owned()),
                "gram {g} missing from {grams:?}"
            );
        }
        assert!(keys_of(Kind::Pinyin, "张三").contains(&"zhangsan".to_owned()));
        assert!(keys_of(Kind::Initials, "张三").contains(&"zs".to_owned()));
        assert_eq!(
            keys_of(Kind::PhoneRev, "张三"),
            vec!["87654321831".to_owned()]
        );
    }

    #[test]
    fn a_surname_with_two_readings_is_found_by_both() {
        let py = keys_of(Kind::Pinyin, "单丽");
        assert!(
            py.contains(&"shanli".to_owned()),
            "surname reading missing: {py:?}"
        );
    }

    #[test]
    fn latin_names_get_words() {
        assert_eq!(keys_of(Kind::Word, "Emily Chen"), vec!["chen", "emily"]);
        assert_eq!(keys_of(Kind::NameFull, "Emily Chen"), vec!["emilychen"]);
    }
}
