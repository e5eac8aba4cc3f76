//! The app's updates, served by the chain's own server: a till asks
//! `GET /v1/updates/{target}/{arch}/{current_version}` (the URL form Tauri's
//! updater fills in) and gets the manifest of a newer version, or 204 No
//! Content when there is none. Nothing here is trusted by the till beyond
//! "there is something to fetch": the update itself is signed, and the app
//! installs only what its built-in public key verifies.
//!
//! The operator publishes a version by dropping one file per platform into the
//! updates folder (`--updates-dir`, `SALONDESK_UPDATES_DIR`), named
//! `<target>-<arch>.json` (`windows-x86_64.json`, `linux-x86_64.json`):
//!
//! ```json
//! {"version": "0.2.0", "notes": "…", "pub_date": "2027-01-05T09:00:00Z",
//!  "url": "https://updates.example.cn/SalonDesk_0.2.0_x64-setup.exe",
//!  "signature": "<the .sig file's contents>"}
//! ```
//!
//! The file is read at each request, so replacing it publishes at once (write
//! it beside and rename it over, so no till reads half a file). No folder, no
//! file: 204 for everyone, and tills keep their version.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// What the operator's file holds and what the till is sent (Tauri's
/// dynamic-server update format).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pub_date: Option<String>,
    pub url: String,
    pub signature: String,
}

/// A version as `major.minor.patch` with an optional `-pre` tag (a leading
/// `v` allowed); build metadata (`+…`) is ignored, as semver says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    numbers: [u64; 3],
    pre: Option<String>,
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.trim().trim_start_matches('v');
        let text = text.split_once('+').map_or(text, |(v, _)| v);
        let (core, pre) = match text.split_once('-') {
            Some((core, pre)) if !pre.is_empty() => (core, Some(pre.to_string())),
            Some(_) => return None,
            None => (text, None),
        };
        let mut parts = core.split('.');
        let mut numbers = [0u64; 3];
        for n in &mut numbers {
            let part = parts.next()?;
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *n = part.parse().ok()?;
        }
        parts.next().is_none().then_some(Version { numbers, pre })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    /// Numbers first; then a pre-release comes before its release
    /// (0.2.0-rc.1 < 0.2.0), and two pre-releases compare by their tags.
    fn cmp(&self, other: &Self) -> Ordering {
        self.numbers
            .cmp(&other.numbers)
            .then_with(|| match (&self.pre, &other.pre) {
                (None, None) => Ordering::Equal,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(a), Some(b)) => a.cmp(b),
            })
    }
}

/// `windows`, `x86_64`: lower-case letters, digits and `_` only, so a path
/// parameter can never name a file outside the updates folder.
fn is_plain_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The manifest to send a till on `current`, if the published one is newer.
pub fn newer_than(manifest: Manifest, current: &Version) -> Option<Manifest> {
    let published = Version::parse(&manifest.version)?;
    (published > *current).then_some(manifest)
}

pub async fn handler(
    State(state): State<AppState>,
    Path((target, arch, current)): Path<(String, String, String)>,
) -> Result<Response, ApiError> {
    if !is_plain_name(&target) || !is_plain_name(&arch) {
        return Err(ApiError::bad_request(
            "target and arch are lower-case names such as windows and x86_64",
        ));
    }
    let Some(current) = Version::parse(&current) else {
        return Err(ApiError::bad_request(format!(
            "current version {current:?} is not a version such as 0.1.0"
        )));
    };
    let Some(dir) = state.inner.updates_dir.as_deref() else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let file = dir.join(format!("{target}-{arch}.json"));
    let text = match tokio::fs::read_to_string(&file).await {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(StatusCode::NO_CONTENT.into_response())
        }
        Err(e) => {
            tracing::error!(file = %file.display(), error = %e, "updates: cannot read the manifest");
            return Err(ApiError::unavailable("the update manifest cannot be read"));
        }
    };
    // A broken file is the operator's mistake: logged, and the tills are told
    // nothing is new (they retry at their next check) rather than given an error.
    let manifest = match serde_json::from_str::<Manifest>(&text) {
        Ok(m) if Version::parse(&m.version).is_some() => m,
        Ok(m) => {
            tracing::error!(file = %file.display(), version = %m.version, "updates: the manifest's version is not a version");
            return Ok(StatusCode::NO_CONTENT.into_response());
        }
        Err(e) => {
            tracing::error!(file = %file.display(), error = %e, "updates: the manifest is not valid");
            return Ok(StatusCode::NO_CONTENT.into_response());
        }
    };
    Ok(match newer_than(manifest, &current) {
        Some(m) => Json(m).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap_or_else(|| panic!("{s} parses"))
    }

    #[test]
    fn versions_compare_by_number_not_by_text() {
        assert!(v("0.10.0") > v("0.9.9"), "10 > 9 although '1' < '9'");
        assert!(v("1.0.0") > v("0.99.99"), "major first");
        assert_eq!(v("v0.2.0"), v("0.2.0"), "a leading v is allowed");
        assert_eq!(v("0.2.0+build.7"), v("0.2.0"), "build metadata is ignored");
        assert!(
            v("0.2.0-rc.1") < v("0.2.0"),
            "a pre-release comes before its release"
        );
        assert!(v("0.2.0-rc.1") > v("0.1.9"), "but after the version before");
    }

    #[test]
    fn what_is_not_a_version_is_refused() {
        for bad in [
            "", "1", "1.2", "1.2.3.4", "1.x.3", "1.2.3-", "../etc", "1..2",
        ] {
            assert!(Version::parse(bad).is_none(), "{bad:?} is no version");
        }
    }

    #[test]
    fn only_a_newer_published_version_is_offered() {
        let manifest = Manifest {
            version: "0.2.0".into(),
            notes: None,
            pub_date: None,
            url: "https://example.invalid/setup.exe".into(),
            signature: "sig".into(),
        };
        assert_eq!(
            newer_than(manifest.clone(), &v("0.1.0")).as_ref(),
            Some(&manifest),
            "a till on 0.1.0 is offered 0.2.0"
        );
        assert!(
            newer_than(manifest.clone(), &v("0.2.0")).is_none(),
            "a till already on it is offered nothing"
        );
        assert!(
            newer_than(manifest, &v("0.3.0")).is_none(),
            "a till ahead of the manifest (a newer build) is never offered a downgrade"
        );
    }

    #[test]
    fn path_parameters_cannot_leave_the_updates_folder() {
        for ok in ["windows", "linux", "x86_64", "aarch64"] {
            assert!(is_plain_name(ok), "{ok} is a platform name");
        }
        for bad in ["", "..", "../x", "a/b", "a\\b", "Windows", "x.json"] {
            assert!(!is_plain_name(bad), "{bad:?} is refused");
        }
    }
}
