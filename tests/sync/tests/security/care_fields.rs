//! Care tasks (issue 17) are checked like every other entity: a good one is
//! accepted; a kind, outcome or date out of bounds is that operation's
//! refusal naming its field (4xx per operation, never a 500).

use super::{outcomes, ACCEPTED};
use crate::support::{op, TestServer};
use salondesk_protocol::{OpKind, OpStatus};
use serde_json::json;
use uuid::Uuid;

const INVALID: (OpStatus, Option<&str>) = (OpStatus::Rejected, Some("invalid_field"));

#[tokio::test(flavor = "multi_thread")]
async fn a_care_task_out_of_bounds_is_refused_naming_its_field() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let dev = s.enrol(c.stores[0]).await;
    let task = |payload| op(&dev, "care_task", Uuid::now_v7(), OpKind::Upsert, payload);
    let good = json!({ "kind": "post_visit", "memberId": Uuid::now_v7(), "dueOn": "2026-11-30",
        "detail": { "service": "深层清洁", "visitOn": "2026-11-23", "days": 7 } });
    let r = s
        .push(
            &dev,
            vec![
                task(good),
                task(json!({ "kind": "anniversary" })),
                task(json!({ "outcome": "maybe" })),
                task(json!({ "dueOn": "2026-02-30" })),
                task(json!({ "note": "x".repeat(5000) })),
                task(json!({ "status": "open", "snoozedUntil": "soon" })),
            ],
        )
        .await;
    assert_eq!(
        outcomes(&r),
        vec![ACCEPTED, INVALID, INVALID, INVALID, INVALID, INVALID],
        "each bad field refuses its own operation: {r:?}"
    );
}
