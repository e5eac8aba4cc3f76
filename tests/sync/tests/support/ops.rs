//! Operations as a device would send them.

use super::http::DeviceCreds;
use salondesk_protocol::{Op, OpKind};
use serde_json::Value;
use std::sync::Mutex;

/// A fresh hlc (`{wall_ms:015}-{counter:06}`), increasing across the process.
pub fn hlc_now() -> String {
    static LAST: Mutex<(i64, u32)> = Mutex::new((0, 0));
    let now = chrono::Utc::now().timestamp_millis();
    let mut last = LAST.lock().unwrap();
    *last = if now > last.0 {
        (now, 0)
    } else {
        (last.0, last.1 + 1)
    };
    format!("{:015}-{:06}", last.0, last.1)
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
