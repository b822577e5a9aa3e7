//! Host names and IP addresses as text: what names a host, and whether a presented name
//! matches a reference name. The syntax rules on host names are `crate::names`.

use std::net::IpAddr;

/// A DNS name is at most 253 octets written without the trailing dot (RFC 1035 §2.3.4).
pub const MAX_DNS_NAME: usize = 253;
/// A DNS label is at most 63 octets (RFC 1035 §2.3.4).
pub const MAX_DNS_LABEL: usize = 63;

/// Whether `text` is an IPv4 or IPv6 address in textual form.
pub fn is_ip_address(text: &str) -> bool {
    text.parse::<IpAddr>().is_ok()
        || text
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .is_some_and(|t| t.parse::<IpAddr>().is_ok())
}

/// Whether a CN looks like it names a host (and so must be a valid FQDN): it holds a dot and
/// no space. A CN such as `Client_Diapason_PSP` or `Jean Dupont` names a service or a person.
pub fn looks_like_host(text: &str) -> bool {
    text.contains('.') && !text.contains(char::is_whitespace) && !text.contains('@')
}

/// Whether a presented DNS identifier (`www.example.fr`, `*.example.fr`) matches the reference
/// name, as RFC 6125 §6.4 compares them: case-insensitively, without trailing dots, a wildcard
/// only as the whole leftmost label and standing for exactly one label.
pub fn dns_matches(presented: &str, reference: &str) -> bool {
    let presented = presented.trim_end_matches('.').to_ascii_lowercase();
    let reference = reference.trim_end_matches('.').to_ascii_lowercase();
    match presented.strip_prefix("*.") {
        Some(rest) => reference
            .split_once('.')
            .is_some_and(|(label, tail)| !label.is_empty() && tail == rest && rest.contains('.')),
        None => !presented.is_empty() && presented == reference,
    }
}

/// The scheme of a URI as RFC 3986 §3.1 reads it (a letter, then letters, digits, `+`, `-`,
/// `.`, up to the first colon), lowercased; `None` when it has none.
pub(crate) fn uri_scheme(uri: &str) -> Option<String> {
    let (scheme, _) = uri.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_identifiers_match_as_rfc6125_says() {
        assert!(dns_matches("www.exemple.fr", "WWW.exemple.fr."));
        assert!(dns_matches("*.exemple.fr", "gap.exemple.fr"));
        assert!(!dns_matches("*.exemple.fr", "a.gap.exemple.fr"));
        assert!(!dns_matches("*.exemple.fr", "exemple.fr"));
        assert!(!dns_matches("*.fr", "exemple.fr"));
        assert!(!dns_matches("", ""));
    }
}
