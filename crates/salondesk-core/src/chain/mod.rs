//! The chain's view and the chain owner's console on a head-office device
//! (issue 18).
//!
//! The console runs the chain (stores, enrolment codes, tills, revoking) by
//! calling the server's `/v1/chain/…` with the chain owner's key, which the
//! server's operator issued for this chain alone (see the README's "The chain
//! owner's console"). Here, the till's side of it: who may (`chain_scope`:
//! the owner, on an enrolled head-office device), where the key is kept
//! (`key`: the OS credential store, else for the session only), the QR code
//! of an enrolment code (`qr`), the chain's stores remembered for the
//! reports' store picker, and other stores' sales entering this device's
//! report summaries only (`sales`), and their ratings its ratings summary
//! (`ratings`). The HTTP calls are the sync crate's
//! (`salondesk_sync::chain`), as every other call to the server.

mod key;
mod qr;
mod ratings;
mod sales;

pub use key::{KeyPlace, OwnerKeys};
pub use qr::qr_svg;
pub(crate) use ratings::other_store_feedback;
pub(crate) use sales::other_store_sale;

use crate::reports::ChainStore;
use crate::staff::{Permission, Staff};
use crate::store::Store;
use crate::time::iso;
use crate::{CoreError, Result};
use rusqlite::params;
use salondesk_protocol::chain::{store_code, store_name, ChainStoreInfo, OWNER_KEY_PREFIX};
use uuid::Uuid;

/// Where the console talks to, and for which chain: this device's enrolment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainScope {
    pub server_url: String,
    pub tenant_id: Uuid,
    pub store_id: Uuid,
    pub device_id: Uuid,
}

fn refused(reason: &'static str) -> CoreError {
    CoreError::ChainRefused { reason }
}

/// An owner key as pasted (spaces and line breaks dropped), or `key_refused`
/// on the field `ownerKey` before the server is asked.
pub fn owner_key_input(typed: &str) -> Result<String> {
    let key: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    let ok = key.starts_with(OWNER_KEY_PREFIX)
        && key.len() <= 100
        && key[OWNER_KEY_PREFIX.len()..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        && key.len() > OWNER_KEY_PREFIX.len() + 20;
    if !ok {
        return Err(CoreError::validation(
            "ownerKey",
            "an owner key starts with sdo_ followed by some forty letters and digits",
        ));
    }
    Ok(key)
}

/// A new store's name and code by the rules the server applies, each
/// refused on its field before the server is asked.
pub fn new_store_input(name: &str, code: &str) -> Result<(String, String)> {
    let bad = |e: salondesk_protocol::chain::StoreFieldError| {
        CoreError::validation(e.field(), e.message())
    };
    Ok((
        store_name(name).map_err(bad)?,
        store_code(code).map_err(bad)?,
    ))
}

impl Store {
    /// Whether `who` may run the chain from this device, and where: the owner
    /// (`ManageChain`, refused first), on a device enrolled in a chain
    /// (`not_enrolled`) that the chain marked head office (`not_head_office`).
    pub fn chain_scope(&self, who: &Staff) -> Result<ChainScope> {
        who.require(Permission::ManageChain)?;
        let config = self.sync_config()?.ok_or(refused("not_enrolled"))?;
        if !self.is_head_office()? {
            return Err(refused("not_head_office"));
        }
        Ok(ChainScope {
            server_url: config.server_url,
            tenant_id: config.tenant_id,
            store_id: config.store_id,
            device_id: self.device().id.0,
        })
    }

    /// As `chain_scope`, before revoking `device_id`: never this device
    /// itself (`own_till`: the console would lock itself out).
    pub fn chain_revoke_scope(&self, who: &Staff, device_id: Uuid) -> Result<ChainScope> {
        let scope = self.chain_scope(who)?;
        if device_id == scope.device_id {
            return Err(refused("own_till"));
        }
        Ok(scope)
    }

    /// Keeps the chain's stores as the console listed them (their names for
    /// the reports' store picker); a store gone from the list goes.
    pub fn remember_chain_stores(&mut self, who: &Staff, stores: &[ChainStoreInfo]) -> Result<()> {
        self.chain_scope(who)?;
        self.write(|w| {
            w.execute("DELETE FROM chain_stores", [])?;
            let now = iso(w.now());
            for s in stores {
                w.prepare_cached(
                    "INSERT INTO chain_stores (id, name, code, listed_at) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![s.id.to_string(), s.name, s.code, now])?;
            }
            Ok(())
        })
    }
}

/// The stores a report may be asked for: this till's own first; on a
/// head-office device, then every store of the chain it knows (listed by the
/// console, or seen in the sales it pulled: named by the console's next list).
pub(crate) fn report_stores(store: &Store) -> Result<Vec<ChainStore>> {
    let Some(config) = store.sync_config()? else {
        return Ok(vec![ChainStore {
            id: "local".into(),
            name: String::new(),
            own: true,
        }]);
    };
    let own = config.store_id.to_string();
    let mut out = vec![ChainStore {
        id: own.clone(),
        name: config.store_name,
        own: true,
    }];
    if !store.is_head_office()? {
        return Ok(out);
    }
    let mut stmt = store.conn().prepare(
        "SELECT id, name FROM (
             SELECT id, name, code AS k FROM chain_stores
             UNION ALL
             SELECT DISTINCT store_id, '', '~' || store_id FROM other_store_sales
             WHERE store_id NOT IN (SELECT id FROM chain_stores)
         ) WHERE id <> ?1 ORDER BY k",
    )?;
    let rows = stmt.query_map([&own], |r| {
        Ok(ChainStore {
            id: r.get(0)?,
            name: r.get(1)?,
            own: false,
        })
    })?;
    for r in rows {
        out.push(r?);
    }
    Ok(out)
}
