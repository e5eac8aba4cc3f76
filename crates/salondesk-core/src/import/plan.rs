//! The dry run of a member file: each row checked, matched to the member she
//! already is (by phone, else by card number) and compared with her, so the
//! owner sees what would be added, updated, left unchanged or refused before
//! anything is written. The import writes exactly this plan.

use super::fields::{Field, Mapping, Reason, Refusal};
use super::read::Sheet;
use super::rows::{member_row, Cells, MemberRow, Opening, Plans};
use crate::ids::MemberId;
use crate::member::{edited, load_member, profile_changes, MemberInput, Tier, ValidMember};
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashSet;

/// What the import does with one row.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub target: Option<MemberId>,
    pub valid: ValidMember,
    pub tier: Option<Tier>,
    /// Her profile changes (always, for a new member).
    pub changes: bool,
    /// The opening balances still to enter.
    pub opening: Opening,
}

impl Planned {
    pub fn writes(&self) -> bool {
        self.changes || !self.opening.is_empty()
    }
}

#[derive(Debug, Default)]
pub(crate) struct MemberPlan {
    pub planned: Vec<Planned>,
    pub refused: Vec<Refusal>,
    /// Rows read (blank rows aside).
    pub rows: u64,
}

pub(crate) fn plan_members(
    conn: &Connection,
    sheet: &Sheet,
    mapping: &Mapping,
    today: NaiveDate,
    plans: &Plans,
) -> Result<MemberPlan> {
    let mut out = MemberPlan::default();
    let mut phones: HashSet<String> = HashSet::new();
    let mut nos: HashSet<String> = HashSet::new();
    for (i, cells) in sheet.rows.iter().enumerate() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        let c = Cells::new(Sheet::row_no(i), cells, mapping);
        let row = match member_row(&c, today, plans) {
            Ok(row) => row,
            Err(refusal) => {
                out.refused.push(refusal);
                continue;
            }
        };
        // Later rows with an earlier row's phone or card are refused, so
        // which row wins is the file's order, not chance.
        if !phones.insert(row.phone.e164().to_owned()) {
            out.refused
                .push(c.refuse(Reason::DuplicateInFile, Field::Phone));
            continue;
        }
        if let Some(no) = &row.member_no {
            if !nos.insert(no.clone()) {
                out.refused
                    .push(c.refuse(Reason::DuplicateInFile, Field::MemberNo));
                continue;
            }
        }
        match plan_row(conn, &row, today)? {
            Ok(p) => out.planned.push(p),
            Err((reason, field)) => out.refused.push(c.refuse(reason, field)),
        }
    }
    Ok(out)
}

type Refused = (Reason, Field);

fn plan_row(
    conn: &Connection,
    row: &MemberRow,
    today: NaiveDate,
) -> Result<std::result::Result<Planned, Refused>> {
    let by_phone: Option<MemberId> = conn
        .prepare_cached(
            "SELECT id FROM members WHERE phone = ?1 AND archived_at IS NULL
             ORDER BY phone_holder DESC LIMIT 1",
        )?
        .query_row([row.phone.e164()], |r| r.get(0))
        .optional()?;
    let by_no: Option<(MemberId, bool)> = match &row.member_no {
        Some(no) => conn
            .prepare_cached("SELECT id, archived_at IS NOT NULL FROM members WHERE member_no = ?1")?
            .query_row([no], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
        None => None,
    };
    let target = match (by_phone, by_no) {
        (Some(a), Some((b, _))) if a != b => {
            return Ok(Err((Reason::MatchesTwoMembers, Field::MemberNo)))
        }
        (Some(a), _) => Some(a),
        // A card number kept by an archived member is not free to reuse.
        (None, Some((_, true))) => return Ok(Err((Reason::BadMemberNo, Field::MemberNo))),
        (None, Some((b, false))) => Some(b),
        (None, None) => None,
    };
    let Some(id) = target else {
        let Ok(mut valid) = row.onto(MemberInput::default()).validate(today) else {
            return Ok(Err((Reason::BadValue, Field::Name)));
        };
        // Her consent history says it came from the old system's file (no
        // staff on it: the import's audit entry names who ran the import).
        valid.consent_how = crate::privacy::ConsentHow::Imported;
        return Ok(Ok(Planned {
            target: None,
            valid,
            tier: row.tier,
            changes: true,
            opening: row.opening.clone(),
        }));
    };
    let (old, _) = load_member(conn, id)?;
    let Ok(mut valid) = row.onto(MemberInput::editing(&old)).validate(today) else {
        return Ok(Err((Reason::BadValue, Field::Name)));
    };
    valid.consent_how = crate::privacy::ConsentHow::Imported;
    let changes = !profile_changes(&old, &edited(&old, &valid, row.tier)).is_empty();
    Ok(match remaining_opening(conn, id, &row.opening)? {
        Ok(opening) => Ok(Planned {
            target: Some(id),
            valid,
            tier: row.tier,
            changes,
            opening,
        }),
        Err(field) => Err((Reason::OpeningDiffers, field)),
    })
}

/// What of `o` she does not have yet. An opening is entered once per member
/// and ledger (and package plan): the same one again is nothing to do, a
/// different one is refused (`Err`: the field), never a second credit.
fn remaining_opening(
    conn: &Connection,
    member: MemberId,
    o: &Opening,
) -> Result<std::result::Result<Opening, Field>> {
    let mut left = o.clone();
    let (principal, bonus, n): (i64, i64, i64) = conn
        .prepare_cached(
            "SELECT coalesce(sum(CASE WHEN reason = 'opening' THEN delta END), 0),
                    coalesce(sum(CASE WHEN reason = 'opening_bonus' THEN delta END), 0), count(*)
             FROM stored_value_ledger WHERE member_id = ?1 AND reason IN ('opening', 'opening_bonus')",
        )?
        .query_row([member], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if n > 0 {
        if (o.stored_value, o.bonus) != (0, 0) && (o.stored_value, o.bonus) != (principal, bonus) {
            return Ok(Err(Field::StoredValue));
        }
        (left.stored_value, left.bonus) = (0, 0);
    }
    let (points, n): (i64, i64) = conn
        .prepare_cached(
            "SELECT coalesce(sum(delta), 0), count(*) FROM points_ledger
             WHERE member_id = ?1 AND reason = 'opening'",
        )?
        .query_row([member], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if n > 0 {
        if o.points != 0 && o.points != points {
            return Ok(Err(Field::Points));
        }
        left.points = 0;
    }
    if let Some(p) = &o.package {
        let had: Option<(i64, String)> = conn
            .prepare_cached(
                "SELECT l.delta, p.expires_on FROM packages p
                 JOIN package_ledger l ON l.package_id = p.id AND l.reason = 'opening'
                 WHERE p.member_id = ?1 AND p.plan_id = ?2 LIMIT 1",
            )?
            .query_row(params![member, p.plan.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((sessions, expires)) = had {
            if (sessions, expires) != (p.sessions, p.expires_on.to_string()) {
                return Ok(Err(Field::Sessions));
            }
            left.package = None;
        }
    }
    Ok(Ok(left))
}
