//! Reading members back.

use super::{Gender, Member, SkinType, Tier};
use crate::ids::MemberId;
use crate::store::Store;
use crate::time::parse_iso;
use crate::types::Phone;
use crate::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension, Row};

pub(crate) const MEMBER_COLUMNS: &str = "id, member_no, name, phone, gender, birthday, region, \
    skin_type, allergies, preferred_staff_id, notes, tags, consent_marketing, source, referrer_id, \
    tier, registered_at, last_visit_at, visit_count, archived_at, merged_into, rid, erased_at IS NOT NULL";

/// A member row and its local search-index key.
pub(crate) fn member_from_row(r: &Row<'_>) -> rusqlite::Result<(Member, i64)> {
    let text = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
    let bad = |i: usize, e: CoreError| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    let instant = |i: usize| -> rusqlite::Result<Option<chrono::DateTime<chrono::Utc>>> {
        Ok(text(i)?.as_deref().and_then(parse_iso))
    };
    let tags: String = r.get(11)?;
    let member = Member {
        id: r.get(0)?,
        member_no: r.get(1)?,
        name: r.get(2)?,
        phone: Phone::from_stored(r.get(3)?),
        gender: text(4)?
            .map(|g| Gender::parse(&g))
            .transpose()
            .map_err(|e| bad(4, e))?,
        birthday: text(5)?.and_then(|b| chrono::NaiveDate::parse_from_str(&b, "%Y-%m-%d").ok()),
        region: r.get(6)?,
        skin_type: text(7)?
            .map(|s| SkinType::parse(&s))
            .transpose()
            .map_err(|e| bad(7, e))?,
        allergies: r.get(8)?,
        preferred_staff_id: r.get(9)?,
        notes: r.get(10)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        consent_marketing: r.get(12)?,
        source: r.get(13)?,
        referrer_id: r.get(14)?,
        tier: Tier::parse(&r.get::<_, String>(15)?).map_err(|e| bad(15, e))?,
        registered_at: instant(16)?.unwrap_or_default(),
        last_visit_at: instant(17)?,
        visit_count: r.get(18)?,
        archived: text(19)?.is_some(),
        merged_into: r.get(20)?,
        erased: r.get(22)?,
    };
    Ok((member, r.get(21)?))
}

pub(crate) fn load(conn: &Connection, id: MemberId) -> Result<(Member, i64)> {
    conn.prepare_cached(&format!(
        "SELECT {MEMBER_COLUMNS} FROM members WHERE id = ?1"
    ))?
    .query_row([id], member_from_row)
    .optional()?
    .ok_or(CoreError::NotFound { entity: "member" })
}

impl Store {
    pub fn member(&self, id: MemberId) -> Result<Member> {
        Ok(load(&self.conn, id)?.0)
    }

    /// The member holding a card number (scanned or typed), if she is active.
    pub fn member_by_no(&self, member_no: &str) -> Result<Option<Member>> {
        let no = member_no.trim().to_ascii_uppercase();
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {MEMBER_COLUMNS} FROM members WHERE member_no = ?1 AND archived_at IS NULL"
            ))?
            .query_row([no], member_from_row)
            .optional()?
            .map(|(m, _)| m))
    }

    pub fn member_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM members WHERE archived_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }

    /// A staff member's or member's display name, for profile views.
    pub fn member_name(&self, id: MemberId) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT name FROM members WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }
}
