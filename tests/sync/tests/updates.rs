//! Updates (issue 19): the chain's server offers a till the newer version its
//! operator published, and keeps accepting what the previous app version
//! pushes, so a till that has not updated yet (offline for a week, or its
//! update put off until after a sale) keeps syncing.

use crate::support::{hlc_now, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

async fn ask(s: &TestServer, path: &str) -> (StatusCode, Value) {
    let r = s
        .http
        .get(format!("{}/v1/updates/{path}", s.url()))
        .send()
        .await
        .expect("the updates route answers");
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_till_is_offered_the_version_its_operator_published_and_only_if_newer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = json!({
        "version": "0.2.0",
        "notes": "新版本",
        "pub_date": "2027-01-05T09:00:00Z",
        "url": "https://updates.example.invalid/SalonDesk_0.2.0_x64-setup.exe",
        "signature": "dW50cnVzdGVkIGNvbW1lbnQ6IHNpZ25hdHVyZQ=="
    });
    std::fs::write(dir.path().join("windows-x86_64.json"), manifest.to_string()).unwrap();
    let path = dir.path().to_path_buf();
    let s = TestServer::start_with(move |c| c.updates_dir = Some(path)).await;

    let (status, offered) = ask(&s, "windows/x86_64/0.1.0").await;
    assert_eq!(status, StatusCode::OK, "0.1.0 < 0.2.0: there is an update");
    assert_eq!(
        offered, manifest,
        "the till gets the manifest as the operator wrote it"
    );

    let (status, _) = ask(&s, "windows/x86_64/0.2.0").await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "a till on the published version: nothing new"
    );
    let (status, _) = ask(&s, "linux/x86_64/0.1.0").await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "no manifest for Linux: nothing to offer"
    );

    std::fs::write(dir.path().join("windows-x86_64.json"), "{ half a file").unwrap();
    let (status, _) = ask(&s, "windows/x86_64/0.1.0").await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "a broken manifest is logged for the operator; tills are offered nothing, not an error"
    );

    let (status, reply) = ask(&s, "windows/x86_64/not-a-version").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{reply}");
    let (status, _) = ask(&s, "..%2F..%2Fetc/x86_64/0.1.0").await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "no path leaves the updates folder"
    );
}

/// The development key's files (tests/updater-dev-key/README.md says what they are).
fn dev_key_file(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../updater-dev-key")
        .join(name)
}

/// The chain's public key as the app has it built in (tauri.conf.json, `plugins.updater`).
fn apps_public_key() -> String {
    let conf: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tauri.conf.json"),
        )
        .expect("tauri.conf.json"),
    )
    .expect("tauri.conf.json is JSON");
    conf["plugins"]["updater"]["pubkey"]
        .as_str()
        .expect("the app's config holds the updater's public key")
        .to_owned()
}

/// What the updater plugin does with a downloaded installer before it runs it
/// (`verify_signature` in tauri-plugin-updater 2: both strings are base64 of minisign's text
/// forms, checked with the same crate). The plugin itself needs a running Tauri app, so the
/// route is exercised here and the plugin's parsing of the manifest in the app's tests.
fn plugin_would_accept(installer: &[u8], signature: &str, pubkey: &str) -> bool {
    use base64::Engine;
    let text = |b64: &str| {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .expect("base64");
        String::from_utf8(bytes).expect("minisign text")
    };
    let key = minisign_verify::PublicKey::decode(&text(pubkey)).expect("a minisign public key");
    let Ok(sig) = minisign_verify::Signature::decode(&text(signature)) else {
        return false;
    };
    key.verify(installer, &sig, true).is_ok()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_signed_release_served_by_the_route_passes_the_updaters_signature_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        dev_key_file("windows-x86_64.json"),
        dir.path().join("windows-x86_64.json"),
    )
    .expect("the dev release's manifest");
    let path = dir.path().to_path_buf();
    let s = TestServer::start_with(move |c| c.updates_dir = Some(path)).await;

    let (status, offered) = ask(&s, "windows/x86_64/0.1.0").await;
    assert_eq!(status, StatusCode::OK, "0.2.0 is offered to a 0.1.0 till");
    let signature = offered["signature"].as_str().expect("a signature");
    let installer =
        std::fs::read(dev_key_file("SalonDesk_0.2.0_x64-setup.exe")).expect("the dev installer");
    let pubkey = apps_public_key();
    assert!(
        plugin_would_accept(&installer, signature, &pubkey),
        "the installer the manifest points at is signed by the key the app trusts"
    );

    let mut tampered = installer.clone();
    tampered[0] ^= 1;
    assert!(
        !plugin_would_accept(&tampered, signature, &pubkey),
        "one changed byte in the installer and it is refused"
    );
    let other = std::fs::read_to_string(dev_key_file("dev.key.pub")).expect("key");
    assert_eq!(
        other.trim(),
        pubkey,
        "the app's built-in key is the development key until a chain puts its own there"
    );
    assert!(
        !plugin_would_accept(&installer, "bm90IGEgc2lnbmF0dXJl", &pubkey),
        "a manifest with a made-up signature is refused"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_without_an_updates_folder_offers_nothing() {
    let s = TestServer::start().await;
    let (status, _) = ask(&s, "windows/x86_64/0.1.0").await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "no folder configured: every till keeps its version"
    );
}

/// The wire format is versioned by its route (`/v1`) and by this rule: the
/// server keeps accepting what the previous app version sends. The fixture
/// is a push exactly as version 0.1.0 writes it (a member registered, then a
/// note added), kept as text so a change to today's types cannot change it
/// too. When the wire changes, the fixture of the version being replaced is
/// added beside this one, and both must pass.
#[tokio::test(flavor = "multi_thread")]
async fn a_push_in_the_previous_app_versions_format_is_accepted() {
    let s = TestServer::start().await;
    let c = s.chain("Lotus", &["S01"]).await;
    let (old_till, other_till) = (s.enrol(c.stores[0]).await, s.enrol(c.stores[0]).await);
    let member = Uuid::now_v7();
    let body = include_str!("fixtures/push-0.1.0.json")
        .replace("{{device}}", &old_till.device_id.to_string())
        .replace("{{member}}", &member.to_string())
        .replace("{{op1}}", &Uuid::now_v7().to_string())
        .replace("{{op2}}", &Uuid::now_v7().to_string())
        .replace("{{hlc1}}", &hlc_now())
        .replace("{{hlc2}}", &hlc_now())
        .replace("{{now}}", &chrono::Utc::now().to_rfc3339());

    let (status, reply) = s.push_raw(Some(&old_till.credential), body).await;
    assert_eq!(status, StatusCode::OK, "the old format is read: {reply}");
    let statuses: Vec<&str> = reply["results"]
        .as_array()
        .expect("one result per operation")
        .iter()
        .map(|r| r["status"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(
        statuses,
        ["accepted", "accepted"],
        "both operations applied: {reply}"
    );

    let pulled = s.pull_all(&other_till).await;
    let notes: Vec<&Value> = pulled
        .iter()
        .filter(|p| p.op.entity_id == member.to_string())
        .filter_map(|p| p.op.payload.get("notes"))
        .collect();
    assert!(
        notes.iter().any(|n| n.as_str() == Some("对玫瑰精油过敏")),
        "another till (on today's version) receives what the old one pushed: {notes:?}"
    );
}
