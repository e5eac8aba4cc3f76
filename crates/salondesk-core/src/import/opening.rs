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
use serde_json::{json, Value};

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
    payload: Value,
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
        let mut ledger: Vec<Value> = Vec::new();
        let mut packages: Vec<Value> = Vec::new();
        let mut stored_value = Vec::new();
        for (delta, reason) in [(o.stored_value, "opening"), (o.bonus, "opening_bonus")] {
            if delta == 0 {
                continue;
            }
            let id = new_v7(now).to_string();
            ledger.push(
                json!({ "ledger": "stored_value", "id": id, "memberId": member,
                                "delta": delta, "reason": reason }),
            );
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
            ledger.push(json!({ "ledger": "points", "id": id, "memberId": member,
                                "delta": o.points, "reason": "opening", "expiresOn": expires }));
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
            packages.push(
                json!({ "id": package_id, "memberId": member, "planId": p.plan.id,
                                  "serviceId": p.plan.service_id, "name": p.plan.name,
                                  "expiresOn": expires, "sessions": p.sessions }),
            );
            ledger.push(
                json!({ "ledger": "package", "id": ledger_id, "packageId": package_id,
                                "delta": p.sessions, "reason": "opening" }),
            );
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
            payload: json!({ "memberId": member, "ledger": ledger, "packages": packages }),
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
