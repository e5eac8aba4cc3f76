//! The back office's staff section and the first-run setup: a staff member
//! as the list and the dialog show her, what the dialog sends, the palette,
//! the time zones and the "Getting started" checklist.

use salondesk_core::ids::ServiceId;
use salondesk_core::setup::SetupProgress;
use salondesk_core::staff::{CommissionRates, Role, StaffDraft, StaffRecord};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ApiError, ErrorCode};

/// The calendar colours (protocol `STAFF_COLORS`; a test keeps them equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StaffColor {
    Rose,
    Coral,
    Amber,
    Olive,
    Green,
    Teal,
    Sky,
    Blue,
    Indigo,
    Violet,
    Plum,
    Slate,
}

impl StaffColor {
    pub const ALL: [StaffColor; 12] = [
        StaffColor::Rose,
        StaffColor::Coral,
        StaffColor::Amber,
        StaffColor::Olive,
        StaffColor::Green,
        StaffColor::Teal,
        StaffColor::Sky,
        StaffColor::Blue,
        StaffColor::Indigo,
        StaffColor::Violet,
        StaffColor::Plum,
        StaffColor::Slate,
    ];

    pub fn word(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    fn parse(word: &str) -> Option<StaffColor> {
        serde_json::from_value(serde_json::Value::String(word.to_owned())).ok()
    }
}

/// One service's rate for her, in basis points (3500 = 35%).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRateView {
    pub service_id: String,
    #[ts(type = "number")]
    pub bp: i64,
}

/// Her commission rates in basis points; null: the item's own rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommissionView {
    #[ts(type = "number | null")]
    pub service_bp: Option<i64>,
    #[ts(type = "number | null")]
    pub product_bp: Option<i64>,
    pub overrides: Vec<ServiceRateView>,
}

impl From<&CommissionRates> for CommissionView {
    fn from(r: &CommissionRates) -> Self {
        CommissionView {
            service_bp: r.service_bp,
            product_bp: r.product_bp,
            overrides: r
                .overrides
                .iter()
                .map(|(id, bp)| ServiceRateView {
                    service_id: id.to_string(),
                    bp: *bp,
                })
                .collect(),
        }
    }
}

impl TryFrom<&CommissionView> for CommissionRates {
    type Error = ApiError;

    fn try_from(v: &CommissionView) -> Result<Self, ApiError> {
        let mut overrides = std::collections::BTreeMap::new();
        for o in &v.overrides {
            let id: ServiceId = o.service_id.parse().map_err(|_| {
                let mut e = ApiError::new(ErrorCode::Validation, "not a service id");
                e.field = Some("commissionOverrides".into());
                e
            })?;
            overrides.insert(id, o.bp);
        }
        Ok(CommissionRates {
            service_bp: v.service_bp,
            product_bp: v.product_bp,
            overrides,
        })
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffRecordView {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub color: Option<StaffColor>,
    /// Her PIN was reset: she sets her own at her next login.
    pub pin_must_change: bool,
    pub commission: CommissionView,
}

impl From<&StaffRecord> for StaffRecordView {
    fn from(s: &StaffRecord) -> Self {
        StaffRecordView {
            id: s.id.to_string(),
            name: s.name.clone(),
            role: s.role,
            active: s.active,
            color: s.color.as_deref().and_then(StaffColor::parse),
            pin_must_change: s.pin_must_change,
            commission: (&s.rates).into(),
        }
    }
}

/// What the staff dialog saves (all of it, each time).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffInput {
    pub name: String,
    pub role: Role,
    pub color: Option<StaffColor>,
    pub commission: CommissionView,
}

impl TryFrom<&StaffInput> for StaffDraft {
    type Error = ApiError;

    fn try_from(i: &StaffInput) -> Result<Self, ApiError> {
        Ok(StaffDraft {
            name: i.name.clone(),
            role: i.role,
            color: i.color.map(StaffColor::word),
            rates: (&i.commission).try_into()?,
        })
    }
}

/// A zone the store may be in, and its offset from UTC.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimeZoneView {
    pub zone: String,
    pub offset_minutes: i32,
}

/// How far the store has got: the back office's "Getting started".
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupProgressView {
    /// Active staff who are not owners.
    #[ts(type = "number")]
    pub staff: i64,
    #[ts(type = "number")]
    pub services: i64,
    #[ts(type = "number")]
    pub products: i64,
    /// Top-up and package plans.
    #[ts(type = "number")]
    pub plans: i64,
    /// Demo data may be loaded instead (a till not enrolled, with no sales).
    pub demo_allowed: bool,
    /// Staff, services and products exist: the checklist hides.
    pub done: bool,
}

impl From<&SetupProgress> for SetupProgressView {
    fn from(p: &SetupProgress) -> Self {
        SetupProgressView {
            staff: p.staff,
            services: p.services,
            products: p.products,
            plans: p.plans,
            demo_allowed: p.demo_allowed,
            done: p.done(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_for_something_not_a_service_id_is_refused_on_the_overrides_field() {
        let input = StaffInput {
            name: "王芳".into(),
            role: Role::Beautician,
            color: Some(StaffColor::Teal),
            commission: CommissionView {
                service_bp: Some(2000),
                product_bp: None,
                overrides: vec![ServiceRateView {
                    service_id: "facial".into(),
                    bp: 3000,
                }],
            },
        };
        let e = StaffDraft::try_from(&input).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::Validation, Some("commissionOverrides")),
            "the dialog shows it under the per-service rates"
        );
        let mut ok = input.clone();
        ok.commission.overrides[0].service_id = uuid_text();
        let draft = StaffDraft::try_from(&ok).unwrap();
        assert_eq!(draft.color.as_deref(), Some("teal"), "the palette's word");
        assert_eq!(draft.rates.overrides.len(), 1);
    }

    fn uuid_text() -> String {
        "0190a1b2-0000-7000-8000-000000000001".into()
    }

    #[test]
    fn the_ui_palette_is_the_protocols() {
        let words: Vec<String> = StaffColor::ALL.iter().map(|c| c.word()).collect();
        assert_eq!(
            words,
            salondesk_core::staff::STAFF_COLORS,
            "StaffColor must list protocol::limits::STAFF_COLORS, in order"
        );
    }
}
