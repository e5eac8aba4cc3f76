//! The head-office flag reaches the till (issue 14): the enrolment reply says
//! whether the device is a head-office device, every pull says it again, and
//! the till's core refuses chain-wide edits (`head_office_only`) before they
//! are made when it is not one — also after the chain's admin changes the flag.

use crate::support::{boss, Device, TestServer};
use reqwest::StatusCode;
use salondesk_core::Money;
use serde_json::json;

fn adds_a_plan(d: &Device) -> Result<(), String> {
    // The plan is audited under who made it, a staff member of this till.
    let who = boss();
    d.store()
        .conn()
        .execute(
            "INSERT INTO staff (id, name, role, pin_hash, created_at, updated_at)
             VALUES (?1, ?2, 'owner', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            [who.id.to_string(), who.name.clone()],
        )
        .expect("she is on this till's staff");
    d.store()
        .create_top_up_plan(
            &who,
            &salondesk_core::checkout::TopUpPlanInput {
                name: "充500送50".into(),
                pay: Money::yuan(500),
                bonus: Money::yuan(50),
            },
        )
        .map(drop)
        .map_err(|e| e.code().to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_head_office_flag_reaches_the_till_at_enrolment_and_with_every_pull() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["HQ", "S01"]).await;
    let hq = Device::enrol_head_office(&s, s.url(), c.stores[0], "hq", |_| {}).await;
    let till = Device::enrol(&s, s.url(), c.stores[1], "till", |_| {}).await;

    assert!(
        hq.store().is_head_office().unwrap(),
        "the enrolment reply told the head-office device"
    );
    assert!(
        adds_a_plan(&hq).is_ok(),
        "head office sets the chain's plans"
    );
    assert_eq!(
        adds_a_plan(&till),
        Err("head_office_only".into()),
        "an ordinary till refuses before making what the server would set aside"
    );

    // The admin makes the till a head-office device: its next pull says so.
    let device = till.store().device().id.0;
    let path = format!("/v1/admin/devices/{device}/head-office");
    assert_eq!(
        s.admin_post(&path, json!({ "headOffice": true })).await,
        StatusCode::NO_CONTENT
    );
    till.sync().await;
    assert!(till.store().is_head_office().unwrap());
    assert!(adds_a_plan(&till).is_ok(), "now it may");
    till.sync().await;
    assert_eq!(
        till.count("SELECT count(*) FROM outbox WHERE rejected_at IS NOT NULL"),
        0,
        "and the server accepted what it wrote"
    );

    // And taken back.
    assert_eq!(
        s.admin_post(&path, json!({ "headOffice": false })).await,
        StatusCode::NO_CONTENT
    );
    till.sync().await;
    assert_eq!(adds_a_plan(&till), Err("head_office_only".into()));
}
