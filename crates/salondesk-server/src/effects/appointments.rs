//! Appointments' slots, mirrored to notice one beautician booked twice for one
//! time from two devices (each desk saw the slot free). Partial upserts merge
//! field by field by hlc, like on the devices. A device never double-books on
//! its own (the core refuses), so only pairs last written from different
//! devices count.

use super::conflicts::{self, NewConflict};
use crate::auth::Device;
use chrono::{DateTime, Utc};
use salondesk_protocol::Op;
use serde_json::{json, Value};
use sqlx::PgConnection;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Statuses that free the slot.
const INACTIVE: &[&str] = &["cancelled", "no_show"];

struct Mirror {
    store: Uuid,
    staff: Option<Uuid>,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
    status: Option<String>,
    staff_hlc: String,
    start_hlc: String,
    end_hlc: String,
    status_hlc: String,
    device: Uuid,
    device_hlc: String,
}

type Row = (
    Uuid,
    Uuid,
    Option<Uuid>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<String>,
    String,
    String,
    String,
    String,
    Uuid,
    String,
);

fn time(v: &Value) -> Option<DateTime<Utc>> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// Sets `field` from `op` if the op is newer than what set it.
fn merge<T>(field: &mut T, field_hlc: &mut String, op: &Op, value: Option<T>) {
    if let Some(v) = value {
        if op.hlc > *field_hlc {
            *field = v;
            *field_hlc = op.hlc.clone();
        }
    }
}

pub async fn apply(
    conn: &mut PgConnection,
    device: &Device,
    accepted: &[&Op],
    fresh: &HashSet<Uuid>,
) -> Result<Vec<NewConflict>, sqlx::Error> {
    let ops: Vec<&Op> = accepted
        .iter()
        .copied()
        .filter(|o| o.entity == "appointment")
        .collect();
    if ops.is_empty() {
        return Ok(Vec::new());
    }
    let (ids, known) = super::mirror_ids(&ops, fresh);
    let rows: Vec<Row> = if known.is_empty() {
        Vec::new()
    } else {
        sqlx::query_as(
            "SELECT id, store_id, staff_id, starts_at, ends_at, status, staff_hlc, start_hlc, end_hlc,
                    status_hlc, device_id, device_hlc
             FROM appointment_mirror WHERE id = ANY($1)",
        )
        .bind(&known)
        .fetch_all(&mut *conn)
        .await?
    };
    let mut mirror: HashMap<Uuid, Mirror> = rows
        .into_iter()
        .map(|r| {
            (
                r.0,
                Mirror {
                    store: r.1,
                    staff: r.2,
                    start: r.3,
                    end: r.4,
                    status: r.5,
                    staff_hlc: r.6,
                    start_hlc: r.7,
                    end_hlc: r.8,
                    status_hlc: r.9,
                    device: r.10,
                    device_hlc: r.11,
                },
            )
        })
        .collect();
    for (op, id) in ops.iter().zip(&ids) {
        let m = mirror.entry(*id).or_insert(Mirror {
            store: device.store_id,
            staff: None,
            start: None,
            end: None,
            status: None,
            staff_hlc: String::new(),
            start_hlc: String::new(),
            end_hlc: String::new(),
            status_hlc: String::new(),
            device: device.id,
            device_hlc: String::new(),
        });
        let p = &op.payload;
        let staff = p
            .get("staffId")
            .map(|v| v.as_str().and_then(|s| Uuid::parse_str(s).ok()));
        merge(&mut m.staff, &mut m.staff_hlc, op, staff);
        merge(&mut m.start, &mut m.start_hlc, op, p.get("start").map(time));
        merge(&mut m.end, &mut m.end_hlc, op, p.get("end").map(time));
        let status = p.get("status").map(|v| v.as_str().map(str::to_owned));
        merge(&mut m.status, &mut m.status_hlc, op, status);
        merge(&mut m.device, &mut m.device_hlc, op, Some(op.device_id));
    }
    save(conn, device, &mirror).await?;
    // Each active slot touched by the batch, as columns.
    let (mut c_ids, mut c_stores, mut c_staff) = (Vec::new(), Vec::new(), Vec::new());
    let (mut c_starts, mut c_ends, mut c_devices) = (Vec::new(), Vec::new(), Vec::new());
    let mut seen_ids = HashSet::new();
    for id in &ids {
        let Some(m) = mirror.get(id) else { continue };
        if !seen_ids.insert(*id) || m.status.as_deref().is_some_and(|s| INACTIVE.contains(&s)) {
            continue;
        }
        if let (Some(staff), Some(start), Some(end)) = (m.staff, m.start, m.end) {
            c_ids.push(*id);
            c_stores.push(m.store);
            c_staff.push(staff);
            c_starts.push(start);
            c_ends.push(end);
            c_devices.push(m.device);
        }
    }
    if c_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Each candidate probes the index on (store, staff, start) for a range.
    // `OFFSET 0` keeps the lateral subquery a nested loop of such probes:
    // flattened into a hash or merge join, one store's whole mirror would be
    // read for every batch. Appointments are assumed shorter than a day, which
    // bounds each probe to the day before the candidate.
    let pairs: Vec<(Uuid, Uuid, Uuid, Uuid)> = sqlx::query_as(
        "SELECT c.id, b.id, c.store_id, c.staff_id
         FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::uuid[])
              AS c(id, store_id, staff_id, starts_at, ends_at, device_id)
         CROSS JOIN LATERAL (
             SELECT b.id FROM appointment_mirror b
             WHERE b.store_id = c.store_id AND b.staff_id = c.staff_id
               AND b.starts_at >= c.starts_at - interval '1 day' AND b.starts_at < c.ends_at
               AND c.starts_at < b.ends_at AND b.id <> c.id AND b.device_id <> c.device_id
               AND coalesce(b.status, '') <> ALL($7)
             OFFSET 0
         ) b",
    )
    .bind(&c_ids)
    .bind(&c_stores)
    .bind(&c_staff)
    .bind(&c_starts)
    .bind(&c_ends)
    .bind(&c_devices)
    .bind(INACTIVE)
    .fetch_all(conn)
    .await?;
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for (a, b, store, staff) in pairs {
        let key = if a < b { (a, b) } else { (b, a) };
        if !seen.insert(key) {
            continue;
        }
        found.push(NewConflict::pair(
            conflicts::DOUBLE_BOOKING,
            "appointment",
            a,
            b,
            vec![store],
            json!({ "staffId": staff, "appointmentIds": [key.0, key.1] }),
        ));
    }
    Ok(found)
}

async fn save(
    conn: &mut PgConnection,
    device: &Device,
    mirror: &HashMap<Uuid, Mirror>,
) -> Result<(), sqlx::Error> {
    let n = mirror.len();
    let (mut ids, mut stores, mut staff, mut starts, mut ends, mut statuses) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut staff_hlc, mut start_hlc, mut end_hlc, mut status_hlc, mut devices, mut device_hlc) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for (id, m) in mirror {
        ids.push(*id);
        stores.push(m.store);
        staff.push(m.staff);
        starts.push(m.start);
        ends.push(m.end);
        statuses.push(m.status.as_deref());
        staff_hlc.push(m.staff_hlc.as_str());
        start_hlc.push(m.start_hlc.as_str());
        end_hlc.push(m.end_hlc.as_str());
        status_hlc.push(m.status_hlc.as_str());
        devices.push(m.device);
        device_hlc.push(m.device_hlc.as_str());
    }
    sqlx::query(
        "INSERT INTO appointment_mirror (id, tenant_id, store_id, staff_id, starts_at, ends_at, status,
                                         staff_hlc, start_hlc, end_hlc, status_hlc, device_id, device_hlc)
         SELECT u.id, $1, u.store_id, u.staff_id, u.starts_at, u.ends_at, u.status,
                u.staff_hlc, u.start_hlc, u.end_hlc, u.status_hlc, u.device_id, u.device_hlc
         FROM UNNEST($2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::text[])
              AS u(id, store_id, staff_id, starts_at, ends_at, status,
                   staff_hlc, start_hlc, end_hlc, status_hlc, device_id, device_hlc)
         ON CONFLICT (id) DO UPDATE SET staff_id = EXCLUDED.staff_id, starts_at = EXCLUDED.starts_at,
             ends_at = EXCLUDED.ends_at, status = EXCLUDED.status, staff_hlc = EXCLUDED.staff_hlc,
             start_hlc = EXCLUDED.start_hlc, end_hlc = EXCLUDED.end_hlc, status_hlc = EXCLUDED.status_hlc,
             device_id = EXCLUDED.device_id, device_hlc = EXCLUDED.device_hlc",
    )
    .bind(device.tenant_id)
    .bind(&ids)
    .bind(&stores)
    .bind(&staff)
    .bind(&starts)
    .bind(&ends)
    .bind(&statuses)
    .bind(&staff_hlc)
    .bind(&start_hlc)
    .bind(&end_hlc)
    .bind(&status_hlc)
    .bind(&devices)
    .bind(&device_hlc)
    .execute(conn)
    .await?;
    Ok(())
}
