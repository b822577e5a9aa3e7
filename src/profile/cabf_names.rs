//! The names of publicly trusted TLS certificates: the subjectAltName types the BR allow
//! (§7.1.2.7.12: dNSName and iPAddress; EV: dNSName only, no wildcard, EV Guidelines §9.2.1,
//! §9.8.1), no Reserved IP Address (the IANA special-purpose registries, RFC 6890) and no
//! Internal Name (a domain whose top level is not in the Public Suffix List, BR §1.6.1).

use std::net::IpAddr;

use crate::cert::facts::CertFacts;
use crate::profile::cabf::{is_ev, CabProfile};
use crate::rule::{rules, Finding};
use crate::x509::RequestedName;

/// The IPv4 special-purpose blocks (IANA IPv4 Special-Purpose Address Registry, RFC 6890 and
/// its updates; 240/4 and the broadcast address included), as (address, prefix length).
const IPV4_SPECIAL: &[([u8; 4], u8)] = &[
    ([0, 0, 0, 0], 8),
    ([10, 0, 0, 0], 8),
    ([100, 64, 0, 0], 10),
    ([127, 0, 0, 0], 8),
    ([169, 254, 0, 0], 16),
    ([172, 16, 0, 0], 12),
    ([192, 0, 0, 0], 24),
    ([192, 0, 2, 0], 24),
    ([192, 31, 196, 0], 24),
    ([192, 52, 193, 0], 24),
    ([192, 88, 99, 0], 24),
    ([192, 168, 0, 0], 16),
    ([192, 175, 48, 0], 24),
    ([198, 18, 0, 0], 15),
    ([198, 51, 100, 0], 24),
    ([203, 0, 113, 0], 24),
    ([240, 0, 0, 0], 4),
];

/// The IPv6 special-purpose blocks (IANA IPv6 Special-Purpose Address Registry), as (address,
/// prefix length).
const IPV6_SPECIAL: &[([u16; 8], u8)] = &[
    ([0, 0, 0, 0, 0, 0, 0, 0], 128),
    ([0, 0, 0, 0, 0, 0, 0, 1], 128),
    ([0, 0, 0, 0, 0, 0xffff, 0, 0], 96),
    ([0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96),
    ([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48),
    ([0x100, 0, 0, 0, 0, 0, 0, 0], 64),
    ([0x2001, 0, 0, 0, 0, 0, 0, 0], 23),
    ([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32),
    ([0x2002, 0, 0, 0, 0, 0, 0, 0], 16),
    ([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20),
    ([0x5f00, 0, 0, 0, 0, 0, 0, 0], 16),
    ([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7),
    ([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10),
];

/// Whether `ip` is a Reserved IP Address in the BR's sense (§1.6.1: in any block of the IANA
/// special-purpose registries).
pub(crate) fn is_reserved_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            bits == u32::MAX
                || IPV4_SPECIAL.iter().any(|(block, len)| {
                    let mask = u32::MAX.checked_shl(32 - u32::from(*len)).unwrap_or(0);
                    bits & mask == u32::from_be_bytes(*block) & mask
                })
        }
        IpAddr::V6(v6) => {
            let bits = u128::from(v6);
            IPV6_SPECIAL.iter().any(|(block, len)| {
                let block = block
                    .iter()
                    .fold(0u128, |acc, part| (acc << 16) | u128::from(*part));
                let mask = u128::MAX.checked_shl(128 - u32::from(*len)).unwrap_or(0);
                bits & mask == block & mask
            })
        }
    }
}

/// Whether `name` is an Internal Name: its top-level label is not a suffix the Public Suffix
/// List knows (BR §1.6.1). Onion names are judged by their own rules, not here.
pub(crate) fn is_internal_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let Some(tld) = name.rsplit('.').next().filter(|t| !t.is_empty()) else {
        return true;
    };
    if tld == "onion" {
        return false;
    }
    !psl::suffix(tld.as_bytes()).is_some_and(|s| s.is_known())
}

rules! {
    SAN_TYPE: "profile.san.type_not_allowed", Error,
        "CA/B BR §7.1.2.7.12 (dNSName and iPAddress only); EV Guidelines §9.2.1 (dNSName only)",
        "a subjectAltName of type {kind} ({value}); {profile} certificates carry {allowed} only",
        "un subjectAltName de type {kind} ({value}) ; les certificats {profile} ne portent que {allowed}";
    RESERVED_IP: "profile.san.reserved_ip", Error,
        "CA/B BR §7.1.2.7.12, §1.6.1 (Reserved IP Address: IANA special-purpose registries, RFC 6890)",
        "{ip} is a reserved IP address (IANA special-purpose registry); publicly trusted certificates never name one",
        "{ip} est une adresse IP réservée (registre IANA à usage spécial) ; les certificats de confiance publique n'en nomment jamais";
    INTERNAL_NAME: "profile.san.internal_name", Error,
        "CA/B BR §7.1.2.7.12, §1.6.1 (Internal Name: not resolvable in the public DNS; its top level is no public suffix)",
        "{name} is an internal name: '{tld}' is no top-level domain the Public Suffix List knows",
        "{name} est un nom interne : '{tld}' n'est aucun domaine de premier niveau que connaît la Public Suffix List";
    EV_WILDCARD: "profile.san.ev_wildcard", Error,
        "CA/B EV Guidelines §9.8.1 (no wildcard in an EV certificate but for onion names)",
        "{name} is a wildcard; EV certificates carry none (but for .onion)",
        "{name} est un nom générique ; les certificats EV n'en portent pas (sauf .onion)";
}

/// Judges the subjectAltName entries of a TLS subscriber certificate.
pub(crate) fn check(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    if profile.id != "tls-br-subscriber" {
        return;
    }
    let ev = is_ev(facts);
    let allowed = if ev {
        "dNSName"
    } else {
        "dNSName and iPAddress"
    };
    for (i, name) in facts.names.iter().enumerate() {
        let field = format!("san[{i}]");
        let kind = match name {
            RequestedName::Dns(dns) => {
                let tld = dns
                    .trim_end_matches('.')
                    .rsplit('.')
                    .next()
                    .unwrap_or_default();
                if is_internal_name(dns) {
                    out.push(
                        Finding::new(&INTERNAL_NAME, field.clone())
                            .arg("name", dns)
                            .arg("tld", tld),
                    );
                }
                if ev && dns.starts_with("*.") && tld != "onion" {
                    out.push(Finding::new(&EV_WILDCARD, field).arg("name", dns));
                }
                continue;
            }
            RequestedName::Ip(ip) if !ev => {
                if ip.parse().is_ok_and(is_reserved_ip) {
                    out.push(Finding::new(&RESERVED_IP, field).arg("ip", ip));
                }
                continue;
            }
            RequestedName::Ip(_) | RequestedName::MalformedIp(_) => "iPAddress",
            RequestedName::Email(_) => "rfc822Name",
            RequestedName::Uri(_) => "uniformResourceIdentifier",
            RequestedName::Other(_) => "other",
        };
        let value = match name {
            RequestedName::Ip(v)
            | RequestedName::MalformedIp(v)
            | RequestedName::Email(v)
            | RequestedName::Uri(v)
            | RequestedName::Other(v)
            | RequestedName::Dns(v) => v,
        };
        out.push(
            Finding::new(&SAN_TYPE, field)
                .arg("kind", kind)
                .arg("value", value)
                .arg("profile", profile.id)
                .arg("allowed", allowed),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_addresses_and_internal_names() {
        for ip in [
            "10.1.2.3",
            "192.168.0.1",
            "127.0.0.1",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "2001:db8::5",
            "255.255.255.255",
        ] {
            assert!(is_reserved_ip(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "193.51.24.1", "2a01:cb00::1"] {
            assert!(!is_reserved_ip(ip.parse().unwrap()), "{ip}");
        }
        for name in ["server.local", "intranet", "host.corp", "x.internal"] {
            assert!(is_internal_name(name), "{name}");
        }
        for name in [
            "www.exemple.fr",
            "gouv.qc.ca",
            "abc.onion",
            "xn--80ak6aa92e.com",
        ] {
            assert!(!is_internal_name(name), "{name}");
        }
    }
}
