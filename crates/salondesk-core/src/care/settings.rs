//! The store's care settings: per kind on/off, days and the message in both
//! languages; the lapsed days per tier; the birthday benefit; quiet hours for
//! every message (reminders too). Kept as a store setting (`store_settings`
//! key `care`, synced like the checkout settings).

use super::CareKind;
use crate::member::Tier;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::Writer;
use crate::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

const KEY: &str = "care";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CareKindSettingView"))]
#[serde(rename_all = "camelCase")]
pub struct KindSetting {
    pub kind: CareKind,
    pub enabled: bool,
    /// post-visit: days after the visit; cadence: length of the first month
    /// (weekly within it, monthly after); birthday / package / points: days
    /// before; lapsed: days without a visit for a standard member (the tiers'
    /// own in `lapsedDays`); cycle: days of grace after her usual interval.
    pub days: u32,
    /// `{name}`, `{store}`, `{service}`, `{date}`, `{points}`, `{package}`, `{sessions}`.
    pub template_zh: String,
    pub template_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CareTierDaysView"))]
#[serde(rename_all = "camelCase")]
pub struct TierDays {
    pub tier: Tier,
    pub days: u32,
}

/// What a member is given with her birthday task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "BirthdayBenefitView"))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum BirthdayBenefit {
    None,
    /// Points appended to her points ledger (expiring as earned points do).
    Points {
        points: u32,
    },
    /// A coupon made from the back office's coupon `code`, bound to her.
    Coupon {
        code: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CareSettingsView"))]
#[serde(rename_all = "camelCase")]
pub struct CareSettings {
    /// One per kind, in `CareKind::ALL`'s order.
    pub kinds: Vec<KindSetting>,
    /// Days without a visit before a member of this tier counts as lapsed.
    pub lapsed_days: Vec<TierDays>,
    pub birthday_benefit: BirthdayBenefit,
    /// No message is sent from `quietFromMin` to `quietUntilMin` (minutes
    /// into the store's day; the span may cross midnight): it waits.
    pub quiet_from_min: u32,
    pub quiet_until_min: u32,
}

fn kind(kind: CareKind, enabled: bool, days: u32, zh: &str, en: &str) -> KindSetting {
    KindSetting {
        kind,
        enabled,
        days,
        template_zh: zh.into(),
        template_en: en.into(),
    }
}

impl Default for CareSettings {
    fn default() -> Self {
        use CareKind::*;
        CareSettings {
            kinds: vec![
                kind(PostVisit, true, 7,
                    "{name}您好，感谢您{date}到{store}体验{service}，护理后感觉如何？有任何问题请随时联系我们。",
                    "Hi {name}, thank you for your {service} at {store} on {date}. How does your skin feel? Call us with any question."),
                // Off until the owner wants it: monthly for every member is a long list.
                kind(Cadence, false, 28,
                    "{name}您好，{store}提醒您注意日常护肤保养，欢迎随时预约。",
                    "Hi {name}, a hello from {store}: book your next treatment any time."),
                kind(Birthday, true, 7,
                    "{name}您好，{store}祝您生日快乐！生日礼已放入您的会员账户，欢迎到店享用。",
                    "Happy birthday, {name}! A birthday gift from {store} is waiting in your member account."),
                kind(Lapsed, true, 90,
                    "{name}您好，好久不见，{store}的美容师很想念您，欢迎回来做个护理。",
                    "Hi {name}, we have missed you at {store}. Come back for a treatment soon."),
                kind(PackageExpiry, true, 14,
                    "{name}您好，您的{package}还剩{sessions}次，将于{date}到期，请及时预约使用。",
                    "Hi {name}, your {package} has {sessions} session(s) left and expires on {date}. Book soon to use them."),
                kind(PointsExpiry, true, 30,
                    "{name}您好，您有{points}积分将于{date}到期，欢迎到{store}使用。",
                    "Hi {name}, {points} of your points expire on {date}. Use them at {store} before then."),
                kind(Cycle, true, 3,
                    "{name}您好，按您的护理周期，该做下一次{service}了，欢迎预约{store}。",
                    "Hi {name}, it is about time for your next {service} at {store}. Shall we book it?"),
            ],
            lapsed_days: vec![
                TierDays { tier: Tier::Standard, days: 90 },
                TierDays { tier: Tier::Silver, days: 75 },
                TierDays { tier: Tier::Gold, days: 60 },
                TierDays { tier: Tier::Platinum, days: 45 },
            ],
            birthday_benefit: BirthdayBenefit::None,
            quiet_from_min: 21 * 60,
            quiet_until_min: 9 * 60,
        }
    }
}

/// The field an error names, per kind (`post_visit.days`).
fn field(k: CareKind, what: &str) -> &'static str {
    const DAYS: [&str; 7] = [
        "post_visit.days",
        "cadence.days",
        "birthday.days",
        "lapsed.days",
        "package_expiry.days",
        "points_expiry.days",
        "cycle.days",
    ];
    const TEMPLATE: [&str; 7] = [
        "post_visit.template",
        "cadence.template",
        "birthday.template",
        "lapsed.template",
        "package_expiry.template",
        "points_expiry.template",
        "cycle.template",
    ];
    let i = CareKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    if what == "days" {
        DAYS[i]
    } else {
        TEMPLATE[i]
    }
}

impl CareSettings {
    pub(crate) fn load(conn: &Connection) -> Result<CareSettings> {
        load(conn)
    }

    pub fn kind(&self, k: CareKind) -> Option<&KindSetting> {
        self.kinds.iter().find(|s| s.kind == k && s.enabled)
    }

    pub fn lapsed_days_for(&self, tier: Tier) -> u32 {
        self.lapsed_days
            .iter()
            .find(|t| t.tier == tier)
            .map(|t| t.days)
            .or_else(|| self.kind(CareKind::Lapsed).map(|k| k.days))
            .unwrap_or(90)
    }

    /// Whether `minute` (into the store's day) is inside quiet hours.
    pub fn is_quiet(&self, minute: u32) -> bool {
        let (from, until) = (self.quiet_from_min, self.quiet_until_min);
        if from == until {
            false
        } else if from < until {
            (from..until).contains(&minute)
        } else {
            minute >= from || minute < until
        }
    }

    fn validate(&self) -> Result<()> {
        for k in CareKind::ALL {
            let Some(s) = self.kinds.iter().find(|s| s.kind == k) else {
                return Err(CoreError::validation(
                    "kinds",
                    format!("{} is missing", k.as_str()),
                ));
            };
            let range = match k {
                CareKind::Cadence => 7..=90,
                CareKind::Cycle => 0..=90,
                _ => 1..=730,
            };
            if !range.contains(&s.days) {
                return Err(CoreError::validation(
                    field(k, "days"),
                    format!("from {} to {} days", range.start(), range.end()),
                ));
            }
            for t in [&s.template_zh, &s.template_en] {
                if t.chars().count() > 300 || (s.enabled && t.trim().is_empty()) {
                    return Err(CoreError::validation(
                        field(k, "template"),
                        "a message of 1 to 300 characters",
                    ));
                }
            }
        }
        if self
            .lapsed_days
            .iter()
            .any(|t| !(7..=730).contains(&t.days))
        {
            return Err(CoreError::validation("lapsedDays", "from 7 to 730 days"));
        }
        if self.quiet_from_min >= 24 * 60 || self.quiet_until_min >= 24 * 60 {
            return Err(CoreError::validation("quietHours", "a time of day"));
        }
        match &self.birthday_benefit {
            BirthdayBenefit::Points { points } if !(1..=1_000_000).contains(points) => Err(
                CoreError::validation("birthdayPoints", "from 1 to 1,000,000 points"),
            ),
            BirthdayBenefit::Coupon { code } if code.trim().is_empty() || code.len() > 64 => {
                Err(CoreError::validation("birthdayCoupon", "choose a coupon"))
            }
            _ => Ok(()),
        }
    }
}

pub(crate) fn load(conn: &Connection) -> Result<CareSettings> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT value FROM store_settings WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    Ok(match raw {
        // A setting saved by an older build lacks nothing it needs: unknown
        // shapes fall back to the defaults rather than stop the desk.
        Some(s) => serde_json::from_str(&s).unwrap_or_default(),
        None => CareSettings::default(),
    })
}

impl Store {
    pub fn care_settings(&self) -> Result<CareSettings> {
        load(&self.conn)
    }

    /// Back office → Care settings (`ManageCare`).
    pub fn save_care_settings(&mut self, actor: &Staff, s: &CareSettings) -> Result<()> {
        actor.require(Permission::ManageCare)?;
        self.check_head_office()?;
        s.validate()?;
        if let BirthdayBenefit::Coupon { code } = &s.birthday_benefit {
            let known: bool = self
                .conn
                .prepare_cached("SELECT count(*) > 0 FROM coupons WHERE code = ?1")?
                .query_row([code.trim()], |r| r.get(0))?;
            if !known {
                return Err(CoreError::validation("birthdayCoupon", "no such coupon"));
            }
        }
        self.write(|w| save(w, s))
    }
}

fn save(w: &mut Writer<'_>, s: &CareSettings) -> Result<()> {
    crate::checkout::save_store_setting(w, KEY, s)
}
