//! `Store`: an open database, the clock and this device's identity. Reads go
//! through `conn()`; every change goes through `write` (see `write.rs`).

use crate::clock::Clock;
use crate::hlc::Hlc;
use crate::ids::DeviceId;
use crate::{db, Result};
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Who this install is: made on first open, kept in `meta`.
#[derive(Debug, Clone)]
pub struct Device {
    pub id: DeviceId,
    /// Short code printed in member and receipt numbers ("001").
    pub code: String,
    pub store_code: String,
}

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) device: Device,
    pub(crate) hlc: Hlc,
    path: PathBuf,
    checkpointer: Option<crate::db::Checkpointer>,
    /// Called after a write that added to the outbox (see `on_outbox_write`).
    pub(crate) outbox_hook: Option<crate::sync::OutboxHook>,
    /// Managers' approvals given and not yet spent (`checkout::approval`).
    pub(crate) approvals: crate::checkout::Approvals,
    /// Held while the app has the database open (`open_exclusive`).
    _instance_lock: Option<std::fs::File>,
    /// The file's SQLCipher key; `None` for a plain file (`db::key`).
    pub(crate) key: Option<db::DbKey>,
    /// The last import dry run's plan, for the import that follows it.
    pub(crate) import_plan: crate::import::KeptPlan,
    /// Whether sales enter the report summaries (`reports::summary::record`):
    /// always, but for `bench reports`, which times a checkout without them.
    pub(crate) keep_summaries: bool,
}

impl Store {
    /// Opens the store at `path` through the gathering WAL VFS, or the plain
    /// platform VFS when `SALONDESK_PLAIN_VFS=1` (see `db::Vfs`).
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Store::open_with(path, clock, db::Vfs::from_env())
    }

    /// Opens the store at `path` through `vfs`.
    pub fn open_with(path: &Path, clock: Arc<dyn Clock>, vfs: db::Vfs) -> Result<Store> {
        Store::open_keyed(path, clock, vfs, None)
    }

    /// Opens the store at `path` through `vfs`, an encrypted file with its
    /// `key` (`None`: a plain file); a key that does not open it is refused
    /// (`wrong_key`) before anything is written.
    pub fn open_keyed(
        path: &Path,
        clock: Arc<dyn Clock>,
        vfs: db::Vfs,
        key: Option<db::DbKey>,
    ) -> Result<Store> {
        let conn = db::open_keyed(path, vfs, key.as_ref())?;
        let mut store = Store {
            conn,
            clock,
            device: Device {
                id: DeviceId(uuid::Uuid::nil()),
                code: String::new(),
                store_code: String::new(),
            },
            hlc: Hlc::default(),
            path: path.to_path_buf(),
            checkpointer: None,
            outbox_hook: None,
            approvals: Default::default(),
            _instance_lock: None,
            key,
            import_plan: Default::default(),
            keep_summaries: true,
        };
        store.load_identity()?;
        Ok(store)
    }

    /// Opens the database as the one program using it (the app, the CLI): a
    /// second open anywhere, while this store lives, is refused with
    /// `database_in_use` (see `db::instance`), before the file is touched.
    pub fn open_exclusive(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Store::open_exclusive_keyed(path, clock, None)
    }

    /// `open_exclusive` for an encrypted file (`key`; `None`: plain).
    pub fn open_exclusive_keyed(
        path: &Path,
        clock: Arc<dyn Clock>,
        key: Option<db::DbKey>,
    ) -> Result<Store> {
        let lock = db::instance::lock(path)?;
        Store::open_with_lock(path, clock, key, lock)
    }

    /// `open_exclusive_keyed` with the database's lock already taken
    /// (`db::instance::lock`): the app holds it while it finds the key or
    /// encrypts the file, so no second program touches it meanwhile.
    pub fn open_with_lock(
        path: &Path,
        clock: Arc<dyn Clock>,
        key: Option<db::DbKey>,
        lock: std::fs::File,
    ) -> Result<Store> {
        let mut store = Store::open_keyed(path, clock, db::Vfs::from_env(), key)?;
        store._instance_lock = Some(lock);
        Ok(store)
    }

    /// The database's lock, taken out to outlive this store (a store closed
    /// to have its file replaced, reopened under the same lock).
    pub(crate) fn take_instance_lock(&mut self) -> Option<std::fs::File> {
        self._instance_lock.take()
    }

    /// The key this store's file is encrypted with, if it is: a backup of it
    /// is keyed the same (`db::apply_key`).
    pub fn db_key(&self) -> Option<&db::DbKey> {
        self.key.as_ref()
    }

    /// For the long-running app: WAL checkpoints move off the commit path onto a
    /// background thread, so a sale does not wait for one. Only if writes come
    /// so fast that the WAL never gets a quiet moment to start over does the
    /// writer checkpoint itself, once every `db::WAL_CHECKPOINT_PAGES` pages
    /// (see `db::checkpoint`).
    pub fn checkpoint_in_background(&mut self) -> Result<()> {
        if self.checkpointer.is_none() {
            crate::db::checkpoint_at_the_mark(&self.conn);
            self.checkpointer = Some(crate::db::Checkpointer::start(
                &self.path,
                crate::db::CHECKPOINT_EVERY,
                self.key.as_ref(),
            )?);
        }
        Ok(())
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    pub fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    fn load_identity(&mut self) -> Result<()> {
        if meta_get(&self.conn, "device_id")?.is_none() {
            let id = DeviceId::new(self.clock.now());
            self.write(|w| {
                w.set_meta("device_id", &id.to_string())?;
                w.set_meta("device_code", "001")?;
                w.set_meta("store_code", "S01")?;
                Ok(())
            })?;
        }
        let get = |k: &str| -> Result<String> {
            meta_get(&self.conn, k)?
                .ok_or_else(|| crate::CoreError::Internal(format!("meta {k} missing")))
        };
        self.device = Device {
            id: get("device_id")?.parse()?,
            code: get("device_code")?,
            store_code: get("store_code")?,
        };
        self.hlc = match meta_get(&self.conn, "hlc")? {
            Some(s) => Hlc::parse(&s)
                .map_err(|e| crate::CoreError::Internal(format!("the device's clock: {e}")))?,
            None => Hlc::default(),
        };
        Ok(())
    }
}

pub(crate) fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}
