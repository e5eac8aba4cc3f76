//! Member ledgers (points, stored value, packages) across stores.
//!
//! A sale stays in its store, but the member's ledger rows in it must reach
//! every store, or balances would differ by store. So for each sale with such
//! rows the server appends a derived chain-wide `member_ledger` operation
//! carrying just those rows (and the packages bought). It is signed with the
//! pushing device's id, so that device (which has the rows) does not pull it
//! back, and its op id is a UUID v5 of the sale's op id, so it is made once.
//!
//! The server also keeps running balances, to notice one overdrawn by offline
//! sales in two stores (each store saw enough; together they spent too much).

use super::conflicts::{self, NewConflict};
use crate::auth::Device;
use crate::push::rows::NewOp;
use salondesk_protocol::schema::MEMBER_LEDGER_ENTITY;
use salondesk_protocol::Op;
use serde_json::{json, Map, Value};
use sqlx::PgConnection;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Namespace of the derived operations' ids (UUID v5 of the sale's op id).
const MEMBER_LEDGER_NAMESPACE: Uuid = Uuid::from_u128(0x5a10_4d35_6b2c_4e71_9f0a_3c1d_2b8e_7f64);

/// The op id of the `member_ledger` operation derived from a sale's op.
pub fn member_ledger_op_id(sale_op_id: Uuid) -> Uuid {
    Uuid::new_v5(&MEMBER_LEDGER_NAMESPACE, sale_op_id.as_bytes())
}

const MEMBER_LEDGERS: &[&str] = &["points", "stored_value", "package"];

/// Member ledgers handed on to every store but kept no balance of here: a
/// tier's free services (`free_service`) come round each period, so their
/// sum alone is no overdraft.
const FORWARDED_ONLY: &[&str] = &["free_service"];

/// One change to a balance.
struct Movement<'a> {
    ledger: &'static str,
    subject: Uuid,
    member: Option<Uuid>,
    delta: i64,
    hlc: &'a str,
}

fn uuid_at(o: &Map<String, Value>, k: &str) -> Option<Uuid> {
    o.get(k)
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
}

fn ledger_name(s: &str) -> Option<&'static str> {
    MEMBER_LEDGERS.iter().copied().find(|l| *l == s)
}

/// The derived `member_ledger` operations of the batch's accepted sales.
pub fn derive(device: &Device, accepted: &[&Op]) -> Vec<NewOp> {
    let mut out = Vec::new();
    for op in accepted.iter().filter(|o| o.entity == "sale") {
        let p = op.payload.as_object().expect("checked: an object");
        let entries: Vec<&Value> = p
            .get("ledger")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|e| {
                e.get("ledger")
                    .and_then(Value::as_str)
                    .is_some_and(|l| ledger_name(l).is_some() || FORWARDED_ONLY.contains(&l))
            })
            .collect();
        let packages = p
            .get("packages")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty());
        // A member's sale (not a refund or void) is one of her visits in
        // every store: their follow-ups and lapsed lists go by it.
        let visit_of = p
            .get("memberId")
            .filter(|m| m.is_string())
            .filter(|_| p.get("kind").and_then(Value::as_str).unwrap_or("sale") == "sale");
        if entries.is_empty() && packages.is_none() && visit_of.is_none() {
            continue;
        }
        let mut payload = json!({
            "saleId": op.entity_id,
            "storeId": device.store_id,
            "entries": entries,
        });
        if let Some(member) = visit_of {
            payload["visitOf"] = member.clone();
        }
        if let Some(packages) = packages {
            payload["packages"] = Value::Array(packages.clone());
        }
        if let Some(at) = p.get("createdAt") {
            payload["createdAt"] = at.clone();
        }
        out.push(NewOp {
            op_id: member_ledger_op_id(op.op_id),
            store_id: None,
            device_id: device.id,
            entity: MEMBER_LEDGER_ENTITY.into(),
            entity_id: op.entity_id.clone(),
            kind: "append",
            hlc: op.hlc.clone(),
            payload: payload.to_string(),
            created_at: op.created_at,
        });
    }
    out
}

fn movements<'a>(accepted: &[&'a Op]) -> Vec<Movement<'a>> {
    let mut out = Vec::new();
    for op in accepted {
        let p = op.payload.as_object().expect("checked: an object");
        match op.entity.as_str() {
            // A sale's rows name their own member (a top-up may be for another).
            "sale" => ledger_rows(op, p, RowMember::OwnField, &mut out),
            // An import's opening balances: credits like a sale's rows, so a
            // later payment from them is no overdraft here; all are hers.
            "member_opening" => ledger_rows(op, p, RowMember::TheOps, &mut out),
            "points_ledger" => {
                if let (Some(m), Some(delta)) = (
                    uuid_at(p, "memberId"),
                    p.get("delta").and_then(Value::as_i64),
                ) {
                    out.push(Movement {
                        ledger: "points",
                        subject: m,
                        member: Some(m),
                        delta,
                        hlc: &op.hlc,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// Whose a non-package row of a `ledger` array is.
enum RowMember {
    /// The row's own `memberId`.
    OwnField,
    /// The operation's `memberId`.
    TheOps,
}

/// The movements of an operation's `ledger` array: a package row moves its
/// package (for the operation's member), another row its member.
fn ledger_rows<'a>(
    op: &'a Op,
    p: &Map<String, Value>,
    whose: RowMember,
    out: &mut Vec<Movement<'a>>,
) {
    let op_member = uuid_at(p, "memberId");
    for e in p
        .get("ledger")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let Some(ledger) = e
            .get("ledger")
            .and_then(Value::as_str)
            .and_then(ledger_name)
        else {
            continue;
        };
        let (subject, member) = match (ledger == "package", &whose) {
            (true, _) => (uuid_at(e, "packageId"), op_member),
            (false, RowMember::OwnField) => {
                let m = uuid_at(e, "memberId");
                (m, m)
            }
            (false, RowMember::TheOps) => (op_member, op_member),
        };
        if let (Some(subject), Some(delta)) = (subject, e.get("delta").and_then(Value::as_i64)) {
            out.push(Movement {
                ledger,
                subject,
                member,
                delta,
                hlc: &op.hlc,
            });
        }
    }
}

struct Balance {
    member: Option<Uuid>,
    balance: i64,
    last_credit_hlc: String,
    /// Store → hlc of its latest debit (only debits after the latest credit kept).
    debit_hlcs: BTreeMap<Uuid, String>,
    open_conflict: Option<Uuid>,
}

type Key = (&'static str, Uuid);

/// ledger, subject, member, balance, last credit hlc, debit hlcs (JSON), open conflict.
type BalanceRow = (
    String,
    Uuid,
    Option<Uuid>,
    i64,
    String,
    String,
    Option<Uuid>,
);

/// Adds the batch's ledger rows to the balances and returns the overdrafts it
/// caused (a balance below zero with no open overdraft conflict).
pub async fn apply_balances(
    conn: &mut PgConnection,
    device: &Device,
    accepted: &[&Op],
) -> Result<Vec<NewConflict>, sqlx::Error> {
    let moves = movements(accepted);
    if moves.is_empty() {
        return Ok(Vec::new());
    }
    let mut keys: Vec<Key> = moves.iter().map(|m| (m.ledger, m.subject)).collect();
    keys.sort();
    keys.dedup();
    let ledgers: Vec<&str> = keys.iter().map(|k| k.0).collect();
    let subjects: Vec<Uuid> = keys.iter().map(|k| k.1).collect();
    let rows: Vec<BalanceRow> = sqlx::query_as(
        // One primary-key probe per key (`OFFSET 0`: never a scan of all balances).
        "SELECT b.ledger, b.subject_id, b.member_id, b.balance, b.last_credit_hlc,
                b.debit_hlcs::text, b.open_conflict
         FROM UNNEST($2::text[], $3::uuid[]) AS u(ledger, subject_id)
         CROSS JOIN LATERAL (
             SELECT * FROM balances b
             WHERE b.tenant_id = $1 AND b.ledger = u.ledger AND b.subject_id = u.subject_id
             OFFSET 0
         ) b",
    )
    .bind(device.tenant_id)
    .bind(&ledgers)
    .bind(&subjects)
    .fetch_all(&mut *conn)
    .await?;
    let mut balances: HashMap<Key, Balance> = HashMap::new();
    for (ledger, subject, member, balance, last_credit_hlc, debits, open_conflict) in rows {
        let Some(ledger) = ledger_name(&ledger) else {
            continue;
        };
        balances.insert(
            (ledger, subject),
            Balance {
                member,
                balance,
                last_credit_hlc,
                debit_hlcs: serde_json::from_str(&debits).unwrap_or_default(),
                open_conflict,
            },
        );
    }
    // Only a debit can make an overdraft (a credit that leaves a resolved
    // overdraft still below zero raises nothing new).
    let mut debited: std::collections::HashSet<Key> = std::collections::HashSet::new();
    for m in &moves {
        if m.delta < 0 {
            debited.insert((m.ledger, m.subject));
        }
        let b = balances.entry((m.ledger, m.subject)).or_insert(Balance {
            member: m.member,
            balance: 0,
            last_credit_hlc: String::new(),
            debit_hlcs: BTreeMap::new(),
            open_conflict: None,
        });
        b.member = b.member.or(m.member);
        b.balance = b.balance.saturating_add(m.delta);
        if m.delta > 0 && m.hlc > b.last_credit_hlc.as_str() {
            b.last_credit_hlc = m.hlc.to_owned();
        } else if m.delta < 0 {
            let at = b.debit_hlcs.entry(device.store_id).or_default();
            if m.hlc > at.as_str() {
                *at = m.hlc.to_owned();
            }
        }
    }
    let mut found = Vec::new();
    for (&(ledger, subject), b) in balances.iter_mut() {
        // A debit older than the latest credit cannot have made an overdraft.
        let since = b.last_credit_hlc.clone();
        b.debit_hlcs.retain(|_, hlc| *hlc > since);
        if b.balance >= 0 || b.open_conflict.is_some() || !debited.contains(&(ledger, subject)) {
            continue;
        }
        let mut stores: Vec<Uuid> = b.debit_hlcs.keys().copied().collect();
        if stores.is_empty() {
            stores.push(device.store_id);
        }
        let mut detail = json!({ "ledger": ledger, "balance": b.balance });
        if let Some(m) = b.member {
            detail["memberId"] = json!(m);
        }
        if ledger == "package" {
            detail["packageId"] = json!(subject);
        }
        let (entity, entity_id) = match (ledger, b.member) {
            (_, Some(m)) => ("member", m),
            ("package", None) => ("package", subject),
            (_, None) => ("member", subject),
        };
        let c = NewConflict {
            id: Uuid::now_v7(),
            kind: conflicts::OVERDRAFT,
            entity,
            entity_ids: vec![entity_id.to_string()],
            store_ids: conflicts::dedup(stores),
            detail,
            pair_key: None,
        };
        b.open_conflict = Some(c.id);
        found.push(c);
    }
    save(conn, device, &balances).await?;
    Ok(found)
}

async fn save(
    conn: &mut PgConnection,
    device: &Device,
    balances: &HashMap<Key, Balance>,
) -> Result<(), sqlx::Error> {
    let mut ledgers = Vec::new();
    let mut subjects = Vec::new();
    let mut members = Vec::new();
    let mut amounts = Vec::new();
    let mut credits = Vec::new();
    let mut debits = Vec::new();
    let mut open = Vec::new();
    for (&(ledger, subject), b) in balances {
        ledgers.push(ledger);
        subjects.push(subject);
        members.push(b.member);
        amounts.push(b.balance);
        credits.push(b.last_credit_hlc.as_str());
        debits.push(serde_json::to_string(&b.debit_hlcs).expect("a map of strings"));
        open.push(b.open_conflict);
    }
    sqlx::query(
        "INSERT INTO balances (tenant_id, ledger, subject_id, member_id, balance, last_credit_hlc, debit_hlcs, open_conflict)
         SELECT $1, u.ledger, u.subject_id, u.member_id, u.balance, u.credit, u.debits::jsonb, u.open_conflict
         FROM UNNEST($2::text[], $3::uuid[], $4::uuid[], $5::int8[], $6::text[], $7::text[], $8::uuid[])
              AS u(ledger, subject_id, member_id, balance, credit, debits, open_conflict)
         ON CONFLICT (tenant_id, ledger, subject_id) DO UPDATE SET
             member_id = EXCLUDED.member_id, balance = EXCLUDED.balance,
             last_credit_hlc = EXCLUDED.last_credit_hlc, debit_hlcs = EXCLUDED.debit_hlcs,
             open_conflict = EXCLUDED.open_conflict",
    )
    .bind(device.tenant_id)
    .bind(&ledgers)
    .bind(&subjects)
    .bind(&members)
    .bind(&amounts)
    .bind(&credits)
    .bind(&debits)
    .bind(&open)
    .execute(conn)
    .await?;
    Ok(())
}
