//! Who is calling, by address, for the per-address limits (enrolment, admin,
//! failed device logins).
//!
//! Behind the TLS proxy the server needs, every connection comes from the
//! proxy: bucketing by the socket's address would put every client in one
//! bucket. So when the peer is a configured trusted proxy (and only then: a
//! client cannot choose its own address by sending the header), the address
//! is the one the proxy appended last to `X-Forwarded-For`.
//!
//! An IPv6 client usually holds a whole /64 and can pick any address in it:
//! per address it would have 2^64 buckets. IPv6 addresses count per /64 (and
//! IPv4-mapped ones as the IPv4 address).

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The bucket an address counts in.
pub fn bucket(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// The client's address: the peer's, or, from a trusted proxy, the last
/// address it put in `X-Forwarded-For`. None when the server was not served
/// with connect info (an embedding without it: no per-address limits).
pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&bucket_exact(peer)) {
        return Some(peer);
    }
    // Each proxy appends the address it saw; the last entry is the one our
    // trusted proxy wrote. Entries before it are the client's to invent.
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rfind(|s| !s.is_empty());
    match forwarded.and_then(parse_forwarded) {
        Some(ip) => Some(ip),
        // A trusted proxy that named nobody: count the proxy itself.
        None => Some(peer),
    }
}

/// The bucket of the caller of a request (see [`client_ip`] and [`bucket`]).
pub fn client_bucket(parts: &Parts, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    client_ip(peer, &parts.headers, trusted).map(bucket)
}

/// IPv4-mapped IPv6 peers compare as IPv4 (a dual-stack listener sees them so).
fn bucket_exact(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// `203.0.113.7`, `2001:db8::1`, `[2001:db8::1]:4711`, `203.0.113.7:4711`.
fn parse_forwarded(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    s.parse::<SocketAddr>().ok().map(|a| a.ip())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv6_counts_per_64_and_mapped_ipv4_as_ipv4() {
        assert_eq!(bucket(ip("2001:db8:1:2:aaaa::1")), ip("2001:db8:1:2::"));
        assert_eq!(
            bucket(ip("2001:db8:1:2:ffff::9")),
            bucket(ip("2001:db8:1:2::1")),
            "one /64, one bucket"
        );
        assert_ne!(bucket(ip("2001:db8:1:3::1")), bucket(ip("2001:db8:1:2::1")));
        assert_eq!(bucket(ip("::ffff:203.0.113.7")), ip("203.0.113.7"));
        assert_eq!(bucket(ip("203.0.113.7")), ip("203.0.113.7"));
    }

    #[test]
    fn the_forwarded_address_counts_only_from_a_trusted_proxy() {
        let proxy = ip("10.0.0.5");
        let mut h = HeaderMap::new();
        h.append(
            "x-forwarded-for",
            HeaderValue::from_static("6.6.6.6, 198.51.100.4"),
        );
        assert_eq!(
            client_ip(Some(proxy), &h, &[proxy]),
            Some(ip("198.51.100.4")),
            "the entry the trusted proxy appended, not the one the client sent"
        );
        assert_eq!(
            client_ip(Some(ip("192.0.2.1")), &h, &[proxy]),
            Some(ip("192.0.2.1")),
            "anyone else's header is ignored"
        );
        assert_eq!(
            client_ip(Some(proxy), &HeaderMap::new(), &[proxy]),
            Some(proxy)
        );
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("[2001:db8::7]:443"),
        );
        assert_eq!(
            client_ip(Some(proxy), &h, &[proxy]),
            Some(ip("2001:db8::7"))
        );
        assert_eq!(client_ip(None, &h, &[proxy]), None);
    }
}
