//! The CA/Browser Forum certificate profiles as data: which extensions each kind of certificate
//! must, should, may, should not and must not carry, and their criticality, as the Baseline
//! Requirements state them since SC-62 (BR §7.1.2, effective 2023-09-15), the S/MIME BR
//! (v1.0.0, §7.1.2.3, effective 2023-09-01) and the Code Signing BR (§7.1.2.3: code signing
//! certificates, `cs-br`, and Timestamp Certificates, `cs-br-timestamp`). `--profile auto`
//! picks one from the certificate itself.

use time::macros::date;
use time::Date;

use crate::cert::facts::CertFacts;
use crate::lang::Localized;
use crate::profile::catalog::CapSchedule;
use crate::rule::{rules, Finding, Rule};
use crate::usage::Usage;

/// How a profile treats an extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// MUST be present.
    Required,
    /// SHOULD be present.
    Recommended,
    /// MAY be present.
    Optional,
    /// NOT RECOMMENDED (SHOULD NOT be present).
    NotRecommended,
    /// MUST NOT be present.
    Forbidden,
}

/// The criticality a profile asks of an extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Criticality {
    /// MUST be critical.
    Critical,
    /// MUST NOT be critical.
    NonCritical,
    /// Either.
    Either,
}

/// One row of a profile's extension table.
#[derive(Debug)]
pub struct ExtensionRule {
    /// The extension's name, as `CertFacts::extensions` names it.
    pub name: &'static str,
    /// Whether it must, should, may, should not or must not be there.
    pub presence: Presence,
    /// The criticality it must have when present.
    pub critical: Criticality,
}

/// A CA/B certificate profile.
#[derive(Debug)]
pub struct CabProfile {
    /// Its id in reports (`tls-br-subscriber`).
    pub id: &'static str,
    /// The clause it comes from.
    pub citation: &'static str,
    /// The usage its certificates are for (the usage checks of the product machinery apply).
    pub usage: Usage,
    /// Its extensions.
    pub extensions: &'static [ExtensionRule],
    /// What it says of any extension its table does not name.
    pub others: Presence,
    /// The day its table took effect: certificates issued before are not judged by it.
    pub effective: Date,
    /// The dated validity caps its certificates live under, when it has some.
    pub validity: Option<CapSchedule>,
    /// Extended key usages its certificates MUST NOT carry (EKU names as sceau reads them, or
    /// dotted OIDs).
    pub eku_forbidden: &'static [&'static str],
    /// Extended key usages it allows besides those its usage requires; `None`: any other is
    /// allowed, `Some(list)`: any not listed (nor forbidden) is NOT RECOMMENDED.
    pub eku_allowed: Option<&'static [&'static str]>,
    /// In a certificate of the strict generation (a policy OID `2.23.140.1.5.x.3`), the only
    /// extended key usages allowed; empty when the profile has no generations.
    pub eku_strict: &'static [&'static str],
}

/// The EKUs the BR forbid in TLS certificates (§7.1.2.7.10, §7.1.2.10.6): any, code signing,
/// e-mail protection, time stamping, OCSP signing, precertificate signing.
const TLS_FORBIDDEN_EKUS: &[&str] = &[
    "anyExtendedKeyUsage",
    "codeSigning",
    "emailProtection",
    "timeStamping",
    "OCSPSigning",
    "1.3.6.1.4.1.11129.2.4.4",
];

/// The EKUs the Code Signing BR forbid in code signing and timestamp certificates
/// (§7.1.2.3(f)): any, server authentication.
const CS_FORBIDDEN_EKUS: &[&str] = &["anyExtendedKeyUsage", "serverAuth"];
/// Microsoft's Lifetime Signing purpose (Code Signing BR §1.6.1, §7.1.2.3(f)).
pub(crate) const CS_LIFETIME_SIGNING: &str = "1.3.6.1.4.1.311.10.3.13";
/// Microsoft's Document Signing purpose (Code Signing BR §7.1.2.3(f)).
pub(crate) const CS_DOCUMENT_SIGNING: &str = "1.3.6.1.4.1.311.3.10.3.12";
/// The Code Signing BR's reserved policy identifiers (§7.1.6.1).
pub(crate) const CS_POLICY: &str = "2.23.140.1.4.1";
pub(crate) const CS_EV_POLICY: &str = "2.23.140.1.3";
pub(crate) const CS_TIMESTAMP_POLICY: &str = "2.23.140.1.4.2";

const fn ext(name: &'static str, presence: Presence, critical: Criticality) -> ExtensionRule {
    ExtensionRule {
        name,
        presence,
        critical,
    }
}

use Criticality::{Critical, Either, NonCritical};
use Presence::{Forbidden, NotRecommended, Optional, Recommended, Required};

/// Code Signing BR §7.1.2.3(a)–(g), code signing certificates. basicConstraints (d) asks only
/// that cA not be true, not for a criticality.
const CS_EXTENSIONS: &[ExtensionRule] = &[
    ext("authorityInfoAccess", Required, NonCritical),
    ext("authorityKeyIdentifier", Required, NonCritical),
    ext("certificatePolicies", Required, NonCritical),
    ext("extKeyUsage", Required, NonCritical),
    ext("cRLDistributionPoints", Required, NonCritical),
    ext("keyUsage", Required, Critical),
    ext("basicConstraints", Optional, Either),
    ext("subjectKeyIdentifier", Optional, NonCritical),
];

/// The same table for Timestamp Certificates, but for extKeyUsage: "id-kp-timeStamping MUST be
/// present and MUST be marked critical" (§7.1.2.3(f); RFC 3161 §2.3).
const CS_TIMESTAMP_EXTENSIONS: &[ExtensionRule] = &[
    ext("authorityInfoAccess", Required, NonCritical),
    ext("authorityKeyIdentifier", Required, NonCritical),
    ext("certificatePolicies", Required, NonCritical),
    ext("extKeyUsage", Required, Critical),
    ext("cRLDistributionPoints", Required, NonCritical),
    ext("keyUsage", Required, Critical),
    ext("basicConstraints", Optional, Either),
    ext("subjectKeyIdentifier", Optional, NonCritical),
];

/// Every CA/B profile sceau judges by.
pub static PROFILES: [CabProfile; 8] = [
    CabProfile {
        id: "tls-br-subscriber",
        citation: "CA/B BR §7.1.2.7.6 (subscriber certificate extensions)",
        usage: Usage::TlsServer,
        extensions: &[
            ext("authorityInfoAccess", Required, NonCritical),
            ext("authorityKeyIdentifier", Required, NonCritical),
            ext("certificatePolicies", Required, NonCritical),
            ext("extKeyUsage", Required, NonCritical),
            ext("subjectAltName", Required, Either),
            ext("nameConstraints", Forbidden, Either),
            ext("keyUsage", Recommended, Critical),
            ext("basicConstraints", Optional, Critical),
            ext("signedCertificateTimestampList", Optional, NonCritical),
            ext("precertificatePoison", Optional, Critical),
            ext("cRLDistributionPoints", Optional, NonCritical),
            ext("subjectKeyIdentifier", NotRecommended, NonCritical),
        ],
        others: NotRecommended,
        effective: date!(2023 - 09 - 15),
        validity: Some(CapSchedule::CabTls),
        eku_forbidden: TLS_FORBIDDEN_EKUS,
        eku_allowed: Some(&["serverAuth", "clientAuth"]),
        eku_strict: &[],
    },
    CabProfile {
        id: "tls-br-root",
        citation: "CA/B BR §7.1.2.1.2 (root CA extensions)",
        usage: Usage::Ca,
        extensions: &[
            ext("basicConstraints", Required, Critical),
            ext("keyUsage", Required, Critical),
            ext("subjectKeyIdentifier", Required, NonCritical),
            ext("authorityKeyIdentifier", Recommended, NonCritical),
            ext("extKeyUsage", Forbidden, Either),
            ext("certificatePolicies", NotRecommended, NonCritical),
        ],
        others: NotRecommended,
        effective: date!(2023 - 09 - 15),
        validity: None,
        eku_forbidden: &[],
        eku_allowed: None,
        eku_strict: &[],
    },
    CabProfile {
        id: "tls-br-subordinate-ca",
        citation: "CA/B BR §7.1.2.10 (CA certificate profile), §7.1.2.2 and §7.1.2.3 (cross and TLS subordinate CAs)",
        usage: Usage::Ca,
        extensions: &[
            ext("authorityInfoAccess", Required, NonCritical),
            ext("authorityKeyIdentifier", Required, NonCritical),
            ext("basicConstraints", Required, Critical),
            ext("certificatePolicies", Required, NonCritical),
            ext("cRLDistributionPoints", Required, NonCritical),
            ext("keyUsage", Required, Critical),
            ext("subjectKeyIdentifier", Required, NonCritical),
            ext("extKeyUsage", Optional, NonCritical),
            ext("nameConstraints", Optional, Either),
            ext("signedCertificateTimestampList", Optional, NonCritical),
        ],
        others: NotRecommended,
        effective: date!(2023 - 09 - 15),
        validity: None,
        eku_forbidden: &[
            "anyExtendedKeyUsage",
            "codeSigning",
            "emailProtection",
            "OCSPSigning",
            "1.3.6.1.4.1.11129.2.4.4",
        ],
        eku_allowed: Some(&["serverAuth", "clientAuth"]),
        eku_strict: &[],
    },
    CabProfile {
        id: "ca-non-tls",
        citation: "RFC 5280 §4.2.1.1, §4.2.1.2, §4.2.1.3, §4.2.1.9 (CA certificates; not a TLS CA, so not the BR's CA profiles)",
        usage: Usage::Ca,
        extensions: &[
            ext("basicConstraints", Required, Critical),
            ext("keyUsage", Required, Either),
            ext("subjectKeyIdentifier", Required, NonCritical),
            ext("authorityKeyIdentifier", Required, NonCritical),
        ],
        others: Optional,
        effective: date!(2008 - 05 - 01),
        validity: None,
        eku_forbidden: &[],
        eku_allowed: None,
        eku_strict: &[],
    },
    CabProfile {
        id: "tls-br-ocsp-responder",
        citation: "CA/B BR §7.1.2.8 (OCSP responder certificate)",
        usage: Usage::Any,
        extensions: &[
            ext("authorityKeyIdentifier", Required, NonCritical),
            ext("extKeyUsage", Required, NonCritical),
            ext("ocspNoCheck", Required, NonCritical),
            ext("keyUsage", Required, Critical),
            ext("basicConstraints", Optional, Critical),
            ext("signedCertificateTimestampList", Optional, NonCritical),
            ext("subjectKeyIdentifier", Recommended, NonCritical),
            ext("authorityInfoAccess", NotRecommended, NonCritical),
            ext("certificatePolicies", Forbidden, Either),
            ext("cRLDistributionPoints", Forbidden, Either),
            ext("nameConstraints", Forbidden, Either),
            ext("subjectAltName", Forbidden, Either),
        ],
        others: NotRecommended,
        effective: date!(2023 - 09 - 15),
        validity: None,
        eku_forbidden: &["anyExtendedKeyUsage", "serverAuth", "clientAuth", "codeSigning", "emailProtection", "timeStamping"],
        eku_allowed: Some(&["OCSPSigning"]),
        eku_strict: &[],
    },
    CabProfile {
        id: "smime-br",
        citation: "CA/B S/MIME BR §7.1.2.3 (subscriber certificates)",
        usage: Usage::Email,
        extensions: &[
            ext("authorityInfoAccess", Required, NonCritical),
            ext("authorityKeyIdentifier", Required, NonCritical),
            ext("certificatePolicies", Required, NonCritical),
            ext("extKeyUsage", Required, NonCritical),
            ext("cRLDistributionPoints", Required, NonCritical),
            ext("keyUsage", Required, Either),
            ext("subjectAltName", Required, Either),
            ext("basicConstraints", Optional, Critical),
            ext("subjectKeyIdentifier", Optional, NonCritical),
            ext("qcStatements", Optional, NonCritical),
            ext("subjectDirectoryAttributes", Optional, NonCritical),
            ext("signedCertificateTimestampList", Optional, NonCritical),
            ext("precertificatePoison", Optional, Critical),
        ],
        others: Optional,
        effective: date!(2023 - 09 - 01),
        validity: None,
        eku_forbidden: &["serverAuth", "codeSigning", "timeStamping", "anyExtendedKeyUsage"],
        eku_allowed: None,
        eku_strict: &["emailProtection"],
    },
    CabProfile {
        id: "cs-br",
        citation: "CA/B Code Signing BR §7.1.2.3 (code signing certificates)",
        usage: Usage::CodeSigning,
        extensions: CS_EXTENSIONS,
        // §7.1.2.4: no extension §7.1.2.3 does not name, unless the CA knows a reason for it.
        others: NotRecommended,
        effective: date!(2023 - 09 - 15),
        validity: Some(CapSchedule::CabCodeSigning),
        eku_forbidden: CS_FORBIDDEN_EKUS,
        // §7.1.2.3(f): codeSigning, and MAY Lifetime Signing, emailProtection, Document
        // Signing; any other value SHOULD NOT be present.
        eku_allowed: Some(&[
            "codeSigning",
            CS_LIFETIME_SIGNING,
            "emailProtection",
            CS_DOCUMENT_SIGNING,
        ]),
        eku_strict: &[],
    },
    CabProfile {
        id: "cs-br-timestamp",
        citation: "CA/B Code Signing BR §7.1.2.3 (timestamp certificates)",
        // No usage row: the keyUsage, basicConstraints and timeStamping rules of a Timestamp
        // Certificate are `crate::profile::cabf_cs`'s.
        usage: Usage::Any,
        extensions: CS_TIMESTAMP_EXTENSIONS,
        others: NotRecommended,
        effective: date!(2023 - 09 - 15),
        validity: Some(CapSchedule::CabTimestamp),
        eku_forbidden: CS_FORBIDDEN_EKUS,
        // RFC 3161 §2.3 allows timeStamping alone: `profile.cs.timestamp.eku_other` judges
        // every other value, more strictly than the BR's SHOULD NOT.
        eku_allowed: None,
        eku_strict: &[],
    },
];

/// The EV Guidelines' reserved policy identifier.
pub(crate) const EV_POLICY: &str = "2.23.140.1.1";

/// Whether the certificate carries the EV policy.
pub(crate) fn is_ev(facts: &CertFacts) -> bool {
    facts.policies.iter().any(|p| p == EV_POLICY)
}

/// The generation of a reserved S/MIME policy identifier, 2.23.140.1.5.{validation}.{generation}
/// (validation 1 mailbox to 4 individual; generation 1 legacy, 2 multipurpose, 3 strict).
pub(crate) fn smime_generation(oid: &str) -> Option<u8> {
    smime_type(oid).map(|(_, generation)| generation)
}

/// The validation type and generation of a reserved S/MIME policy identifier, as numbers
/// (2.23.140.1.5.{validation}.{generation}).
pub(crate) fn smime_type(oid: &str) -> Option<(u8, u8)> {
    match oid.strip_prefix("2.23.140.1.5.")?.as_bytes() {
        [validation @ b'1'..=b'4', b'.', generation @ b'1'..=b'3'] => {
            Some((validation - b'0', generation - b'0'))
        }
        _ => None,
    }
}

/// Whether the certificate carries a reserved S/MIME identifier of `generation`.
pub(crate) fn has_smime_generation(facts: &CertFacts, generation: u8) -> bool {
    facts
        .policies
        .iter()
        .any(|p| smime_generation(p) == Some(generation))
}

/// The profile with id `id`.
pub fn profile(id: &str) -> Option<&'static CabProfile> {
    PROFILES.iter().find(|p| p.id == id)
}

/// The CA/B profile names `--profile` takes, and what each stands for.
pub const PROFILE_NAMES: [(&str, &str); 6] = [
    (
        "tls-br",
        "TLS subscriber (or OCSP responder) certificates, CA/B BR",
    ),
    ("smime-br", "S/MIME subscriber certificates, CA/B S/MIME BR"),
    (
        "cs-br",
        "code signing (or timestamp) certificates, CA/B Code Signing BR",
    ),
    ("ca-br", "root and subordinate CA certificates, CA/B BR"),
    (
        "auto",
        "the profile the certificate's CA flag, EKU and policy OIDs point to",
    ),
    (
        "rfc5280",
        "the rules of RFC 5280 every certificate shares, alone",
    ),
];

const EKU_SERVER: &str = "serverAuth";
const EKU_EMAIL: &str = "emailProtection";
const EKU_CODE: &str = "codeSigning";
const EKU_OCSP: &str = "OCSPSigning";
const EKU_TIMESTAMP: &str = "timeStamping";

/// The profile a name picks for this certificate (`tls-br`, `smime-br`, `cs-br`, `ca-br`,
/// `auto`), and why, for the report; `None` when `auto` finds no CA/B profile. `cs-br` picks
/// the Timestamp Certificate variant for a certificate with the timestamping policy OID, or
/// the timeStamping EKU without codeSigning.
pub fn choose(name: &str, facts: &CertFacts) -> Option<(&'static CabProfile, Localized)> {
    let is_ca = facts.basic_constraints.as_ref().is_some_and(|bc| bc.ca);
    let ekus = facts.extended_key_usage.as_deref().unwrap_or_default();
    let has_eku = |e: &str| ekus.iter().any(|k| k == e);
    let has_policy = |prefix: &str| facts.policies.iter().any(|p| p.starts_with(prefix));
    let why = Localized::new;
    let ca = || {
        if facts.self_issued {
            (
                "tls-br-root",
                why(
                    "a self-issued CA certificate",
                    "un certificat d'AC auto-émis",
                ),
            )
        } else if ekus.is_empty() || has_eku(EKU_SERVER) {
            (
                "tls-br-subordinate-ca",
                why(
                    "a CA certificate issued by another CA, for TLS (serverAuth or no EKU)",
                    "un certificat d'AC émis par une autre AC, pour TLS (serverAuth ou sans EKU)",
                ),
            )
        } else {
            (
                "ca-non-tls",
                why(
                    "a CA certificate whose EKU does not include serverAuth",
                    "un certificat d'AC dont l'EKU ne comprend pas serverAuth",
                ),
            )
        }
    };
    let asked = |id| (id, why("asked for", "demandé"));
    let ocsp = || {
        (
            "tls-br-ocsp-responder",
            why("the ocspSigning EKU", "l'EKU ocspSigning"),
        )
    };
    let smime = || {
        (
            "smime-br",
            why(
                "the emailProtection EKU or a CA/B S/MIME policy OID",
                "l'EKU emailProtection ou un OID de politique S/MIME du CA/B",
            ),
        )
    };
    let code_signing = || {
        (
            "cs-br",
            why(
                "the codeSigning EKU or a CA/B code signing policy OID",
                "l'EKU codeSigning ou un OID de politique de signature de code du CA/B",
            ),
        )
    };
    let timestamp = || {
        (
            "cs-br-timestamp",
            why(
                "the timeStamping EKU or the CA/B timestamping policy OID",
                "l'EKU timeStamping ou l'OID de politique d'horodatage du CA/B",
            ),
        )
    };
    let has_oid = |oid: &str| facts.policies.iter().any(|p| p == oid);
    // A Timestamp Certificate (Code Signing BR §7.1.2.3): its reserved identifier, or the
    // timeStamping purpose without codeSigning.
    let is_timestamp =
        has_oid(CS_TIMESTAMP_POLICY) || (has_eku(EKU_TIMESTAMP) && !has_eku(EKU_CODE));
    let (id, reason) = match name {
        "ca-br" => ca(),
        "tls-br" if has_eku(EKU_OCSP) && !has_eku(EKU_SERVER) => ocsp(),
        "tls-br" => asked("tls-br-subscriber"),
        "smime-br" => asked("smime-br"),
        "cs-br" if is_timestamp => timestamp(),
        "cs-br" => asked("cs-br"),
        "rfc5280" => return None,
        _ if is_ca => ca(),
        _ if has_eku(EKU_OCSP) => ocsp(),
        _ if has_eku(EKU_SERVER) || has_policy("2.23.140.1.2.") || has_policy(EV_POLICY) => (
            "tls-br-subscriber",
            why(
                "the serverAuth EKU or a CA/B TLS policy OID",
                "l'EKU serverAuth ou un OID de politique TLS du CA/B",
            ),
        ),
        _ if has_policy("2.23.140.1.5.") => smime(),
        _ if has_oid(CS_TIMESTAMP_POLICY) => timestamp(),
        // Before emailProtection: the Code Signing BR allow it beside codeSigning.
        _ if has_eku(EKU_CODE) || has_oid(CS_POLICY) || has_oid(CS_EV_POLICY) => code_signing(),
        _ if has_eku(EKU_EMAIL) => smime(),
        _ if has_eku(EKU_TIMESTAMP) => timestamp(),
        _ => return None,
    };
    profile(id).map(|p| (p, reason))
}

// The extension and EKU rules are dated by the profile that applies them (`effective`): the
// TLS tables from 2023-09-15 (SC-62), S/MIME from 2023-09-01, code signing and timestamp from
// 2023-09-15, RFC 5280's CA rules always.
rules! {
    PROFILE_CHOSEN: "profile.auto.chosen", Notice,
        "sceau --profile auto (CA/B BR §7.1.2, S/MIME BR §7.1.2.3, Code Signing BR §7.1.2.3)",
        "checked as {profile}: {why}",
        "vérifié selon {profile} : {why}";
    PROFILE_NONE: "profile.auto.none", Notice,
        "sceau --profile auto",
        "no CA/B profile fits (not a CA, no serverAuth, emailProtection, codeSigning, timeStamping or ocspSigning EKU, no CA/B policy OID): checked by the baseline only",
        "aucun profil CA/B ne convient (ni AC, ni EKU serverAuth, emailProtection, codeSigning, timeStamping ou ocspSigning, ni OID de politique CA/B) : vérifié selon le socle seul";
    EXTENSION_MISSING: "profile.extension.missing", Error,
        "CA/B BR §7.1.2; S/MIME BR §7.1.2.3; Code Signing BR §7.1.2.3",
        "{profile} certificates carry {extension} ({citation}); this one does not",
        "les certificats {profile} portent {extension} ({citation}) ; celui-ci non";
    EXTENSION_RECOMMENDED: "profile.extension.recommended_missing", Warning,
        "CA/B BR §7.1.2",
        "{profile} certificates should carry {extension} ({citation}); this one does not",
        "les certificats {profile} devraient porter {extension} ({citation}) ; celui-ci non";
    EXTENSION_NOT_RECOMMENDED: "profile.extension.not_recommended", Warning,
        "CA/B BR §7.1.2",
        "{extension} is NOT RECOMMENDED in {profile} certificates ({citation})",
        "{extension} est déconseillée dans les certificats {profile} ({citation})";
    EXTENSION_FORBIDDEN: "profile.extension.forbidden", Error,
        "CA/B BR §7.1.2; S/MIME BR §7.1.2.3",
        "{extension} MUST NOT appear in {profile} certificates ({citation})",
        "{extension} ne doit pas figurer dans les certificats {profile} ({citation})";
    EXTENSION_NOT_CRITICAL: "profile.extension.not_critical", Error,
        "CA/B BR §7.1.2; S/MIME BR §7.1.2.3",
        "{extension} must be marked critical in {profile} certificates ({citation})",
        "{extension} doit être marquée critique dans les certificats {profile} ({citation})";
    EXTENSION_CRITICAL: "profile.extension.critical", Error,
        "CA/B BR §7.1.2; S/MIME BR §7.1.2.3",
        "{extension} must not be marked critical in {profile} certificates ({citation})",
        "{extension} ne doit pas être marquée critique dans les certificats {profile} ({citation})";
    EXTENSION_UNKNOWN: "profile.extension.unknown", Warning,
        "CA/B BR §7.1.2 (any other extension: NOT RECOMMENDED)",
        "{extension} is none of the extensions {profile} certificates name; any other extension is NOT RECOMMENDED ({citation})",
        "{extension} n'est aucune des extensions que nomment les certificats {profile} ; toute autre extension est déconseillée ({citation})";
    EKU_FORBIDDEN: "profile.eku.forbidden", Error,
        "CA/B BR §7.1.2.7.10, §7.1.2.8.2; S/MIME BR §7.1.2.3(f); Code Signing BR §7.1.2.3(f)",
        "{profile} certificates MUST NOT carry the extended key usage {eku} ({citation})",
        "les certificats {profile} ne doivent pas porter l'usage étendu {eku} ({citation})";
    EKU_NOT_RECOMMENDED: "profile.eku.not_recommended", Warning,
        "CA/B BR §7.1.2.7.10 (any other value: NOT RECOMMENDED); Code Signing BR §7.1.2.3(f) (other values SHOULD NOT be present)",
        "the extended key usage {eku} is NOT RECOMMENDED in {profile} certificates ({citation})",
        "l'usage étendu {eku} est déconseillé dans les certificats {profile} ({citation})";
}

/// Judges the extended key usages of `facts` by `profile`.
pub fn check_ekus(facts: &CertFacts, profile: &CabProfile, day: Date, out: &mut Vec<Finding>) {
    if day < profile.effective {
        return;
    }
    // S/MIME BR §7.1.2.3(f): the strict generation allows emailProtection alone.
    let strict = !profile.eku_strict.is_empty() && has_smime_generation(facts, 3);
    for eku in facts.extended_key_usage.as_deref().unwrap_or_default() {
        let rule = if profile.eku_forbidden.contains(&eku.as_str())
            || (strict && !profile.eku_strict.contains(&eku.as_str()))
        {
            &EKU_FORBIDDEN
        } else if profile
            .eku_allowed
            .is_some_and(|allowed| !allowed.contains(&eku.as_str()))
        {
            &EKU_NOT_RECOMMENDED
        } else {
            continue;
        };
        out.push(
            Finding::new(rule, "extensions.extKeyUsage")
                .arg("profile", profile.id)
                .arg("eku", eku)
                .arg("citation", profile.citation),
        );
    }
}

/// Judges the extensions of `facts` by `profile`'s table, when it was issued under it.
pub fn check_extensions(
    facts: &CertFacts,
    profile: &CabProfile,
    day: Date,
    out: &mut Vec<Finding>,
) {
    if day < profile.effective {
        return;
    }
    let finding = |rule: &'static Rule, name: &str| {
        Finding::new(rule, format!("extensions.{name}"))
            .arg("profile", profile.id)
            .arg("extension", name)
            .arg("citation", profile.citation)
    };
    for row in profile.extensions {
        match (facts.extension(row.name), row.presence) {
            (None, Required) => out.push(finding(&EXTENSION_MISSING, row.name)),
            (None, Recommended) => out.push(finding(&EXTENSION_RECOMMENDED, row.name)),
            (Some(_), NotRecommended) => out.push(finding(&EXTENSION_NOT_RECOMMENDED, row.name)),
            (Some(_), Forbidden) => out.push(finding(&EXTENSION_FORBIDDEN, row.name)),
            _ => {}
        }
        let Some(present) = facts.extension(row.name) else {
            continue;
        };
        if row.presence == Forbidden {
            continue;
        }
        match (row.critical, present.critical) {
            (Critical, false) => out.push(finding(&EXTENSION_NOT_CRITICAL, row.name)),
            (NonCritical, true) => out.push(finding(&EXTENSION_CRITICAL, row.name)),
            _ => {}
        }
    }
    for present in &facts.extensions {
        if profile.extensions.iter().any(|r| r.name == present.name) {
            continue;
        }
        match profile.others {
            NotRecommended => out.push(finding(&EXTENSION_UNKNOWN, &present.name)),
            Forbidden => out.push(finding(&EXTENSION_FORBIDDEN, &present.name)),
            _ => {}
        }
    }
}
