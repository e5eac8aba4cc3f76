//! The client against a canned HTTP server on loopback: each status the
//! server may answer becomes the right `SyncError`, requests carry the
//! credential and the cursor, and a reply that never comes times out.

use crate::client::Client;
use crate::error::SyncError;
use salondesk_core::sync::PullAnchor;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Answers one request with `status`, `headers` and `body`; hands back the
/// request it read (head and body).
async fn serve_once(
    status: &'static str,
    headers: &'static str,
    body: &'static str,
) -> (String, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = tokio::spawn(async move {
        let (mut conn, _) = listener.accept().await.unwrap();
        let request = read_request(&mut conn).await;
        let reply = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\n{headers}Connection: close\r\n\r\n{body}",
            body.len()
        );
        conn.write_all(reply.as_bytes()).await.unwrap();
        conn.shutdown().await.ok();
        request
    });
    (url, handle)
}

async fn read_request(conn: &mut tokio::net::TcpStream) -> String {
    let mut got = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = conn.read(&mut buf).await.unwrap();
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&got).to_string();
        if let Some(head_end) = text.find("\r\n\r\n") {
            let len = text
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if got.len() >= head_end + 4 + len {
                break;
            }
        }
    }
    String::from_utf8_lossy(&got).to_string()
}

const PAGE: &str = r#"{"ops":[],"cursor":42,"head":42,"more":false}"#;

#[tokio::test]
async fn a_pull_sends_the_credential_and_cursor_and_reads_the_page() {
    let (url, server) = serve_once("200 OK", "Content-Type: application/json\r\n", PAGE).await;
    let client = Client::new(&url).unwrap().authenticated("tok-123");
    client.report_waiting(3);
    let page = client
        .pull(PullAnchor::from_cursor(17), 500)
        .await
        .expect("page");
    assert_eq!((page.cursor, page.head, page.more), (42, 42, false));
    let request = server.await.unwrap();
    assert!(
        request.starts_with("GET /v1/pull?after=17&limit=500&otherStores=true&otherRatings=true "),
        "this version reads other stores' sales and ratings if it is head office: {request}"
    );
    let lower = request.to_ascii_lowercase();
    assert!(
        lower.contains(&format!(
            "x-salondesk-version: {}",
            env!("CARGO_PKG_VERSION")
        )),
        "it tells the server its version (the owner's console shows it): {request}"
    );
    assert!(
        lower.contains("x-salondesk-waiting: 3"),
        "and what it has waiting: {request}"
    );
    assert!(
        request
            .to_ascii_lowercase()
            .contains("authorization: bearer tok-123"),
        "{request}"
    );
}

#[tokio::test]
async fn each_error_status_becomes_what_the_engine_acts_on() {
    let cases: [(&str, &str, &str, &str); 7] = [
        (
            "401 Unauthorized",
            "",
            r#"{"code":"unauthorized","message":"bad credential"}"#,
            "unauthorized",
        ),
        ("413 Payload Too Large", "", "", "too_large"),
        (
            "429 Too Many Requests",
            "Retry-After: 7\r\n",
            "",
            "rate_limited",
        ),
        (
            "400 Bad Request",
            "",
            r#"{"code":"bad_request","message":"ops missing"}"#,
            "server",
        ),
        (
            "503 Service Unavailable",
            "Retry-After: 2\r\n",
            r#"{"code":"unavailable","message":"busy"}"#,
            "rate_limited",
        ),
        ("502 Bad Gateway", "", "<html>proxy</html>", "server"),
        ("200 OK", "", "<html>captive portal</html>", "protocol"),
    ];
    for (status, headers, body, want) in cases {
        let (url, server) = serve_once(status, headers, body).await;
        let e = Client::new(&url)
            .unwrap()
            .pull(PullAnchor::from_cursor(0), 10)
            .await
            .expect_err(status);
        server.await.unwrap();
        assert_eq!(e.code(), want, "{status}: {e:?}");
        match (status, e) {
            ("429 Too Many Requests", SyncError::RateLimited { retry_after }) => {
                assert_eq!(retry_after, Some(Duration::from_secs(7)))
            }
            ("503 Service Unavailable", SyncError::RateLimited { retry_after }) => {
                assert_eq!(
                    retry_after,
                    Some(Duration::from_secs(2)),
                    "a saturated server's Retry-After is honoured like a 429's"
                )
            }
            ("400 Bad Request", SyncError::Server { code, message, .. }) => {
                assert_eq!(
                    (code.as_str(), message.as_str()),
                    ("bad_request", "ops missing")
                )
            }
            ("502 Bad Gateway", SyncError::Server { code, message, .. }) => {
                assert_eq!(code, "http_502");
                assert!(!message.contains("html"), "a proxy's page is not shown");
            }
            _ => {}
        }
    }
}

#[tokio::test]
async fn nobody_listening_is_offline_and_names_no_address() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let e = Client::new(&url)
        .unwrap()
        .pull(PullAnchor::from_cursor(0), 10)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "offline");
    assert!(!e.to_string().contains("127.0.0.1"), "{e}");
}

#[tokio::test]
async fn a_reply_that_never_comes_times_out_as_offline() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    // Accepts and reads, never answers.
    let hold = tokio::spawn(async move {
        let (mut conn, _) = listener.accept().await.unwrap();
        let _ = read_request(&mut conn).await;
        tokio::time::sleep(Duration::from_secs(10)).await;
    });
    let client =
        Client::with_timeouts(&url, Duration::from_secs(1), Duration::from_millis(300)).unwrap();
    let started = std::time::Instant::now();
    let e = client
        .pull(PullAnchor::from_cursor(0), 10)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "offline", "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    hold.abort();
}

#[tokio::test]
async fn a_page_that_says_more_without_moving_the_cursor_is_refused() {
    let (url, server) = serve_once(
        "200 OK",
        "",
        r#"{"ops":[],"cursor":5,"head":900,"more":true}"#,
    )
    .await;
    let e = Client::new(&url)
        .unwrap()
        .pull(PullAnchor::from_cursor(5), 10)
        .await
        .unwrap_err();
    server.await.unwrap();
    assert_eq!(
        e.code(),
        "protocol",
        "pulling the same page forever is worse than stopping"
    );
}

#[tokio::test]
async fn enrolment_posts_the_code_and_device() {
    let (url, server) = serve_once(
        "200 OK",
        "",
        r#"{"credential":"c","tenantId":"0190f5a2-7c1e-7d4b-9a1e-3f2b6c8d9e01","storeId":"0190f5a2-7c1e-7d4b-9a1e-3f2b6c8d9e02","storeCode":"S02","deviceCode":"003","storeName":"静安店"}"#,
    )
    .await;
    let device = uuid::Uuid::now_v7();
    let e = crate::enrol(&url, "  ABCD-1234 ", device, "Front desk")
        .await
        .expect("enrolled");
    assert_eq!(
        (e.store_code.as_str(), e.device_code.as_str()),
        ("S02", "003")
    );
    let request = server.await.unwrap();
    assert!(request.starts_with("POST /v1/enrol "), "{request}");
    let body: serde_json::Value =
        serde_json::from_str(&request[request.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    assert_eq!(body["code"], "ABCD-1234", "the code is trimmed");
    assert_eq!(body["deviceId"], device.to_string());
    assert_eq!(body["deviceName"], "Front desk");
}
