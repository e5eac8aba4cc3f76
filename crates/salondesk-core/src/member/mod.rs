//! Members (会员): the profile, registration and edits, archive and merge,
//! and the cashier's search.

mod input;
mod keys;
mod merge;
mod read;
mod register;
mod search;
mod sensitive;

pub use input::MemberInput;
pub use keys::pinyin_initials;
pub use search::{MatchKind, MemberHit};
pub use sensitive::{MemberSeen, RevealReason, SensitiveNotes};

pub(crate) use input::{parse_member_no, ValidMember};
pub(crate) use keys::member_keys;
pub(crate) use read::load as load_member;
#[cfg(test)]
pub(crate) use register::profile_payload;
pub(crate) use register::{
    edited, index, insert_member, next_member_no, profile_changes, record_visit, unindex,
    update_in, History,
};

use crate::ids::{MemberId, StaffId};
use crate::types::Phone;
use crate::{CoreError, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Membership tier (会员等级). Rules per tier come with checkout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Standard,
    Silver,
    Gold,
    Platinum,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SkinType {
    Dry,
    Oily,
    Combination,
    Sensitive,
    Normal,
}

/// Enums stored as their snake_case names.
macro_rules! text_enum {
    ($t:ty, $field:literal, $($variant:ident => $text:literal),+ $(,)?) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Result<Self> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    other => Err(CoreError::validation($field, format!("unknown value {other:?}"))),
                }
            }
        }
    };
}
text_enum!(Tier, "tier", Standard => "standard", Silver => "silver", Gold => "gold", Platinum => "platinum");
text_enum!(Gender, "gender", Female => "female", Male => "male", Other => "other");
text_enum!(SkinType, "skinType", Dry => "dry", Oily => "oily", Combination => "combination",
    Sensitive => "sensitive", Normal => "normal");

/// A member's profile as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: MemberId,
    pub member_no: String,
    pub name: String,
    pub phone: Phone,
    pub gender: Option<Gender>,
    pub birthday: Option<NaiveDate>,
    pub region: String,
    pub skin_type: Option<SkinType>,
    pub allergies: String,
    pub preferred_staff_id: Option<StaffId>,
    pub notes: String,
    pub tags: Vec<String>,
    pub consent_marketing: bool,
    pub source: String,
    pub referrer_id: Option<MemberId>,
    pub tier: Tier,
    pub registered_at: DateTime<Utc>,
    pub last_visit_at: Option<DateTime<Utc>>,
    pub visit_count: i64,
    pub archived: bool,
    pub merged_into: Option<MemberId>,
    /// Erased on request (PIPL): an anonymous record kept for the sums;
    /// nothing about her can be edited any more.
    pub erased: bool,
}

impl Member {
    /// How recently she was here, for ranking search results: her last visit,
    /// or her registration if she has not visited yet.
    pub fn recency(&self) -> i64 {
        self.last_visit_at.unwrap_or(self.registered_at).timestamp()
    }
}
