//! The CA/B rules of cRLDistributionPoints and authorityInfoAccess, per profile: the TLS
//! distribution point (BR §7.1.2.11.2: one, a fullName of http URIs, no reasons nor cRLIssuer,
//! required in a subscriber certificate without OCSP that is not short-lived), the TLS access
//! descriptions (BR §7.1.2.7.7 for subscribers, §7.1.2.10.3 for CAs, §7.1.2.8.3 for OCSP
//! responders: the methods allowed, URIs, http, each location once), the S/MIME ones (S/MIME BR
//! §7.1.2.3(b), (c)), and the criticality RFC 5280 asks of both where the profile's extension
//! table does not judge it (§4.2.1.13, §4.2.2.1). RFC 5280's rules judge every profile; the
//! Code Signing BR's HTTP URLs are `crate::profile::cabf_cs`'s.

use crate::cert::facts::CertFacts;
use crate::cert::revocation_info::{
    AccessFact, LocationFact, RevocationInfo, ACCESS_CA_ISSUERS, ACCESS_OCSP,
};
use crate::host::uri_scheme;
use crate::profile::cabf::{has_smime_generation, CabProfile};
use crate::rule::{rules, Finding};

const CRLDP: &str = "extensions.cRLDistributionPoints";
const AIA: &str = "extensions.authorityInfoAccess";
/// BR §1.6.1 Short-lived Subscriber Certificate: from 2024-03-15, at most 10 days (864,000
/// seconds); from 2026-03-15, at most 7 days.
const SHORT_LIVED_10_DAYS_FROM: i64 = 1_710_460_800;
const SHORT_LIVED_7_DAYS_FROM: i64 = 1_773_532_800;
const DAY: i64 = 86_400;

/// What kind of certificate the profile judges, for these rules.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Subscriber,
    Ca,
    OcspResponder,
    Smime,
}

impl Kind {
    fn of(profile: &CabProfile) -> Option<Kind> {
        Some(match profile.id {
            "tls-br-subscriber" => Kind::Subscriber,
            "tls-br-root" | "tls-br-subordinate-ca" | "ca-non-tls" => Kind::Ca,
            "tls-br-ocsp-responder" => Kind::OcspResponder,
            "smime-br" => Kind::Smime,
            _ => return None,
        })
    }

    /// The clause of the BR that sets this kind's authorityInfoAccess.
    fn aia_clause(self) -> &'static str {
        match self {
            Kind::Subscriber => "CA/B BR §7.1.2.7.7",
            Kind::Ca => "CA/B BR §7.1.2.10.3",
            Kind::OcspResponder => "CA/B BR §7.1.2.8.3",
            Kind::Smime => "CA/B S/MIME BR §7.1.2.3(c)",
        }
    }

    /// The access methods the BR permit this kind (any other MUST NOT appear).
    fn methods(self) -> &'static [&'static str] {
        match self {
            Kind::Subscriber | Kind::Ca => &[ACCESS_OCSP, ACCESS_CA_ISSUERS],
            Kind::OcspResponder => &[ACCESS_OCSP],
            Kind::Smime => &[],
        }
    }
}

rules! {
    CRLDP_MULTIPLE: "profile.crldp.multiple", Warning,
        "CA/B BR §7.1.2.11.2 (more than one DistributionPoint is NOT RECOMMENDED)",
        "cRLDistributionPoints holds {count} DistributionPoints; the BR advise one",
        "cRLDistributionPoints contient {count} DistributionPoint ; les BR en conseillent un seul",
        from = "2023-09-15";
    CRLDP_FIELD_FORBIDDEN: "profile.crldp.field_forbidden", Error,
        "CA/B BR §7.1.2.11.2 (reasons and cRLIssuer MUST NOT be present)",
        "a DistributionPoint with {field}, which the BR forbid",
        "un DistributionPoint avec {field}, que les BR interdisent",
        from = "2023-09-15";
    CRLDP_NOT_FULL_NAME: "profile.crldp.not_full_name", Error,
        "CA/B BR §7.1.2.11.2 (distributionPoint MUST be present, as a fullName)",
        "a DistributionPoint {defect}; the BR want a fullName of http URIs",
        "un DistributionPoint {defect} ; les BR veulent un fullName d'URI http",
        from = "2023-09-15";
    CRLDP_NAME_NOT_URI: "profile.crldp.name_not_uri", Error,
        "CA/B BR §7.1.2.11.2 (all GeneralNames of the fullName MUST be of type uniformResourceIdentifier)",
        "the distribution point's fullName holds a {name_type}; every GeneralName must be a uniformResourceIdentifier",
        "le fullName du point de distribution contient un {name_type} ; chaque GeneralName doit être un uniformResourceIdentifier",
        from = "2023-09-15";
    CRLDP_URI_SCHEME: "profile.crldp.uri_scheme", Error,
        "CA/B BR §7.1.2.11.2 (the scheme of each URI MUST be http); S/MIME BR §7.1.2.3(b) (http; Legacy: also ldap, ftp)",
        "the CRL URI '{uri}' has the scheme '{scheme}'; {profile} certificates allow {allowed} ({clause})",
        "l'URI de LCR '{uri}' a le schéma '{scheme}' ; les certificats {profile} admettent {allowed} ({clause})";
    CRLDP_NO_HTTP: "profile.crldp.no_http", Error,
        "CA/B S/MIME BR §7.1.2.3(b) (at least one uniformResourceIdentifier SHALL have the URI scheme HTTP)",
        "no distribution point's fullName holds an http URI, which S/MIME certificates carry",
        "aucun fullName de point de distribution ne contient d'URI http, que portent les certificats S/MIME";
    REVOCATION_MISSING: "profile.crldp.revocation_missing", Error,
        "CA/B BR §7.1.2.11.2 (cRLDistributionPoints MUST be present in subscriber certificates that are not Short-lived and have no id-ad-ocsp accessMethod)",
        "neither cRLDistributionPoints nor an OCSP location in authorityInfoAccess, in a subscriber certificate valid {days} days, longer than a Short-lived Subscriber Certificate: relying parties cannot check its revocation",
        "ni cRLDistributionPoints ni adresse OCSP dans authorityInfoAccess, dans un certificat d'abonné valable {days} jours, plus qu'un certificat d'abonné de courte durée : sa révocation ne peut être vérifiée",
        from = "2023-09-15";
    CRLDP_EMPTY_POINT: "profile.crldp.empty_point", Error,
        "RFC 5280 §4.2.1.13 (a DistributionPoint MUST NOT consist of only the reasons field)",
        "a DistributionPoint with neither distributionPoint nor cRLIssuer: it names no CRL",
        "un DistributionPoint sans distributionPoint ni cRLIssuer : il ne désigne aucune LCR";
    CRLDP_CRITICAL: "profile.crldp.critical", Warning,
        "RFC 5280 §4.2.1.13 (the extension SHOULD be non-critical)",
        "cRLDistributionPoints is marked critical; RFC 5280 advises non-critical",
        "cRLDistributionPoints est marquée critique ; la RFC 5280 la conseille non critique";
    AIA_CRITICAL: "profile.aia.critical", Error,
        "RFC 5280 §4.2.2.1 (conforming CAs MUST mark this extension as non-critical)",
        "authorityInfoAccess is marked critical, which RFC 5280 forbids",
        "authorityInfoAccess est marquée critique, ce que la RFC 5280 interdit";
    AIA_METHOD_FORBIDDEN: "profile.aia.method_forbidden", Error,
        "CA/B BR §7.1.2.7.7, §7.1.2.10.3 (id-ad-ocsp, id-ad-caIssuers), §7.1.2.8.3 (id-ad-ocsp): any other accessMethod MUST NOT be used",
        "the access method {method} MUST NOT appear in the authorityInfoAccess of {profile} certificates ({clause})",
        "la méthode d'accès {method} ne doit pas figurer dans l'authorityInfoAccess des certificats {profile} ({clause})",
        from = "2023-09-15";
    AIA_OCSP_IN_RESPONDER: "profile.aia.ocsp_in_responder", Warning,
        "CA/B BR §7.1.2.8.3 (id-ad-ocsp NOT RECOMMENDED: the responses of an ocspNoCheck responder are not checked)",
        "an OCSP responder certificate with an id-ad-ocsp location, which the BR advise against: relying parties do not check it",
        "un certificat de répondeur OCSP avec une adresse id-ad-ocsp, que les BR déconseillent : les parties utilisatrices ne la consultent pas",
        from = "2023-09-15";
    AIA_LOCATION_NOT_URI: "profile.aia.location_not_uri", Error,
        "CA/B BR §7.1.2.7.7, §7.1.2.10.3, §7.1.2.8.3 (each accessLocation MUST be a uniformResourceIdentifier)",
        "an access location of type {name_type}; the BR want a uniformResourceIdentifier ({clause})",
        "une adresse d'accès de type {name_type} ; les BR veulent un uniformResourceIdentifier ({clause})",
        from = "2023-09-15";
    AIA_LOCATION_NOT_HTTP: "profile.aia.location_not_http", Error,
        "CA/B BR §7.1.2.7.7, §7.1.2.10.3, §7.1.2.8.3 (an HTTP URL)",
        "the access location '{uri}' is not an http:// URL ({clause})",
        "l'adresse d'accès '{uri}' n'est pas une URL http:// ({clause})",
        from = "2023-09-15";
    AIA_DUPLICATE_LOCATION: "profile.aia.duplicate_location", Error,
        "CA/B BR §7.1.2.7.7, §7.1.2.10.3, §7.1.2.8.3 (each accessLocation of the same accessMethod MUST be unique)",
        "the access location '{uri}' appears {count} times for {method}; each must be unique ({clause})",
        "l'adresse d'accès '{uri}' figure {count} fois pour {method} ; chacune doit être unique ({clause})",
        from = "2023-09-15";
    AIA_CA_ISSUERS_MISSING: "profile.aia.ca_issuers_missing", Warning,
        "CA/B BR §7.1.2.7.7 (id-ad-caIssuers SHOULD be present); S/MIME BR §7.1.2.3(c) (SHOULD contain an id-ad-caIssuers)",
        "authorityInfoAccess without an id-ad-caIssuers location, which {profile} certificates should carry: clients fetch the issuing CA's certificate there ({clause})",
        "authorityInfoAccess sans adresse id-ad-caIssuers, que les certificats {profile} devraient porter : les clients y cherchent le certificat de l'AC émettrice ({clause})";
    AIA_SMIME_NO_HTTP: "profile.aia.smime_no_http", Error,
        "CA/B S/MIME BR §7.1.2.3(c) (when provided, at least one accessLocation of id-ad-ocsp and of id-ad-caIssuers SHALL have the URI scheme HTTP)",
        "the {method} locations of authorityInfoAccess hold no http URI, which S/MIME certificates carry when they give that method",
        "les adresses {method} d'authorityInfoAccess ne contiennent aucune URI http, que portent les certificats S/MIME qui donnent cette méthode";
}

/// Applies the cRLDistributionPoints and authorityInfoAccess rules of `profile` to `facts`.
pub(crate) fn check(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    let info = &facts.revocation_info;
    // RFC 5280's rules judge every profile's certificates, the code signing ones included.
    check_rfc5280(facts, Some(profile), info, out);
    let Some(kind) = Kind::of(profile) else {
        return;
    };
    match kind {
        Kind::Smime => {
            smime_points(facts, info, out);
            smime_access(info, profile.id, out);
        }
        _ => {
            tls_points(info, profile.id, out);
            tls_access(info, kind, profile.id, out);
            if kind == Kind::Subscriber {
                revocation_present(facts, info, out);
            }
        }
    }
}

/// RFC 5280's rules alone, for a certificate no CA/B profile judges (`--profile rfc5280`).
pub(crate) fn check_alone(facts: &CertFacts, out: &mut Vec<Finding>) {
    check_rfc5280(facts, None, &facts.revocation_info, out);
}

/// RFC 5280's rules: a DistributionPoint names a CRL; the criticality of both extensions where
/// the profile's table (if any) does not judge it already.
fn check_rfc5280(
    facts: &CertFacts,
    profile: Option<&CabProfile>,
    info: &RevocationInfo,
    out: &mut Vec<Finding>,
) {
    for (i, point) in info.points.iter().enumerate() {
        if !point.has_name() && !point.crl_issuer {
            out.push(Finding::new(&CRLDP_EMPTY_POINT, format!("{CRLDP}[{i}]")));
        }
    }
    let judged = |name: &str| profile.is_some_and(|p| p.extensions.iter().any(|e| e.name == name));
    let critical = |name: &str| facts.extension(name).is_some_and(|e| e.critical);
    if critical("cRLDistributionPoints") && !judged("cRLDistributionPoints") {
        out.push(Finding::new(&CRLDP_CRITICAL, CRLDP));
    }
    if critical("authorityInfoAccess") && !judged("authorityInfoAccess") {
        out.push(Finding::new(&AIA_CRITICAL, AIA));
    }
}

/// BR §7.1.2.11.2, for every TLS kind.
fn tls_points(info: &RevocationInfo, profile: &str, out: &mut Vec<Finding>) {
    if info.points.len() > 1 {
        out.push(Finding::new(&CRLDP_MULTIPLE, CRLDP).arg("count", info.points.len()));
    }
    for (i, point) in info.points.iter().enumerate() {
        let field = format!("{CRLDP}[{i}]");
        for (present, name) in [(point.reasons, "reasons"), (point.crl_issuer, "cRLIssuer")] {
            if present {
                out.push(Finding::new(&CRLDP_FIELD_FORBIDDEN, field.clone()).arg("field", name));
            }
        }
        if point.relative_name {
            out.push(Finding::new(&CRLDP_NOT_FULL_NAME, field.clone()).text(
                "defect",
                crate::lang::Localized::new(
                    "named by a nameRelativeToCRLIssuer",
                    "désigné par un nameRelativeToCRLIssuer",
                ),
            ));
        } else if point.full_name.is_empty() {
            out.push(Finding::new(&CRLDP_NOT_FULL_NAME, field.clone()).text(
                "defect",
                crate::lang::Localized::new(
                    "without a distributionPoint",
                    "sans distributionPoint",
                ),
            ));
        }
        for (j, name) in point.full_name.iter().enumerate() {
            let field = format!("{field}.fullName[{j}]");
            match name.uri() {
                None => out.push(
                    Finding::new(&CRLDP_NAME_NOT_URI, field)
                        .arg("name_type", name.name_type.name()),
                ),
                Some(uri) => {
                    let scheme = uri_scheme(uri).unwrap_or_default();
                    if scheme != "http" {
                        out.push(scheme_finding(
                            field,
                            uri,
                            &scheme,
                            profile,
                            "http",
                            "CA/B BR §7.1.2.11.2",
                        ));
                    }
                }
            }
        }
    }
}

fn scheme_finding(
    field: String,
    uri: &str,
    scheme: &str,
    profile: &str,
    allowed: &str,
    clause: &str,
) -> Finding {
    Finding::new(&CRLDP_URI_SCHEME, field)
        .arg("uri", uri)
        .arg("scheme", scheme)
        .arg("profile", profile)
        .arg("allowed", allowed)
        .arg("clause", clause)
}

/// BR §7.1.2.7.7, §7.1.2.10.3, §7.1.2.8.3.
fn tls_access(info: &RevocationInfo, kind: Kind, profile: &str, out: &mut Vec<Finding>) {
    if !info.aia_decoded {
        return;
    }
    let clause = kind.aia_clause();
    for (i, access) in info.access.iter().enumerate() {
        let field = format!("{AIA}[{i}]");
        if !kind.methods().contains(&access.method.as_str()) {
            out.push(
                Finding::new(&AIA_METHOD_FORBIDDEN, field.clone())
                    .arg("method", method_name(&access.method))
                    .arg("profile", profile)
                    .arg("clause", clause),
            );
        } else if kind == Kind::OcspResponder && access.method == ACCESS_OCSP {
            out.push(Finding::new(&AIA_OCSP_IN_RESPONDER, field.clone()));
        }
        match access.location.uri() {
            None => out.push(
                Finding::new(&AIA_LOCATION_NOT_URI, field)
                    .arg("name_type", access.location.name_type.name())
                    .arg("clause", clause),
            ),
            Some(uri) if !uri.to_ascii_lowercase().starts_with("http://") => out.push(
                Finding::new(&AIA_LOCATION_NOT_HTTP, field)
                    .arg("uri", uri)
                    .arg("clause", clause),
            ),
            Some(_) => {}
        }
    }
    for (i, access) in info.access.iter().enumerate() {
        let Some(uri) = access.location.uri() else {
            continue;
        };
        let same = |a: &AccessFact| a.method == access.method && a.location.uri() == Some(uri);
        if info.access[..i].iter().any(same) {
            continue;
        }
        let count = info.access.iter().filter(|a| same(a)).count();
        if count > 1 {
            out.push(
                Finding::new(&AIA_DUPLICATE_LOCATION, format!("{AIA}[{i}]"))
                    .arg("uri", uri)
                    .arg("count", count)
                    .arg("method", method_name(&access.method))
                    .arg("clause", clause),
            );
        }
    }
    if kind == Kind::Subscriber {
        ca_issuers(info, profile, clause, out);
    }
}

fn ca_issuers(info: &RevocationInfo, profile: &str, clause: &str, out: &mut Vec<Finding>) {
    if info.aia_decoded && info.access_of(ACCESS_CA_ISSUERS).next().is_none() {
        out.push(
            Finding::new(&AIA_CA_ISSUERS_MISSING, AIA)
                .arg("profile", profile)
                .arg("clause", clause),
        );
    }
}

/// BR §7.1.2.11.2: a subscriber certificate that is not Short-lived, without an id-ad-ocsp
/// accessMethod, carries cRLDistributionPoints. Short-lived by its notBefore (BR §1.6.1).
fn revocation_present(facts: &CertFacts, info: &RevocationInfo, out: &mut Vec<Finding>) {
    if info.crldp_present || info.access_of(ACCESS_OCSP).next().is_some() {
        return;
    }
    let seconds = facts.validity_seconds();
    let short_lived = (facts.not_before >= SHORT_LIVED_7_DAYS_FROM && seconds <= 7 * DAY)
        || (facts.not_before >= SHORT_LIVED_10_DAYS_FROM
            && facts.not_before < SHORT_LIVED_7_DAYS_FROM
            && seconds <= 10 * DAY);
    if !short_lived {
        out.push(Finding::new(&REVOCATION_MISSING, CRLDP).arg("days", (seconds + DAY - 1) / DAY));
    }
}

/// S/MIME BR §7.1.2.3(b).
fn smime_points(facts: &CertFacts, info: &RevocationInfo, out: &mut Vec<Finding>) {
    if !info.crldp_present || !info.crldp_decoded {
        return;
    }
    let legacy = has_smime_generation(facts, 1);
    let allowed: &[&str] = if legacy {
        &["http", "ldap", "ftp"]
    } else {
        &["http"]
    };
    let mut http = false;
    for (i, point) in info.points.iter().enumerate() {
        for (j, name) in point.full_name.iter().enumerate() {
            let Some(uri) = name.uri() else {
                continue;
            };
            let scheme = uri_scheme(uri).unwrap_or_default();
            http |= scheme == "http";
            if !allowed.contains(&scheme.as_str()) {
                out.push(scheme_finding(
                    format!("{CRLDP}[{i}].fullName[{j}]"),
                    uri,
                    &scheme,
                    "smime-br",
                    &allowed.join(", "),
                    if legacy {
                        "CA/B S/MIME BR §7.1.2.3(b), Legacy"
                    } else {
                        "CA/B S/MIME BR §7.1.2.3(b)"
                    },
                ));
            }
        }
    }
    if !http {
        out.push(Finding::new(&CRLDP_NO_HTTP, CRLDP));
    }
}

/// S/MIME BR §7.1.2.3(c).
fn smime_access(info: &RevocationInfo, profile: &str, out: &mut Vec<Finding>) {
    if !info.aia_decoded {
        return;
    }
    ca_issuers(info, profile, Kind::Smime.aia_clause(), out);
    for method in [ACCESS_OCSP, ACCESS_CA_ISSUERS] {
        let mut locations = info.access_of(method).map(|a| &a.location).peekable();
        if locations.peek().is_none() {
            continue;
        }
        let is_http = |l: &LocationFact| {
            l.uri()
                .is_some_and(|u| u.to_ascii_lowercase().starts_with("http:"))
        };
        if !locations.any(is_http) {
            out.push(Finding::new(&AIA_SMIME_NO_HTTP, AIA).arg("method", method_name(method)));
        }
    }
}

pub(crate) fn method_name(oid: &str) -> &str {
    match oid {
        ACCESS_OCSP => "id-ad-ocsp",
        ACCESS_CA_ISSUERS => "id-ad-caIssuers",
        other => other,
    }
}
