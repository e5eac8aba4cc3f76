//! The server in-process on 127.0.0.1 over a fresh database, and the calls a
//! device or an admin makes to it, over real HTTP.

use super::db::TestDb;
use reqwest::StatusCode;
use salondesk_protocol::admin::{EnrolmentCode, StoreCreated, TenantCreated};
use salondesk_protocol::{EnrolRequest, EnrolResponse, Op, PullResponse, PushResponse};
use salondesk_server::{Config, RunningServer};
use serde_json::{json, Value};
use sqlx::PgPool;
use uuid::Uuid;

pub const ADMIN_TOKEN: &str = "sync-tests-admin-token-0123456789";

/// A tenant and its stores, in the order asked for.
#[derive(Debug, Clone)]
pub struct Chain {
    pub tenant_id: Uuid,
    pub stores: Vec<Uuid>,
}

/// An enrolled device: what the app would keep after enrolment.
#[derive(Debug, Clone)]
pub struct DeviceCreds {
    pub device_id: Uuid,
    pub credential: String,
    pub tenant_id: Uuid,
    pub store_id: Uuid,
    pub store_code: String,
    pub device_code: String,
}

pub struct TestServer {
    // Fields drop in order: the server stops before its database is dropped.
    server: Option<RunningServer>,
    config: Config,
    base: String,
    pub http: reqwest::Client,
    /// A pool of the test's own on the server's database, for assertions.
    pub pool: PgPool,
    pub db: TestDb,
}

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_with(|_| {}).await
    }

    /// Starts with the test config changed by `tweak` (rate limits, say).
    pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> TestServer {
        let db = TestDb::create().await;
        let mut config = Config::new(db.url.clone(), ADMIN_TOKEN);
        config.max_connections = 4;
        tweak(&mut config);
        let server = salondesk_server::spawn(config.clone())
            .await
            .expect("the server starts");
        let base = server.url();
        // The server's port: the listener keeps it across a restart.
        config.listen = server.addr();
        let pool = db.pool().await;
        TestServer {
            server: Some(server),
            config,
            base,
            http: reqwest::Client::new(),
            pool,
            db,
        }
    }

    /// `http://127.0.0.1:<port>`
    pub fn url(&self) -> &str {
        &self.base
    }

    /// Stops the server (requests in flight finish); the database stays.
    pub async fn stop(&mut self) {
        if let Some(s) = self.server.take() {
            s.shutdown().await;
        }
    }

    /// Starts it again on the same port and database (a server restart).
    pub async fn restart(&mut self) {
        self.stop().await;
        let server = salondesk_server::spawn(self.config.clone())
            .await
            .expect("the server starts again");
        self.server = Some(server);
    }

    /// Backs the server's database up (`CREATE DATABASE … TEMPLATE`, which
    /// needs it idle: the server stops meanwhile) and starts it again;
    /// answers the backup's name, for [`TestServer::restore`].
    pub async fn back_up(&mut self) -> String {
        let backup = format!("{}_backup", self.db.name);
        self.stop().await;
        self.pool.close().await;
        super::db::admin_sql(&format!(
            "CREATE DATABASE {backup} TEMPLATE {}",
            self.db.name
        ))
        .await;
        self.pool = self.db.pool().await;
        self.restart().await;
        backup
    }

    /// Puts the server's database back to `backup` (made by `back_up`,
    /// dropped now) and starts the server again on it, as an operator
    /// restoring last night's backup would.
    pub async fn restore(&mut self, backup: &str) {
        self.stop().await;
        self.pool.close().await;
        let name = &self.db.name;
        super::db::admin_sql(&format!("DROP DATABASE {name} WITH (FORCE)")).await;
        super::db::admin_sql(&format!("CREATE DATABASE {name} TEMPLATE {backup}")).await;
        super::db::admin_sql(&format!("DROP DATABASE {backup}")).await;
        self.pool = self.db.pool().await;
        self.restart().await;
    }

    fn admin(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .post(format!("{}{path}", self.base))
            .bearer_auth(ADMIN_TOKEN)
    }

    pub async fn create_tenant(&self, name: &str) -> Uuid {
        let r = self
            .admin("/v1/admin/tenants")
            .json(&json!({ "name": name }))
            .send()
            .await
            .expect("create tenant");
        assert_eq!(r.status(), StatusCode::CREATED);
        r.json::<TenantCreated>().await.unwrap().tenant_id
    }

    pub async fn create_store(&self, tenant: Uuid, name: &str, code: &str) -> Uuid {
        let r = self
            .admin(&format!("/v1/admin/tenants/{tenant}/stores"))
            .json(&json!({ "name": name, "code": code }))
            .send()
            .await
            .expect("create store");
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "{}",
            r.text().await.unwrap()
        );
        r.json::<StoreCreated>().await.unwrap().store_id
    }

    /// A tenant named `name` with one store per code ("Store S01", …).
    pub async fn chain(&self, name: &str, store_codes: &[&str]) -> Chain {
        let tenant_id = self.create_tenant(name).await;
        let mut stores = Vec::new();
        for code in store_codes {
            stores.push(
                self.create_store(tenant_id, &format!("Store {code}"), code)
                    .await,
            );
        }
        Chain { tenant_id, stores }
    }

    /// A one-time code for `store`, as shown (`XXXX-XXXX`).
    pub async fn enrolment_code(&self, store: Uuid, ttl_seconds: Option<i64>) -> String {
        self.enrolment_code_for(store, ttl_seconds, false).await
    }

    /// A one-time code; `head_office`: the device it enrols runs the chain.
    pub async fn enrolment_code_for(
        &self,
        store: Uuid,
        ttl_seconds: Option<i64>,
        head_office: bool,
    ) -> String {
        let r = self
            .admin(&format!("/v1/admin/stores/{store}/enrolment-codes"))
            .json(&json!({ "ttlSeconds": ttl_seconds, "headOffice": head_office }))
            .send()
            .await
            .expect("create code");
        assert_eq!(r.status(), StatusCode::CREATED);
        r.json::<EnrolmentCode>().await.unwrap().code
    }

    /// `POST /v1/enrol` as is: the status and the JSON reply.
    pub async fn enrol_raw(&self, code: &str, device_id: Uuid) -> (StatusCode, Value) {
        let r = self
            .http
            .post(format!("{}/v1/enrol", self.base))
            .json(&EnrolRequest {
                code: code.into(),
                device_id,
                device_name: "Front desk".into(),
            })
            .send()
            .await
            .expect("enrol");
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    /// A new device enrolled in `store`.
    pub async fn enrol(&self, store: Uuid) -> DeviceCreds {
        self.enrol_as(store, false).await
    }

    /// A new head-office device enrolled in `store`.
    pub async fn enrol_head_office(&self, store: Uuid) -> DeviceCreds {
        self.enrol_as(store, true).await
    }

    async fn enrol_as(&self, store: Uuid, head_office: bool) -> DeviceCreds {
        let code = self.enrolment_code_for(store, None, head_office).await;
        let device_id = Uuid::now_v7();
        let (status, body) = self.enrol_raw(&code, device_id).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let e: EnrolResponse = serde_json::from_value(body).unwrap();
        DeviceCreds {
            device_id,
            credential: e.credential,
            tenant_id: e.tenant_id,
            store_id: e.store_id,
            store_code: e.store_code,
            device_code: e.device_code,
        }
    }

    /// `POST /v1/push` with any body and credential: the status and the JSON reply.
    pub async fn push_raw(
        &self,
        credential: Option<&str>,
        body: impl Into<reqwest::Body>,
    ) -> (StatusCode, Value) {
        let mut req = self
            .http
            .post(format!("{}/v1/push", self.base))
            .header("content-type", "application/json")
            .body(body);
        if let Some(c) = credential {
            req = req.bearer_auth(c);
        }
        let r = req.send().await.expect("push");
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    /// Pushes `ops` for `device`; the batch must be answered (200).
    pub async fn push(&self, device: &DeviceCreds, ops: Vec<Op>) -> PushResponse {
        let body = serde_json::to_vec(&json!({ "ops": ops })).unwrap();
        let (status, reply) = self.push_raw(Some(&device.credential), body).await;
        assert_eq!(status, StatusCode::OK, "push: {reply}");
        serde_json::from_value(reply).unwrap()
    }

    /// `GET /v1/pull` as is.
    pub async fn pull_raw(&self, credential: Option<&str>, query: &str) -> (StatusCode, Value) {
        let mut req = self.http.get(format!("{}/v1/pull?{query}", self.base));
        if let Some(c) = credential {
            req = req.bearer_auth(c);
        }
        let r = req.send().await.expect("pull");
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    pub async fn pull(&self, device: &DeviceCreds, after: i64) -> PullResponse {
        let (status, reply) = self
            .pull_raw(Some(&device.credential), &format!("after={after}"))
            .await;
        assert_eq!(status, StatusCode::OK, "pull: {reply}");
        serde_json::from_value(reply).unwrap()
    }

    /// Everything the device can pull from the start (following `more`).
    pub async fn pull_all(&self, device: &DeviceCreds) -> Vec<salondesk_protocol::PulledOp> {
        let mut out = Vec::new();
        let mut after = 0;
        loop {
            let page = self.pull(device, after).await;
            out.extend(page.ops);
            after = page.cursor;
            if !page.more {
                return out;
            }
        }
    }

    /// `GET` an admin route: the status and the JSON reply.
    pub async fn admin_get(&self, path: &str) -> (StatusCode, Value) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await
            .expect("admin get");
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    /// `POST` an admin route with a JSON body: the status.
    pub async fn admin_post(&self, path: &str, body: Value) -> StatusCode {
        self.admin(path)
            .json(&body)
            .send()
            .await
            .expect("admin post")
            .status()
    }

    /// One number from the server's database (`SELECT count(*) …`).
    pub async fn count(&self, sql: &'static str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}
