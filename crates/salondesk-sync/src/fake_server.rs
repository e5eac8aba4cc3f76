//! A stand-in for the central server on a loopback port, for the engine's
//! tests: real HTTP, the protocol's push and pull, and knobs that make it
//! misbehave the ways a real one can (413 above a batch size, 503 after some
//! pulls, 401 for every request, a rejected entity, a push lost on the way).
//! Like the real server it holds a push naming an earlier one (`follows`)
//! until that one is answered. It keeps one log; a pull sees chain-wide
//! operations of every store and store-wide ones of its own, never the
//! device's own (as the real server does). The real server is tested with
//! this engine in `tests/sync`.

use salondesk_protocol::schema::{self, Scope};
use salondesk_protocol::{
    Op, OpResult, OpStatus, PullResponse, PulledOp, PushRequest, PushResponse, OUT_OF_ORDER,
};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use uuid::Uuid;

#[derive(Default)]
pub struct Knobs {
    /// More operations than this in one push: 413.
    pub max_push_ops: Option<usize>,
    /// Pulls answered before every later pull gets 503.
    pub pulls_before_failing: Option<usize>,
    /// Every request: 401.
    pub refuse: bool,
    /// Operations of this entity are rejected.
    pub reject_entity: Option<String>,
    /// This many pushes from now on are read and dropped unanswered (the
    /// connection closes), as if lost on the way.
    pub lose_pushes: usize,
    /// A push carrying this operation fails as a whole with `poison_status`
    /// (400 or 500), naming it if `poison_named`.
    pub poison: Option<Uuid>,
    pub poison_status: u16,
    pub poison_named: bool,
    /// Every push fails with 500 (a broken server).
    pub fail_every_push: bool,
}

#[derive(Default)]
pub struct State {
    pub knobs: Knobs,
    log: Vec<(i64, Uuid, Op)>,
    seen: HashSet<Uuid>,
    /// Every op id answered (accepted, duplicate or rejected): what a push's
    /// `follows` waits for.
    settled: HashSet<Uuid>,
    /// Credential → (device, store).
    devices: HashMap<String, (Uuid, Uuid)>,
    /// Sizes of the pushes answered (413s excluded).
    pub push_sizes: Vec<usize>,
    /// `after` of every pull answered.
    pub pull_afters: Vec<i64>,
    pub pulls_answered: usize,
    /// `GET /v1/health` answered (the loop's probes while offline).
    pub health_checks: usize,
}

impl State {
    pub fn accepted(&self) -> usize {
        self.log.len()
    }

    /// The accepted operations' ids, in the order they were logged.
    pub fn logged(&self) -> Vec<Uuid> {
        self.log.iter().map(|(_, _, op)| op.op_id).collect()
    }
}

pub type Shared = Arc<Mutex<State>>;

/// Serves until the runtime ends; answers its base URL.
pub async fn start(state: Shared) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    serve_on(listener, state)
}

pub fn serve_on(listener: TcpListener, state: Shared) -> String {
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((conn, _)) = listener.accept().await {
            tokio::spawn(handle(conn, state.clone()));
        }
    });
    url
}

/// Lets `credential` act as `device` of `store`.
pub fn register(state: &Shared, credential: &str, device: Uuid, store: Uuid) {
    state
        .lock()
        .unwrap()
        .devices
        .insert(credential.to_owned(), (device, store));
}

async fn handle(mut conn: TcpStream, state: Shared) {
    let Some((head, body)) = read(&mut conn).await else {
        return;
    };
    if head.starts_with("POST /v1/push ") {
        let mut s = state.lock().unwrap();
        // Pushes are lost in the order they were sent, not the order they happen to
        // arrive: one that follows a push not yet settled here is still on its way
        // behind it (under load the second of two in flight can arrive first).
        let behind_another = serde_json::from_slice::<PushRequest>(&body)
            .ok()
            .and_then(|r| r.follows)
            .is_some_and(|previous| !s.settled.contains(&previous));
        if s.knobs.lose_pushes > 0 && !behind_another {
            s.knobs.lose_pushes -= 1;
            return;
        }
    }
    let (status, reply) = if follows_in_time(&head, &body, &state).await {
        answer(&head, &body, &state)
    } else {
        (
            "409 Conflict",
            format!(r#"{{"code":"{OUT_OF_ORDER}","message":"the push before has not arrived"}}"#),
        )
    };
    let out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
        reply.len()
    );
    let _ = conn.write_all(out.as_bytes()).await;
    let _ = conn.shutdown().await;
}

/// A push naming the one before it (`follows`) waits, as the real server
/// does, until that one is answered; false if it is not in time.
async fn follows_in_time(head: &str, body: &[u8], state: &Shared) -> bool {
    if !head.starts_with("POST /v1/push ") {
        return true;
    }
    let Some(previous) = serde_json::from_slice::<PushRequest>(body)
        .ok()
        .and_then(|r| r.follows)
    else {
        return true;
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while !state.lock().unwrap().settled.contains(&previous) {
        if std::time::Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    true
}

fn answer(head: &str, body: &[u8], state: &Shared) -> (&'static str, String) {
    let mut s = state.lock().unwrap();
    let line = head.lines().next().unwrap_or_default().to_owned();
    let credential = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("authorization")
            .then(|| v.trim().trim_start_matches("Bearer ").to_owned())
    });
    let refused = r#"{"code":"unauthorized","message":"bad credential"}"#.to_owned();
    if line.starts_with("GET /v1/health ") {
        s.health_checks += 1;
        return ("200 OK", r#"{"status":"ok","database":"ok"}"#.into());
    }
    if s.knobs.refuse {
        return ("401 Unauthorized", refused);
    }
    let Some(&(device, store)) = credential.as_ref().and_then(|c| s.devices.get(c)) else {
        return ("401 Unauthorized", refused);
    };
    if line.starts_with("POST /v1/push ") {
        let req: PushRequest = serde_json::from_slice(body).expect("a push body");
        if s.knobs.max_push_ops.is_some_and(|max| req.ops.len() > max) {
            return (
                "413 Payload Too Large",
                r#"{"code":"too_many_ops","message":"too many"}"#.into(),
            );
        }
        let poisoned = s
            .knobs
            .poison
            .filter(|p| req.ops.iter().any(|o| o.op_id == *p));
        if poisoned.is_some() || s.knobs.fail_every_push {
            let status = if s.knobs.fail_every_push {
                500
            } else {
                s.knobs.poison_status
            };
            let named = poisoned.filter(|_| s.knobs.poison_named);
            let body = match (status, named) {
                (400, Some(op)) => format!(
                    r#"{{"code":"bad_field","message":"phone: a control character","opId":"{op}","field":"phone"}}"#
                ),
                (400, None) => r#"{"code":"bad_request","message":"no"}"#.to_owned(),
                _ => r#"{"code":"internal","message":"the server failed; retry later"}"#.to_owned(),
            };
            let line = if status == 400 {
                "400 Bad Request"
            } else {
                "500 Internal Server Error"
            };
            return (line, body);
        }
        s.push_sizes.push(req.ops.len());
        let mut results = Vec::new();
        for op in req.ops {
            let (status, code) = if s.knobs.reject_entity.as_deref() == Some(op.entity.as_str()) {
                (OpStatus::Rejected, Some("forbidden".to_owned()))
            } else if s.seen.insert(op.op_id) {
                let seq = s.log.len() as i64 + 1;
                s.log.push((seq, store, op.clone()));
                (OpStatus::Accepted, None)
            } else {
                (OpStatus::Duplicate, None)
            };
            s.settled.insert(op.op_id);
            results.push(OpResult {
                op_id: op.op_id,
                status,
                message: code.as_ref().map(|_| "not yours".to_owned()),
                code,
                data: None,
            });
        }
        return (
            "200 OK",
            json(&PushResponse {
                results,
                server_time: None,
            }),
        );
    }
    if line.starts_with("GET /v1/pull?") {
        if s.knobs
            .pulls_before_failing
            .is_some_and(|n| s.pulls_answered >= n)
        {
            return (
                "503 Service Unavailable",
                r#"{"code":"internal","message":"restarting"}"#.into(),
            );
        }
        let query = line.split(['?', ' ']).nth(2).unwrap_or_default();
        let param = |name: &str| {
            query.split('&').find_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                (k == name).then(|| v.parse::<i64>().ok()).flatten()
            })
        };
        let after = param("after").unwrap_or(0);
        let limit = param("limit").unwrap_or(5000) as usize;
        let head_seq = s.log.len() as i64;
        let mut ops = Vec::new();
        let mut cursor = after;
        for (seq, from, op) in s.log.iter().filter(|(seq, ..)| *seq > after) {
            if ops.len() == limit {
                break;
            }
            cursor = *seq;
            let shared = match schema::spec(&op.entity).map(|e| e.scope) {
                Some(Scope::Chain) => true,
                Some(Scope::Store) => *from == store,
                None => false,
            };
            if op.device_id != device && shared {
                ops.push(PulledOp {
                    seq: *seq,
                    store_id: None,
                    op: op.clone(),
                });
            }
        }
        s.pulls_answered += 1;
        s.pull_afters.push(after);
        let page = PullResponse {
            ops,
            cursor,
            head: head_seq,
            more: cursor < head_seq,
            server_time: None,
            cursor_op: None,
            head_office: None,
        };
        return ("200 OK", json(&page));
    }
    (
        "404 Not Found",
        r#"{"code":"not_found","message":"no route"}"#.into(),
    )
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

/// One request: its head and its body.
async fn read(conn: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut got = Vec::new();
    let mut buf = [0u8; 16384];
    loop {
        let n = conn.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        got.extend_from_slice(&buf[..n]);
        let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&got[..end]).to_string();
        let len = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse::<usize>().ok())
                    .flatten()
            })
            .unwrap_or(0);
        if got.len() >= end + 4 + len {
            return Some((head, got[end + 4..end + 4 + len].to_vec()));
        }
    }
}
