//! What cannot merge silently becomes a conflict every store pulls, raised
//! from raw pushes: an overdraft by two offline stores, one beautician booked
//! twice from two devices, one phone registered twice. Only the chain's own
//! devices may resolve one.

use super::{appointment, member, outcomes, sale, stored_value, ACCEPTED, FORBIDDEN};
use crate::support::{op, DeviceCreds, TestServer};
use salondesk_protocol::schema::CONFLICT_SERVER_FIELDS;
use salondesk_protocol::{OpKind, OpStatus, PulledOp, SERVER_DEVICE_ID};
use serde_json::{json, Value};
use uuid::Uuid;

/// The conflicts `device` can pull, oldest first.
async fn conflicts(s: &TestServer, device: &DeviceCreds) -> Vec<PulledOp> {
    s.pull_all(device)
        .await
        .into_iter()
        .filter(|p| p.op.entity == "conflict" && p.op.device_id == SERVER_DEVICE_ID)
        .collect()
}

fn check_shape(c: &PulledOp) {
    let fields: Vec<&str> =
        c.op.payload
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
    let mut want = CONFLICT_SERVER_FIELDS.to_vec();
    want.sort();
    let mut got = fields.clone();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(c.op.kind, OpKind::Upsert);
    assert_eq!(c.op.hlc.len(), 22, "fixed-width hlc: {}", c.op.hlc);
}

fn resolution(device: &DeviceCreds, conflict: &str) -> salondesk_protocol::Op {
    op(
        device,
        "conflict",
        conflict,
        OpKind::Upsert,
        json!({ "resolution": "took the difference in cash", "resolvedBy": Uuid::now_v7(), "resolvedAt": "2026-11-23T10:00:00.000Z" }),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn an_overdraft_by_two_offline_stores_is_a_conflict() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;
    let stranger_chain = s.chain("Peony", &["S01"]).await;
    let (one, two, stranger) = (
        s.enrol(c.stores[0]).await,
        s.enrol(c.stores[1]).await,
        s.enrol(stranger_chain.stores[0]).await,
    );
    let m = Uuid::now_v7();
    // She tops up 100 yuan in store 1; store 2 learns it.
    let r = s
        .push(
            &one,
            vec![
                op(
                    &one,
                    "member",
                    m,
                    OpKind::Upsert,
                    member("王芳", "13800000007"),
                ),
                op(
                    &one,
                    "sale",
                    Uuid::now_v7(),
                    OpKind::Append,
                    sale(&one, Some(m), vec![stored_value(m, 10000)]),
                ),
            ],
        )
        .await;
    assert_eq!(outcomes(&r), vec![ACCEPTED; 2]);
    // Both stores go offline; each lets her spend what it believes she has.
    let spend_one = op(
        &one,
        "sale",
        Uuid::now_v7(),
        OpKind::Append,
        sale(&one, Some(m), vec![stored_value(m, -8000)]),
    );
    let spend_two = op(
        &two,
        "sale",
        Uuid::now_v7(),
        OpKind::Append,
        sale(&two, Some(m), vec![stored_value(m, -5000)]),
    );
    assert_eq!(
        outcomes(&s.push(&one, vec![spend_one]).await),
        vec![ACCEPTED]
    );
    assert!(
        conflicts(&s, &two).await.is_empty(),
        "20 yuan left: fine so far"
    );
    assert_eq!(
        outcomes(&s.push(&two, vec![spend_two]).await),
        vec![ACCEPTED]
    );

    let found = conflicts(&s, &one).await;
    assert_eq!(found.len(), 1);
    let c1 = &found[0];
    check_shape(c1);
    let p = &c1.op.payload;
    assert_eq!(p["kind"], "overdraft");
    assert_eq!(p["entity"], "member");
    assert_eq!(p["entityIds"], json!([m]));
    let mut stores = c.stores.clone();
    stores.sort();
    assert_eq!(p["storeIds"], json!(stores), "both stores' debits made it");
    assert_eq!(
        p["detail"],
        json!({ "memberId": m, "ledger": "stored_value", "balance": -3000 })
    );
    assert_eq!(
        conflicts(&s, &two).await.len(),
        1,
        "every store of the chain gets it"
    );
    assert!(conflicts(&s, &stranger).await.is_empty());

    // Still open: another spend raises nothing new.
    let more = op(
        &two,
        "sale",
        Uuid::now_v7(),
        OpKind::Append,
        sale(&two, Some(m), vec![stored_value(m, -1000)]),
    );
    s.push(&two, vec![more]).await;
    assert_eq!(conflicts(&s, &one).await.len(), 1);

    // Another chain cannot resolve it, nor a made-up one; the chain can.
    let id = c1.op.entity_id.clone();
    let r = s.push(&stranger, vec![resolution(&stranger, &id)]).await;
    assert_eq!(outcomes(&r), vec![FORBIDDEN]);
    let r = s
        .push(&two, vec![resolution(&two, &Uuid::now_v7().to_string())])
        .await;
    assert_eq!(
        outcomes(&r),
        vec![(OpStatus::Rejected, Some("unknown_conflict"))]
    );
    let resolved = resolution(&two, &id);
    let r = s.push(&two, vec![resolved.clone()]).await;
    assert_eq!(outcomes(&r), vec![ACCEPTED]);
    let (at, how): (Option<chrono::DateTime<chrono::Utc>>, Option<String>) =
        sqlx::query_as("SELECT resolved_at, resolution FROM conflicts WHERE id = $1::uuid")
            .bind(&id)
            .fetch_one(&s.pool)
            .await
            .unwrap();
    assert!(at.is_some());
    assert_eq!(how.as_deref(), Some("took the difference in cash"));
    let seen_by_one: Vec<_> = s
        .pull_all(&one)
        .await
        .into_iter()
        .filter(|p| p.op.op_id == resolved.op_id)
        .collect();
    assert_eq!(
        seen_by_one.len(),
        1,
        "the resolution syncs to the other store"
    );

    // Resolved, a new overdraft can be raised again.
    let again = op(
        &one,
        "sale",
        Uuid::now_v7(),
        OpKind::Append,
        sale(&one, Some(m), vec![stored_value(m, -100)]),
    );
    s.push(&one, vec![again]).await;
    assert_eq!(conflicts(&s, &two).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn one_beautician_booked_twice_from_two_devices_is_a_conflict() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let (desk, tablet) = (s.enrol(c.stores[0]).await, s.enrol(c.stores[0]).await);
    let (staff, other_staff) = (Uuid::now_v7(), Uuid::now_v7());
    let (a, b, d) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    // The desk books 10:00–11:00 and, on its own, 11:00–12:00 (touching is fine).
    let r = s
        .push(
            &desk,
            vec![
                op(
                    &desk,
                    "appointment",
                    a,
                    OpKind::Upsert,
                    appointment(staff, "2026-11-24T02:00:00Z", 60),
                ),
                op(
                    &desk,
                    "appointment",
                    d,
                    OpKind::Upsert,
                    appointment(staff, "2026-11-24T03:00:00Z", 60),
                ),
            ],
        )
        .await;
    assert_eq!(outcomes(&r), vec![ACCEPTED; 2]);
    // Offline, the tablet books another beautician at 10:30 (fine), then the
    // same one at 10:30–11:30, overlapping both of the desk's.
    let r = s
        .push(
            &tablet,
            vec![
                op(
                    &tablet,
                    "appointment",
                    Uuid::now_v7(),
                    OpKind::Upsert,
                    appointment(other_staff, "2026-11-24T02:30:00Z", 60),
                ),
                op(
                    &tablet,
                    "appointment",
                    b,
                    OpKind::Upsert,
                    appointment(staff, "2026-11-24T02:30:00Z", 60),
                ),
            ],
        )
        .await;
    assert_eq!(outcomes(&r), vec![ACCEPTED; 2]);
    let found = conflicts(&s, &desk).await;
    assert_eq!(found.len(), 2, "b clashes with a and with d");
    for f in &found {
        check_shape(f);
        let p = &f.op.payload;
        assert_eq!(p["kind"], "double_booking");
        assert_eq!(p["entity"], "appointment");
        assert_eq!(p["storeIds"], json!([c.stores[0]]));
        assert_eq!(p["detail"]["staffId"], json!(staff));
        let ids = p["entityIds"].as_array().unwrap();
        assert!(ids.contains(&json!(b)), "{p}");
    }
    // Once per pair: touching b again raises nothing new; cancelling it frees the slot.
    let r = s
        .push(
            &tablet,
            vec![op(
                &tablet,
                "appointment",
                b,
                OpKind::Upsert,
                json!({ "notes": "VIP" }),
            )],
        )
        .await;
    assert_eq!(outcomes(&r), vec![ACCEPTED]);
    let r = s
        .push(
            &tablet,
            vec![op(
                &tablet,
                "appointment",
                b,
                OpKind::Upsert,
                json!({ "status": "cancelled" }),
            )],
        )
        .await;
    assert_eq!(outcomes(&r), vec![ACCEPTED]);
    let e = Uuid::now_v7();
    let r = s
        .push(
            &tablet,
            vec![op(
                &tablet,
                "appointment",
                e,
                OpKind::Upsert,
                appointment(staff, "2026-11-24T04:00:00Z", 30),
            )],
        )
        .await;
    assert_eq!(outcomes(&r), vec![ACCEPTED]);
    assert_eq!(conflicts(&s, &desk).await.len(), 2);
    assert_eq!(
        s.count("SELECT count(*) FROM conflicts WHERE kind = 'double_booking'")
            .await,
        2
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn two_members_registered_with_one_phone_is_a_conflict() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01", "S02"]).await;
    let other = s.chain("Peony", &["S01"]).await;
    let (one, two, stranger) = (
        s.enrol(c.stores[0]).await,
        s.enrol(c.stores[1]).await,
        s.enrol(other.stores[0]).await,
    );
    let (m1, m2, m3) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let phone = "13900000008";
    s.push(
        &one,
        vec![op(
            &one,
            "member",
            m1,
            OpKind::Upsert,
            member("王芳", phone),
        )],
    )
    .await;
    // Another chain may have a member with that phone: not a conflict.
    s.push(
        &stranger,
        vec![op(
            &stranger,
            "member",
            Uuid::now_v7(),
            OpKind::Upsert,
            member("王芳", phone),
        )],
    )
    .await;
    assert!(conflicts(&s, &one).await.is_empty());
    // Store 2 registers her again, offline.
    s.push(
        &two,
        vec![op(
            &two,
            "member",
            m2,
            OpKind::Upsert,
            member("王芳", phone),
        )],
    )
    .await;
    let found = conflicts(&s, &one).await;
    assert_eq!(found.len(), 1);
    check_shape(&found[0]);
    let p: &Value = &found[0].op.payload;
    assert_eq!(p["kind"], "duplicate_phone");
    assert_eq!(p["entity"], "member");
    let mut pair = vec![m1, m2];
    pair.sort();
    assert_eq!(p["entityIds"], json!(pair));
    let mut stores = c.stores.clone();
    stores.sort();
    assert_eq!(p["storeIds"], json!(stores));
    assert!(
        !p.to_string().contains(phone),
        "no phone number in the conflict"
    );
    assert!(conflicts(&s, &stranger).await.is_empty());

    // Editing either again is the same pair: nothing new. Merged away, m2
    // leaves; a third member with the phone pairs with m1 only.
    s.push(
        &two,
        vec![op(
            &two,
            "member",
            m2,
            OpKind::Upsert,
            json!({ "phone": phone, "notes": "x" }),
        )],
    )
    .await;
    s.push(
        &two,
        vec![op(
            &two,
            "member",
            m2,
            OpKind::Merge,
            json!({ "survivor": m1 }),
        )],
    )
    .await;
    s.push(
        &two,
        vec![op(
            &two,
            "member",
            m3,
            OpKind::Upsert,
            member("王芳", phone),
        )],
    )
    .await;
    let found = conflicts(&s, &one).await;
    assert_eq!(found.len(), 2);
    let mut pair = vec![m1, m3];
    pair.sort();
    assert_eq!(found[1].op.payload["entityIds"], json!(pair));
}
