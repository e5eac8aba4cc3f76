//! What "agree" means at the end of the bad day: each till's picture of the
//! members (profile and balances) and of its store's appointments, the
//! server's own (its mirrors and running balances), and the cases that could
//! not merge silently (a balance overdrawn between stores, a beautician
//! double-booked between tills), each of which must be a conflict.

use crate::support::Device;
use salondesk_core::ids::MemberId;
use sqlx::PgPool;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// Profile fields, points, stored value.
pub type Members = BTreeMap<String, (Vec<String>, i64, i64)>;
/// Beautician, start, end, status.
pub type Slot = (String, String, String, String);
pub type Appointments = BTreeMap<String, Slot>;

pub fn members(d: &Device) -> Members {
    let s = d.store();
    let ids: Vec<MemberId> = s
        .conn()
        .prepare("SELECT id FROM members")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    ids.into_iter()
        .map(|id| {
            let m = s.member(id).unwrap();
            let b = salondesk_core::ledger::balances(s.conn(), id).unwrap();
            let profile = vec![
                m.name,
                m.phone.e164().to_owned(),
                m.notes,
                m.allergies,
                m.tier.as_str().to_owned(),
                m.archived.to_string(),
            ];
            (id.to_string(), (profile, b.points, b.stored_value.fen()))
        })
        .collect()
}

pub fn appointments(d: &Device) -> Appointments {
    let s = d.store();
    let mut stmt = s
        .conn()
        .prepare("SELECT id, staff_id, start_at, end_at, status FROM appointments")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows
}

/// The server's running balance of one ledger per member (absent: 0).
pub async fn server_balances(pool: &PgPool, ledger: &str) -> BTreeMap<String, i64> {
    let rows: Vec<(Uuid, i64)> = sqlx::query_as(
        "SELECT member_id, balance FROM balances WHERE ledger = $1 AND member_id IS NOT NULL",
    )
    .bind(ledger)
    .fetch_all(pool)
    .await
    .unwrap();
    rows.into_iter().map(|(m, b)| (m.to_string(), b)).collect()
}

/// The server's mirror of a store's appointments: id → (beautician, status).
pub async fn server_appointments(pool: &PgPool, store: Uuid) -> BTreeMap<String, (String, String)> {
    let rows: Vec<(Uuid, Option<Uuid>, Option<String>)> =
        sqlx::query_as("SELECT id, staff_id, status FROM appointment_mirror WHERE store_id = $1")
            .bind(store)
            .fetch_all(pool)
            .await
            .unwrap();
    rows.into_iter()
        .map(|(id, staff, status)| {
            (
                id.to_string(),
                (
                    staff.map(|s| s.to_string()).unwrap_or_default(),
                    status.unwrap_or_default(),
                ),
            )
        })
        .collect()
}

/// Conflicts the server raised: kind → the sets of ids each names.
pub async fn conflicts(pool: &PgPool) -> BTreeMap<String, Vec<BTreeSet<String>>> {
    let rows: Vec<(String, serde_json::Value)> =
        sqlx::query_as("SELECT kind, entity_ids FROM conflicts")
            .fetch_all(pool)
            .await
            .unwrap();
    let mut out: BTreeMap<String, Vec<BTreeSet<String>>> = BTreeMap::new();
    for (kind, ids) in rows {
        let ids = ids
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        out.entry(kind).or_default().push(ids);
    }
    out
}

/// Pairs of live appointments of one beautician that overlap in time.
pub fn double_bookings(a: &Appointments) -> Vec<(String, String)> {
    let live: Vec<(&String, &Slot)> = a
        .iter()
        .filter(|(_, (_, _, _, status))| !matches!(status.as_str(), "cancelled" | "no_show"))
        .collect();
    let mut pairs = Vec::new();
    for (i, (id_a, (staff_a, start_a, end_a, _))) in live.iter().enumerate() {
        for (id_b, (staff_b, start_b, end_b, _)) in &live[i + 1..] {
            if staff_a == staff_b && start_a < end_b && start_b < end_a {
                pairs.push(((*id_a).clone(), (*id_b).clone()));
            }
        }
    }
    pairs
}
