//! The app side of updates (README "Updates"): Tauri's updater plugin asks the chain's own
//! server (`/v1/updates/{target}/{arch}/{current_version}`, built from the till's enrolment)
//! a while after start and every few hours, but only when the core's `SaleGate` says no sale
//! is open. A newer version is downloaded and its signature checked against the chain's key
//! in tauri.conf.json, then kept until the cashier agrees to install it (Settings / About or
//! the top bar's banner); installing asks the gate again. An offline till, or a server that
//! does not answer, keeps its version and asks again at the next turn: nothing waits on it.
//! Logs name what happened, never the URL or the store.

use crate::dto::updates::{ReadyUpdateView, UpdateStatusView};
use crate::state::AppState;
use salondesk_core::updates::SaleGate;
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Url};
use tauri_plugin_updater::{Update, UpdaterExt};

/// Sent to the window whenever `UpdateStatusView` changes (a version became ready, a check failed).
pub const STATUS_EVENT: &str = "update-status";

/// Not at once: the first minutes after start belong to the desk (the first sync, the login).
const FIRST_CHECK: Duration = Duration::from_secs(90);
const EVERY: Duration = Duration::from_secs(4 * 3600);
/// A sale was open: look again soon, it will be paid in minutes.
const AFTER_A_SALE: Duration = Duration::from_secs(10 * 60);
/// The whole check and download (an installer of ~10 MB on a slow shop line).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// Why no check was made now (`UpdateStatusView::problem`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Not in a chain: there is no server to ask.
    NotEnrolled,
    /// The server's address is not https: the updater refuses plain HTTP (the manifest is not
    /// signed, only the installer is), so such a till is never offered updates.
    NotHttps,
    /// The core's gate refused: a cart is open or a payment runs.
    SaleOpen,
}

impl Skip {
    pub fn word(self) -> &'static str {
        match self {
            Skip::NotEnrolled => "not_enrolled",
            Skip::NotHttps => "not_https",
            Skip::SaleOpen => "sale_open",
        }
    }
}

/// The endpoint to ask now, or why not. `server_url` is the enrolment's (None: not enrolled).
/// The `{{…}}` placeholders are the updater plugin's: it fills in this build's target
/// (`windows`, `linux`), arch (`x86_64`) and version.
pub fn plan(gate: &SaleGate, server_url: Option<&str>) -> Result<Url, Skip> {
    let base = server_url.ok_or(Skip::NotEnrolled)?;
    let base = base.trim().trim_end_matches('/');
    let url = Url::parse(&format!(
        "{base}/v1/updates/{{{{target}}}}/{{{{arch}}}}/{{{{current_version}}}}"
    ))
    .map_err(|_| Skip::NotHttps)?;
    if url.scheme() != "https" {
        return Err(Skip::NotHttps);
    }
    gate.may_update().map_err(|_| Skip::SaleOpen)?;
    Ok(url)
}

struct Ready {
    update: Update,
    bytes: Vec<u8>,
}

/// Held by the app (`app.manage`): the version ready to install, and the last check's outcome.
#[derive(Default)]
pub struct Updates {
    ready: Mutex<Option<Ready>>,
    checked_at: Mutex<Option<String>>,
    problem: Mutex<Option<&'static str>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Updates {
    pub fn status(&self, current_version: String) -> UpdateStatusView {
        UpdateStatusView {
            current_version,
            ready: lock(&self.ready).as_ref().map(|r| ReadyUpdateView {
                version: r.update.version.clone(),
                notes: r.update.body.clone().unwrap_or_default(),
            }),
            checked_at: lock(&self.checked_at).clone(),
            problem: lock(&self.problem).map(str::to_owned),
        }
    }

    /// The downloaded update, taken to be installed (put back if installing fails).
    pub fn take_ready(&self) -> Option<(Update, Vec<u8>)> {
        lock(&self.ready).take().map(|r| (r.update, r.bytes))
    }

    pub fn put_back(&self, update: Update, bytes: Vec<u8>) {
        *lock(&self.ready) = Some(Ready { update, bytes });
    }
}

fn emit_status(app: &AppHandle) {
    let updates = app.state::<Updates>();
    let view = updates.status(app.package_info().version.to_string());
    // A lost event leaves the banner stale until the screen asks `update_status`.
    let _ = app.emit(STATUS_EVENT, view);
}

/// Starts the periodic check on Tauri's async runtime.
pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_CHECK).await;
        loop {
            let wait = match check_once(&app).await {
                Err(Skip::SaleOpen) => AFTER_A_SALE,
                _ => EVERY,
            };
            tokio::time::sleep(wait).await;
        }
    });
}

/// One turn: ask the gate and the enrolment, then the server; download what it offers.
async fn check_once(app: &AppHandle) -> Result<(), Skip> {
    let updates = app.state::<Updates>();
    if lock(&updates.ready).is_some() {
        return Ok(()); // one is waiting for the cashier already
    }
    let server_url = app
        .state::<AppState>()
        .store()
        .ok()
        .and_then(|s| s.sync_config().ok().flatten())
        .map(|c| c.server_url);
    let endpoint = match plan(&app.state::<SaleGate>(), server_url.as_deref()) {
        Ok(url) => url,
        Err(skip) => {
            *lock(&updates.problem) = Some(skip.word());
            emit_status(app);
            return Err(skip);
        }
    };
    let outcome = fetch(app, endpoint).await;
    *lock(&updates.checked_at) = Some(chrono::Utc::now().to_rfc3339());
    match outcome {
        Ok(Some(ready)) => {
            eprintln!("update {} downloaded and verified", ready.update.version);
            *lock(&updates.ready) = Some(ready);
            *lock(&updates.problem) = None;
        }
        Ok(None) => *lock(&updates.problem) = None,
        Err(word) => {
            eprintln!("update check did not complete ({word}); this version keeps running");
            *lock(&updates.problem) = Some(word);
        }
    }
    emit_status(app);
    Ok(())
}

/// The server's answer: None when there is nothing newer (204). Errors as a word.
async fn fetch(app: &AppHandle, endpoint: Url) -> Result<Option<Ready>, &'static str> {
    let updater = app
        .updater_builder()
        .endpoints(vec![endpoint])
        .and_then(|b| b.timeout(REQUEST_TIMEOUT).build())
        .map_err(|_| "failed")?;
    let Some(update) = updater.check().await.map_err(problem_word)? else {
        return Ok(None);
    };
    // `download` checks the signature against the chain's key before it returns the bytes.
    let bytes = update
        .download(|_, _| {}, || {})
        .await
        .map_err(problem_word)?;
    Ok(Some(Ready { update, bytes }))
}

fn problem_word(e: tauri_plugin_updater::Error) -> &'static str {
    use tauri_plugin_updater::Error as E;
    match e {
        E::Reqwest(_) | E::Network(_) => "offline",
        E::Minisign(_) | E::Base64(_) | E::SignatureUtf8(_) => "bad_signature",
        _ => "failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER: Option<&str> = Some("https://sync.example.cn/");

    #[test]
    fn the_check_is_refused_while_a_cart_is_open_or_a_payment_runs() {
        let gate = SaleGate::default();
        gate.cart_changed(2);
        assert_eq!(
            plan(&gate, SERVER),
            Err(Skip::SaleOpen),
            "a cart with lines is a sale in progress"
        );
        gate.cart_changed(0);
        let paying = gate.paying();
        assert_eq!(
            plan(&gate, SERVER),
            Err(Skip::SaleOpen),
            "a payment being completed is a sale in progress"
        );
        drop(paying);
        assert!(
            plan(&gate, SERVER).is_ok(),
            "paid and emptied: the check may run"
        );
    }

    #[test]
    fn the_endpoint_is_the_chain_servers_update_route_in_the_updaters_form() {
        let url = plan(&SaleGate::default(), SERVER).expect("no sale open, enrolled over https");
        assert_eq!(
            url.as_str(),
            "https://sync.example.cn/v1/updates/%7B%7Btarget%7D%7D/%7B%7Barch%7D%7D/%7B%7Bcurrent_version%7D%7D",
            "the placeholders the plugin fills in (it matches them percent-encoded in a path)"
        );
    }

    #[test]
    fn the_manifest_an_operator_publishes_is_read_by_the_updater_as_a_newer_release() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/updater-dev-key/windows-x86_64.json"
        ))
        .expect("the dev release's manifest");
        let release: tauri_plugin_updater::RemoteRelease =
            serde_json::from_str(&text).expect("the plugin reads the server's manifest shape");
        let v = &release.version;
        let current: Vec<u64> = env!("CARGO_PKG_VERSION")
            .split('.')
            .map(|n| n.parse().expect("a plain x.y.z version"))
            .collect();
        assert!(
            vec![v.major, v.minor, v.patch] > current,
            "the plugin installs only a newer version: 0.2.0 is newer than this build"
        );
        assert_eq!(
            release
                .download_url("windows-x86_64")
                .expect("a url")
                .as_str(),
            "https://updates.example.invalid/SalonDesk_0.2.0_x64-setup.exe",
            "one platform per manifest (the server picks the file): the url is taken as is"
        );
        assert!(
            release.signature("windows-x86_64").is_ok(),
            "and its signature with it"
        );
    }

    #[test]
    fn a_till_outside_a_chain_or_on_plain_http_is_not_offered_updates() {
        let gate = SaleGate::default();
        assert_eq!(
            plan(&gate, None),
            Err(Skip::NotEnrolled),
            "no server to ask"
        );
        assert_eq!(
            plan(&gate, Some("http://192.168.1.5:8787")),
            Err(Skip::NotHttps),
            "the manifest is unsigned: it is fetched over TLS only"
        );
    }
}
