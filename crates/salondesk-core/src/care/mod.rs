//! Care tasks (回访/关怀): the calls and messages that bring members back.
//!
//! Layout: `settings` (each kind's switch, days and message templates, the
//! birthday benefit, quiet hours: a store setting), `dates` and `rules`
//! (pure: when each kind falls due, month ends and Feb 29 included), `daily`
//! (the job that writes a day's tasks from the store's rows), `work` (the
//! desk's list; done, snooze, reassign), `send` (a care message into the
//! message outbox).
//!
//! A task's id is made from what it is about (store, kind, member, period),
//! so running the job twice, or on two tills of one store, writes one task.
//!
//! Service messages vs marketing: reminders about her own package sessions
//! (`package_expiry`) and points (`points_expiry`) are *service* messages and
//! go to any member with a phone; every other kind (post-visit, cadence,
//! birthday, lapsed, cycle) is marketing and goes only to a member who gave
//! marketing consent (`privacy::may_send_marketing`).

mod daily;
pub mod dates;
pub mod rules;
mod send;
mod settings;
mod work;

pub use daily::{CareJob, CarePlan, DailyRun, PlanAt};
pub use send::may_message;
pub use settings::{BirthdayBenefit, CareSettings, KindSetting, TierDays};
pub use work::{CareCursor, CareFilter, CareList, CareOutcome, CareTask, CareView, MAX_PAGE};

use crate::CoreError;
use blake2::{Blake2s256, Digest};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CareKind {
    /// N days (default 7) after a service visit: 一周内回访.
    PostVisit,
    /// Weekly in her first month, then monthly: the care cadence.
    Cadence,
    /// N days before her birthday, with the birthday benefit.
    Birthday,
    /// No visit in N days (per tier): win-back.
    Lapsed,
    /// A package with sessions left expires in N days.
    PackageExpiry,
    /// Points expire in N days.
    PointsExpiry,
    /// Her usual interval for a service (from at least 3 visits) has passed.
    Cycle,
}

impl CareKind {
    pub const ALL: [CareKind; 7] = [
        CareKind::PostVisit,
        CareKind::Cadence,
        CareKind::Birthday,
        CareKind::Lapsed,
        CareKind::PackageExpiry,
        CareKind::PointsExpiry,
        CareKind::Cycle,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CareKind::PostVisit => "post_visit",
            CareKind::Cadence => "cadence",
            CareKind::Birthday => "birthday",
            CareKind::Lapsed => "lapsed",
            CareKind::PackageExpiry => "package_expiry",
            CareKind::PointsExpiry => "points_expiry",
            CareKind::Cycle => "cycle",
        }
    }

    pub fn parse(s: &str) -> crate::Result<CareKind> {
        CareKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| CoreError::Internal(format!("unknown care task kind {s:?}")))
    }

    /// About her own packages or points: sent without marketing consent.
    pub fn is_service_message(self) -> bool {
        matches!(self, CareKind::PackageExpiry | CareKind::PointsExpiry)
    }
}

/// The task's id, from what it is about: one store's tills make the same id
/// for the same task, another store a different one. (A UUID v8: made from
/// content, not from a clock, like the points expiry rows.)
pub fn task_id(store: &str, kind: CareKind, member: &str, period: &str) -> uuid::Uuid {
    let digest = Blake2s256::digest(format!(
        "care-task/{store}/{}/{member}/{period}",
        kind.as_str()
    ));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}
