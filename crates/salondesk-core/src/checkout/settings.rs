//! Store-wide checkout settings, with the defaults a new store starts from.

use crate::store::Store;
use crate::write::{OpKind, Writer};
use crate::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Also the wire type of the owner's settings screen (the app exports it to TypeScript).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CheckoutSettingsView"))]
#[serde(rename_all = "camelCase")]
pub struct CheckoutSettings {
    /// What one point is worth when paying with points, in fen.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub point_value_fen: i64,
    /// Points earned per yuan before the tier multiplier.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub points_per_yuan: i64,
    /// Extra multiplier in the member's birthday month, as a percentage (200 = double).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub birthday_multiplier_pct: i64,
    /// Points a member earns when someone she referred registers.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub referral_points: i64,
    /// Points expire at the end of the year after they were earned, plus this many years.
    pub points_expiry_years: i32,
    /// The store's offset from UTC in minutes (China: +480); business dates use it.
    /// Saving with a `time_zone` of `TIME_ZONES` sets it from the zone.
    pub utc_offset_minutes: i32,
    /// The zone the owner chose (`Asia/Shanghai`); empty: set before zones
    /// were offered, only the offset is known.
    #[serde(default)]
    pub time_zone: String,
    pub store_name: String,
    pub store_address: String,
    pub store_phone: String,
    /// Printed under the store's name, address and phone (a slogan, the
    /// opening hours, a WeChat account); empty: nothing.
    #[serde(default)]
    pub receipt_header: String,
    pub receipt_footer: String,
    /// Cash paid out of the drawer (outside a sale) above this needs a
    /// manager's approval when a cashier pays it out, in fen (0: every pay-out).
    #[serde(default = "default_pay_out_approval")]
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pay_out_approval_fen: i64,
}

/// ¥200: petty cash (water, a taxi) without a manager; more needs one.
fn default_pay_out_approval() -> i64 {
    20_000
}

impl Default for CheckoutSettings {
    fn default() -> Self {
        CheckoutSettings {
            point_value_fen: 1,
            points_per_yuan: 1,
            birthday_multiplier_pct: 200,
            referral_points: 500,
            points_expiry_years: 1,
            utc_offset_minutes: 480,
            time_zone: "Asia/Shanghai".into(),
            store_name: "SalonDesk 美业".into(),
            store_address: String::new(),
            store_phone: String::new(),
            receipt_header: String::new(),
            receipt_footer: "谢谢惠顾 Thank you".into(),
            pay_out_approval_fen: default_pay_out_approval(),
        }
    }
}

const KEY: &str = "checkout";

pub(crate) fn load(conn: &Connection) -> Result<CheckoutSettings> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT value FROM store_settings WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    Ok(match raw {
        Some(s) => serde_json::from_str(&s)?,
        None => CheckoutSettings::default(),
    })
}

impl CheckoutSettings {
    /// The store's calendar date at instant `t`.
    pub fn business_date(&self, t: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        (t + chrono::Duration::minutes(i64::from(self.utc_offset_minutes))).date_naive()
    }

    fn validate(&self) -> Result<()> {
        let checks = [
            (
                "pointValueFen",
                (1..=10_000).contains(&self.point_value_fen),
            ),
            ("pointsPerYuan", (0..=100).contains(&self.points_per_yuan)),
            (
                "birthdayMultiplierPct",
                (100..=1000).contains(&self.birthday_multiplier_pct),
            ),
            (
                "referralPoints",
                (0..=1_000_000).contains(&self.referral_points),
            ),
            (
                "pointsExpiryYears",
                (0..=10).contains(&self.points_expiry_years),
            ),
            (
                "payOutApprovalFen",
                (0..=1_000_000_000).contains(&self.pay_out_approval_fen),
            ),
            (
                "utcOffsetMinutes",
                (-720..=840).contains(&self.utc_offset_minutes),
            ),
        ];
        for (field, ok) in checks {
            if !ok {
                return Err(CoreError::validation(field, "out of range"));
            }
        }
        let texts = [
            ("storeName", &self.store_name, 60),
            ("storeAddress", &self.store_address, 120),
            ("storePhone", &self.store_phone, 30),
            ("receiptHeader", &self.receipt_header, 200),
            ("receiptFooter", &self.receipt_footer, 200),
        ];
        for (field, text, max) in texts {
            if text.chars().count() > max {
                return Err(CoreError::validation(
                    field,
                    format!("at most {max} characters"),
                ));
            }
        }
        if self.store_name.trim().is_empty() {
            return Err(CoreError::validation("storeName", "a store needs a name"));
        }
        Ok(())
    }

    /// The offset of the chosen zone replaces the one sent; a zone not in
    /// the list is refused (`timeZone`).
    fn with_zone_offset(&self) -> Result<CheckoutSettings> {
        let mut s = self.clone();
        if !s.time_zone.is_empty() {
            s.utc_offset_minutes = super::time_zones::offset_of(&s.time_zone)
                .ok_or_else(|| CoreError::validation("timeZone", "not a zone of the list"))?;
        }
        Ok(s)
    }
}

impl Store {
    pub fn checkout_settings(&self) -> Result<CheckoutSettings> {
        load(&self.conn)
    }

    /// The owner sets how points work and what the receipt's header and footer say.
    pub fn save_checkout_settings(
        &mut self,
        owner: &crate::staff::Staff,
        s: &CheckoutSettings,
    ) -> Result<()> {
        owner.require(crate::staff::Permission::EditStoreSettings)?;
        self.check_head_office()?;
        let s = s.with_zone_offset()?;
        s.validate()?;
        self.write(|w| save(w, &s))
    }
}

fn save(w: &mut Writer<'_>, s: &CheckoutSettings) -> Result<()> {
    save_store_setting(w, KEY, s)
}

/// Writes the store setting `key` (checkout, care, rfm …) as JSON and records
/// its `store_settings` operation: the one way a setting of the chain is saved.
pub(crate) fn save_store_setting<T: Serialize>(
    w: &mut Writer<'_>,
    key: &str,
    value: &T,
) -> Result<()> {
    w.execute(
        "INSERT INTO store_settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        rusqlite::params![
            key,
            serde_json::to_string(value)?,
            crate::time::iso(w.now())
        ],
    )?;
    w.emit(
        "store_settings",
        &key,
        OpKind::Upsert,
        &json!({ "value": value }),
    )?;
    Ok(())
}
