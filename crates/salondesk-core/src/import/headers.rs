//! Guessing which field each column is from its header: the words old salon
//! systems and hand-made Excel sheets use, in Chinese and English. The owner
//! sees the guess and changes what is wrong before anything is imported.

use super::fields::{Field, ImportKind, Mapping};

/// Header words per field (compared after `normalize`), most specific first
/// across fields: "赠送余额" must reach `Bonus` before "余额" reaches
/// `StoredValue`, so longer words are tried first.
const WORDS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "姓名",
            "名字",
            "会员姓名",
            "客户姓名",
            "顾客姓名",
            "name",
            "fullname",
            "membername",
            "customername",
            "名称",
            "项目名称",
            "服务名称",
            "商品名称",
            "产品名称",
            "品名",
            "servicename",
            "productname",
            "item",
        ],
    ),
    (
        Field::Phone,
        &[
            "手机",
            "手机号",
            "手机号码",
            "电话",
            "电话号码",
            "联系电话",
            "联系方式",
            "phone",
            "mobile",
            "tel",
            "telephone",
            "cellphone",
            "phonenumber",
            "mobilephone",
        ],
    ),
    (Field::Gender, &["性别", "gender", "sex"]),
    (
        Field::Birthday,
        &[
            "生日",
            "出生日期",
            "出生年月日",
            "birthday",
            "birthdate",
            "dateofbirth",
            "dob",
        ],
    ),
    (
        Field::MemberNo,
        &[
            "卡号",
            "会员卡号",
            "会员编号",
            "会员号",
            "编号",
            "cardno",
            "cardnumber",
            "memberno",
            "membernumber",
            "memberid",
            "card",
        ],
    ),
    (
        Field::Tier,
        &[
            "等级",
            "会员等级",
            "级别",
            "会员级别",
            "卡类型",
            "tier",
            "level",
            "membershiplevel",
        ],
    ),
    (
        Field::Bonus,
        &[
            "赠送余额",
            "赠送金额",
            "赠金",
            "赠送储值",
            "bonus",
            "bonusbalance",
        ],
    ),
    (
        Field::StoredValue,
        &[
            "余额",
            "储值余额",
            "储值",
            "卡内余额",
            "本金余额",
            "本金",
            "充值余额",
            "balance",
            "storedvalue",
            "storedbalance",
        ],
    ),
    (
        Field::Points,
        &[
            "积分",
            "剩余积分",
            "可用积分",
            "会员积分",
            "points",
            "point",
        ],
    ),
    (
        Field::Sessions,
        &[
            "剩余次数",
            "次数",
            "剩余次",
            "sessions",
            "sessionsleft",
            "remainingsessions",
        ],
    ),
    (
        Field::Package,
        &[
            "次卡",
            "疗程卡",
            "次卡名称",
            "疗程",
            "套餐",
            "package",
            "packagename",
        ],
    ),
    (
        Field::PackageExpiry,
        &[
            "到期",
            "有效期",
            "到期日",
            "到期日期",
            "有效期至",
            "次卡到期",
            "expiry",
            "expires",
            "expireson",
            "validuntil",
        ],
    ),
    (
        Field::Notes,
        &["备注", "说明", "notes", "note", "remark", "remarks"],
    ),
    (Field::Tags, &["标签", "tags", "tag"]),
    (Field::SkinType, &["肤质", "皮肤类型", "skintype", "skin"]),
    (
        Field::Allergies,
        &["过敏", "过敏史", "allergies", "allergy"],
    ),
    (
        Field::ConsentMarketing,
        &[
            "同意营销",
            "营销授权",
            "接受营销",
            "同意推送",
            "consent",
            "marketingconsent",
            "consentmarketing",
        ],
    ),
    (
        Field::Region,
        &["地区", "区域", "城市", "region", "city", "area"],
    ),
    (Field::Source, &["来源", "客户来源", "source", "channel"]),
    (
        Field::NameEn,
        &["英文名", "英文名称", "nameen", "englishname"],
    ),
    (
        Field::Category,
        &["分类", "类别", "品类", "category", "type"],
    ),
    (
        Field::Price,
        &[
            "价格",
            "售价",
            "单价",
            "零售价",
            "price",
            "retailprice",
            "saleprice",
        ],
    ),
    (
        Field::Duration,
        &[
            "时长",
            "服务时长",
            "时长分钟",
            "分钟",
            "duration",
            "minutes",
            "durationmin",
        ],
    ),
    (Field::Barcode, &["条码", "条形码", "barcode", "ean", "upc"]),
    (
        Field::Sku,
        &["货号", "商品编码", "编码", "sku", "code", "itemcode"],
    ),
    (
        Field::Cost,
        &["成本", "进价", "成本价", "cost", "costprice"],
    ),
    (Field::Unit, &["单位", "unit"]),
    (
        Field::Stock,
        &[
            "库存",
            "库存数量",
            "数量",
            "stock",
            "qty",
            "quantity",
            "onhand",
        ],
    ),
    (
        Field::LowStock,
        &[
            "库存预警",
            "预警库存",
            "最低库存",
            "lowstock",
            "reorderlevel",
        ],
    ),
];

/// A header as compared: lower-case, without spaces, punctuation and a unit
/// in brackets ("余额(元)", "Phone No." → "余额", "phoneno").
pub fn normalize(header: &str) -> String {
    let mut s = header.trim().to_lowercase();
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')] {
        if let (Some(a), Some(b)) = (s.find(open), s.rfind(close)) {
            if a < b {
                s.replace_range(a..b + close.len_utf8(), "");
            }
        }
    }
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .replace("number", "no")
}

/// The field each header most likely is (a field used once at most, by the
/// first column that names it). Exact words win over words a header contains.
pub fn guess(kind: ImportKind, headers: &[String]) -> Mapping {
    let allowed = kind.fields();
    let mut taken: Vec<Field> = Vec::new();
    let keys: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut out: Mapping = vec![None; headers.len()];
    // Pass 1: exact words; pass 2: a header that contains a word (会员手机号码).
    for exact in [true, false] {
        for (i, key) in keys.iter().enumerate() {
            if out[i].is_some() || key.is_empty() {
                continue;
            }
            out[i] = find(key, exact, allowed, &taken);
            if let Some(f) = out[i] {
                taken.push(f);
            }
        }
    }
    out
}

fn find(key: &str, exact: bool, allowed: &[Field], taken: &[Field]) -> Option<Field> {
    let mut best: Option<(usize, Field)> = None;
    for (field, words) in WORDS {
        if !allowed.contains(field) || taken.contains(field) {
            continue;
        }
        for w in words.iter().map(|w| normalize(w)) {
            let hit = if exact { key == w } else { key.contains(&w) };
            // The longest word found wins ("赠送余额" over "余额").
            if hit && best.is_none_or(|(len, _)| w.chars().count() > len) {
                best = Some((w.chars().count(), *field));
            }
        }
    }
    best.map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guessed(kind: ImportKind, headers: &[&str]) -> Mapping {
        guess(
            kind,
            &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn common_chinese_member_headers_are_guessed() {
        let m = guessed(
            ImportKind::Members,
            &[
                "会员姓名",
                "手机号码",
                "性别",
                "出生日期",
                "会员卡号",
                "会员等级",
                "储值余额(元)",
                "赠送余额",
                "积分",
                "次卡",
                "剩余次数",
                "有效期",
                "备注",
                "不知道",
            ],
        );
        use Field::*;
        assert_eq!(
            m,
            vec![
                Some(Name),
                Some(Phone),
                Some(Gender),
                Some(Birthday),
                Some(MemberNo),
                Some(Tier),
                Some(StoredValue),
                Some(Bonus),
                Some(Points),
                Some(Package),
                Some(Sessions),
                Some(PackageExpiry),
                Some(Notes),
                None
            ],
            "each header is a word of its field; an unknown one is left out"
        );
    }

    #[test]
    fn english_headers_and_headers_containing_a_word_are_guessed() {
        let m = guessed(
            ImportKind::Members,
            &["Name", "Mobile No.", "Card Number", "Balance", "会员手机"],
        );
        use Field::*;
        assert_eq!(
            m,
            vec![
                Some(Name),
                Some(Phone),
                Some(MemberNo),
                Some(StoredValue),
                None
            ],
            "the second phone-like column is left out: a field is mapped once"
        );
    }

    #[test]
    fn product_headers_map_to_product_fields_only() {
        let m = guessed(
            ImportKind::Products,
            &["商品名称", "条码", "售价", "进价", "库存", "单位", "生日"],
        );
        use Field::*;
        assert_eq!(
            m,
            vec![
                Some(Name),
                Some(Barcode),
                Some(Price),
                Some(Cost),
                Some(Stock),
                Some(Unit),
                None
            ],
            "a birthday is no product field"
        );
    }
}
