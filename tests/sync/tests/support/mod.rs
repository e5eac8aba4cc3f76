//! What every sync test stands on: a real PostgreSQL (a fresh database per
//! test), the real server in-process on a loopback port, and HTTP helpers to
//! make a chain (tenant, stores), enrol devices and push/pull as they would.
//!
//! PostgreSQL: `SALONDESK_TEST_DATABASE_URL` if set (any database on a server
//! where the user may CREATE DATABASE), else `scripts/pg.sh start` (a
//! throwaway cluster on 127.0.0.1:55432, installed and started on demand).
//!
//! ```ignore
//! let server = TestServer::start().await;
//! let chain = server.chain("Lotus", &["S01", "S02"]).await;
//! let till = server.enrol(chain.stores[0]).await;
//! let r = server.push(&till, vec![op(&till, "member", id, OpKind::Upsert, json!({...}))]).await;
//! ```

#![allow(dead_code, unused_imports)] // each test module uses its own share of the helpers

pub mod db;
pub mod device;
pub mod http;
pub mod ops;

pub use db::TestDb;
pub use device::Device;
pub use http::{Chain, DeviceCreds, TestServer, ADMIN_TOKEN};
pub use ops::{hlc_now, op};

/// An owner acting in a test's set-up (the menu, members): the core's
/// permission checks look at her role; what she does is not the test.
pub fn boss() -> salondesk_core::staff::Staff {
    salondesk_core::staff::Staff {
        id: salondesk_core::ids::StaffId::new(chrono::Utc::now()),
        name: "测试店主".into(),
        role: salondesk_core::staff::Role::Owner,
    }
}
