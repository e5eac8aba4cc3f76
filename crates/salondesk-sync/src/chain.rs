//! The chain owner's console's calls (`/v1/chain/…`, with the owner key):
//! the chain's stores, a new store, an enrolment code, every till, revoking
//! one. The same timeouts and error mapping as the sync client (`client`),
//! so an unreachable server is `Offline`, a refused key `Unauthorized`, and
//! any other refusal the server's `{code, message, field}`.

use crate::client::{check_status, network, CONNECT_TIMEOUT, REQUEST_TIMEOUT};
use crate::error::SyncError;
use crate::url::normalize_server_url;
use salondesk_protocol::admin::{CreateEnrolmentCode, CreateStore, EnrolmentCode, StoreCreated};
use salondesk_protocol::chain::{ChainInfo, ChainStores, ChainTills};
use salondesk_protocol::API_PREFIX;
use serde::de::DeserializeOwned;
use uuid::Uuid;

#[derive(Clone)]
pub struct ChainClient {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl std::fmt::Debug for ChainClient {
    // The key runs the whole chain: it never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChainClient").finish_non_exhaustive()
    }
}

impl ChainClient {
    pub fn new(server_url: &str, owner_key: &str) -> Result<ChainClient, SyncError> {
        let base = normalize_server_url(server_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("salondesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SyncError::Local(format!("HTTP client: {}", e.without_url())))?;
        Ok(ChainClient {
            http,
            base,
            key: owner_key.to_owned(),
        })
    }

    fn url(&self, route: &str) -> String {
        format!("{}{API_PREFIX}/chain{route}", self.base)
    }

    async fn get<T: DeserializeOwned>(&self, route: &str) -> Result<T, SyncError> {
        let r = self
            .http
            .get(self.url(route))
            .bearer_auth(&self.key)
            .send()
            .await
            .map_err(network)?;
        decode(r).await
    }

    async fn post(
        &self,
        route: &str,
        body: &impl serde::Serialize,
    ) -> Result<reqwest::Response, SyncError> {
        let r = self
            .http
            .post(self.url(route))
            .bearer_auth(&self.key)
            .json(body)
            .send()
            .await
            .map_err(network)?;
        check_status(r).await
    }

    /// `GET /v1/chain`: the chain this key opens.
    pub async fn info(&self) -> Result<ChainInfo, SyncError> {
        self.get("").await
    }

    pub async fn stores(&self) -> Result<ChainStores, SyncError> {
        self.get("/stores").await
    }

    pub async fn add_store(&self, name: &str, code: &str) -> Result<Uuid, SyncError> {
        let body = CreateStore {
            name: name.to_owned(),
            code: code.to_owned(),
        };
        let r = self.post("/stores", &body).await?;
        Ok(read::<StoreCreated>(r).await?.store_id)
    }

    pub async fn enrolment_code(
        &self,
        store_id: Uuid,
        head_office: bool,
    ) -> Result<EnrolmentCode, SyncError> {
        let body = CreateEnrolmentCode {
            ttl_seconds: None,
            head_office,
        };
        let r = self
            .post(&format!("/stores/{store_id}/enrolment-codes"), &body)
            .await?;
        read(r).await
    }

    pub async fn tills(&self) -> Result<ChainTills, SyncError> {
        self.get("/tills").await
    }

    pub async fn revoke_till(&self, device_id: Uuid) -> Result<(), SyncError> {
        self.post(
            &format!("/tills/{device_id}/revoke"),
            &serde_json::json!({}),
        )
        .await
        .map(drop)
    }
}

async fn decode<T: DeserializeOwned>(r: reqwest::Response) -> Result<T, SyncError> {
    read(check_status(r).await?).await
}

async fn read<T: DeserializeOwned>(r: reqwest::Response) -> Result<T, SyncError> {
    let bytes = r.bytes().await.map_err(network)?;
    serde_json::from_slice(&bytes).map_err(|e| SyncError::Protocol(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_key_stays_out_of_debug_output() {
        let c = ChainClient::new("https://sync.example.com", "sdo_secret").unwrap();
        assert!(!format!("{c:?}").contains("sdo_secret"));
        assert_eq!(c.url("/tills"), "https://sync.example.com/v1/chain/tills");
    }
}
