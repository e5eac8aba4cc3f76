//! Reminder texts in zh-CN and en, with the client's name, the time, the
//! service, the beautician and the store.

use chrono::{Datelike, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum MessageLang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl MessageLang {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ZhCn => "zh-CN",
            Self::En => "en",
        }
    }

    pub fn parse(s: &str) -> crate::Result<Self> {
        match s {
            "zh-CN" => Ok(Self::ZhCn),
            "en" => Ok(Self::En),
            other => Err(crate::CoreError::validation(
                "lang",
                format!("messages are in zh-CN or en, not {other:?}"),
            )),
        }
    }
}

/// What a reminder says.
pub struct ReminderFacts<'a> {
    pub name: &'a str,
    /// Store-local start.
    pub start: NaiveDateTime,
    pub service: &'a str,
    pub staff: &'a str,
    pub store: &'a str,
}

pub fn reminder_text(lang: MessageLang, f: &ReminderFacts<'_>) -> String {
    let d = f.start.date();
    let wd = d.weekday().num_days_from_monday() as usize;
    let time = f.start.format("%H:%M");
    match lang {
        MessageLang::ZhCn => {
            let week = ["一", "二", "三", "四", "五", "六", "日"][wd];
            format!(
                "【{}】{}您好，提醒您已预约 {}月{}日（周{}）{} 的「{}」，美容师{}。如需改期请联系门店，期待您的光临。",
                f.store,
                f.name,
                d.month(),
                d.day(),
                week,
                time,
                f.service,
                f.staff
            )
        }
        MessageLang::En => {
            let week = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][wd];
            format!(
                "{}: Hi {}, a reminder of your {} appointment on {} {} at {} with {}. To reschedule, please contact us. See you soon!",
                f.store,
                f.name,
                f.service,
                week,
                d.format("%-d %b"),
                time,
                f.staff
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> ReminderFacts<'static> {
        ReminderFacts {
            name: "王丽娜",
            start: chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
                .unwrap()
                .and_hms_opt(10, 30, 0)
                .unwrap(),
            service: "深层清洁",
            staff: "王芳",
            store: "SalonDesk 美业",
        }
    }

    #[test]
    fn both_languages_say_who_when_what_and_where() {
        let zh = reminder_text(MessageLang::ZhCn, &facts());
        assert_eq!(
            zh,
            "【SalonDesk 美业】王丽娜您好，提醒您已预约 11月24日（周二）10:30 的「深层清洁」，美容师王芳。如需改期请联系门店，期待您的光临。"
        );
        let en = reminder_text(MessageLang::En, &facts());
        assert!(en.starts_with("SalonDesk 美业: Hi 王丽娜, a reminder of your 深层清洁 appointment on Tue 24 Nov at 10:30 with 王芳."), "{en}");
    }
}
