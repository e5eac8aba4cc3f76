//! A misbehaving network between the devices and the server: an HTTP proxy on
//! a loopback port that, by a seeded random draw per request, drops the
//! request (the server never sees it), delays it, sends it to the server twice
//! (a retry the client never meant), or forwards it and then cuts the reply
//! (the server applied it; the device never hears so). A cut is a real broken
//! connection: the status line goes out, then the body stream fails, so the
//! client's read errors exactly as it would on a dropped Wi-Fi link.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Router;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often each fault happens, per request (independent draws).
#[derive(Debug, Clone, Copy)]
pub struct Faults {
    /// The request never reaches the server.
    pub drop: f64,
    /// The request reaches the server, the reply never reaches the device.
    pub cut_reply: f64,
    /// The server receives the request twice.
    pub duplicate: f64,
    /// The request waits up to `max_delay` first.
    pub delay: f64,
    pub max_delay: Duration,
}

#[derive(Debug, Default)]
pub struct Counts {
    pub requests: AtomicU64,
    pub dropped: AtomicU64,
    pub cut: AtomicU64,
    pub duplicated: AtomicU64,
    pub delayed: AtomicU64,
}

struct Inner {
    upstream: String,
    http: reqwest::Client,
    rng: Mutex<StdRng>,
    faults: Faults,
    enabled: AtomicBool,
    counts: Counts,
}

pub struct FaultProxy {
    pub addr: SocketAddr,
    inner: Arc<Inner>,
    task: tokio::task::JoinHandle<()>,
}

/// What one request will suffer, drawn up front under the lock.
struct Draw {
    drop: bool,
    delay: Option<Duration>,
    duplicate: bool,
    cut: bool,
}

impl FaultProxy {
    pub async fn start(upstream: SocketAddr, seed: u64, faults: Faults) -> FaultProxy {
        let inner = Arc::new(Inner {
            upstream: format!("http://{upstream}"),
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(8)
                .build()
                .expect("proxy http client"),
            rng: Mutex::new(StdRng::seed_from_u64(seed)),
            faults,
            enabled: AtomicBool::new(true),
            counts: Counts::default(),
        });
        let app = Router::new().fallback(forward).with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind proxy");
        let addr = listener.local_addr().expect("proxy addr");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FaultProxy { addr, inner, task }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Off: every request passes untouched (the network came back).
    pub fn set_enabled(&self, on: bool) {
        self.inner.enabled.store(on, Ordering::SeqCst);
    }

    pub fn counts(&self) -> &Counts {
        &self.inner.counts
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Inner {
    fn draw(&self) -> Draw {
        if !self.enabled.load(Ordering::SeqCst) {
            return Draw {
                drop: false,
                delay: None,
                duplicate: false,
                cut: false,
            };
        }
        let f = self.faults;
        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        let ms = f.max_delay.as_millis().max(1) as u64;
        Draw {
            drop: rng.gen_bool(f.drop),
            delay: rng
                .gen_bool(f.delay)
                .then(|| Duration::from_millis(rng.gen_range(0..ms))),
            duplicate: rng.gen_bool(f.duplicate),
            cut: rng.gen_bool(f.cut_reply),
        }
    }

    async fn send(
        &self,
        method: &reqwest::Method,
        url: &str,
        headers: &HeaderMap,
        body: &Bytes,
    ) -> Result<reqwest::Response, reqwest::Error> {
        let mut req = self.http.request(method.clone(), url).body(body.clone());
        for (name, value) in headers {
            // reqwest sets these itself for the upstream connection.
            if name != "host" && name != "content-length" && name != "connection" {
                req = req.header(name.as_str(), value.as_bytes());
            }
        }
        req.send().await
    }
}

async fn forward(State(inner): State<Arc<Inner>>, req: Request) -> Response {
    inner.counts.requests.fetch_add(1, Ordering::Relaxed);
    let draw = inner.draw();
    let (parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return broken();
    };
    if let Some(d) = draw.delay {
        inner.counts.delayed.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(d).await;
    }
    if draw.drop {
        inner.counts.dropped.fetch_add(1, Ordering::Relaxed);
        return broken();
    }
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let url = format!("{}{path}", inner.upstream);
    let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes())
        .unwrap_or(reqwest::Method::GET);
    let mut reply = inner.send(&method, &url, &parts.headers, &body).await;
    if draw.duplicate {
        inner.counts.duplicated.fetch_add(1, Ordering::Relaxed);
        // The first reply is lost; the client sees the second's.
        if let Ok(first) = reply {
            let _ = first.bytes().await;
        }
        reply = inner.send(&method, &url, &parts.headers, &body).await;
    }
    let Ok(reply) = reply else {
        return broken();
    };
    let status = StatusCode::from_u16(reply.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let content_type = reply.headers().get("content-type").cloned();
    let Ok(bytes) = reply.bytes().await else {
        return broken();
    };
    if draw.cut {
        inner.counts.cut.fetch_add(1, Ordering::Relaxed);
        return broken();
    }
    let mut out = Response::builder().status(status);
    if let Some(ct) = content_type {
        out = out.header("content-type", ct.as_bytes());
    }
    out.body(Body::from(bytes)).unwrap_or_else(|_| broken())
}

/// A reply that starts and then breaks off: the client's read fails.
fn broken() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("connection cut by the fault proxy"))
    });
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json")
        .body(Body::from_stream(stream))
        .expect("static response")
}
