//! A store on a fresh temporary file with a clock the test sets.

use chrono::{TimeZone, Utc};
use salondesk_core::clock::FixedClock;
use salondesk_core::member::MemberInput;
use salondesk_core::Store;
use std::sync::Arc;
use tempfile::TempDir;

pub struct TestStore {
    pub store: Store,
    pub clock: Arc<FixedClock>,
    /// Kept so the file outlives the test.
    pub _dir: TempDir,
}

pub fn store() -> TestStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(FixedClock::at(
        Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap(),
    ));
    let store =
        Store::open(&dir.path().join("salondesk.sqlite3"), clock.clone()).expect("open store");
    TestStore {
        store,
        clock,
        _dir: dir,
    }
}

pub fn member(name: &str, phone: &str) -> MemberInput {
    MemberInput {
        name: name.into(),
        phone: Some(phone.into()),
        ..MemberInput::default()
    }
}

/// An owner acting in a test's set-up (adding the menu, archiving a member):
/// the permission checks look at her role; what she does is not the test.
pub fn boss() -> salondesk_core::staff::Staff {
    salondesk_core::staff::Staff {
        id: salondesk_core::ids::StaffId::new(Utc::now()),
        name: "测试店主".into(),
        role: salondesk_core::staff::Role::Owner,
    }
}
