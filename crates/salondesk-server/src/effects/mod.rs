//! What the server does with a batch's accepted operations besides logging
//! them: derive the chain-wide member ledger rows of sales, keep the mirrors
//! (balances, phones, appointment slots, refunded lines) and raise the
//! conflicts they show, and mark conflicts resolved. All inside the push's transaction.

pub mod appointments;
pub mod conflicts;
pub mod ledger;
pub mod member_coupons;
pub mod members;
pub mod privacy;
pub mod refunds;

use crate::auth::Device;
use crate::clocks::Clocks;
use crate::push::rows::NewOp;
use salondesk_protocol::Op;
use sqlx::PgConnection;
use std::collections::HashSet;
use uuid::Uuid;

/// Applies the effects (`fresh`: the ids first written in this batch) and returns the server-made operations to log after
/// the batch (derived member ledgers, then new conflicts).
pub async fn apply(
    conn: &mut PgConnection,
    device: &Device,
    clocks: &Clocks,
    accepted: &[&Op],
    fresh: &HashSet<Uuid>,
) -> Result<Vec<NewOp>, sqlx::Error> {
    let mut made = ledger::derive(device, accepted);
    conflicts::resolve(conn, device, accepted).await?;
    let mut found = ledger::apply_balances(conn, device, accepted).await?;
    found.extend(members::apply(conn, device, accepted, fresh).await?);
    privacy::apply(conn, device, accepted).await?;
    found.extend(appointments::apply(conn, device, accepted, fresh).await?);
    found.extend(refunds::apply(conn, device, accepted).await?);
    found.extend(member_coupons::apply(conn, device, accepted).await?);
    for op in accepted {
        clocks.observe(device.tenant_id, &op.hlc);
    }
    made.extend(conflicts::record(conn, device, clocks, found).await?);
    Ok(made)
}

/// The entity ids of `ops` (checked UUIDs), and those of them a mirror may
/// already hold: ids first written in this batch (`fresh`) cannot be there yet.
fn mirror_ids(ops: &[&Op], fresh: &HashSet<Uuid>) -> (Vec<Uuid>, Vec<Uuid>) {
    let ids: Vec<Uuid> = ops
        .iter()
        .map(|o| Uuid::parse_str(&o.entity_id).expect("checked: a UUID"))
        .collect();
    let known = ids
        .iter()
        .copied()
        .filter(|id| !fresh.contains(id))
        .collect();
    (ids, known)
}
