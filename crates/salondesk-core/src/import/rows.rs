//! One member row of the file, checked: every refusal has one reason and the
//! field at fault. Pure (the store's package plans are handed in), so each
//! rule is tested without a database.

use super::fields::{Field, Mapping, Reason, Refusal};
use super::values::{self, Bad};
use crate::member::{MemberInput, Tier};
use crate::types::{Birthday, Phone};
use crate::CoreError;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A package plan an opening can be of.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlanRef {
    pub id: String,
    pub service_id: String,
    pub name: String,
    pub valid_days: i64,
}

/// The store's package plans by name (trimmed, lower-case).
pub(crate) type Plans = HashMap<String, PlanRef>;

/// Opening balances a row brings (0: none of that kind).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Opening {
    pub stored_value: i64,
    pub bonus: i64,
    pub points: i64,
    pub package: Option<OpeningPackage>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OpeningPackage {
    pub plan: PlanRef,
    pub sessions: i64,
    pub expires_on: NaiveDate,
}

impl Opening {
    pub fn is_empty(&self) -> bool {
        self.stored_value == 0 && self.bonus == 0 && self.points == 0 && self.package.is_none()
    }
}

/// A member row that passed every rule.
#[derive(Debug, Clone)]
pub(crate) struct MemberRow {
    pub phone: Phone,
    pub member_no: Option<String>,
    pub tier: Option<Tier>,
    /// The profile fields the file gives (non-empty cells of mapped columns).
    pub given: Vec<Field>,
    /// Those fields' values (the others default).
    pub values: MemberInput,
    pub opening: Opening,
}

impl MemberRow {
    /// `base` (a new member's blank form, or her current profile) with the
    /// fields the file gives: an empty cell keeps what she has.
    pub fn onto(&self, mut base: MemberInput) -> MemberInput {
        let v = &self.values;
        base.phone = Some(self.phone.e164().to_owned());
        base.member_no = self.member_no.clone();
        for f in &self.given {
            match f {
                Field::Name => base.name = v.name.clone(),
                Field::Gender => base.gender = v.gender,
                Field::Birthday => base.birthday = v.birthday.clone(),
                Field::Notes => base.notes = v.notes.clone(),
                Field::Tags => base.tags = v.tags.clone(),
                Field::SkinType => base.skin_type = v.skin_type,
                Field::Allergies => base.allergies = v.allergies.clone(),
                Field::ConsentMarketing => base.consent_marketing = v.consent_marketing,
                Field::Region => base.region = v.region.clone(),
                Field::Source => base.source = v.source.clone(),
                _ => {}
            }
        }
        base
    }
}

/// The cells of one row by field.
pub(crate) struct Cells<'a> {
    row: u32,
    by_field: HashMap<Field, &'a str>,
}

impl<'a> Cells<'a> {
    pub fn new(row: u32, cells: &'a [String], mapping: &Mapping) -> Cells<'a> {
        let by_field = mapping
            .iter()
            .zip(cells)
            .filter_map(|(f, c)| Some(((*f)?, c.trim())))
            .filter(|(_, c)| !c.is_empty())
            .collect();
        Cells { row, by_field }
    }

    pub fn get(&self, f: Field) -> Option<&'a str> {
        self.by_field.get(&f).copied()
    }

    pub fn refuse(&self, reason: Reason, field: Field) -> Refusal {
        Refusal::new(self.row, reason, field)
    }

    /// A field's value read by `parse`, refused with `reason` when it is not one.
    pub fn read<T>(
        &self,
        f: Field,
        reason: Reason,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, Refusal> {
        self.get(f)
            .map(|s| parse(s).ok_or_else(|| self.refuse(reason, f)))
            .transpose()
    }

    /// An amount or a count: malformed is `bad_amount`, below zero `negative_balance`.
    pub fn number(&self, f: Field, parse: fn(&str) -> Result<i64, Bad>) -> Result<i64, Refusal> {
        match self.get(f).map(parse) {
            None => Ok(0),
            Some(Ok(n)) => Ok(n),
            Some(Err(Bad::Malformed)) => Err(self.refuse(Reason::BadAmount, f)),
            Some(Err(Bad::Negative)) => Err(self.refuse(Reason::NegativeBalance, f)),
        }
    }
}

/// Checks one member row. `today` is the store's date; `plans` its package plans.
pub(crate) fn member_row(
    c: &Cells<'_>,
    today: NaiveDate,
    plans: &Plans,
) -> Result<MemberRow, Refusal> {
    let name = c
        .get(Field::Name)
        .ok_or_else(|| c.refuse(Reason::MissingName, Field::Name))?;
    let phone = c
        .get(Field::Phone)
        .ok_or_else(|| c.refuse(Reason::MissingPhone, Field::Phone))?;
    let phone = Phone::parse(phone).map_err(|_| c.refuse(Reason::BadPhone, Field::Phone))?;
    let member_no = c
        .get(Field::MemberNo)
        .map(|n| {
            crate::member::parse_member_no(n)
                .map_err(|_| c.refuse(Reason::BadMemberNo, Field::MemberNo))
        })
        .transpose()?;
    let birthday = c.read(Field::Birthday, Reason::BadDate, |s| {
        values::date(s).and_then(|d| Birthday::new(d, today).ok())
    })?;
    let values = MemberInput {
        name: name.to_owned(),
        phone: None,
        member_no: None,
        gender: c.read(Field::Gender, Reason::BadValue, values::gender)?,
        birthday: birthday.map(|b| b.to_iso()),
        skin_type: c.read(Field::SkinType, Reason::BadValue, values::skin_type)?,
        consent_marketing: c
            .read(Field::ConsentMarketing, Reason::BadValue, values::yes_no)?
            .unwrap_or(false),
        notes: c.get(Field::Notes).unwrap_or_default().to_owned(),
        allergies: c.get(Field::Allergies).unwrap_or_default().to_owned(),
        tags: c.get(Field::Tags).map(values::tags).unwrap_or_default(),
        region: c.get(Field::Region).unwrap_or_default().to_owned(),
        source: c.get(Field::Source).unwrap_or_default().to_owned(),
        preferred_staff_id: None,
        referrer_id: None,
    };
    // The register form's own rules for the rest (name, lengths, tags).
    if let Err(CoreError::Validation { field, .. }) = values.validate(today) {
        let (reason, f) = match field {
            "name" => (Reason::BadName, Field::Name),
            "notes" => (Reason::TooLong, Field::Notes),
            "allergies" => (Reason::TooLong, Field::Allergies),
            "tags" => (Reason::TooLong, Field::Tags),
            "region" => (Reason::TooLong, Field::Region),
            "source" => (Reason::TooLong, Field::Source),
            _ => (Reason::BadValue, Field::Name),
        };
        return Err(c.refuse(reason, f));
    }
    let tier = c.read(Field::Tier, Reason::UnknownTier, values::tier)?;
    let opening = opening(c, today, plans)?;
    let given = [
        Field::Name,
        Field::Gender,
        Field::Birthday,
        Field::Notes,
        Field::Tags,
        Field::SkinType,
        Field::Allergies,
        Field::ConsentMarketing,
        Field::Region,
        Field::Source,
    ]
    .into_iter()
    .filter(|f| c.get(*f).is_some())
    .collect();
    Ok(MemberRow {
        phone,
        member_no,
        tier,
        given,
        values,
        opening,
    })
}

fn opening(c: &Cells<'_>, today: NaiveDate, plans: &Plans) -> Result<Opening, Refusal> {
    let stored_value = c.number(Field::StoredValue, values::amount)?;
    let bonus = c.number(Field::Bonus, values::amount)?;
    let points = c.number(Field::Points, values::count)?;
    let sessions = match c.get(Field::Sessions).map(values::count) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => return Err(c.refuse(Reason::BadSessions, Field::Sessions)),
    };
    let package = match (c.get(Field::Package), sessions) {
        (_, 0) => None,
        (None, _) => return Err(c.refuse(Reason::BadSessions, Field::Sessions)),
        (Some(name), sessions) => {
            let plan = plans
                .get(&name.trim().to_lowercase())
                .ok_or_else(|| c.refuse(Reason::UnknownPlan, Field::Package))?;
            let expires_on = match c.get(Field::PackageExpiry) {
                Some(s) => values::date(s)
                    .ok_or_else(|| c.refuse(Reason::BadDate, Field::PackageExpiry))?,
                None => today + chrono::Duration::days(plan.valid_days),
            };
            Some(OpeningPackage {
                plan: plan.clone(),
                sessions,
                expires_on,
            })
        }
    };
    Ok(Opening {
        stored_value,
        bonus,
        points,
        package,
    })
}
