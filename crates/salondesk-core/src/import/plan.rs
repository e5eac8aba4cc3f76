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
use std::collections::{HashMap, HashSet};

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
    // First the rules of each row alone (refusals stay in the file's order:
    // a row's place in `steps` is its place in the file).
    let mut steps: Vec<std::result::Result<(usize, MemberRow), Refusal>> = Vec::new();
    for (i, cells) in sheet.rows.iter().enumerate() {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        let c = Cells::new(Sheet::row_no(i), cells, mapping);
        let row = match member_row(&c, today, plans) {
            Ok(row) => row,
            Err(refusal) => {
                steps.push(Err(refusal));
                continue;
            }
        };
        // Later rows with an earlier row's phone or card are refused, so
        // which row wins is the file's order, not chance.
        if !phones.insert(row.phone.e164().to_owned()) {
            steps.push(Err(c.refuse(Reason::DuplicateInFile, Field::Phone)));
            continue;
        }
        if let Some(no) = &row.member_no {
            if !nos.insert(no.clone()) {
                steps.push(Err(c.refuse(Reason::DuplicateInFile, Field::MemberNo)));
                continue;
            }
        }
        steps.push(Ok((i, row)));
    }
    // Then every row against the store: one read of who holds the file's
    // phones and card numbers, inside one snapshot with her details.
    let snapshot = conn.unchecked_transaction()?;
    let existing = Existing::read(&snapshot, &phones, &nos)?;
    for step in steps {
        let (i, row) = match step {
            Ok(r) => r,
            Err(refusal) => {
                out.refused.push(refusal);
                continue;
            }
        };
        match plan_row(&snapshot, &existing, &row, today)? {
            Ok(p) => out.planned.push(p),
            Err((reason, field)) => {
                let c = Cells::new(Sheet::row_no(i), &sheet.rows[i], mapping);
                out.refused.push(c.refuse(reason, field))
            }
        }
    }
    Ok(out)
}

/// The members already holding the file's phones (active ones) and card
/// numbers (archived ones too: a card number is never reused).
struct Existing {
    /// Phone → the member it belongs to: the holder of a shared phone
    /// (`phone_holder`), else the latest registered.
    by_phone: HashMap<String, (MemberId, bool, i64)>,
    /// Card number → her id and whether she is archived.
    by_no: HashMap<String, (MemberId, bool)>,
}

/// Values looked up per query (a JSON array bound once).
const LOOKUP_CHUNK: usize = 1_000;

impl Existing {
    fn read(
        conn: &Connection,
        phones: &HashSet<String>,
        nos: &HashSet<String>,
    ) -> Result<Existing> {
        let mut out = Existing {
            by_phone: HashMap::new(),
            by_no: HashMap::new(),
        };
        let phones: Vec<&String> = phones.iter().collect();
        for chunk in phones.chunks(LOOKUP_CHUNK) {
            let mut stmt = conn.prepare_cached(
                "SELECT phone, id, phone_holder IS NOT NULL, rid FROM members
                 WHERE archived_at IS NULL AND phone IN (SELECT value FROM json_each(?1))",
            )?;
            let mut rows = stmt.query([serde_json::to_string(chunk)?])?;
            while let Some(r) = rows.next()? {
                let found: (MemberId, bool, i64) = (r.get(1)?, r.get(2)?, r.get(3)?);
                // As `ORDER BY phone_holder DESC` reads the index: the holder first.
                let slot = out.by_phone.entry(r.get(0)?).or_insert(found);
                if (found.1, found.2) > (slot.1, slot.2) {
                    *slot = found;
                }
            }
        }
        let nos: Vec<&String> = nos.iter().collect();
        for chunk in nos.chunks(LOOKUP_CHUNK) {
            let mut stmt = conn.prepare_cached(
                "SELECT member_no, id, archived_at IS NOT NULL FROM members
                 WHERE member_no IN (SELECT value FROM json_each(?1))",
            )?;
            let mut rows = stmt.query([serde_json::to_string(chunk)?])?;
            while let Some(r) = rows.next()? {
                out.by_no.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
            }
        }
        Ok(out)
    }
}

type Refused = (Reason, Field);

fn plan_row(
    conn: &Connection,
    existing: &Existing,
    row: &MemberRow,
    today: NaiveDate,
) -> Result<std::result::Result<Planned, Refused>> {
    let by_phone: Option<MemberId> = existing.by_phone.get(row.phone.e164()).map(|f| f.0);
    let by_no: Option<(MemberId, bool)> = row
        .member_no
        .as_ref()
        .and_then(|no| existing.by_no.get(no).copied());
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
        let Some(mut valid) = validated(row, MemberInput::default(), today) else {
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
    let Some(mut valid) = validated(row, MemberInput::editing(&old), today) else {
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

/// `row` onto `base`, checked by the register form's rules. Her phone is
/// the one the row's own check parsed: parsing its E.164 text again gives
/// the same phone, and it is the slowest rule of a row.
fn validated(row: &MemberRow, base: MemberInput, today: NaiveDate) -> Option<ValidMember> {
    let mut input = row.onto(base);
    input.phone = None;
    let mut valid = input.validate(today).ok()?;
    valid.phone = Some(row.phone.clone());
    Some(valid)
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
