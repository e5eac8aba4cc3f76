//! What a device may write: the entities it syncs, whether each is shared by
//! the whole chain or kept to one store, how its id looks, and the payload
//! fields an operation may carry. The server refuses anything else, so a
//! device cannot, say, set a member's balance (balances are not fields: they
//! are sums of ledger entries) or sneak a column in under a new name.
//!
//! The core's tests check that every operation the core emits passes
//! [`check`], so this list and the core cannot drift apart silently.

mod care;
mod catalog;
mod desk;
mod members;

use crate::limits;
use crate::ops::{Op, OpKind};

/// The reason code of an operation with a value out of bounds; the message
/// names the field (`payload.notes: at most 2000 characters`).
pub const INVALID_FIELD: &str = "invalid_field";

/// Who sees an entity's operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every store of the chain (members, catalog, tiers, staff, member ledgers).
    Chain,
    /// Only the store whose device wrote it (appointments, stock, sales, shifts).
    Store,
}

/// How an entity's id is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdForm {
    /// A UUID made on the device: globally unique, owned by the first tenant to use it.
    Uuid,
    /// A name within the tenant (a coupon code, a tier, a settings key).
    Key,
}

#[derive(Debug, Clone, Copy)]
pub struct EntitySpec {
    pub name: &'static str,
    pub scope: Scope,
    pub id: IdForm,
    /// Kinds of operation a device may send for it.
    pub kinds: &'static [OpKind],
    /// Payload fields a device may send.
    pub fields: &'static [&'static str],
}

pub(super) const UPSERT: &[OpKind] = &[OpKind::Upsert];
pub(super) const APPEND: &[OpKind] = &[OpKind::Append];

/// Every entity a device may write, by area of the app (one file each).
const ENTITIES: [&[EntitySpec]; 4] = [
    members::ENTITIES,
    catalog::ENTITIES,
    care::ENTITIES,
    desk::ENTITIES,
];

/// Every entity a device may write.
pub fn entities() -> impl Iterator<Item = &'static EntitySpec> {
    ENTITIES.iter().flat_map(|area| area.iter())
}

/// The fields the server itself writes on a conflict (devices may not).
pub const CONFLICT_SERVER_FIELDS: &[&str] = &[
    "kind",
    "entity",
    "entityIds",
    "storeIds",
    "detail",
    "detectedAt",
];

/// The derived, chain-wide operation the server makes from a sale's member
/// ledger entries (points, stored value, packages), so every store's balances
/// add up while the sale itself stays in its store.
pub const MEMBER_LEDGER_ENTITY: &str = "member_ledger";

pub fn spec(entity: &str) -> Option<&'static EntitySpec> {
    entities().find(|e| e.name == entity)
}

/// Why an operation is refused before anything is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

/// Checks an operation's shape: a known entity, an allowed kind, an id of the
/// right form, a payload object with only allowed fields.
pub fn check(op: &Op) -> Result<&'static EntitySpec, Refusal> {
    let refuse = |code, message: String| Err(Refusal { code, message });
    let Some(spec) = spec(&op.entity) else {
        return refuse(
            "unknown_entity",
            format!("entity {:?} does not sync", op.entity),
        );
    };
    if !spec.kinds.contains(&op.kind) {
        return refuse(
            "kind_not_allowed",
            format!("{} cannot be sent for {}", op.kind.as_str(), spec.name),
        );
    }
    match spec.id {
        IdForm::Uuid if uuid::Uuid::parse_str(&op.entity_id).is_err() => {
            return refuse("bad_id", format!("{} id must be a UUID", spec.name));
        }
        IdForm::Key if op.entity_id.is_empty() || op.entity_id.len() > 64 => {
            return refuse(
                "bad_id",
                format!("{} key must be 1–64 characters", spec.name),
            );
        }
        _ => {}
    }
    let Some(fields) = op.payload.as_object() else {
        return refuse("bad_payload", "payload must be a JSON object".into());
    };
    if op.kind == OpKind::Erase && !fields.is_empty() {
        return refuse(
            "bad_payload",
            "an erase carries nothing: its payload is {}".into(),
        );
    }
    if let Some(bad) = fields.keys().find(|k| !spec.fields.contains(&k.as_str())) {
        return refuse(
            "field_not_allowed",
            format!(
                "{}.{} cannot be written by a device",
                spec.name,
                bad.escape_debug()
            ),
        );
    }
    // Every value in range (see `limits`): a bad one is this operation's
    // refusal, never a failed statement on the server.
    if let Err(e) = limits::check_created_at(op.created_at, None)
        .and_then(|()| limits::check_payload(spec.name, fields))
    {
        return refuse(INVALID_FIELD, e.to_string());
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op(entity: &str, id: &str, kind: OpKind, payload: serde_json::Value) -> Op {
        Op {
            op_id: uuid::Uuid::now_v7(),
            hlc: "001763900000000-000000".into(),
            device_id: uuid::Uuid::now_v7(),
            entity: entity.into(),
            entity_id: id.into(),
            kind,
            payload,
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn refuses_unknown_fields_entities_kinds_and_ids() {
        let id = uuid::Uuid::now_v7().to_string();
        assert!(check(&op("member", &id, OpKind::Upsert, json!({"name": "王芳"}))).is_ok());
        let e = check(&op(
            "member",
            &id,
            OpKind::Upsert,
            json!({"storedValue": 100}),
        ))
        .unwrap_err();
        assert_eq!(e.code, "field_not_allowed");
        let e = check(&op("balance", &id, OpKind::Upsert, json!({}))).unwrap_err();
        assert_eq!(e.code, "unknown_entity");
        let e = check(&op("sale", &id, OpKind::Upsert, json!({}))).unwrap_err();
        assert_eq!(e.code, "kind_not_allowed");
        let e = check(&op("member", "7", OpKind::Upsert, json!({}))).unwrap_err();
        assert_eq!(e.code, "bad_id");
        let e = check(&op(
            "conflict",
            &id,
            OpKind::Upsert,
            json!({"kind": "overdraft"}),
        ))
        .unwrap_err();
        assert_eq!(
            e.code, "field_not_allowed",
            "a device may only resolve a conflict"
        );
        let e = check(&op("member", &id, OpKind::Upsert, json!([1]))).unwrap_err();
        assert_eq!(e.code, "bad_payload");
    }
}
