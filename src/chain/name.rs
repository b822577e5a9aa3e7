//! The name check of a leaf: webpki's, then the subject CN where allowed (no DNS SAN, CN
//! fallback on), and the Diapason terminals' own rule that the CN be the FQDN configured.

use rustls_pki_types::ServerName;
use webpki::EndEntityCert;
use x509_parser::prelude::*;

use crate::chain::rules::{CN_DIFFERS, CN_FALLBACK, NAME_MISMATCH};
use crate::host::dns_matches;
use crate::lang::{localized, Localized};
use crate::rule::Finding;
use crate::x509::general_name;

/// The name as text: a DNS name or an IP address.
pub(crate) fn server_name_text(name: &ServerName<'_>) -> String {
    match name {
        ServerName::DnsName(dns) => dns.as_ref().to_string(),
        ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
        other => format!("{other:?}"),
    }
}

/// webpki's name check, then the CN when allowed and the certificate has no DNS SAN.
pub(crate) fn check_name(
    leaf: &EndEntityCert<'_>,
    cert: &X509Certificate<'_>,
    name: &ServerName<'_>,
    cn_fallback: bool,
) -> Vec<Finding> {
    if leaf.verify_is_valid_for_subject_name(name).is_ok() {
        return vec![];
    }
    let wanted = server_name_text(name);
    let mut dns_sans = Vec::new();
    let mut presented = Vec::new();
    if let Ok(Some(san)) = cert.subject_alternative_name() {
        for general in &san.value.general_names {
            match general {
                GeneralName::DNSName(d) => {
                    dns_sans.push(d.to_string());
                    presented.push(d.to_string());
                }
                GeneralName::IPAddress(_) => presented.push(format!("{:?}", general_name(general))),
                _ => {}
            }
        }
    }
    let cn = common_name(cert).map(str::to_string);
    if let (true, true, Some(cn), ServerName::DnsName(dns)) =
        (cn_fallback, dns_sans.is_empty(), &cn, name)
    {
        if dns_matches(cn, dns.as_ref()) {
            return vec![Finding::new(&CN_FALLBACK, "leaf.subject.CN").arg("name", wanted)];
        }
    }
    if let Some(cn) = cn {
        presented.push(format!("CN={cn}"));
    }
    let presented = if presented.is_empty() {
        localized!("no name", "aucun nom")
    } else {
        Localized::same(presented.join(", "))
    };
    vec![Finding::new(&NAME_MISMATCH, "leaf")
        .arg("name", wanted)
        .text("presented", presented)]
}

/// The subject CN is the name verified, compared as DNS names are.
pub(crate) fn check_cn_is_name(
    cert: &X509Certificate<'_>,
    name: &ServerName<'_>,
) -> Option<Finding> {
    let wanted = server_name_text(name);
    match common_name(cert) {
        Some(cn)
            if cn
                .trim_end_matches('.')
                .eq_ignore_ascii_case(wanted.trim_end_matches('.')) =>
        {
            None
        }
        other => Some(
            Finding::new(&CN_DIFFERS, "leaf.subject.CN")
                .text(
                    "cn",
                    other.map_or_else(|| localized!("(none)", "(aucun)"), Localized::same),
                )
                .arg("name", wanted),
        ),
    }
}

fn common_name<'c>(cert: &'c X509Certificate<'_>) -> Option<&'c str> {
    cert.subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
}
