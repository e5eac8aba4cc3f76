//! A visit's rating: the visit as a whole and each beautician who served,
//! 1–5, with a comment. A visit is a sale with a service in it (a service
//! line or a package session used); the beauticians are the staff credited
//! on those lines, and only they can be scored.

use super::staff_ratings::SERVED_KINDS;
use super::{check_score, check_text, grade, Grade};
use crate::ids::{MemberId, StaffId};
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::write::OpKind;
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;

/// Where the rating was entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackSource {
    /// On the done panel, as she leaves.
    Checkout,
    /// On the follow-up call (回访).
    FollowUp,
    /// Later, from her profile or the sale's detail.
    Later,
}

impl FeedbackSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Checkout => "checkout",
            Self::FollowUp => "follow_up",
            Self::Later => "later",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "checkout" => Self::Checkout,
            "follow_up" => Self::FollowUp,
            _ => Self::Later,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackInput {
    pub sale_id: String,
    pub score: u8,
    /// Scores of the beauticians who served (the sale's credited staff only).
    pub staff_scores: Vec<(StaffId, u8)>,
    pub comment: String,
    pub source: FeedbackSource,
}

/// A beautician who served on the visit, with her score if one was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RatedStaff {
    pub staff_id: StaffId,
    pub name: String,
    pub score: Option<u8>,
    pub grade: Option<Grade>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitFeedback {
    pub sale_id: String,
    pub member_id: Option<MemberId>,
    pub score: u8,
    pub grade: Grade,
    pub staff: Vec<RatedStaff>,
    pub comment: String,
    pub source: FeedbackSource,
    pub recorded_by: Option<StaffId>,
    pub recorded_at: DateTime<Utc>,
}

/// What the rating form needs: the visit's beauticians and the rating so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackForm {
    pub sale_id: String,
    pub member_id: Option<MemberId>,
    pub receipt_no: String,
    pub staff: Vec<RatedStaff>,
    pub existing: Option<VisitFeedback>,
}

/// The sale's member and receipt number, refusing a sale that is not a visit.
fn visit(conn: &Connection, sale_id: &str) -> Result<(Option<MemberId>, String)> {
    let row: Option<(String, Option<MemberId>, String, bool)> = conn
        .prepare_cached(
            "SELECT kind, member_id, receipt_no,
                    EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id
                            AND l.kind IN ('service', 'package_redemption'))
             FROM sales s WHERE id = ?1",
        )?
        .query_row([sale_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((kind, member, receipt_no, has_service)) = row else {
        return Err(CoreError::NotFound { entity: "sale" });
    };
    if kind != "sale" || !has_service {
        return Err(CoreError::validation(
            "saleId",
            "only a visit with a service can be rated",
        ));
    }
    Ok((member, receipt_no))
}

/// The staff credited on the visit's service lines (`SERVED_KINDS`), by name.
fn served_by(conn: &Connection, sale_id: &str) -> Result<Vec<(StaffId, String)>> {
    let kinds = SERVED_KINDS.map(|k| format!("'{k}'")).join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT st.id, st.name FROM sale_lines l
         JOIN sale_line_staff ls ON ls.sale_line_id = l.id
         JOIN staff st ON st.id = ls.staff_id
         WHERE l.sale_id = ?1 AND l.kind IN ({kinds})
         ORDER BY st.name, st.id"
    ))?;
    let rows = stmt.query_map([sale_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read(conn: &Connection, sale_id: &str) -> Result<Option<VisitFeedback>> {
    let row = conn
        .prepare_cached(
            "SELECT member_id, score, staff_scores, comment, source, recorded_by, recorded_at
             FROM visit_feedback WHERE sale_id = ?1",
        )?
        .query_row([sale_id], |r| {
            Ok((
                r.get::<_, Option<MemberId>>(0)?,
                r.get::<_, u8>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<StaffId>>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .optional()?;
    let Some((member_id, score, scores, comment, source, recorded_by, at)) = row else {
        return Ok(None);
    };
    // Pulled from another till, the object may name staff this till lacks:
    // they are shown by what this till knows, the rest left out.
    let scores: BTreeMap<String, u8> = serde_json::from_str(&scores).unwrap_or_default();
    let staff = served_by(conn, sale_id)?
        .into_iter()
        .map(|(id, name)| {
            let score = scores.get(&id.to_string()).copied();
            RatedStaff {
                staff_id: id,
                name,
                score,
                grade: score.map(grade),
            }
        })
        .collect();
    Ok(Some(VisitFeedback {
        sale_id: sale_id.to_string(),
        member_id,
        score,
        grade: grade(score),
        staff,
        comment,
        source: FeedbackSource::parse(&source),
        recorded_by,
        recorded_at: crate::time::parse_iso(&at).unwrap_or_default(),
    }))
}

impl Store {
    /// What the rating form shows for a visit (refused for a sale that is not one).
    pub fn feedback_form(&self, sale_id: &str) -> Result<FeedbackForm> {
        let (member_id, receipt_no) = visit(&self.conn, sale_id)?;
        let existing = read(&self.conn, sale_id)?;
        let staff = match &existing {
            Some(f) => f.staff.clone(),
            None => served_by(&self.conn, sale_id)?
                .into_iter()
                .map(|(staff_id, name)| RatedStaff {
                    staff_id,
                    name,
                    score: None,
                    grade: None,
                })
                .collect(),
        };
        Ok(FeedbackForm {
            sale_id: sale_id.to_string(),
            member_id,
            receipt_no,
            staff,
            existing,
        })
    }

    pub fn visit_feedback(&self, sale_id: &str) -> Result<Option<VisitFeedback>> {
        read(&self.conn, sale_id)
    }

    /// Records a visit's rating, or replaces the one it has (one per sale).
    pub fn record_feedback(
        &mut self,
        actor: &Staff,
        input: &FeedbackInput,
    ) -> Result<VisitFeedback> {
        actor.require(Permission::RecordFeedback)?;
        let score = check_score(input.score, "score")?;
        let comment = check_text(&input.comment, 500, "comment")?;
        let (member, _) = visit(&self.conn, &input.sale_id)?;
        let served = served_by(&self.conn, &input.sale_id)?;
        let mut scores = BTreeMap::new();
        for &(staff, s) in &input.staff_scores {
            if !served.iter().any(|(id, _)| *id == staff) {
                return Err(CoreError::validation(
                    "staffScores",
                    "only a beautician who served on this visit can be scored",
                ));
            }
            scores.insert(staff.to_string(), check_score(s, "staffScores")?);
        }
        self.write(|w| {
            let at = crate::time::iso(w.now());
            w.prepare_cached(
                "INSERT INTO visit_feedback (sale_id, member_id, score, staff_scores, comment,
                                             source, recorded_by, recorded_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
                 ON CONFLICT (sale_id) DO UPDATE SET
                    member_id = excluded.member_id, score = excluded.score,
                    staff_scores = excluded.staff_scores, comment = excluded.comment,
                    source = excluded.source, recorded_by = excluded.recorded_by,
                    recorded_at = excluded.recorded_at, updated_at = excluded.updated_at",
            )?
            .execute(rusqlite::params![
                input.sale_id,
                member,
                score,
                serde_json::to_string(&scores)?,
                comment,
                input.source.as_str(),
                actor.id,
                at,
            ])?;
            w.emit(
                "visit_feedback",
                &input.sale_id,
                OpKind::Upsert,
                &json!({ "memberId": member, "score": score, "staffScores": scores,
                         "comment": comment, "source": input.source.as_str(),
                         "recordedBy": actor.id, "recordedAt": at }),
            )?;
            Ok(())
        })?;
        read(&self.conn, &input.sale_id)?.ok_or(CoreError::NotFound {
            entity: "visit_feedback",
        })
    }

    /// A member's rated visits, newest first (her profile).
    pub fn member_feedback(&self, member: MemberId) -> Result<Vec<VisitFeedback>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT sale_id FROM visit_feedback WHERE member_id = ?1
                 ORDER BY recorded_at DESC LIMIT 100",
            )?
            .query_map([member], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(read(&self.conn, &id)?);
        }
        Ok(out)
    }
}
