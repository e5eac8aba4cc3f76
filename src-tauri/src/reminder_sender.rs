//! The reminder sender: every minute (and when the desk asks), due reminders
//! go into the outbox, and — if this device has a webhook URL set — the ones
//! ready are POSTed to it as JSON. The store is locked only to read and mark
//! messages, never while the network is waited on. A failed send stays in the
//! outbox and is retried with backoff (offline, timeouts, server errors); a
//! refusal (4xx) leaves it for sending by hand. Logs name message ids only,
//! never a phone, a name or the webhook URL (it may carry a token).

use crate::dto::appointment::ReminderRunView;
use crate::error::ApiResult;
use crate::state::AppState;
use salondesk_core::appointments::Message;
use serde::Serialize;
use std::time::Duration;
use tauri::{AppHandle, Manager};

const EVERY: Duration = Duration::from_secs(60);
const BATCH: usize = 20;

/// What the webhook receives.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookMessage<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    /// E.164.
    pub to: &'a str,
    pub name: &'a str,
    pub lang: &'static str,
    pub text: &'a str,
    pub appointment_id: &'a str,
    pub appointment_start: String,
}

impl<'a> WebhookMessage<'a> {
    pub fn new(m: &'a Message) -> Self {
        WebhookMessage {
            id: &m.id,
            kind: m.kind(),
            to: m.phone.e164(),
            name: &m.recipient_name,
            lang: m.lang.as_str(),
            text: &m.body,
            appointment_id: &m.appointment_id,
            appointment_start: salondesk_core::time::iso(m.appointment_start),
        }
    }
}

/// Why a send failed, and whether trying again may help.
#[derive(Debug, PartialEq, Eq)]
pub struct SendFailure {
    pub error: String,
    pub permanent: bool,
}

/// POSTs one message; the message id goes along as `Idempotency-Key` so a
/// gateway can drop a retry of something it already sent.
pub async fn post(client: &reqwest::Client, url: &str, m: &Message) -> Result<(), SendFailure> {
    let sent = client
        .post(url)
        .header("Idempotency-Key", &m.id)
        .json(&WebhookMessage::new(m))
        .send()
        .await;
    match sent {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => {
            let s = r.status();
            Err(SendFailure {
                error: format!("the webhook answered {s}"),
                permanent: s.is_client_error() && s.as_u16() != 408 && s.as_u16() != 429,
            })
        }
        Err(e) => Err(SendFailure {
            error: format!("could not reach the webhook: {}", e.without_url()),
            permanent: false,
        }),
    }
}

/// One pass: make due reminders, send what is ready, mark each outcome.
pub async fn run_once(app: &AppHandle) -> ApiResult<ReminderRunView> {
    let state = app.state::<AppState>();
    let (created, settings, ready) = {
        let mut store = state.store()?;
        let now = store.now();
        let created = store.due_reminders(now)?;
        let settings = store.reminder_settings()?;
        let ready = if settings.sender_configured() {
            store.messages_ready_to_send(BATCH)?
        } else {
            Vec::new()
        };
        (created, settings, ready)
    };
    let mut run = ReminderRunView {
        created: created as i64,
        sender_configured: settings.sender_configured(),
        ..ReminderRunView::default()
    };
    if ready.is_empty() {
        return Ok(run);
    }
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .build()
        .map_err(|e| {
            crate::error::ApiError::new(crate::error::ErrorCode::Internal, e.to_string())
        })?;
    for m in &ready {
        let outcome = post(&client, &settings.webhook_url, m).await;
        let mut store = state.store()?;
        match outcome {
            Ok(()) => {
                store.mark_sent(&m.id, None)?;
                run.sent += 1;
            }
            Err(f) => {
                eprintln!("reminder {} not sent: {}", m.id, f.error);
                store.mark_failed(&m.id, &f.error, f.permanent)?;
                run.failed += 1;
            }
        }
    }
    Ok(run)
}

/// Starts the once-a-minute pass for as long as the app runs.
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(EVERY).await;
            let state = app.state::<AppState>();
            if state.store().is_err() {
                continue;
            }
            if let Err(e) = run_once(&app).await {
                eprintln!("reminders: {:?}", e.code);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use salondesk_core::appointments::{MessageLang, MessageStatus};
    use salondesk_core::types::Phone;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    fn message() -> Message {
        Message {
            id: "reminder-1".into(),
            appointment_id: "1".into(),
            care_task_id: None,
            campaign_member_id: None,
            appointment_start: chrono::DateTime::parse_from_rfc3339("2026-11-24T02:00:00Z")
                .unwrap()
                .into(),
            recipient_name: "王丽娜".into(),
            phone: Phone::parse("13812345678").unwrap(),
            lang: MessageLang::ZhCn,
            body: "提醒".into(),
            status: MessageStatus::Pending,
            attempts: 0,
            last_error: None,
            next_attempt_at: chrono::Utc::now(),
            sent_at: None,
        }
    }

    /// A one-request HTTP server answering `status`; returns the request it got.
    fn serve_once(status: &'static str) -> (String, std::thread::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let handle = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut got = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                let n = conn.read(&mut buf).unwrap();
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
            let reply =
                format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            conn.write_all(reply.as_bytes()).unwrap();
            String::from_utf8(got).unwrap()
        });
        (url, handle)
    }

    #[test]
    fn a_message_is_posted_as_json_with_an_idempotency_key() {
        let (url, server) = serve_once("200 OK");
        let client = reqwest::Client::new();
        let m = message();
        tauri::async_runtime::block_on(post(&client, &url, &m)).expect("sent");
        let request = server.join().unwrap();
        assert!(request.starts_with("POST /hook"), "{request}");
        assert!(request
            .to_ascii_lowercase()
            .contains("idempotency-key: reminder-1"));
        let body = &request[request.find("\r\n\r\n").unwrap() + 4..];
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["to"], "+8613812345678");
        assert_eq!(json["text"], "提醒");
        assert_eq!(json["lang"], "zh-CN");
        assert_eq!(json["appointmentStart"], "2026-11-24T02:00:00.000Z");
    }

    #[test]
    fn a_refusal_is_permanent_and_a_server_error_is_retried() {
        let client = reqwest::Client::new();
        let m = message();
        let (url, server) = serve_once("422 Unprocessable Entity");
        let f = tauri::async_runtime::block_on(post(&client, &url, &m)).unwrap_err();
        server.join().unwrap();
        assert!(f.permanent);
        let (url, server) = serve_once("503 Service Unavailable");
        let f = tauri::async_runtime::block_on(post(&client, &url, &m)).unwrap_err();
        server.join().unwrap();
        assert!(!f.permanent);
        // Nobody listening: offline, to be retried.
        let closed = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hook", closed.local_addr().unwrap());
        drop(closed);
        let f = tauri::async_runtime::block_on(post(&client, &url, &m)).unwrap_err();
        assert!(!f.permanent);
        assert!(
            !f.error.contains("127.0.0.1"),
            "no URL in the error: {}",
            f.error
        );
    }
}
