//! Double uses of a member coupon: two tills, both offline, redeem the same
//! coupon bound to one member. Each saw it unused, so each gave the discount.
//! Neither can know, so the server does: it keeps every use and give-back in
//! the order it accepted them (`member_coupon_uses`) and judges each new use
//! by the shared rule (`salondesk_protocol::member_coupons`): the first holds
//! the coupon; a second one while the first still holds it raises a
//! `double_coupon_use` conflict naming both sales, for the manager to settle
//! with the member. Both uses stay logged: the sales happened.

use super::conflicts::{self, NewConflict};
use crate::auth::Device;
use salondesk_protocol::member_coupons::{
    holders, judge_use, UseEvent, UseVerdict, DOUBLE_COUPON_USE, GIVE_BACK,
    MEMBER_COUPON_USE_ENTITY,
};
use salondesk_protocol::Op;
use serde_json::{json, Value};
use sqlx::PgConnection;
use std::collections::HashMap;
use uuid::Uuid;

/// One use or give-back of the batch, read from its payload.
struct Use {
    id: Uuid,
    coupon: Uuid,
    sale: Uuid,
    give_back: bool,
    member: Option<Uuid>,
}

fn uuid_at(p: &Value, k: &str) -> Option<Uuid> {
    p.get(k)
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
}

fn uses(accepted: &[&Op]) -> Vec<Use> {
    accepted
        .iter()
        .filter(|o| o.entity == MEMBER_COUPON_USE_ENTITY)
        .filter_map(|o| {
            Some(Use {
                id: Uuid::parse_str(&o.entity_id).ok()?,
                coupon: uuid_at(&o.payload, "couponId")?,
                sale: uuid_at(&o.payload, "saleId")?,
                give_back: o.payload.get("action").and_then(Value::as_str) == Some(GIVE_BACK),
                member: uuid_at(&o.payload, "memberId"),
            })
        })
        .collect()
}

/// The coupons' histories so far, in the order accepted: (sale, give-back,
/// store) per record.
async fn history(
    conn: &mut PgConnection,
    device: &Device,
    coupons: &[Uuid],
) -> Result<HashMap<Uuid, Vec<(UseEvent, Uuid)>>, sqlx::Error> {
    let rows: Vec<(Uuid, Uuid, bool, Uuid)> = sqlx::query_as(
        "SELECT coupon_id, sale_id, give_back, store_id FROM member_coupon_uses
         WHERE tenant_id = $1 AND coupon_id = ANY($2) ORDER BY seq",
    )
    .bind(device.tenant_id)
    .bind(coupons)
    .fetch_all(conn)
    .await?;
    let mut out: HashMap<Uuid, Vec<(UseEvent, Uuid)>> = HashMap::new();
    for (coupon, sale, give_back, store) in rows {
        out.entry(coupon)
            .or_default()
            .push((UseEvent { sale, give_back }, store));
    }
    Ok(out)
}

/// Records the batch's uses and returns a conflict for each second use.
pub async fn apply(
    conn: &mut PgConnection,
    device: &Device,
    accepted: &[&Op],
) -> Result<Vec<NewConflict>, sqlx::Error> {
    let batch = uses(accepted);
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let mut coupons: Vec<Uuid> = batch.iter().map(|u| u.coupon).collect();
    coupons.sort();
    coupons.dedup();
    let mut before = history(conn, device, &coupons).await?;
    let mut found = Vec::new();
    for u in &batch {
        let past = before.entry(u.coupon).or_default();
        if !u.give_back {
            let held = holders(past.iter().map(|(e, _)| *e));
            if let UseVerdict::Second { holder } = judge_use(&held, u.sale) {
                let holder_store = past
                    .iter()
                    .find(|(e, _)| e.sale == holder)
                    .map_or(device.store_id, |(_, s)| *s);
                found.push(NewConflict {
                    id: Uuid::now_v7(),
                    kind: DOUBLE_COUPON_USE,
                    entity: "member_coupon",
                    entity_ids: vec![u.coupon.to_string(), holder.to_string(), u.sale.to_string()],
                    store_ids: conflicts::dedup(vec![holder_store, device.store_id]),
                    detail: json!({
                        "couponId": u.coupon,
                        "memberId": u.member,
                        "firstSaleId": holder,
                        "secondSaleId": u.sale,
                    }),
                    // One conflict per second use, however often it is seen.
                    pair_key: Some(format!("{DOUBLE_COUPON_USE}:{}:{}", u.coupon, u.sale)),
                });
            }
        }
        past.push((
            UseEvent {
                sale: u.sale,
                give_back: u.give_back,
            },
            device.store_id,
        ));
    }
    save(conn, device, &batch).await?;
    Ok(found)
}

async fn save(conn: &mut PgConnection, device: &Device, batch: &[Use]) -> Result<(), sqlx::Error> {
    let ids: Vec<Uuid> = batch.iter().map(|u| u.id).collect();
    let coupons: Vec<Uuid> = batch.iter().map(|u| u.coupon).collect();
    let sales: Vec<Uuid> = batch.iter().map(|u| u.sale).collect();
    let backs: Vec<bool> = batch.iter().map(|u| u.give_back).collect();
    // WITH ORDINALITY keeps the batch's order in `seq`.
    sqlx::query(
        "INSERT INTO member_coupon_uses (tenant_id, id, coupon_id, sale_id, store_id, give_back)
         SELECT $1, u.id, u.coupon_id, u.sale_id, $2, u.give_back
         FROM UNNEST($3::uuid[], $4::uuid[], $5::uuid[], $6::bool[]) WITH ORDINALITY
              AS u(id, coupon_id, sale_id, give_back, ord)
         ORDER BY u.ord
         ON CONFLICT DO NOTHING",
    )
    .bind(device.tenant_id)
    .bind(device.store_id)
    .bind(&ids)
    .bind(&coupons)
    .bind(&sales)
    .bind(&backs)
    .execute(conn)
    .await?;
    Ok(())
}
