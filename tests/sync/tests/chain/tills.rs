//! What the console shows of each till: its last push and pull, what it said
//! it has waiting, how far behind the chain's log it is and its app version,
//! all from what the till sends with every push and pull.

use super::{call, owner_key};
use crate::support::{boss, Device, TestServer};
use reqwest::StatusCode;
use salondesk_core::member::MemberInput;
use salondesk_protocol::chain::{ChainTills, APP_VERSION_HEADER, WAITING_HEADER};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn each_till_shows_its_last_sync_what_waits_and_its_version() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let key = owner_key(&s, c.tenant_id).await;
    let till = Device::enrol(&s, s.url(), c.stores[0], "front desk", |_| {}).await;
    let quiet = s.enrol(c.stores[0]).await;

    till.store()
        .register_member(
            &boss(),
            &MemberInput {
                name: "王丽娜".into(),
                phone: Some("13812345678".into()),
                ..MemberInput::default()
            },
        )
        .unwrap();
    till.sync().await;

    let tills = |v: serde_json::Value| serde_json::from_value::<ChainTills>(v).unwrap().tills;
    let (status, list) = call(&s, None, "/tills", Some(&key)).await;
    assert_eq!(status, StatusCode::OK);
    let list = tills(list);
    let front = list
        .iter()
        .find(|t| t.id == till.store().device().id.0)
        .unwrap();
    assert!(
        front.last_push_at.is_some() && front.last_pull_at.is_some(),
        "it pushed and pulled"
    );
    assert_eq!(front.waiting, Some(0), "its member went: nothing waits");
    assert_eq!(front.not_pulled, Some(0), "it pulled up to the head");
    assert_eq!(
        front.app_version.as_deref(),
        Some(env!("CARGO_PKG_VERSION")),
        "the version it sent"
    );
    let never = list.iter().find(|t| t.id == quiet.device_id).unwrap();
    assert_eq!(
        (
            never.last_push_at,
            never.last_pull_at,
            never.waiting,
            never.app_version.clone()
        ),
        (None, None, None, None),
        "a till that never synced says nothing yet"
    );

    // A till says 7 wait and sends a version that is not one: the count is
    // noted, the version is not, and the sync itself goes through.
    let r = s
        .http
        .get(format!("{}/v1/pull?after=0", s.url()))
        .bearer_auth(&quiet.credential)
        .header(WAITING_HEADER, "7")
        .header(APP_VERSION_HEADER, "<b>9</b>")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "a malformed header never fails a sync"
    );
    let (_, list) = call(&s, None, "/tills", Some(&key)).await;
    let list = tills(list);
    let quiet_row = list.iter().find(|t| t.id == quiet.device_id).unwrap();
    assert_eq!(quiet_row.waiting, Some(7));
    assert_eq!(quiet_row.app_version, None, "markup is not a version");
    assert!(quiet_row.last_pull_at.is_some() && quiet_row.last_push_at.is_none());
    let r = s
        .http
        .get(format!("{}/v1/pull?after=0", s.url()))
        .bearer_auth(&quiet.credential)
        .header(WAITING_HEADER, "-3")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, list) = call(&s, None, "/tills", Some(&key)).await;
    let quiet_row = tills(list)
        .into_iter()
        .find(|t| t.id == quiet.device_id)
        .unwrap();
    assert_eq!(
        quiet_row.waiting,
        Some(7),
        "a negative count is not believed; the last good one stays"
    );
    let _ = json!({});
}
