//! Reading a push body: the protocol's `PushRequest`, with each payload also
//! kept as the text it arrived as. The server logs that text as is instead of
//! printing the parsed value again (a batch of sales is megabytes of JSON).
//!
//! Parsing each payload and checking its operation is most of the server's
//! own work on a push, and PostgreSQL waits for it: a batch is cut into parts
//! parsed and checked on threads of their own, one per core (up to 4).

use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, Utc};
use salondesk_protocol::{Op, OpKind};
use serde::Deserialize;
use serde_json::value::RawValue;
use uuid::Uuid;

/// The shape of `salondesk_protocol::Op`, payload left unparsed (a test keeps
/// the two in step).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct WireOp<'a> {
    op_id: Uuid,
    hlc: String,
    device_id: Uuid,
    entity: String,
    entity_id: String,
    kind: OpKind,
    #[serde(borrow)]
    payload: &'a RawValue,
    created_at: DateTime<Utc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireRequest<'a> {
    #[serde(borrow)]
    ops: Vec<WireOp<'a>>,
    #[serde(default)]
    follows: Option<Uuid>,
}

/// The pushed operations, and each one's payload text (valid JSON).
pub struct Received {
    pub ops: Vec<Op>,
    pub payload_texts: Vec<String>,
    /// `PushRequest::follows`.
    pub follows: Option<Uuid>,
}

fn bad(e: serde_json::Error) -> ApiError {
    ApiError::bad_request(format!("the body is not what this call takes: {e}"))
}

#[cfg(test)]
pub fn parse(body: &[u8]) -> ApiResult<Received> {
    parse_checked(body, |_| ()).map(|(received, _)| received)
}

/// Fewer operations than this are parsed on the calling thread alone.
const PARALLEL_FROM: usize = 64;

/// Parses the body, and hands each operation to `check` once parsed; returns
/// the operations and one `check` result per operation, in order.
pub fn parse_checked<T: Send>(
    body: &[u8],
    check: impl Fn(&Op) -> T + Sync,
) -> ApiResult<(Received, Vec<T>)> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let wire: WireRequest<'_> = serde_json::from_slice(body).map_err(bad)?;
    let threads = if wire.ops.len() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
    };
    let part = wire.ops.len().div_ceil(threads).max(1);
    let check = &check;
    let parts: Vec<ApiResult<Vec<(Op, String, T)>>> = std::thread::scope(|s| {
        let mut parts = wire.ops.chunks(part);
        let first = parts.next().unwrap_or_default();
        let others: Vec<_> = parts.map(|p| s.spawn(move || convert(p, check))).collect();
        let mut out = vec![convert(first, check)];
        for h in others {
            out.push(h.join().unwrap_or_else(|_| {
                tracing::error!("a thread parsing a push stopped");
                Err(ApiError::internal())
            }));
        }
        out
    });
    let mut received = Received {
        ops: Vec::with_capacity(wire.ops.len()),
        payload_texts: Vec::with_capacity(wire.ops.len()),
        follows: wire.follows,
    };
    let mut checked = Vec::with_capacity(wire.ops.len());
    for part in parts {
        for (op, text, c) in part? {
            received.ops.push(op);
            received.payload_texts.push(text);
            checked.push(c);
        }
    }
    Ok((received, checked))
}

fn convert<T>(part: &[WireOp<'_>], check: &impl Fn(&Op) -> T) -> ApiResult<Vec<(Op, String, T)>> {
    part.iter()
        .map(|w| {
            let text = w.payload.get();
            let op = Op {
                op_id: w.op_id,
                hlc: w.hlc.clone(),
                device_id: w.device_id,
                entity: w.entity.clone(),
                entity_id: w.entity_id.clone(),
                kind: w.kind,
                payload: serde_json::from_str(text).map_err(bad)?,
                created_at: w.created_at,
            };
            let c = check(&op);
            Ok((op, text.to_owned(), c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use salondesk_protocol::PushRequest;
    use serde_json::json;

    #[test]
    fn reads_what_the_protocol_writes_and_keeps_the_payload_text() {
        let op = Op {
            op_id: Uuid::now_v7(),
            hlc: "001763900000000-000001".into(),
            device_id: Uuid::now_v7(),
            entity: "member".into(),
            entity_id: Uuid::now_v7().to_string(),
            kind: OpKind::Upsert,
            payload: json!({ "name": "王芳", "tags": ["vip"], "n": 3 }),
            created_at: Utc::now(),
        };
        let body = serde_json::to_vec(&PushRequest {
            ops: vec![op.clone()],
            follows: None,
        })
        .unwrap();
        let got = parse(&body).unwrap();
        assert_eq!(got.ops, vec![op.clone()]);
        assert_eq!(got.follows, None);
        let prev = Uuid::now_v7();
        let body = serde_json::to_vec(&PushRequest {
            ops: vec![op.clone()],
            follows: Some(prev),
        })
        .unwrap();
        assert_eq!(parse(&body).unwrap().follows, Some(prev));
        let text: serde_json::Value = serde_json::from_str(&got.payload_texts[0]).unwrap();
        assert_eq!(text, op.payload);

        let mut extra = serde_json::to_value(&op).unwrap();
        extra["balance"] = json!(5);
        let body = json!({ "ops": [extra] }).to_string();
        assert!(
            parse(body.as_bytes()).is_err(),
            "unknown fields are refused"
        );
        assert!(parse(br#"{"ops": [], "x": 1}"#).is_err());
        assert!(parse(b"").is_err(), "an empty body has no ops");
    }
}
