//! Made-up people who look like a Chinese salon's clientele.

use crate::member::{Gender, MemberInput, SkinType};
use chrono::{Datelike, NaiveDate};
use rand::rngs::StdRng;
use rand::Rng;
use std::collections::HashSet;

// Common surnames, most frequent first (weighted by position).
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
    "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "单",
    "欧阳", "上官",
];
const GIVEN_FEMALE: &[&str] = &[
    "丽", "娜", "静", "敏", "燕", "艳", "芳", "婷", "雪", "慧", "琳", "颖", "欣", "怡", "佳", "梦",
    "瑶", "晶", "倩", "雯", "璐", "萍", "红", "霞", "玲", "丹", "萱", "悦", "诗", "涵", "晨", "月",
    "思", "雨", "馨", "可", "紫", "嘉", "蕾", "薇", "妍", "彤", "露", "洁", "秀", "美", "春", "兰",
];
const GIVEN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "辉", "鹏", "浩", "宇", "俊", "峰",
];
const LATIN_FIRST: &[&str] = &[
    "Emily", "Sophie", "Grace", "Olivia", "Chloe", "Mia", "Hannah", "Lucy", "Amy", "Vivian",
    "Cindy", "Coco", "Jenny", "Kelly", "Yuki", "Anna", "Daniel", "Kevin",
];
const LATIN_LAST: &[&str] = &[
    "Chen", "Wang", "Li", "Zhang", "Liu", "Wong", "Lee", "Tan", "Smith", "Brown", "Kim", "Sato",
];
const REGIONS: &[&str] = &[
    "上海·静安",
    "上海·徐汇",
    "上海·浦东",
    "北京·朝阳",
    "北京·海淀",
    "杭州·西湖",
    "杭州·滨江",
    "广州·天河",
    "深圳·南山",
    "深圳·福田",
    "成都·锦江",
    "南京·鼓楼",
    "苏州·工业园区",
    "",
];
const SOURCES: &[&str] = &[
    "大众点评",
    "美团",
    "朋友推荐",
    "小红书",
    "抖音",
    "路过进店",
    "老客带新",
    "",
];
const ALLERGIES: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "酒精过敏",
    "芒果过敏",
    "对果酸敏感",
    "花粉过敏",
    "对精油过敏",
];
const TAGS: &[&str] = &[
    "VIP",
    "敏感肌",
    "美白",
    "抗衰",
    "孕期",
    "学生",
    "爱做脸",
    "身体护理",
    "周末客",
];
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "176", "177", "178", "180", "181", "182", "183", "185",
    "186", "187", "188", "189", "198", "199",
];

pub(crate) struct Person {
    pub input: MemberInput,
}

fn pick<'a>(rng: &mut StdRng, items: &[&'a str]) -> &'a str {
    items[rng.gen_range(0..items.len())]
}

/// Surnames are skewed toward the common ones, as they are in life.
fn surname(rng: &mut StdRng) -> &'static str {
    let a = rng.gen_range(0..SURNAMES.len());
    let b = rng.gen_range(0..SURNAMES.len());
    SURNAMES[a.min(b)]
}

fn unique_phone(rng: &mut StdRng, taken: &mut HashSet<String>) -> String {
    loop {
        let phone = format!(
            "{}{:08}",
            pick(rng, MOBILE_PREFIXES),
            rng.gen_range(0..100_000_000u32)
        );
        if taken.insert(format!("+86{phone}")) {
            return phone;
        }
    }
}

pub(crate) fn person(rng: &mut StdRng, phones: &mut HashSet<String>, today: NaiveDate) -> Person {
    let female = rng.gen_bool(0.88);
    let latin = rng.gen_bool(0.05);
    let name = if latin {
        format!("{} {}", pick(rng, LATIN_FIRST), pick(rng, LATIN_LAST))
    } else {
        let pool = if female { GIVEN_FEMALE } else { GIVEN_MALE };
        let mut n = surname(rng).to_owned();
        n.push_str(pick(rng, pool));
        if rng.gen_bool(0.7) {
            n.push_str(pick(rng, pool));
        }
        n
    };
    let birthday = rng.gen_bool(0.8).then(|| {
        let year = today.year() - rng.gen_range(18..66);
        let day = rng.gen_range(0..365);
        let d = NaiveDate::from_yo_opt(year, day + 1).unwrap_or(today);
        d.format("%Y-%m-%d").to_string()
    });
    let skin = [
        SkinType::Dry,
        SkinType::Oily,
        SkinType::Combination,
        SkinType::Sensitive,
        SkinType::Normal,
    ];
    let mut tags = Vec::new();
    for _ in 0..rng.gen_range(0..3) {
        tags.push(pick(rng, TAGS).to_owned());
    }
    Person {
        input: MemberInput {
            name,
            phone: Some(unique_phone(rng, phones)),
            member_no: None,
            gender: Some(if female { Gender::Female } else { Gender::Male }),
            birthday,
            region: pick(rng, REGIONS).to_owned(),
            skin_type: rng
                .gen_bool(0.7)
                .then(|| skin[rng.gen_range(0..skin.len())]),
            allergies: pick(rng, ALLERGIES).to_owned(),
            preferred_staff_id: None,
            notes: String::new(),
            tags,
            consent_marketing: rng.gen_bool(0.6),
            source: pick(rng, SOURCES).to_owned(),
            referrer_id: None,
        },
    }
}
