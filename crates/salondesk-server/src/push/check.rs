//! What can be said about one pushed operation before anything is looked up:
//! it is this device's, its shape is allowed (`schema::check`), its clock is
//! well formed, its payload holds only integers for numbers (money is fen) and
//! ledger entries the server can add up; and which ids it writes or names.

use crate::auth::Device;
use salondesk_protocol::schema::{self, EntitySpec, IdForm, Scope};
use salondesk_protocol::Op;
use serde_json::{Map, Value};
use uuid::Uuid;

/// Why an operation is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
    /// What it is about, as data (minutes ahead, …).
    pub data: Option<Value>,
}

impl Refusal {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Refusal {
            code,
            message: message.into(),
            data: None,
        }
    }

    pub fn forbidden() -> Self {
        Refusal::new(
            "forbidden",
            "the operation writes or names a record of another store or chain",
        )
    }
}

/// Arrays of a sale whose elements carry their own ids (written with the sale).
const NESTED: &[&str] = &["ledger", "packages", "lines", "tenders"];

/// An id the operation writes, with the store it will belong to (None: the
/// whole chain).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    pub id: Uuid,
    pub store: Option<Uuid>,
}

/// The ids an operation touches. Every one of them is checked against its
/// owner; only `claims` are recorded as the device's chain's (and store's).
#[derive(Debug, Default)]
pub struct OpIds {
    /// The record it writes (UUID-form entities), and the packages a sale
    /// sells: later sales in every store of the chain name those.
    pub claims: Vec<Claim>,
    /// The rows nested in a sale (ledger rows, lines, tenders). Checked, not
    /// recorded: they travel only inside their sale, and recording a dozen
    /// ids per sale would triple the server's work per sale, for nothing the
    /// check of the sale's own id does not already give.
    pub rows: Vec<Uuid>,
    /// A store-scope record with a key for an id (a reminder message).
    pub store_key: Option<String>,
    /// Every other id it names (`memberId`, `survivor`, `originalSaleId`, ...).
    pub refs: Vec<Uuid>,
}

impl OpIds {
    pub fn all(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.claims
            .iter()
            .map(|c| c.id)
            .chain(self.rows.iter().copied())
            .chain(self.refs.iter().copied())
    }
}

/// Checks an operation on its own; Ok carries its spec and ids.
pub fn precheck(op: &Op, device: &Device) -> Result<(&'static EntitySpec, OpIds), Refusal> {
    if op.device_id != device.id {
        return Err(Refusal::new(
            "wrong_device",
            "the operation names another device than the one pushing it",
        ));
    }
    let spec = schema::check(op).map_err(|r| Refusal::new(r.code, r.message))?;
    if op.entity_id.chars().any(char::is_control) {
        return Err(Refusal::new(
            "bad_id",
            "an id cannot hold control characters",
        ));
    }
    // Its form only; how far ahead it may be needs the server's clock (`stamp`).
    if let Err(e) = salondesk_protocol::Hlc::parse(&op.hlc) {
        return Err(Refusal::new(
            salondesk_protocol::hlc::BAD_HLC,
            e.to_string(),
        ));
    }
    let payload = op.payload.as_object().expect("schema::check: an object");
    if let Some(path) = first_non_integer(&op.payload, "payload") {
        return Err(Refusal::new(
            "bad_payload",
            format!("{path}: numbers must be integers (money is in fen)"),
        ));
    }
    match spec.name {
        "sale" => check_sale(payload)?,
        "points_ledger" => {
            uuid_field(payload, "memberId", "payload")?;
            int_field(payload, "delta", "payload")?;
        }
        "member_opening" => {
            uuid_field(payload, "memberId", "payload")?;
        }
        "appointment" => check_appointment(payload)?,
        "member" => {
            if let Some(p) = payload.get("phone") {
                if !(p.is_string() || p.is_null()) {
                    return Err(Refusal::new("bad_payload", "phone must be text"));
                }
            }
        }
        _ => {}
    }
    Ok((spec, ids(op, spec, device)))
}

/// An operation made more than a day ahead of the server's clock: the till's
/// clock is wrong (the year bounds are the schema's, see `limits`).
pub fn created_in_time(op: &Op, now: chrono::DateTime<chrono::Utc>) -> Result<(), Refusal> {
    salondesk_protocol::limits::check_created_at(op.created_at, Some(now))
        .map_err(|e| Refusal::new(schema::INVALID_FIELD, e.to_string()))
}

/// Where the first number that is not an integer sits (`payload.lines[0].qty`).
/// The path is only spelled out once one is found.
fn first_non_integer(v: &Value, path: &str) -> Option<String> {
    fn has_one(v: &Value) -> bool {
        match v {
            Value::Number(n) => !n.is_i64(),
            Value::Array(a) => a.iter().any(has_one),
            Value::Object(o) => o.values().any(has_one),
            _ => false,
        }
    }
    if !has_one(v) {
        return None;
    }
    match v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .find_map(|(i, x)| first_non_integer(x, &format!("{path}[{i}]"))),
        Value::Object(o) => o
            .iter()
            .find_map(|(k, x)| first_non_integer(x, &format!("{path}.{k}"))),
        _ => Some(path.to_owned()),
    }
}

fn bad(path: &str, what: &str) -> Refusal {
    Refusal::new("bad_payload", format!("{path} {what}"))
}

fn uuid_field(o: &Map<String, Value>, k: &str, at: &str) -> Result<Uuid, Refusal> {
    o.get(k)
        .and_then(Value::as_str)
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| bad(&format!("{at}.{k}"), "must be an id"))
}

fn int_field(o: &Map<String, Value>, k: &str, at: &str) -> Result<i64, Refusal> {
    o.get(k)
        .and_then(Value::as_i64)
        .ok_or_else(|| bad(&format!("{at}.{k}"), "must be an integer"))
}

fn objects<'a>(p: &'a Map<String, Value>, k: &str) -> Result<Vec<&'a Map<String, Value>>, Refusal> {
    match p.get(k) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| {
                x.as_object()
                    .ok_or_else(|| bad(&format!("payload.{k}"), "must hold objects"))
            })
            .collect(),
        Some(_) => Err(bad(&format!("payload.{k}"), "must be an array")),
    }
}

/// A sale's member ledger rows must be countable: the server sums them.
fn check_sale(p: &Map<String, Value>) -> Result<(), Refusal> {
    for (i, e) in objects(p, "ledger")?.into_iter().enumerate() {
        let at = format!("payload.ledger[{i}]");
        let ledger = e
            .get("ledger")
            .and_then(Value::as_str)
            .ok_or_else(|| bad(&at, "needs a `ledger`"))?;
        match ledger {
            "points" | "stored_value" => {
                uuid_field(e, "memberId", &at)?;
                int_field(e, "delta", &at)?;
            }
            "package" => {
                uuid_field(e, "packageId", &at)?;
                int_field(e, "delta", &at)?;
            }
            _ => {}
        }
    }
    for (i, k) in objects(p, "packages")?.into_iter().enumerate() {
        uuid_field(k, "id", &format!("payload.packages[{i}]"))?;
    }
    objects(p, "lines")?;
    objects(p, "tenders")?;
    Ok(())
}

fn check_appointment(p: &Map<String, Value>) -> Result<(), Refusal> {
    for k in ["start", "end"] {
        match p.get(k) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if chrono::DateTime::parse_from_rfc3339(s).is_ok() => {}
            Some(_) => return Err(bad(&format!("payload.{k}"), "must be an RFC 3339 time")),
        }
    }
    match p.get("staffId") {
        None | Some(Value::Null) => {}
        Some(_) => {
            uuid_field(p, "staffId", "payload")?;
        }
    }
    Ok(())
}

/// Every id the operation writes or names. Values that are not UUIDs are not
/// ids the server tracks (keys, free text) and are left alone.
fn ids(op: &Op, spec: &EntitySpec, device: &Device) -> OpIds {
    let own_store = (spec.scope == Scope::Store).then_some(device.store_id);
    let mut out = OpIds::default();
    match spec.id {
        IdForm::Uuid => {
            let id = Uuid::parse_str(&op.entity_id).expect("schema::check: a UUID");
            out.claims.push(Claim {
                id,
                store: own_store,
            });
        }
        IdForm::Key if spec.scope == Scope::Store => out.store_key = Some(op.entity_id.clone()),
        IdForm::Key => {}
    }
    walk(&op.payload, None, &mut out);
    let mut seen: std::collections::HashSet<Uuid> = out.claims.iter().map(|c| c.id).collect();
    out.rows.retain(|r| seen.insert(*r));
    out.refs.retain(|r| seen.insert(*r));
    out
}

/// `nested_in`: the sale array this object is an element of, if any.
fn walk(v: &Value, nested_in: Option<&str>, out: &mut OpIds) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                if let Value::String(s) = x {
                    let Ok(id) = Uuid::parse_str(s) else { continue };
                    if k == "id" && nested_in == Some("packages") {
                        // Packages are redeemed in every store of the chain.
                        out.claims.push(Claim { id, store: None });
                    } else if k == "id" && nested_in.is_some() {
                        out.rows.push(id);
                    } else if k.ends_with("Id") || k == "survivor" {
                        out.refs.push(id);
                    }
                } else if let (Value::Array(items), true) = (x, NESTED.contains(&k.as_str())) {
                    for item in items {
                        walk(item, Some(k), out);
                    }
                } else {
                    walk(x, None, out);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, None, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use salondesk_protocol::OpKind;
    use serde_json::json;

    fn device() -> Device {
        Device {
            id: Uuid::now_v7(),
            tenant_id: Uuid::now_v7(),
            store_id: Uuid::now_v7(),
        }
    }

    fn op(d: &Device, entity: &str, id: &str, kind: OpKind, payload: Value) -> Op {
        Op {
            op_id: Uuid::now_v7(),
            hlc: "001763900000000-000001".into(),
            device_id: d.id,
            entity: entity.into(),
            entity_id: id.into(),
            kind,
            payload,
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn a_sale_claims_its_rows_and_names_its_references() {
        let d = device();
        let (sale, member, entry, pkg, line, staff) = (
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        );
        let o = op(
            &d,
            "sale",
            &sale.to_string(),
            OpKind::Append,
            json!({
                "memberId": member, "total": 100, "couponCode": "SPRING",
                "lines": [{"id": line, "itemId": "not-a-uuid", "staff": [{"staffId": staff, "shareBp": 10000}]}],
                "packages": [{"id": pkg, "memberId": member}],
                "ledger": [{"ledger": "stored_value", "id": entry, "memberId": member, "delta": -100}],
            }),
        );
        let (_, ids) = precheck(&o, &d).unwrap();
        let claims: Vec<_> = ids.claims.iter().map(|c| (c.id, c.store)).collect();
        assert_eq!(
            claims,
            vec![(sale, Some(d.store_id)), (pkg, None)],
            "the sale is its store's, its packages the chain's"
        );
        let mut rows = ids.rows.clone();
        rows.sort();
        let mut want = vec![line, entry];
        want.sort();
        assert_eq!(rows, want, "nested rows are checked");
        assert_eq!(ids.refs.len(), 2, "member once, staff: {:?}", ids.refs);
        assert!(ids.refs.contains(&member) && ids.refs.contains(&staff));
    }

    #[test]
    fn refusals() {
        let d = device();
        let id = Uuid::now_v7().to_string();
        let mut o = op(&d, "member", &id, OpKind::Upsert, json!({"name": "x"}));
        assert!(precheck(&o, &d).is_ok());
        o.device_id = Uuid::now_v7();
        assert_eq!(precheck(&o, &d).unwrap_err().code, "wrong_device");
        let o = op(&d, "member", &id, OpKind::Upsert, json!({"storedValue": 5}));
        assert_eq!(precheck(&o, &d).unwrap_err().code, "field_not_allowed");
        let mut o = op(&d, "member", &id, OpKind::Upsert, json!({}));
        o.hlc = "yesterday".into();
        assert_eq!(precheck(&o, &d).unwrap_err().code, "bad_hlc");
        let o = op(&d, "product", &id, OpKind::Upsert, json!({"price": 9.99}));
        let e = precheck(&o, &d).unwrap_err();
        assert_eq!(
            (e.code, e.message.contains("payload.price")),
            ("bad_payload", true)
        );
        let o = op(
            &d,
            "sale",
            &id,
            OpKind::Append,
            json!({"ledger": [{"ledger": "points", "memberId": "x", "delta": 1}]}),
        );
        assert_eq!(precheck(&o, &d).unwrap_err().code, "bad_payload");
        let o = op(
            &d,
            "points_ledger",
            &id,
            OpKind::Append,
            json!({"memberId": id}),
        );
        assert_eq!(precheck(&o, &d).unwrap_err().code, "bad_payload");
        let o = op(
            &d,
            "appointment",
            &id,
            OpKind::Upsert,
            json!({"start": "9am"}),
        );
        assert_eq!(precheck(&o, &d).unwrap_err().code, "invalid_field");
    }
    #[test]
    fn an_opening_balance_is_the_chains_and_names_its_member() {
        let d = device();
        let (opening, member, entry, pkg) = (
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        );
        let o = op(
            &d,
            "member_opening",
            &opening.to_string(),
            OpKind::Append,
            json!({
                "memberId": member,
                "packages": [{"id": pkg, "memberId": member, "sessions": 6}],
                "ledger": [{"ledger": "stored_value", "id": entry, "memberId": member,
                            "delta": 100_000, "reason": "opening"}],
            }),
        );
        let (_, ids) = precheck(&o, &d).unwrap();
        let claims: Vec<_> = ids.claims.iter().map(|c| (c.id, c.store)).collect();
        assert_eq!(
            claims,
            vec![(opening, None), (pkg, None)],
            "an opening and its packages are the chain's: redeemed in every store"
        );
        assert_eq!(
            ids.rows,
            vec![entry],
            "its ledger row is checked like a sale's"
        );
        let o = op(
            &d,
            "member_opening",
            &opening.to_string(),
            OpKind::Append,
            json!({"ledger": []}),
        );
        assert_eq!(
            precheck(&o, &d).unwrap_err().code,
            "bad_payload",
            "an opening names whose it is"
        );
    }
}
