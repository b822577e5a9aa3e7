//! A product's rules on the names, subject and usages of a request.

use crate::host::is_ip_address;
use crate::lang::{localized, Localized};
use crate::names::check_dns_name;
use crate::profile::catalog::{Product, Wildcard};
use crate::rule::{rules, Finding};
use crate::usage::Usage;
use crate::x509::{NameView, RequestedName};

/// Whether an authorised domain, written as IGC-Santé does (`*ch-ville.fr`, or a plain
/// `ch-ville.fr`), covers `name`: the domain itself or any name under it, on a label boundary
/// (choice: `*ch-ville.fr` does not cover `autrech-ville.fr`).
pub fn covers(authorized: &str, name: &str) -> bool {
    let domain = authorized
        .trim_start_matches('*')
        .trim_start_matches('.')
        .trim_end_matches('.');
    let name = name.trim_end_matches('.');
    if domain.is_empty() {
        return false;
    }
    let name_l = name.to_ascii_lowercase();
    let domain_l = domain.to_ascii_lowercase();
    name_l == domain_l
        || name_l
            .strip_suffix(&domain_l)
            .is_some_and(|head| head.ends_with('.'))
}

/// Whether `domain` is itself a public suffix (`qc.ca`, `co.uk`, `fr`).
fn is_public_suffix(domain: &str) -> bool {
    let lower = domain.to_ascii_lowercase();
    psl::suffix(lower.as_bytes()).is_some_and(|s| s.as_bytes() == lower.as_bytes())
}

/// The findings of `product`'s name, subject and usage rules on a request or a certificate.
pub fn check_product_names(view: &NameView<'_>, product: &Product) -> Vec<Finding> {
    let mut out = Vec::new();
    let rules = &product.names;
    let dns = view.dns_names(rules.cn_is_host);
    let product_arg = |f: Finding| f.arg("product", &product.name);

    if product.names_hosts() {
        // The CN names the host (an IP CN is judged by the request's and the certificate's
        // own rules); and a server certificate that names no host names nothing clients accept.
        // A certificate's CN that is also one of its DNS subjectAltNames is judged there; a
        // request's CN is what the requester typed, judged as such.
        let in_san = |cn: &str| {
            view.certificate
                && view
                    .names
                    .iter()
                    .any(|n| matches!(n, RequestedName::Dns(d) if d.eq_ignore_ascii_case(cn)))
        };
        if let Some(cn) = view
            .common_name
            .filter(|cn| !is_ip_address(cn) && !in_san(cn))
        {
            out.extend(check_dns_name(
                cn,
                "subject.CN",
                rules.wildcard != Wildcard::Forbidden,
            ));
        }
        if dns.is_empty() {
            out.push(product_arg(Finding::new(&PROFILE_NO_HOST, "names")));
        }
    }
    if !rules.dns && !dns.is_empty() {
        out.push(product_arg(
            Finding::new(&PROFILE_DNS_NOT_ALLOWED, "names").arg("names", dns.join(", ")),
        ));
    }
    if let Some(max) = rules.max {
        if dns.len() > usize::try_from(max).unwrap_or(usize::MAX) {
            out.push(product_arg(
                Finding::new(&PROFILE_TOO_MANY_NAMES, "names")
                    .arg("count", dns.len())
                    .arg("max", max),
            ));
        }
    }
    let wildcards: Vec<&str> = dns
        .iter()
        .copied()
        .filter(|d| d.starts_with("*."))
        .collect();
    if rules.wildcard == Wildcard::Required {
        match wildcards.len() {
            0 => out.push(product_arg(Finding::new(
                &PROFILE_WILDCARD_MISSING,
                "names",
            ))),
            1 => {}
            n => out.push(product_arg(
                Finding::new(&PROFILE_WILDCARD_COUNT, "names")
                    .arg("count", n)
                    .arg("names", wildcards.join(", ")),
            )),
        }
    }
    for wildcard in &wildcards {
        let parent = &wildcard[2..];
        if is_public_suffix(parent) {
            out.push(
                Finding::new(&PROFILE_WILDCARD_PUBLIC_SUFFIX, "names")
                    .arg("name", wildcard)
                    .arg("suffix", parent),
            );
        }
    }
    if !rules.suffixes.is_empty() {
        for name in &dns {
            let bare = name.strip_prefix("*.").unwrap_or(name);
            if !rules.suffixes.iter().any(|s| covers(s, bare)) {
                out.push(product_arg(
                    Finding::new(&PROFILE_OUTSIDE_SUFFIX, "names")
                        .arg("name", name)
                        .arg("suffixes", rules.suffixes.join(", ")),
                ));
            }
        }
    }
    if !rules.authorized_domains.is_empty() {
        for name in &dns {
            let bare = name.strip_prefix("*.").unwrap_or(name);
            if !rules.authorized_domains.iter().any(|d| covers(d, bare)) {
                out.push(
                    Finding::new(&PROFILE_NOT_AUTHORIZED, "names")
                        .arg("name", name)
                        .arg("domains", rules.authorized_domains.join(", ")),
                );
            }
        }
    } else if rules.authorized_domains_required && !dns.is_empty() {
        out.push(product_arg(Finding::new(
            &PROFILE_NO_AUTHORIZED_DOMAINS,
            "names",
        )));
    }
    let required = if view.certificate {
        &product.subject.certificate
    } else {
        &product.subject.request
    };
    for attribute in required {
        if !view.subject.iter().any(|a| a.name == attribute.as_str()) {
            out.push(product_arg(
                Finding::new(&PROFILE_SUBJECT_MISSING, format!("subject.{attribute}"))
                    .arg("name", attribute),
            ));
        }
    }
    // A root CA carries no extendedKeyUsage (CA/B BR §7.1.2.1); a subordinate what its usage
    // allows.
    let root = product.usage == Usage::Ca && view.self_issued;
    for eku in view.ekus {
        if root || !product.usage.allows_eku(eku) {
            let allowed: Vec<&str> = if root {
                Vec::new()
            } else {
                product
                    .usage
                    .rules()
                    .allowed_ekus
                    .unwrap_or_default()
                    .iter()
                    .map(|e| e.name())
                    .collect()
            };
            let allowed = if allowed.is_empty() {
                localized!("none", "aucun")
            } else {
                Localized::same(allowed.join(", "))
            };
            out.push(product_arg(
                Finding::new(&PROFILE_EKU_NOT_ALLOWED, "extensions.extendedKeyUsage")
                    .arg("eku", eku)
                    .text("allowed", allowed),
            ));
        }
    }
    out
}

rules! {
    PROFILE_NO_HOST: "profile.names.no_host", Error,
        "003_a88f77ecd5bd515e.txt (CN = FQDN of the host, RFC 1035); 002_65d782b1359c0f60.txt (the CN is the FQDN); CA/B BR §7.1.2.7.12",
        "{product} certifies host names and this names none: its CN is not a host name and it has no DNS subjectAltName",
        "{product} certifie des noms d'hôte et celui-ci n'en porte aucun : son CN n'est pas un nom d'hôte et il n'a pas de subjectAltName DNS";
    PROFILE_TOO_MANY_NAMES: "profile.names.too_many", Error,
        "000_45f25a1ea33b9316.txt (Standard: at most 2 names; UC: up to 250)",
        "{count} names requested; {product} carries at most {max}",
        "{count} noms demandés ; {product} en porte au plus {max}";
    PROFILE_WILDCARD_MISSING: "profile.names.wildcard_missing", Error,
        "000_45f25a1ea33b9316.txt (SSL Wildcard: a name with a variable label); DOMAIN.md (a Wildcard order without a wildcard is a mistaken order)",
        "{product} certifies a wildcard name such as *.domaine.pes.qc, and the request has none: the order is mistaken",
        "{product} certifie un nom générique comme *.domaine.pes.qc, et la demande n'en contient aucun : la commande est erronée";
    PROFILE_WILDCARD_COUNT: "profile.names.wildcard_count", Error,
        "000_45f25a1ea33b9316.txt (one name with a variable leftmost label)",
        "{product} carries exactly one wildcard name; the request has {count}: {names}",
        "{product} porte exactement un nom générique ; la demande en contient {count} : {names}";
    PROFILE_WILDCARD_PUBLIC_SUFFIX: "profile.names.wildcard_public_suffix", Error,
        "CA/B BR §3.2.2.6 (no wildcard directly under a public suffix); Public Suffix List",
        "{name} would cover every domain registered under the public suffix {suffix}",
        "{name} couvrirait tous les domaines enregistrés sous le suffixe public {suffix}";
    PROFILE_OUTSIDE_SUFFIX: "profile.names.outside_suffix", Error,
        "000_45f25a1ea33b9316.txt (EV only for names ending in gouv.qc.ca)",
        "{name} is not under {suffixes}, the only domains {product} is issued for",
        "{name} n'est pas sous {suffixes}, seuls domaines pour lesquels {product} est délivré";
    PROFILE_NOT_AUTHORIZED: "profile.names.not_authorized", Error,
        "003_a88f77ecd5bd515e.txt (the technical administrator is authorised for given domains only)",
        "{name} is outside the authorised domains ({domains})",
        "{name} est hors des domaines autorisés ({domains})";
    PROFILE_NO_AUTHORIZED_DOMAINS: "profile.names.authorized_domains_unset", Error,
        "003_a88f77ecd5bd515e.txt (names must fall under the domains the administrator is authorised for)",
        "{product} names must fall under authorised domains, and none are configured: give them in the catalogue (names.authorized_domains)",
        "les noms de {product} doivent relever de domaines autorisés, et aucun n'est configuré : indiquez-les dans le catalogue (names.authorized_domains)";
    PROFILE_DNS_NOT_ALLOWED: "profile.names.dns_not_allowed", Error,
        "000_45f25a1ea33b9316.txt; CA/B CSBR §7.1.4 (code signing certificates carry no domain names)",
        "{product} carries no domain name; the request asks for {names}",
        "{product} ne porte aucun nom de domaine ; la demande porte sur {names}";
    PROFILE_SUBJECT_MISSING: "profile.subject.missing", Error,
        "002_65d782b1359c0f60.txt (subject fields); product rules",
        "{product} requires the subject attribute {name}",
        "{product} exige l'attribut {name} dans le sujet";
    PROFILE_EKU_NOT_ALLOWED: "profile.usage.eku_not_allowed", Error,
        "RFC 5280 §4.2.1.12; CA/B BR §7.1.2.7; product usage",
        "the request asks for extended key usage {eku}, which {product} does not grant (allowed: {allowed})",
        "la demande porte sur l'usage étendu {eku}, que {product} n'accorde pas (admis : {allowed})";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorised_domains_cover_on_label_boundaries() {
        assert!(covers("*ch-ville.fr", "ch-ville.fr"));
        assert!(covers("*ch-ville.fr", "gap.ch-ville.fr"));
        assert!(covers("*ch-ville.fr", "a.b.CH-VILLE.fr"));
        assert!(!covers("*ch-ville.fr", "autrech-ville.fr"));
        assert!(!covers("*ch-ville.fr", "ch-ville.fr.evil.com"));
        assert!(covers("gouv.qc.ca", "www.mon.gouv.qc.ca"));
        assert!(!covers("gouv.qc.ca", "gouv.qc.ca.example"));
        assert!(!covers("*", "anything.fr"));
    }

    #[test]
    fn public_suffixes() {
        assert!(is_public_suffix("qc.ca"));
        assert!(is_public_suffix("fr"));
        assert!(is_public_suffix("co.uk"));
        assert!(!is_public_suffix("gouv.qc.ca"));
        assert!(!is_public_suffix("exemple.fr"));
    }
}
