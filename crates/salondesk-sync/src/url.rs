//! The server address typed in Settings, checked before anything is sent to it.
//!
//! The device credential travels in every request, so plain `http://` is only
//! accepted for a server on this machine or the store's own network (a test
//! server, a box in the back office); anything on the internet needs `https://`.

use crate::error::SyncError;
use reqwest::Url;
use std::net::IpAddr;

/// `https://sync.example.com/` → `https://sync.example.com`: a base that
/// `/v1/…` routes are appended to. Refuses what cannot be a server address.
pub fn normalize_server_url(input: &str) -> Result<String, SyncError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(SyncError::BadUrl("enter the sync server's address".into()));
    }
    let url = Url::parse(text).map_err(|_| {
        SyncError::BadUrl("not a web address: it should look like https://sync.example.com".into())
    })?;
    let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
        return Err(SyncError::BadUrl("the address has no server name".into()));
    };
    match url.scheme() {
        "https" => {}
        "http" if is_local_host(host) => {}
        "http" => {
            return Err(SyncError::BadUrl(
                "use https:// for a server outside this store's network".into(),
            ))
        }
        _ => {
            return Err(SyncError::BadUrl(
                "the address must start with https://".into(),
            ))
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(SyncError::BadUrl(
            "leave the user name and password out of the address".into(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(SyncError::BadUrl(
            "the address cannot have ? or # parts".into(),
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// This machine or a private network (RFC 1918, link-local, IPv6 ULA, `.local`).
fn is_local_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return match ip {
            IpAddr::V4(v4) => v4.is_loopback() || v4.is_private() || v4.is_link_local(),
            IpAddr::V6(v6) => v6.is_loopback() || (v6.segments()[0] & 0xfe00) == 0xfc00,
        };
    }
    let host = host.to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost") || host.ends_with(".local")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_good_address_without_its_trailing_slash() {
        assert_eq!(
            normalize_server_url("  https://sync.example.com/ ").unwrap(),
            "https://sync.example.com"
        );
        assert_eq!(
            normalize_server_url("https://example.com/salondesk/").unwrap(),
            "https://example.com/salondesk",
            "a path prefix is kept: routes go under it"
        );
        assert_eq!(
            normalize_server_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            normalize_server_url("http://192.168.1.20:8080/").unwrap(),
            "http://192.168.1.20:8080"
        );
        assert!(normalize_server_url("http://backoffice.local").is_ok());
        assert!(normalize_server_url("http://[::1]:9000").is_ok());
    }

    #[test]
    fn refuses_plain_http_across_the_internet_and_what_is_not_an_address() {
        for bad in [
            "",
            "sync.example.com",
            "http://sync.example.com",
            "http://8.8.8.8",
            "ftp://example.com",
            "https://user:pw@example.com",
            "https://example.com/?token=1",
            "https://example.com/#x",
            "https://",
        ] {
            let e = normalize_server_url(bad).expect_err(bad);
            assert_eq!(e.code(), "bad_url", "{bad}");
        }
    }
}
