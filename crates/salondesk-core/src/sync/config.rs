//! Enrolment and sync progress. Both are this device's own state, kept in
//! `meta` (never synced): the server URL and credential, the chain and store
//! it belongs to, how far it has pulled, and when it last synced.

use super::SyncConfig;
use crate::store::{meta_get, Store};
use crate::time::{iso, parse_iso};
use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use salondesk_protocol::EnrolResponse;
use uuid::Uuid;

/// Set once demo data was loaded here (`seed_demo`): such a till never joins a chain.
pub(crate) const DEMO_LOADED: &str = "demo.loaded";

const URL: &str = "sync.server_url";
const CREDENTIAL: &str = "sync.credential";
const TENANT: &str = "sync.tenant_id";
pub(super) const STORE: &str = "sync.store_id";
const STORE_NAME: &str = "sync.store_name";
const ENROLLED_AT: &str = "sync.enrolled_at";
pub(super) const CURSOR: &str = "sync.cursor";
pub(super) const HEAD: &str = "sync.head";
const LAST_SUCCESS: &str = "sync.last_success_at";
/// "1" when the server says this device is a head-office device (`staff::authority`).
pub(crate) const HEAD_OFFICE: &str = "sync.head_office";

fn bad_meta(key: &str) -> CoreError {
    CoreError::Internal(format!("meta {key} is not what sync wrote"))
}

fn int_meta(conn: &Connection, key: &str) -> Result<i64> {
    match meta_get(conn, key)? {
        Some(v) => v.parse().map_err(|_| bad_meta(key)),
        None => Ok(0),
    }
}

impl Store {
    /// Where and as whom this device syncs; `None` until it is enrolled.
    pub fn sync_config(&self) -> Result<Option<SyncConfig>> {
        let c = &self.conn;
        let Some(credential) = meta_get(c, CREDENTIAL)? else {
            return Ok(None);
        };
        let get = |k: &str| meta_get(c, k)?.ok_or_else(|| bad_meta(k));
        let uuid = |k: &str| -> Result<Uuid> { get(k)?.parse().map_err(|_| bad_meta(k)) };
        Ok(Some(SyncConfig {
            server_url: get(URL)?,
            credential,
            tenant_id: uuid(TENANT)?,
            store_id: uuid(STORE)?,
            store_name: get(STORE_NAME)?,
            enrolled_at: parse_iso(&get(ENROLLED_AT)?).ok_or_else(|| bad_meta(ENROLLED_AT))?,
        }))
    }

    /// Whether `actor` may enrol this till (`EnrolTill`) and the till may join
    /// a chain (`may_enrol`): the desk asks this before the server.
    pub fn may_enrol_as(&self, actor: &crate::staff::Staff) -> Result<()> {
        actor.require(crate::staff::Permission::EnrolTill)?;
        self.may_enrol()
    }

    /// Whether this till may join a chain: not once it holds demo data
    /// (`enrolment_refused`, reason `demo_data`), whose made-up members, staff
    /// and prices would otherwise reach every store. Asked before the server is.
    pub fn may_enrol(&self) -> Result<()> {
        if meta_get(&self.conn, DEMO_LOADED)?.is_some() {
            return Err(CoreError::EnrolmentRefused {
                reason: "demo_data",
            });
        }
        Ok(())
    }

    /// After a successful `POST /v1/enrol`: keeps the URL, the credential and
    /// the ids, and takes the store and device codes the server assigned, so
    /// receipt and member numbers never collide anywhere in the chain.
    ///
    /// A device already enrolled in another store is refused: its store's
    /// appointments, shifts and sales would follow it into the wrong store.
    pub fn save_enrolment(&mut self, server_url: &str, e: &EnrolResponse) -> Result<()> {
        self.may_enrol()?;
        let url = server_url.trim().trim_end_matches('/');
        if url.is_empty() {
            return Err(CoreError::validation(
                "serverUrl",
                "the server's address is needed",
            ));
        }
        if e.credential.is_empty()
            || e.store_code.trim().is_empty()
            || e.device_code.trim().is_empty()
        {
            return Err(CoreError::validation(
                "code",
                "the server's answer lacks a credential or a code",
            ));
        }
        if let Some(before) = self.sync_config()? {
            if before.tenant_id != e.tenant_id || before.store_id != e.store_id {
                return Err(CoreError::Conflict(format!(
                    "this device already belongs to {}: it cannot join another store",
                    before.store_name
                )));
            }
        }
        let (store_code, device_code) = (e.store_code.trim(), e.device_code.trim());
        self.write(|w| {
            w.set_meta(URL, url)?;
            w.set_meta(CREDENTIAL, &e.credential)?;
            w.set_meta(TENANT, &e.tenant_id.to_string())?;
            w.set_meta(STORE, &e.store_id.to_string())?;
            w.set_meta(STORE_NAME, &e.store_name)?;
            w.set_meta(ENROLLED_AT, &iso(w.now()))?;
            w.set_meta("store_code", store_code)?;
            w.set_meta("device_code", device_code)?;
            w.set_meta(HEAD_OFFICE, if e.head_office { "1" } else { "0" })?;
            Ok(())
        })?;
        self.device.store_code = store_code.to_owned();
        self.device.code = device_code.to_owned();
        Ok(())
    }

    /// Where the next pull starts.
    pub fn sync_cursor(&self) -> Result<i64> {
        int_meta(&self.conn, CURSOR)
    }

    /// The server's newest operation when this device last pulled: with the
    /// cursor, how far an initial sync has come.
    pub fn pull_head(&self) -> Result<i64> {
        int_meta(&self.conn, HEAD)
    }

    /// Notes a sync round that pushed and pulled everything it had to.
    pub fn record_sync_success(&mut self, at: DateTime<Utc>) -> Result<()> {
        self.write(|w| w.set_meta(LAST_SUCCESS, &iso(at)))
    }

    pub fn last_sync_at(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(meta_get(&self.conn, LAST_SUCCESS)?.and_then(|s| parse_iso(&s)))
    }
}
