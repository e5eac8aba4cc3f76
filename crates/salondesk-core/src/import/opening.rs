//! Entering a member's opening balances: one ledger row per kind (reason
//! `opening`, or `opening_bonus` for bonus stored value), a package with its
//! sessions, and one chain-wide `member_opening` operation carrying them all,
//! so every store's balances add up to the file's.
//!
//! `Entries::of` decides the rows and the operation once; `enter` writes one
//! member's row by row, `bulk` many members' with multi-row inserts.

use super::rows::Opening;
use crate::ids::{new_v7, MemberId};
use crate::write::{NewOp, OpKind, Writer};
use crate::Result;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, ToSql};
use serde::Serialize;

/// A stored-value or points ledger row (points carry their expiry).
pub(crate) struct LedgerRow {
    id: String,
    member: MemberId,
    delta: i64,
    reason: &'static str,
    expires_on: Option<String>,
}

pub(crate) struct PackageRow {
    id: String,
    member: MemberId,
    plan_id: String,
    service_id: String,
    name: String,
    expires_on: String,
    /// Its opening sessions: the package ledger row's id and count.
    ledger_id: String,
    sessions: i64,
}

/// One member's opening: its rows and the operation that carries them.
pub(crate) struct Entries {
    opening_id: String,
    created: String,
    stored_value: Vec<LedgerRow>,
    points: Option<LedgerRow>,
    package: Option<PackageRow>,
    payload: Payload,
}

/// The `member_opening` operation's payload. Typed rather than built with
/// `json!`: a `Value` allocates every key of every entry, which was a tenth
/// of the bulk import (bench import). The fields are in the order the
/// `Value` wrote them (sorted), so the operation's text is unchanged.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Payload {
    ledger: Vec<LedgerEntry>,
    member_id: MemberId,
    packages: Vec<PackageEntry>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LedgerEntry {
    delta: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_on: Option<String>,
    id: String,
    ledger: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    member_id: Option<MemberId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    package_id: Option<String>,
    reason: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PackageEntry {
    expires_on: String,
    id: String,
    member_id: MemberId,
    name: String,
    plan_id: String,
    service_id: String,
    sessions: i64,
}

impl Entries {
    /// `o` for `member` at `now` (`None` when it is empty). Opening points
    /// expire on `points_expire_on`, as points earned today would.
    pub fn of(
        now: DateTime<Utc>,
        member: MemberId,
        o: &Opening,
        points_expire_on: NaiveDate,
    ) -> Option<Entries> {
        if o.is_empty() {
            return None;
        }
        let opening_id = new_v7(now).to_string();
        let mut ledger: Vec<LedgerEntry> = Vec::with_capacity(4);
        let mut packages: Vec<PackageEntry> = Vec::new();
        let mut stored_value = Vec::new();
        for (delta, reason) in [(o.stored_value, "opening"), (o.bonus, "opening_bonus")] {
            if delta == 0 {
                continue;
            }
            let id = new_v7(now).to_string();
            ledger.push(LedgerEntry {
                delta,
                expires_on: None,
                id: id.clone(),
                ledger: "stored_value",
                member_id: Some(member),
                package_id: None,
                reason,
            });
            stored_value.push(LedgerRow {
                id,
                member,
                delta,
                reason,
                expires_on: None,
            });
        }
        let points = (o.points != 0).then(|| {
            let id = new_v7(now).to_string();
            let expires = points_expire_on.to_string();
            ledger.push(LedgerEntry {
                delta: o.points,
                expires_on: Some(expires.clone()),
                id: id.clone(),
                ledger: "points",
                member_id: Some(member),
                package_id: None,
                reason: "opening",
            });
            LedgerRow {
                id,
                member,
                delta: o.points,
                reason: "opening",
                expires_on: Some(expires),
            }
        });
        let package = o.package.as_ref().map(|p| {
            let package_id = new_v7(now).to_string();
            let expires = p.expires_on.to_string();
            let ledger_id = new_v7(now).to_string();
            packages.push(PackageEntry {
                expires_on: expires.clone(),
                id: package_id.clone(),
                member_id: member,
                name: p.plan.name.clone(),
                plan_id: p.plan.id.clone(),
                service_id: p.plan.service_id.clone(),
                sessions: p.sessions,
            });
            ledger.push(LedgerEntry {
                delta: p.sessions,
                expires_on: None,
                id: ledger_id.clone(),
                ledger: "package",
                member_id: None,
                package_id: Some(package_id.clone()),
                reason: "opening",
            });
            PackageRow {
                id: package_id,
                member,
                plan_id: p.plan.id.clone(),
                service_id: p.plan.service_id.clone(),
                name: p.plan.name.clone(),
                expires_on: expires,
                ledger_id,
                sessions: p.sessions,
            }
        });
        Some(Entries {
            opening_id,
            created: crate::time::iso(now),
            stored_value,
            points,
            package,
            payload: Payload {
                ledger,
                member_id: member,
                packages,
            },
        })
    }

    /// The `member_opening` operation.
    pub fn op(&self) -> Result<NewOp> {
        NewOp::new(
            "member_opening",
            &self.opening_id,
            OpKind::Append,
            &self.payload,
        )
    }
}

const STORED_VALUE: &str =
    "INSERT INTO stored_value_ledger (id, member_id, sale_id, delta, reason, created_at)";
const POINTS: &str =
    "INSERT INTO points_ledger (id, member_id, sale_id, delta, reason, expires_on, created_at)";
const PACKAGES: &str =
    "INSERT INTO packages (id, member_id, plan_id, service_id, name, expires_on, sale_id, created_at)";
const PACKAGE_LEDGER: &str =
    "INSERT INTO package_ledger (id, package_id, sale_id, delta, reason, created_at)";

/// Enters `o` for `member` (nothing when it is empty), row by row.
pub(crate) fn enter(
    w: &mut Writer<'_>,
    member: MemberId,
    o: &Opening,
    points_expire_on: NaiveDate,
) -> Result<()> {
    let Some(e) = Entries::of(w.now(), member, o, points_expire_on) else {
        return Ok(());
    };
    bulk(w, std::slice::from_ref(&e))?;
    w.emit("member_opening", &e.opening_id, OpKind::Append, &e.payload)?;
    Ok(())
}

/// Writes the rows of `all` (their operations are the caller's to emit, in
/// the order it records them: `Entries::op`).
pub(crate) fn bulk(w: &Writer<'_>, all: &[Entries]) -> Result<()> {
    let mut sv: Vec<&dyn ToSql> = Vec::new();
    let mut points: Vec<&dyn ToSql> = Vec::new();
    let mut packages: Vec<&dyn ToSql> = Vec::new();
    let mut sessions: Vec<&dyn ToSql> = Vec::new();
    const OPENING: &str = "opening";
    for e in all {
        for r in &e.stored_value {
            sv.extend(params![
                r.id,
                r.member,
                e.opening_id,
                r.delta,
                r.reason,
                e.created
            ]);
        }
        if let Some(r) = &e.points {
            points.extend(params![
                r.id,
                r.member,
                e.opening_id,
                r.delta,
                r.reason,
                r.expires_on,
                e.created
            ]);
        }
        if let Some(p) = &e.package {
            packages.extend(params![
                p.id,
                p.member,
                p.plan_id,
                p.service_id,
                p.name,
                p.expires_on,
                e.opening_id,
                e.created
            ]);
            sessions.extend(params![
                p.ledger_id,
                p.id,
                e.opening_id,
                p.sessions,
                OPENING,
                e.created
            ]);
        }
    }
    w.insert_many(STORED_VALUE, "", 6, &sv)?;
    w.insert_many(POINTS, "", 7, &points)?;
    w.insert_many(PACKAGES, "", 8, &packages)?;
    w.insert_many(PACKAGE_LEDGER, "", 6, &sessions)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::rows::{OpeningPackage, PlanRef};
    use super::*;
    use serde_json::json;

    /// The typed payload writes the text the `json!` value it replaced
    /// wrote (keys sorted, absent fields left out): operations already in
    /// outboxes and on the server read the same as new ones.
    #[test]
    fn the_opening_payload_is_the_text_the_json_value_made() {
        let now = Utc::now();
        let member = MemberId::new(now);
        let o = Opening {
            stored_value: 100_050,
            bonus: 20_000,
            points: 300,
            package: Some(OpeningPackage {
                plan: PlanRef {
                    id: "plan-1".into(),
                    service_id: "svc-1".into(),
                    name: "深层清洁10次卡".into(),
                    valid_days: 365,
                },
                sessions: 6,
                expires_on: NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(),
            }),
        };
        let expire = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
        let e = Entries::of(now, member, &o, expire).unwrap();
        let sv = &e.stored_value;
        let pts = e.points.as_ref().unwrap();
        let pkg = e.package.as_ref().unwrap();
        let want = json!({ "memberId": member, "ledger": [
            { "ledger": "stored_value", "id": sv[0].id, "memberId": member, "delta": 100_050, "reason": "opening" },
            { "ledger": "stored_value", "id": sv[1].id, "memberId": member, "delta": 20_000, "reason": "opening_bonus" },
            { "ledger": "points", "id": pts.id, "memberId": member, "delta": 300, "reason": "opening", "expiresOn": "2027-12-31" },
            { "ledger": "package", "id": pkg.ledger_id, "packageId": pkg.id, "delta": 6, "reason": "opening" },
        ], "packages": [
            { "id": pkg.id, "memberId": member, "planId": "plan-1", "serviceId": "svc-1",
              "name": "深层清洁10次卡", "expiresOn": "2027-06-30", "sessions": 6 },
        ] });
        assert_eq!(
            serde_json::to_string(&e.payload).unwrap(),
            want.to_string(),
            "the member_opening operation's text must not change"
        );
    }
}
