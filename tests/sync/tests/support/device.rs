//! A device as the app runs it: the core on a temporary SQLite file, enrolled
//! through `POST /v1/enrol` with a code the admin API made, syncing with the
//! `salondesk-sync` engine over real HTTP.

use super::http::TestServer;
use salondesk_core::clock::{Clock, SystemClock};
use salondesk_core::Store;
use salondesk_sync::{Engine, SyncReport, SyncStatus};
use std::sync::{Arc, Mutex, MutexGuard};
use tempfile::TempDir;
use tokio::sync::watch;
use uuid::Uuid;

pub struct Device {
    pub name: String,
    pub store_id: Uuid,
    pub store: Arc<Mutex<Store>>,
    engine: Engine<Arc<Mutex<Store>>>,
    /// Kept so the file outlives the test.
    _dir: TempDir,
}

impl Device {
    /// A fresh store, `prepare`d (data written before enrolment, as a store
    /// that used SalonDesk alone before joining the chain would have), then
    /// enrolled in `store_id` of `server` at `url` (the server, or a proxy).
    pub async fn enrol(
        server: &TestServer,
        url: &str,
        store_id: Uuid,
        name: &str,
        prepare: impl FnOnce(&mut Store),
    ) -> Device {
        Self::enrol_as(
            server,
            url,
            store_id,
            name,
            false,
            Arc::new(SystemClock),
            prepare,
        )
        .await
    }

    /// Like [`Device::enrol`], with the device's wall clock handed in (a PC
    /// whose date is wrong).
    pub async fn enrol_with_clock(
        server: &TestServer,
        url: &str,
        store_id: Uuid,
        name: &str,
        clock: Arc<dyn Clock>,
        prepare: impl FnOnce(&mut Store),
    ) -> Device {
        Self::enrol_as(server, url, store_id, name, false, clock, prepare).await
    }

    /// As `enrol`, as the chain's head-office device: the one that may set up
    /// the catalog, plans, tiers and the chain's staff.
    pub async fn enrol_head_office(
        server: &TestServer,
        url: &str,
        store_id: Uuid,
        name: &str,
        prepare: impl FnOnce(&mut Store),
    ) -> Device {
        Self::enrol_as(
            server,
            url,
            store_id,
            name,
            true,
            Arc::new(SystemClock),
            prepare,
        )
        .await
    }

    async fn enrol_as(
        server: &TestServer,
        url: &str,
        store_id: Uuid,
        name: &str,
        head_office: bool,
        clock: Arc<dyn Clock>,
        prepare: impl FnOnce(&mut Store),
    ) -> Device {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("salondesk.sqlite3"), clock).unwrap();
        prepare(&mut store);
        let code = server.enrolment_code_for(store_id, None, head_office).await;
        let reply = salondesk_sync::enrol(url, &code, store.device().id.0, name)
            .await
            .unwrap_or_else(|e| panic!("{name} enrols: {e}"));
        store
            .save_enrolment(url, &reply)
            .expect("the enrolment is kept");
        let store = Arc::new(Mutex::new(store));
        let (status, _) = watch::channel(SyncStatus::default());
        let engine = Engine::for_enrolled(store.clone(), status).expect("an enrolled engine");
        Device {
            name: name.to_owned(),
            store_id,
            store,
            engine,
            _dir: dir,
        }
    }

    /// The store, locked (never across an await).
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap()
    }

    /// One sync as the app's background task runs it: push, pull, record.
    pub async fn sync(&self) -> SyncReport {
        self.engine
            .sync_once()
            .await
            .unwrap_or_else(|e| panic!("{} syncs: {e}", self.name))
    }

    pub fn status(&self) -> SyncStatus {
        self.engine.status()
    }

    /// Restores this till from `backup` as the app does: the store is closed
    /// first, the file swapped (`backup::restore_file`), then opened again.
    /// `disk_lost`: the till's file is gone first (a dead disk, a new PC), so
    /// nothing can be carried over from it.
    pub fn restore_from(&self, backup: &std::path::Path, disk_lost: bool) {
        let mut guard = self.store();
        let path = guard.path().to_path_buf();
        let clock = guard.clock();
        let spare = tempfile::tempdir().expect("temp dir");
        let placeholder =
            Store::open(&spare.path().join("closing.sqlite3"), clock.clone()).unwrap();
        drop(std::mem::replace(&mut *guard, placeholder));
        if disk_lost {
            for ext in ["", "-wal", "-shm"] {
                let mut p = path.clone().into_os_string();
                p.push(ext);
                let _ = std::fs::remove_file(p);
            }
        }
        salondesk_core::backup::restore_file(&path, backup, None, clock.clone())
            .unwrap_or_else(|e| panic!("{} restores: {e}", self.name));
        *guard = Store::open(&path, clock).unwrap();
    }

    /// One number from the device's database.
    pub fn count(&self, sql: &str) -> i64 {
        self.store()
            .conn()
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}
