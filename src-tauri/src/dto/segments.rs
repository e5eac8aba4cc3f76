//! The member list (Back office → Member list) on the wire: a page of
//! members, a segment's export, the RFM chip. The filter, the value classes,
//! saved segments and the thresholds are the core's own types (exported to
//! TypeScript from the core).

use super::exports::ExportFormatInput;
use salondesk_core::member::Tier;
use salondesk_core::segments::{RfmClass, SegmentFilter, SegmentMember, SegmentPage};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentMemberView {
    pub id: String,
    pub member_no: String,
    pub name: String,
    /// Whole or masked per the viewer's role (decided by the core).
    pub phone: String,
    pub tier: Tier,
    pub last_visit_at: Option<String>,
    #[ts(type = "number")]
    pub visits: i64,
    /// Fen, the last 365 days.
    #[ts(type = "number")]
    pub spend365: i64,
    pub rfm: Option<RfmClass>,
}

impl From<SegmentMember> for SegmentMemberView {
    fn from(m: SegmentMember) -> Self {
        SegmentMemberView {
            id: m.id.to_string(),
            member_no: m.member_no,
            name: m.name,
            phone: m.phone,
            tier: m.tier,
            last_visit_at: m.last_visit_at,
            visits: m.visits,
            spend365: m.spend365,
            rfm: m.rfm,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentPageView {
    pub members: Vec<SegmentMemberView>,
    /// Pass back as `after` for the next page; null: the last page.
    #[ts(type = "number | null")]
    pub next: Option<i64>,
}

impl From<SegmentPage> for SegmentPageView {
    fn from(p: SegmentPage) -> Self {
        SegmentPageView {
            members: p.members.into_iter().map(Into::into).collect(),
            next: p.next,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SegmentExportInput {
    pub filter: SegmentFilter,
    pub format: ExportFormatInput,
    /// The UI's language: headers and coded values are written in it.
    pub lang: String,
}
