//! The HTTP client of the central server: enrol, push, pull, health. Every
//! call has a connect timeout and an overall timeout (a reply that never
//! arrives must not stall the desk's sync forever), and every failure comes
//! back as a [`SyncError`] the engine can act on.

use crate::error::SyncError;
use crate::url::normalize_server_url;
use salondesk_core::sync::PullAnchor;
use salondesk_protocol::chain::{
    APP_VERSION_HEADER, OTHER_RATINGS_PARAM, OTHER_STORES_PARAM, WAITING_HEADER,
};
use salondesk_protocol::{
    EnrolRequest, EnrolResponse, ErrorBody, OutgoingOp, PullResponse, PushResponse, API_PREFIX,
    MAX_BODY_BYTES,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::Duration;
use uuid::Uuid;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// `{ops, follows}` borrowed, so a batch is not copied to be sent.
#[derive(Serialize)]
struct PushBody<'a> {
    ops: &'a [OutgoingOp],
    #[serde(skip_serializing_if = "Option::is_none")]
    follows: Option<Uuid>,
}

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    /// Normalised, no trailing slash.
    base: String,
    credential: Option<String>,
    /// Operations this device has waiting to push, told to the server with
    /// every push and pull (the owner's console shows it); -1: not known yet.
    /// Shared by the clones the pushes in flight use.
    waiting: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl std::fmt::Debug for Client {
    // The credential is a secret: it never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("credential", &self.credential.as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `server_url` (checked by [`normalize_server_url`]).
    pub fn new(server_url: &str) -> Result<Client, SyncError> {
        Self::with_timeouts(server_url, CONNECT_TIMEOUT, REQUEST_TIMEOUT)
    }

    pub fn with_timeouts(
        server_url: &str,
        connect: Duration,
        request: Duration,
    ) -> Result<Client, SyncError> {
        let base = normalize_server_url(server_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(connect)
            .timeout(request)
            .user_agent(concat!("salondesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SyncError::Local(format!("HTTP client: {}", e.without_url())))?;
        Ok(Client {
            http,
            base,
            credential: None,
            waiting: std::sync::Arc::new(std::sync::atomic::AtomicI64::new(-1)),
        })
    }

    /// The same client, authenticating as the enrolled device.
    pub fn authenticated(mut self, credential: &str) -> Client {
        self.credential = Some(credential.to_owned());
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn url(&self, route: &str) -> String {
        format!("{}{API_PREFIX}{route}", self.base)
    }

    /// What the device's next pushes and pulls say it has waiting.
    pub fn report_waiting(&self, n: i64) {
        self.waiting.store(n, std::sync::atomic::Ordering::Relaxed);
    }

    /// The credential, and what the server notes of this till for the
    /// chain owner's console: its app version and what it has waiting.
    fn authorize(&self, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        let req = req.header(APP_VERSION_HEADER, env!("CARGO_PKG_VERSION"));
        let waiting = self.waiting.load(std::sync::atomic::Ordering::Relaxed);
        let req = if waiting >= 0 {
            req.header(WAITING_HEADER, waiting.to_string())
        } else {
            req
        };
        match &self.credential {
            Some(c) => req.bearer_auth(c),
            None => req,
        }
    }

    /// `GET /v1/health`: the server is up and answering.
    pub async fn health(&self) -> Result<(), SyncError> {
        let r = self
            .http
            .get(self.url("/health"))
            .send()
            .await
            .map_err(network)?;
        check_status(r).await.map(drop)
    }

    /// `POST /v1/enrol`: a one-time code becomes this device's credential.
    pub async fn enrol(
        &self,
        code: &str,
        device_id: Uuid,
        device_name: &str,
    ) -> Result<EnrolResponse, SyncError> {
        let body = EnrolRequest {
            code: code.trim().to_owned(),
            device_id,
            device_name: device_name.trim().to_owned(),
        };
        let r = self
            .http
            .post(self.url("/enrol"))
            .json(&body)
            .send()
            .await
            .map_err(network)?;
        decode(r).await
    }

    /// `POST /v1/push`. A body over the server's limit is refused here as
    /// [`SyncError::TooLarge`] without being sent, as the server would.
    /// `follows`: the last operation of a push still on its way, which the
    /// server must log before this batch (`PushRequest::follows`).
    pub async fn push(
        &self,
        ops: &[OutgoingOp],
        follows: Option<Uuid>,
    ) -> Result<PushResponse, SyncError> {
        let body = serde_json::to_vec(&PushBody { ops, follows })
            .map_err(|e| SyncError::Local(format!("encoding a push: {e}")))?;
        if body.len() > MAX_BODY_BYTES {
            return Err(SyncError::TooLarge);
        }
        let req = self
            .http
            .post(self.url("/push"))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body);
        let r = self.authorize(req).send().await.map_err(network)?;
        let reply: PushResponse = decode(r).await?;
        check_results(ops, &reply)?;
        Ok(reply)
    }

    /// `GET /v1/pull?after=&limit=&afterOp=&settledOp=&own=`: `anchor` names what
    /// the server must hold for `after` to be right (a restored server
    /// answers 409 `log_rewound`: see the core's `sync::rewind`).
    pub async fn pull(&self, anchor: PullAnchor, limit: usize) -> Result<PullResponse, SyncError> {
        let after = anchor.after;
        let mut query = vec![("after", after.to_string()), ("limit", limit.to_string())];
        if let Some(op) = anchor.after_op {
            query.push(("afterOp", op.to_string()));
        }
        if let Some(op) = anchor.settled_op {
            query.push(("settledOp", op.to_string()));
        }
        // This version reads `PulledOp::store_id`: a head-office device may be
        // given the other stores' sales and ratings (for its reports; others
        // never are).
        query.push((OTHER_STORES_PARAM, "true".to_owned()));
        query.push((OTHER_RATINGS_PARAM, "true".to_owned()));
        if anchor.own {
            // A till restored from a backup: its own operations too.
            query.push(("own", "true".to_owned()));
        }
        let req = self.http.get(self.url("/pull")).query(&query);
        let r = self.authorize(req).send().await.map_err(network)?;
        let page: PullResponse = decode(r).await?;
        if page.more && page.cursor <= after {
            // Would ask for the same page again forever.
            return Err(SyncError::Protocol(format!(
                "the pull after {after} reported more but did not move the cursor"
            )));
        }
        Ok(page)
    }
}

/// One result per pushed op, for exactly those ops: otherwise nothing from the
/// reply is recorded (an op without a result would be pushed again, harmless;
/// a result for an op not sent would mark the wrong row).
fn check_results(ops: &[OutgoingOp], reply: &PushResponse) -> Result<(), SyncError> {
    let sent: std::collections::HashSet<Uuid> = ops.iter().map(|o| o.op_id).collect();
    let answered: std::collections::HashSet<Uuid> = reply.results.iter().map(|r| r.op_id).collect();
    if reply.results.len() != ops.len() || sent != answered {
        return Err(SyncError::Protocol(format!(
            "pushed {} operations, got {} results that do not match them",
            ops.len(),
            reply.results.len()
        )));
    }
    Ok(())
}

/// A transport failure: no URL in the message (it may carry a token).
pub(crate) fn network(e: reqwest::Error) -> SyncError {
    let what = if e.is_timeout() {
        "timed out".to_owned()
    } else if e.is_connect() {
        "could not connect".to_owned()
    } else {
        e.without_url().to_string()
    };
    SyncError::Offline(what)
}

async fn decode<T: DeserializeOwned>(r: reqwest::Response) -> Result<T, SyncError> {
    let r = check_status(r).await?;
    let bytes = r.bytes().await.map_err(network)?;
    serde_json::from_slice(&bytes).map_err(|e| SyncError::Protocol(e.to_string()))
}

/// A success passes; an error reply becomes the matching [`SyncError`], with
/// the server's `{code, message}` when the body has one.
pub(crate) async fn check_status(r: reqwest::Response) -> Result<reqwest::Response, SyncError> {
    let status = r.status();
    if status.is_success() {
        return Ok(r);
    }
    let retry_after = r
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    match status.as_u16() {
        401 => return Err(SyncError::Unauthorized),
        413 => return Err(SyncError::TooLarge),
        429 => return Err(SyncError::RateLimited { retry_after }),
        // A saturated server saying when to come back is asking the same.
        503 if retry_after.is_some() => return Err(SyncError::RateLimited { retry_after }),
        _ => {}
    }
    // A body that is not `{code, message}` (a proxy's HTML page) is not shown.
    let body = r.bytes().await.unwrap_or_default();
    let parsed: Option<ErrorBody> = serde_json::from_slice(&body).ok();
    let (code, message, op_id) = match parsed {
        Some(b) => (b.code, b.message, b.op_id),
        None => (
            format!("http_{}", status.as_u16()),
            status.canonical_reason().unwrap_or("error").to_owned(),
            None,
        ),
    };
    Err(SyncError::Server {
        status: status.as_u16(),
        code,
        message,
        op_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use salondesk_protocol::{OpKind, OpResult, OpStatus};

    fn op() -> OutgoingOp {
        OutgoingOp {
            op_id: Uuid::now_v7(),
            hlc: "001763900000000-000000".into(),
            device_id: Uuid::now_v7(),
            entity: "member".into(),
            entity_id: Uuid::now_v7().to_string(),
            kind: OpKind::Upsert,
            payload: serde_json::value::RawValue::from_string(r#"{"name":"x"}"#.into()).unwrap(),
            created_at: chrono::Utc::now(),
        }
    }

    fn accepted(o: &OutgoingOp) -> OpResult {
        OpResult {
            op_id: o.op_id,
            status: OpStatus::Accepted,
            code: None,
            message: None,
            data: None,
        }
    }

    #[test]
    fn a_reply_must_answer_exactly_the_ops_sent() {
        let ops = vec![op(), op()];
        let good = PushResponse {
            results: ops.iter().map(accepted).collect(),
            server_time: None,
        };
        assert!(check_results(&ops, &good).is_ok());
        let short = PushResponse {
            results: vec![accepted(&ops[0])],
            server_time: None,
        };
        assert_eq!(check_results(&ops, &short).unwrap_err().code(), "protocol");
        let other = PushResponse {
            results: vec![accepted(&ops[0]), accepted(&op())],
            server_time: None,
        };
        assert_eq!(
            check_results(&ops, &other).unwrap_err().code(),
            "protocol",
            "a result for an op that was not sent is not recorded"
        );
    }

    #[test]
    fn the_credential_stays_out_of_debug_output() {
        let c = Client::new("https://sync.example.com")
            .unwrap()
            .authenticated("secret-token");
        assert!(!format!("{c:?}").contains("secret-token"));
    }
}
