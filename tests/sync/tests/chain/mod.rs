//! The chain owner's console against the real server (issue 18): her key
//! opens her chain alone (`console`), the server notes what each till says
//! of itself (`tills`), and a head-office device pulls every store's sales
//! into its summaries only (`sales`), and their ratings into its chain staff
//! report (`ratings`).

mod console;
mod ratings;
mod sales;
mod tills;

use crate::support::{TestServer, ADMIN_TOKEN};
use reqwest::StatusCode;
use salondesk_protocol::chain::OwnerKeyIssued;
use serde_json::Value;
use uuid::Uuid;

/// The operator issues `tenant`'s owner key (admin API).
pub(crate) async fn owner_key(s: &TestServer, tenant: Uuid) -> String {
    let r = s
        .http
        .post(format!("{}/v1/admin/tenants/{tenant}/owner-keys", s.url()))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .expect("issue an owner key");
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json::<OwnerKeyIssued>().await.unwrap().key
}

/// A console call as the owner: method, route under `/v1/chain`, key, body.
pub(crate) async fn call(
    s: &TestServer,
    post: Option<Value>,
    route: &str,
    key: Option<&str>,
) -> (StatusCode, Value) {
    let url = format!("{}/v1/chain{route}", s.url());
    let mut req = match &post {
        Some(body) => s.http.post(url).json(body),
        None => s.http.get(url),
    };
    if let Some(k) = key {
        req = req.bearer_auth(k);
    }
    let r = req.send().await.expect("a console call");
    (r.status(), r.json().await.unwrap_or(Value::Null))
}
