//! `POST /v1/push`: a device's batch of outbox operations, applied in one
//! PostgreSQL transaction and answered with one result per operation, in order.
//!
//! Per operation: it must be the pushing device's, pass the schema, and touch
//! only ids of the device's tenant (and, for store-scope records, its store);
//! an op id already logged is acknowledged as a duplicate, not applied twice.
//! A refused operation is recorded and not applied; the rest of the batch
//! still commits.
//!
//! Ordering: `ops.seq` is a bigserial, and sequence values are handed out when
//! rows are inserted, not when transactions commit. If two pushes of one
//! tenant interleaved, the one holding seq 11 could commit before the one
//! holding seq 10, and a pull in between would move its cursor past 10 for
//! good. So every push takes `pg_advisory_xact_lock(<tenant key>)` first: a
//! tenant's pushes run one at a time and its seqs commit in order (the lock is
//! released at commit, after the rows became visible). Pulls read one tenant,
//! so other tenants' interleaving seqs never matter.
//!
//! A device's own pushes keep its order too, even two in flight at once:
//! `order`.

pub mod authority;
pub mod check;
mod order;
pub mod owners;
pub mod rows;
mod stamp;
pub mod wire;

use crate::auth::{Device, DeviceTag};
use crate::effects;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use check::{Claim, OpIds, Refusal};
use rows::{NewOp, Refused};
use salondesk_protocol::schema::{EntitySpec, Scope};
use salondesk_protocol::{Op, OpResult, OpStatus, PushResponse, MAX_PUSH_OPS};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

pub async fn handler(
    State(state): State<AppState>,
    device: Device,
    headers: axum::http::HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    let body = body.map_err(crate::routes::bytes_rejection)?;
    let waiting = crate::activity::waiting(&headers);
    // Parsing is CPU work of some milliseconds: off the async workers, which
    // meanwhile drive the transaction of the push before this one.
    let now = state.now();
    let (request, prechecked) = tokio::task::spawn_blocking(move || {
        wire::parse_checked(&body, |op| {
            check::precheck(op, &device)
                .and_then(|ok| stamp::check(op, now).map(|()| ok))
                .and_then(|ok| check::created_in_time(op, now).map(|()| ok))
        })
    })
    .await
    .map_err(|_| ApiError::internal())??;
    if request.ops.len() > MAX_PUSH_OPS {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_many_ops",
            format!(
                "{} operations in one push; at most {MAX_PUSH_OPS}",
                request.ops.len()
            ),
        ));
    }
    let results = push(
        &state,
        &device,
        &request.ops,
        &request.payload_texts,
        prechecked,
        request.follows,
    )
    .await?;
    crate::activity::pushed(&state, &device, waiting).await;
    Ok((
        Extension(DeviceTag(device.id)),
        Json(PushResponse {
            results,
            server_time: Some(state.inner.clocks.now()),
        }),
    )
        .into_response())
}

/// What became of one operation of the batch.
enum Fate {
    /// Passed the checks so far.
    Pending(&'static EntitySpec, OpIds),
    Accepted,
    Duplicate,
    Rejected(Refusal),
    /// The same op id earlier in this batch: it shares that one's fate.
    SameAs(usize),
}

/// What `check::precheck` said of one operation.
pub type Prechecked = Result<(&'static EntitySpec, OpIds), Refusal>;

/// Applies a batch for `device` and returns one result per operation.
/// `payload_texts[i]` is `ops[i].payload` as JSON text (what gets logged);
/// `prechecked[i]` is `check::precheck` of `ops[i]` (made while parsing);
/// `follows`: the operation that must be logged first (`PushRequest::follows`).
pub async fn push(
    state: &AppState,
    device: &Device,
    ops: &[Op],
    payload_texts: &[String],
    prechecked: Vec<Prechecked>,
    follows: Option<Uuid>,
) -> ApiResult<Vec<OpResult>> {
    if ops.is_empty() {
        return Ok(Vec::new());
    }
    let mut fates: Vec<Fate> = Vec::with_capacity(ops.len());
    let mut first_index: HashMap<Uuid, usize> = HashMap::new();
    for ((i, op), checked) in ops.iter().enumerate().zip(prechecked) {
        if let Some(&j) = first_index.get(&op.op_id) {
            fates.push(Fate::SameAs(j));
            continue;
        }
        first_index.insert(op.op_id, i);
        fates.push(match checked {
            Ok((spec, ids)) => Fate::Pending(spec, ids),
            Err(r) => Fate::Rejected(r),
        });
    }

    let mut turn = order::begin_after(state, device, follows).await?;
    let tx = &mut turn.tx;

    // Every id each operation writes or names, against its owner.
    let all_ids: Vec<Uuid> = {
        let mut set = HashSet::new();
        for i in pending(&fates) {
            if let Fate::Pending(_, ids) = &fates[i] {
                set.extend(ids.all());
            }
        }
        set.into_iter().collect()
    };
    let mut known = owners::lookup(tx, &all_ids).await?;
    let store_keys: Vec<(String, String)> = pending(&fates)
        .filter_map(|i| match &fates[i] {
            Fate::Pending(_, ids) => ids
                .store_key
                .as_ref()
                .map(|k| (ops[i].entity.clone(), k.clone())),
            _ => None,
        })
        .collect();
    let key_owners = owners::lookup_keys(tx, device, &store_keys).await?;
    judge_all(&mut fates, ops, device, &known, &key_owners);

    // A device may only resolve a conflict its own chain has.
    let conflict_ids: Vec<Uuid> = pending(&fates)
        .filter(|&i| ops[i].entity == "conflict")
        .filter_map(|i| Uuid::parse_str(&ops[i].entity_id).ok())
        .collect();
    let conflicts = effects::conflicts::existing(tx, device, &conflict_ids).await?;
    for i in pending(&fates).collect::<Vec<_>>() {
        if ops[i].entity == "conflict"
            && !Uuid::parse_str(&ops[i].entity_id).is_ok_and(|id| conflicts.contains(&id))
        {
            fates[i] = Fate::Rejected(Refusal::new(
                "unknown_conflict",
                "no such conflict in this chain",
            ));
        }
    }

    // Whether this device may write these records at all (head office).
    let candidates: Vec<(usize, &Op)> = pending(&fates).map(|i| (i, &ops[i])).collect();
    let judged = authority::judge(tx, device, &candidates).await?;
    for (i, r) in judged.refused {
        fates[i] = Fate::Rejected(r);
    }
    // Erasing a member: only a till of her store or head office.
    let candidates: Vec<(usize, &Op)> = pending(&fates).map(|i| (i, &ops[i])).collect();
    for (i, r) in effects::privacy::judge(tx, device, &candidates).await? {
        fates[i] = Fate::Rejected(r);
    }

    // Claim the new ids. Another chain claiming one of them at this very
    // moment (a UUID collision: never in practice) makes its operations ours
    // no longer: judge them again with the winner known.
    let claims = new_claims(&fates, &known);
    let lost = owners::claim(tx, device, &claims).await?;
    let fresh: HashSet<Uuid> = claims
        .iter()
        .map(|c| c.id)
        .filter(|id| !lost.contains(id))
        .collect();
    if !lost.is_empty() {
        known.extend(owners::lookup(tx, &lost).await?);
        judge_all(&mut fates, ops, device, &known, &key_owners);
    }
    let new_keys: Vec<(String, String)> = pending(&fates)
        .filter_map(|i| match &fates[i] {
            Fate::Pending(_, ids) => ids
                .store_key
                .as_ref()
                .map(|k| (ops[i].entity.clone(), k.clone())),
            _ => None,
        })
        .filter(|k| !key_owners.contains_key(k))
        .collect();
    owners::claim_keys(tx, device, &new_keys).await?;

    // An operation about an erased member is scrubbed before it is logged.
    let todo: Vec<usize> = pending(&fates).collect();
    let scrubbed = effects::privacy::scrub_incoming(tx, device, ops, &todo).await?;
    // Log the accepted operations, in the order pushed.
    let to_log: Vec<NewOp> = pending(&fates)
        .map(|i| {
            let Fate::Pending(spec, _) = &fates[i] else {
                unreachable!()
            };
            let store = (spec.scope == Scope::Store).then_some(device.store_id);
            match scrubbed.get(&i) {
                Some((op, text)) => NewOp::from_device(op, store, text),
                None => NewOp::from_device(&ops[i], store, &payload_texts[i]),
            }
        })
        .collect();
    let inserted = rows::insert_ops(tx, device.tenant_id, &to_log).await?;
    // An op id already in the log (the insert skipped it): this device's is a
    // duplicate, acknowledged and not applied again; anyone else's is not this
    // device's to acknowledge. (Checked after the insert, not before: the
    // common batch has no duplicates and so costs no lookup.)
    let skipped: Vec<Uuid> = pending(&fates)
        .map(|i| ops[i].op_id)
        .filter(|id| !inserted.contains(id))
        .collect();
    let logged: HashMap<Uuid, (Uuid, Uuid)> = if skipped.is_empty() {
        HashMap::new()
    } else {
        let rows: Vec<(Uuid, Uuid, Uuid)> =
            sqlx::query_as("SELECT op_id, tenant_id, device_id FROM ops WHERE op_id = ANY($1)")
                .bind(&skipped)
                .fetch_all(&mut **tx)
                .await?;
        rows.into_iter().map(|(o, t, d)| (o, (t, d))).collect()
    };
    for i in pending(&fates).collect::<Vec<_>>() {
        let op_id = ops[i].op_id;
        fates[i] = if inserted.contains(&op_id) {
            Fate::Accepted
        } else if logged.get(&op_id) == Some(&(device.tenant_id, device.id)) {
            Fate::Duplicate
        } else {
            Fate::Rejected(Refusal::new(
                "op_id_taken",
                "this operation id is already used by another device",
            ))
        };
    }

    let refused: Vec<Refused<'_>> = fates
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match f {
            Fate::Rejected(r) => Some(Refused {
                op: &ops[i],
                code: r.code,
                message: &r.message,
            }),
            _ => None,
        })
        .collect();
    rows::insert_refused(tx, device.tenant_id, device.id, &refused).await?;

    let accepted: Vec<&Op> = fates
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f, Fate::Accepted))
        .map(|(i, _)| scrubbed.get(&i).map_or(&ops[i], |(op, _)| op))
        .collect();
    let staff: Vec<(&Op, authority::Home)> = fates
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f, Fate::Accepted))
        .filter_map(|(i, _)| judged.homes.get(&i).map(|h| (&ops[i], *h)))
        .collect();
    authority::record(tx, device, &staff).await?;
    let made = effects::apply(tx, device, &state.inner.clocks, &accepted, &fresh).await?;
    rows::insert_ops(tx, device.tenant_id, &made).await?;
    turn.tx.commit().await?;
    // Wakes a push of this device waiting for one of these operations.
    state.inner.logged.committed(device.id);
    Ok(results(ops, &fates))
}

fn pending(fates: &[Fate]) -> impl Iterator<Item = usize> + '_ {
    fates
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f, Fate::Pending(..)))
        .map(|(i, _)| i)
}

fn judge_all(
    fates: &mut [Fate],
    ops: &[Op],
    device: &Device,
    known: &HashMap<Uuid, owners::Owner>,
    key_owners: &HashMap<(String, String), Uuid>,
) {
    for (i, fate) in fates.iter_mut().enumerate() {
        let Fate::Pending(_, ids) = fate else {
            continue;
        };
        let mut verdict = ids
            .all()
            .try_for_each(|id| owners::judge(known.get(&id), device));
        if let Some(key) = &ids.store_key {
            let owner = key_owners.get(&(ops[i].entity.clone(), key.clone()));
            if owner.is_some_and(|s| *s != device.store_id) {
                verdict = Err(Refusal::forbidden());
            }
        }
        if let Err(r) = verdict {
            *fate = Fate::Rejected(r);
        }
    }
}

/// The ids the pending operations write that nobody owns yet (first claim wins).
fn new_claims(fates: &[Fate], known: &HashMap<Uuid, owners::Owner>) -> Vec<Claim> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for f in fates {
        if let Fate::Pending(_, ids) = f {
            for c in &ids.claims {
                if !known.contains_key(&c.id) && seen.insert(c.id) {
                    out.push(*c);
                }
            }
        }
    }
    out
}

fn results(ops: &[Op], fates: &[Fate]) -> Vec<OpResult> {
    let one = |op: &Op, f: &Fate| match f {
        Fate::Accepted | Fate::Duplicate => OpResult {
            op_id: op.op_id,
            status: if matches!(f, Fate::Accepted) {
                OpStatus::Accepted
            } else {
                OpStatus::Duplicate
            },
            code: None,
            message: None,
            data: None,
        },
        Fate::Rejected(r) => OpResult {
            op_id: op.op_id,
            status: OpStatus::Rejected,
            code: Some(r.code.to_owned()),
            message: Some(r.message.clone()),
            data: r.data.clone(),
        },
        Fate::Pending(..) | Fate::SameAs(_) => unreachable!("settled before answering"),
    };
    ops.iter()
        .zip(fates)
        .map(|(op, f)| match f {
            Fate::SameAs(j) => {
                let mut r = one(op, &fates[*j]);
                if r.status == OpStatus::Accepted {
                    r.status = OpStatus::Duplicate;
                }
                r
            }
            f => one(op, f),
        })
        .collect()
}
