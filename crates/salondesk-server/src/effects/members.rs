//! Members' phones, mirrored to notice two members registered with one phone
//! (each store registered her offline). The phone merges last-writer-wins by
//! hlc like on the devices; archived and merged-away members drop out.

use super::conflicts::{self, NewConflict};
use crate::auth::Device;
use salondesk_protocol::{Op, OpKind};
use serde_json::{json, Value};
use sqlx::PgConnection;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

struct Mirror {
    store: Option<Uuid>,
    phone: Option<String>,
    phone_hlc: String,
    archived: bool,
}

/// id, store, phone, phone hlc, archived.
type MirrorRow = (Uuid, Option<Uuid>, Option<String>, String, bool);

/// Updates the mirror from the batch's member operations and returns the new
/// duplicate-phone pairs.
pub async fn apply(
    conn: &mut PgConnection,
    device: &Device,
    accepted: &[&Op],
    fresh: &HashSet<Uuid>,
) -> Result<Vec<NewConflict>, sqlx::Error> {
    let ops: Vec<&Op> = accepted
        .iter()
        .copied()
        .filter(|o| {
            o.entity == "member" && (o.kind != OpKind::Upsert || o.payload.get("phone").is_some())
        })
        .collect();
    if ops.is_empty() {
        return Ok(Vec::new());
    }
    let (ids, known) = super::mirror_ids(&ops, fresh);
    let rows: Vec<MirrorRow> = if known.is_empty() {
        Vec::new()
    } else {
        sqlx::query_as(
            "SELECT id, store_id, phone, phone_hlc, archived FROM member_mirror WHERE id = ANY($1)",
        )
        .bind(&known)
        .fetch_all(&mut *conn)
        .await?
    };
    let mut mirror: HashMap<Uuid, Mirror> = rows
        .into_iter()
        .map(|(id, store, phone, phone_hlc, archived)| {
            (
                id,
                Mirror {
                    store,
                    phone,
                    phone_hlc,
                    archived,
                },
            )
        })
        .collect();
    let mut phone_set = HashSet::new();
    for (op, id) in ops.iter().zip(&ids) {
        let m = mirror.entry(*id).or_insert(Mirror {
            store: None,
            phone: None,
            phone_hlc: String::new(),
            archived: false,
        });
        match op.kind {
            OpKind::Archive | OpKind::Merge => m.archived = true,
            // Erased (`privacy`): no phone of hers is kept.
            OpKind::Erase => m.phone = None,
            _ => {
                if op.hlc > m.phone_hlc {
                    m.phone = op
                        .payload
                        .get("phone")
                        .and_then(Value::as_str)
                        .map(str::trim)
                        // "+": no number (an erased member's, a default).
                        .filter(|p| p.len() > 1)
                        .map(str::to_owned);
                    m.phone_hlc = op.hlc.clone();
                    m.store = Some(device.store_id);
                    phone_set.insert(*id);
                }
            }
        }
    }
    save(conn, device, &mirror).await?;
    let candidates: Vec<(Uuid, &str)> = phone_set
        .iter()
        .filter_map(|id| {
            let m = mirror.get(id)?;
            (!m.archived).then_some((*id, m.phone.as_deref()?))
        })
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let (ids, phones): (Vec<Uuid>, Vec<&str>) = candidates.into_iter().unzip();
    // Each candidate probes the index on (tenant, phone); `OFFSET 0` keeps it
    // a nested loop of probes rather than a join that reads the whole mirror.
    let pairs: Vec<(Uuid, Uuid, Option<Uuid>)> = sqlx::query_as(
        "SELECT c.id, b.id, b.store_id
         FROM UNNEST($2::uuid[], $3::text[]) AS c(id, phone)
         CROSS JOIN LATERAL (
             SELECT b.id, b.store_id FROM member_mirror b
             WHERE b.tenant_id = $1 AND b.phone = c.phone AND b.id <> c.id AND NOT b.archived
             OFFSET 0
         ) b",
    )
    .bind(device.tenant_id)
    .bind(&ids)
    .bind(&phones)
    .fetch_all(conn)
    .await?;
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for (a, b, sb) in pairs {
        let sa = mirror.get(&a).and_then(|m| m.store);
        let key = if a < b { (a, b) } else { (b, a) };
        if !seen.insert(key) {
            continue;
        }
        let stores = [sa, sb].into_iter().flatten().collect();
        // No phone in the detail: the stores have it already, and the server
        // keeps as little personal data as it can.
        found.push(NewConflict::pair(
            conflicts::DUPLICATE_PHONE,
            "member",
            a,
            b,
            stores,
            json!({ "memberIds": [key.0, key.1] }),
        ));
    }
    Ok(found)
}

async fn save(
    conn: &mut PgConnection,
    device: &Device,
    mirror: &HashMap<Uuid, Mirror>,
) -> Result<(), sqlx::Error> {
    let mut ids = Vec::new();
    let mut stores = Vec::new();
    let mut phones = Vec::new();
    let mut hlcs = Vec::new();
    let mut archived = Vec::new();
    for (id, m) in mirror {
        ids.push(*id);
        stores.push(m.store);
        phones.push(m.phone.as_deref());
        hlcs.push(m.phone_hlc.as_str());
        archived.push(m.archived);
    }
    sqlx::query(
        "INSERT INTO member_mirror (id, tenant_id, store_id, phone, phone_hlc, archived)
         SELECT u.id, $1, u.store_id, u.phone, u.phone_hlc, u.archived
         FROM UNNEST($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bool[])
              AS u(id, store_id, phone, phone_hlc, archived)
         ON CONFLICT (id) DO UPDATE SET store_id = EXCLUDED.store_id, phone = EXCLUDED.phone,
             phone_hlc = EXCLUDED.phone_hlc, archived = EXCLUDED.archived",
    )
    .bind(device.tenant_id)
    .bind(&ids)
    .bind(&stores)
    .bind(&phones)
    .bind(&hlcs)
    .bind(&archived)
    .execute(conn)
    .await?;
    Ok(())
}
