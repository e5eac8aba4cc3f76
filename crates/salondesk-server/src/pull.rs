//! `GET /v1/pull?after=<seq>&limit=<n>`: the device's tenant's operations
//! after its cursor that it may see (chain-wide ones, and its own store's),
//! not written by itself (unless it asks for them: `own`, a till restored
//! from a backup of itself), oldest first.
//!
//! The head (the tenant's newest seq) is read first and the page is read up
//! to it. Pushes of a tenant commit their seqs in order (see `push`), so every
//! seq up to the head is committed when it is read, and a cursor never passes
//! an operation still to come. When nothing more in scope exists up to the
//! head, the cursor is the head: a device that wrote everything itself still
//! advances.
//!
//! A restored server (fault 9): a device names the operation it believes sits
//! at its cursor (`afterOp`, from the `cursorOp` of the page that moved it
//! there) and its own newest operation this server settled (`settledOp`). A
//! log that lacks either is not the one the device pulled from or pushed to:
//! the server went back to a backup. It answers 409 `log_rewound`, and the
//! device steps back to an older checkpoint and pushes again what it keeps
//! (the reasoning is in the core's `sync::rewind`). Two index lookups a pull.
//!
//! Payloads are stored as JSON text and written into the reply as they are,
//! without being parsed and printed again.

use crate::auth::{Device, DeviceTag};
use crate::error::{ApiError, ApiResult};
use crate::push::authority;
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::{DateTime, SecondsFormat, Utc};
use salondesk_protocol::chain::feedback_for_head_office;
use salondesk_protocol::{LOG_REWOUND, MAX_PULL_OPS};
use serde::Deserialize;
use uuid::Uuid;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullParams {
    #[serde(default)]
    after: i64,
    limit: Option<i64>,
    /// The operation the device believes is at `after`.
    after_op: Option<Uuid>,
    /// The device's newest operation it believes this server holds.
    settled_op: Option<Uuid>,
    /// The device's own operations too: a till restored from a backup of
    /// itself gets back what it pushed after the backup (the core's
    /// `sync::restored`). Its own store's and chain-wide ones only, as ever.
    #[serde(default)]
    own: bool,
    /// The till understands `PulledOp::store_id`: if it is a head-office
    /// device, it also gets every other store's sales (for its reports).
    #[serde(default)]
    other_stores: bool,
    /// With `other_stores`: the till also understands another store's
    /// `visit_feedback` (its ratings, for the chain's staff report).
    #[serde(default)]
    other_ratings: bool,
}

/// What a pull names for the server to check (see the module doc).
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchor {
    pub after: i64,
    pub after_op: Option<Uuid>,
    pub settled_op: Option<Uuid>,
    pub own: bool,
    /// Other stores' sales too, marked with their store (head office only).
    pub other_stores: bool,
    /// And other stores' ratings, reduced (`feedback_for_head_office`).
    pub other_ratings: bool,
}

type Row = (
    i64,
    Uuid,
    String,
    Uuid,
    String,
    String,
    String,
    String,
    DateTime<Utc>,
    Option<Uuid>,
);

pub async fn handler(
    State(state): State<AppState>,
    device: Device,
    headers: axum::http::HeaderMap,
    params: Result<Query<PullParams>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(params) = params.map_err(|e| {
        ApiError::bad_request(format!(
            "after and limit must be whole numbers: {}",
            e.body_text()
        ))
    })?;
    if params.after < 0 {
        return Err(ApiError::bad_request("after must be 0 or more"));
    }
    let limit = params
        .limit
        .unwrap_or(MAX_PULL_OPS as i64)
        .clamp(1, MAX_PULL_OPS as i64);
    let anchor = Anchor {
        after: params.after,
        after_op: params.after_op,
        settled_op: params.settled_op,
        own: params.own,
        other_stores: params.other_stores,
        other_ratings: params.other_ratings,
    };
    let (body, cursor) = page(&state, &device, anchor, limit).await?;
    crate::activity::pulled(&state, &device, cursor, crate::activity::waiting(&headers)).await;
    Ok((
        Extension(DeviceTag(device.id)),
        [(CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response())
}

/// One page as the JSON text of a `PullResponse`, and its cursor.
///
/// The page is read by walking the log's primary key (tenant, seq) in order
/// and stopping after `limit + 1` matches. PostgreSQL would choose that plan
/// anyway once it has statistics on `ops`; but right after a bulk of pushes
/// (a chain's first sync: exactly when pages are pulled back to back) it has
/// none, guesses a handful of rows, and instead fetches every row up to the
/// head and sorts them for each page: a 100,000-operation backlog cost 180 ms
/// of server time per 5,000-operation page. So the read runs in a transaction
/// of its own with bitmap scans and sorts switched off for it alone.
pub async fn page(
    state: &AppState,
    device: &Device,
    anchor: Anchor,
    limit: i64,
) -> ApiResult<(String, i64)> {
    let after = anchor.after;
    let mut tx = state.pool().begin().await?;
    // The settings last until the end of this transaction (`true`: local);
    // they shape the plans of the statements after this one.
    let (head, head_op, at_after, settled, head_office, _, _): (
        i64,
        Option<Uuid>,
        Option<Uuid>,
        bool,
        bool,
        String,
        String,
    ) = sqlx::query_as(
        "WITH h AS (SELECT seq, op_id FROM ops WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1)
         SELECT coalesce((SELECT seq FROM h), 0), (SELECT op_id FROM h),
                (SELECT op_id FROM ops WHERE tenant_id = $1 AND seq = $2),
                $3::uuid IS NULL
                  OR EXISTS (SELECT 1 FROM ops WHERE op_id = $3 AND tenant_id = $1),
                coalesce((SELECT head_office FROM devices WHERE id = $4), false),
                set_config('enable_bitmapscan', 'off', true),
                set_config('enable_sort', 'off', true)",
    )
    .bind(device.tenant_id)
    .bind(after)
    .bind(anchor.settled_op)
    .bind(device.id)
    .fetch_one(&mut *tx)
    .await?;
    let cursor_lost = after > 0 && anchor.after_op.is_some_and(|op| at_after != Some(op));
    if cursor_lost || !settled {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            LOG_REWOUND,
            "this server's log does not hold what this device pulled or pushed: \
             it was restored from a backup; pull from an earlier checkpoint and push again",
        ));
    }
    // A head-office device that asks gets every store's sales for its
    // reports (the till applies them to its summaries only: the core's
    // `chain::other_store_sale`), each marked with its store; and, asked for
    // too, their ratings (into its ratings summary: `chain::ratings`).
    let other_stores = anchor.other_stores && head_office;
    let other_ratings = other_stores && anchor.other_ratings;
    let mut rows: Vec<Row> = sqlx::query_as(
        "SELECT seq, op_id, hlc, device_id, entity, entity_id, kind, payload, created_at,
                CASE WHEN store_id <> $4 THEN store_id END
         FROM ops
         WHERE tenant_id = $1 AND seq > $2 AND seq <= $3
           AND (store_id IS NULL OR store_id = $4 OR ($8 AND entity = 'sale')
                OR ($9 AND entity = 'visit_feedback'))
           AND (device_id <> $5 OR $7)
         ORDER BY seq
         LIMIT $6",
    )
    .bind(device.tenant_id)
    .bind(after)
    .bind(head)
    .bind(device.store_id)
    .bind(device.id)
    .bind(limit + 1)
    .bind(anchor.own)
    .bind(other_stores)
    .bind(other_ratings)
    .fetch_all(&mut *tx)
    .await?;
    withhold_pin_hashes(&mut tx, device, &mut rows).await?;
    reduce_other_stores_feedback(&mut rows)?;
    tx.commit().await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let (cursor, cursor_op) = match rows.last() {
        Some(last) if more => (last.0, Some(last.1)),
        _ if head >= after => (head, head_op),
        _ => (after, at_after),
    };
    let page = Page {
        cursor,
        cursor_op,
        head,
        more,
        head_office,
    };
    Ok((render(&rows, &page, state.inner.clocks.now()), cursor))
}

/// Takes the PIN hash out of staff records this device has no need of: only
/// her own store's tills log her in (the chain's staff: head-office devices).
/// A copied till file then holds its own store's hashes, not the chain's.
async fn withhold_pin_hashes(
    conn: &mut sqlx::PgConnection,
    device: &Device,
    rows: &mut [Row],
) -> ApiResult<()> {
    let with_pin = |r: &Row| r.4 == "staff" && r.7.contains("\"pinHash\"");
    let staff: Vec<Uuid> = rows
        .iter()
        .filter(|r| with_pin(r))
        .filter_map(|r| Uuid::parse_str(&r.5).ok())
        .collect();
    if staff.is_empty() {
        return Ok(());
    }
    let head_office = authority::is_head_office(conn, device).await?;
    let homes = authority::homes_of(conn, device.tenant_id, &staff).await?;
    for r in rows.iter_mut().filter(|r| with_pin(r)) {
        let home = Uuid::parse_str(&r.5).ok().and_then(|id| homes.get(&id));
        if authority::may_hold_pin(home, device, head_office) {
            continue;
        }
        let mut payload: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&r.7).map_err(|_| ApiError::internal())?;
        payload.remove("pinHash");
        r.7 = serde_json::Value::Object(payload).to_string();
    }
    Ok(())
}

/// Another store's rating, on its way to a head office: only what the
/// ratings summary needs (`feedback_for_head_office`: no comment, no member,
/// no one who typed it). The store's own tills get it whole, as ever.
fn reduce_other_stores_feedback(rows: &mut [Row]) -> ApiResult<()> {
    for r in rows
        .iter_mut()
        .filter(|r| r.9.is_some() && r.4 == "visit_feedback")
    {
        let payload: serde_json::Value =
            serde_json::from_str(&r.7).map_err(|_| ApiError::internal())?;
        r.7 = feedback_for_head_office(&payload).to_string();
    }
    Ok(())
}

/// A page's fields around its operations.
struct Page {
    cursor: i64,
    cursor_op: Option<Uuid>,
    head: i64,
    more: bool,
    /// The pulling device is a head-office device (it tells the till).
    head_office: bool,
}

/// Writes the `PullResponse` JSON by hand around the stored payload texts
/// (the field names are the protocol's; a test reads it back with its types).
fn render(rows: &[Row], page: &Page, server_time: DateTime<Utc>) -> String {
    let Page {
        cursor,
        cursor_op,
        head,
        more,
        head_office,
    } = *page;
    let size: usize = rows.iter().map(|r| r.7.len() + 300).sum();
    let mut out = String::with_capacity(size + 64);
    out.push_str("{\"ops\":[");
    for (i, (seq, op_id, hlc, device_id, entity, entity_id, kind, payload, created_at, store)) in
        rows.iter().enumerate()
    {
        if i > 0 {
            out.push(',');
        }
        let text = |s: &str| serde_json::to_string(s).expect("a string always serialises");
        out.push_str(&format!("{{\"seq\":{seq},"));
        if let Some(store) = store {
            // Only another store's sale or rating, to a head office that asked (`page`).
            out.push_str(&format!("\"storeId\":\"{store}\","));
        }
        out.push_str(&format!(
            "\"opId\":\"{op_id}\",\"hlc\":{},\"deviceId\":\"{device_id}\",\"entity\":{},\"entityId\":{},\"kind\":{},\"payload\":{payload},\"createdAt\":\"{}\"}}",
            text(hlc),
            text(entity),
            text(entity_id),
            text(kind),
            created_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        ));
    }
    out.push_str(&format!(
        "],\"cursor\":{cursor},\"head\":{head},\"more\":{more},\"headOffice\":{head_office},\"serverTime\":\"{}\"",
        server_time.to_rfc3339_opts(SecondsFormat::Millis, true)
    ));
    if let Some(op) = cursor_op {
        out.push_str(&format!(",\"cursorOp\":\"{op}\""));
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use salondesk_protocol::{OpKind, PullResponse};

    #[test]
    fn the_hand_written_page_reads_back_as_the_protocol_type() {
        let at = Utc::now();
        let (op, dev) = (Uuid::now_v7(), Uuid::now_v7());
        let rows = vec![(
            7,
            op,
            "001763900000000-000001".to_owned(),
            dev,
            "member".to_owned(),
            "id-with-\"quote\"".to_owned(),
            "upsert".to_owned(),
            r#"{"name":"王芳","tags":["a"],"n":5}"#.to_owned(),
            at,
            None,
        )];
        let shape = Page {
            cursor: 7,
            cursor_op: Some(op),
            head: 9,
            more: true,
            head_office: true,
        };
        let page: PullResponse = serde_json::from_str(&render(&rows, &shape, at)).unwrap();
        assert_eq!((page.cursor, page.head, page.more), (7, 9, true));
        assert_eq!(
            page.head_office,
            Some(true),
            "the page tells the till it is a head-office device"
        );
        assert_eq!(
            page.cursor_op,
            Some(op),
            "the operation at the cursor is named"
        );
        let p = &page.ops[0];
        assert_eq!((p.seq, p.op.op_id, p.op.device_id), (7, op, dev));
        assert_eq!(p.op.kind, OpKind::Upsert);
        assert_eq!(p.op.entity_id, "id-with-\"quote\"");
        assert_eq!(p.op.payload["name"], "王芳");
        assert_eq!(p.op.created_at, at);
        assert!(
            page.server_time
                .is_some_and(|t| (t - at).num_milliseconds().abs() < 1),
            "the server's time travels with the page"
        );
        let shape = Page {
            cursor: 3,
            cursor_op: None,
            head: 3,
            more: false,
            head_office: false,
        };
        let store = Uuid::now_v7();
        let mut theirs = rows[0].clone();
        theirs.9 = Some(store);
        let marked: PullResponse = serde_json::from_str(&render(&[theirs], &shape, at)).unwrap();
        assert_eq!(
            marked.ops[0].store_id,
            Some(store),
            "another store's sale is marked with its store"
        );
        assert_eq!(p.store_id, None, "the device's own store's are not");
        let empty: PullResponse = serde_json::from_str(&render(&[], &shape, at)).unwrap();
        assert!(empty.ops.is_empty() && !empty.more && empty.cursor_op.is_none());
    }

    #[test]
    fn another_stores_rating_reaches_head_office_without_her_comment_and_the_own_stores_whole() {
        let full = r#"{"memberId":"m-1","score":4,"staffScores":{"s-1":5},"comment":"王女士说很舒服","source":"checkout","recordedBy":"s-9","recordedAt":"2026-12-01T02:00:00.000Z"}"#;
        let row = |store: Option<Uuid>| -> Row {
            (
                1,
                Uuid::now_v7(),
                "001763900000000-000001".to_owned(),
                Uuid::now_v7(),
                "visit_feedback".to_owned(),
                Uuid::now_v7().to_string(),
                "upsert".to_owned(),
                full.to_owned(),
                Utc::now(),
                store,
            )
        };
        let mut rows = vec![row(Some(Uuid::now_v7())), row(None)];
        reduce_other_stores_feedback(&mut rows).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(&rows[0].7).unwrap();
        assert_eq!(
            theirs,
            serde_json::json!({"score": 4, "staffScores": {"s-1": 5},
                               "recordedAt": "2026-12-01T02:00:00.000Z"}),
            "another store's rating: what the ratings summary needs, no comment, no member"
        );
        assert_eq!(
            rows[1].7, full,
            "the device's own store's rating travels whole"
        );
    }
}
