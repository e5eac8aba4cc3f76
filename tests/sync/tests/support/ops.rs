//! Operations as a device would send them.

use super::http::DeviceCreds;
use salondesk_protocol::{Hlc, Op, OpKind};
use serde_json::Value;
use std::sync::Mutex;

/// A fresh hlc, increasing across the process (the protocol's clock).
pub fn hlc_now() -> String {
    static LAST: Mutex<Hlc> = Mutex::new(Hlc {
        wall_ms: 0,
        counter: 0,
    });
    let mut last = LAST.lock().unwrap();
    *last = last.tick(chrono::Utc::now());
    last.to_string()
}

/// An operation written by `device` now.
pub fn op(
    device: &DeviceCreds,
    entity: &str,
    entity_id: impl ToString,
    kind: OpKind,
    payload: Value,
) -> Op {
    Op {
        op_id: uuid::Uuid::now_v7(),
        hlc: hlc_now(),
        device_id: device.device_id,
        entity: entity.into(),
        entity_id: entity_id.to_string(),
        kind,
        payload,
        created_at: chrono::Utc::now(),
    }
}
