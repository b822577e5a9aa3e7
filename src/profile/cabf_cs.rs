//! The CA/B Code Signing Baseline Requirements (v3.10) beyond the extension tables of `cs-br`
//! and of its Timestamp Certificate variant `cs-br-timestamp`: the reserved policy identifiers
//! (§1.2, §7.1.6.1) and anyPolicy (§7.1.6.4); the subject of code signing certificates, non-EV
//! and EV (§7.1.4.2.2–4: the attributes required, a localityName or a stateOrProvinceName, no
//! domainComponent, no value of metadata only, a legal name rather than an address or a host in
//! the commonName); the subject key (§6.1.5.2, §6.1.6) and the issuer's signature algorithm
//! (§7.1.3.2); the keyUsage bits beyond digitalSignature (§7.1.2.3(e)); the HTTP URLs of
//! cRLDistributionPoints and authorityInfoAccess (§7.1.2.3(b), (c)); and, for a Timestamp
//! Certificate, what no usage row judges: timeStamping alone (§7.1.2.3(f), RFC 3161 §2.3),
//! digitalSignature without keyCertSign or cRLSign (§7.1.2.3(e)), cA not true (§7.1.2.3(d)).
//! A code signing certificate's codeSigning purpose, digitalSignature, keyCertSign, cRLSign
//! and cA are the usage row's (`cert.*`), its forbidden and other EKUs the profile's
//! (`profile.eku.*`), its caps `CapSchedule::CabCodeSigning`.
//!
//! Each rule is dated by the version whose text it follows, not by the table's day: v1.2
//! (ballot CSC-1, 2019-08-13, the first the Forum adopted; zlint dates its lints so) for what
//! has not changed since; v3.0 (CSC-14, 2022-06-29) for the three reserved identifiers and the
//! metadata rule, where the BR state them themselves; §1.2.2's 2021-06-01 for RSA-3072 (before
//! it, the baseline's 2048 bits); §7.1.3.2.1's 2022-04-30 for SHA-1 in Timestamp Certificates.

use x509_parser::prelude::FromDer;
use x509_parser::x509::SubjectPublicKeyInfo;

use crate::cert::facts::CertFacts;
use crate::cert::policies::ANY_POLICY;
use crate::cert::revocation_info::{ACCESS_CA_ISSUERS, ACCESS_OCSP};
use crate::host::{is_ip_address, looks_like_host, uri_scheme};
use crate::lang::Localized;
use crate::names::check_dns_name;
use crate::profile::cabf::{CabProfile, Presence, CS_EV_POLICY, CS_POLICY, CS_TIMESTAMP_POLICY};
use crate::profile::cabf_names::is_internal_name;
use crate::profile::cabf_smime_subject::significant;
use crate::profile::cabf_subject::EV;
use crate::profile::cabf_urls::method_name;
use crate::public_key::{Curve, PublicKey};
use crate::rule::{rules, Finding, Rule};
use crate::signature::{HashAlg, SignatureScheme};

use Presence::{Forbidden, Required};

/// The kinds of certificate the Code Signing BR profile.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    CodeSigning,
    EvCodeSigning,
    Timestamp,
}

/// What each kind asks: its name in messages, the reserved identifiers it asserts, the
/// attributes its subject carries (none for a Timestamp Certificate, which §7.1.4.2 does not
/// profile) and whether the EV attributes are among them.
struct KindRules {
    kind: Kind,
    en: &'static str,
    fr: &'static str,
    reserved: &'static [&'static str],
    subject: Option<SubjectRules>,
}

struct SubjectRules {
    citation: &'static str,
    ev: bool,
}

static KINDS: [KindRules; 3] = [
    KindRules {
        kind: Kind::CodeSigning,
        en: "non-EV code signing",
        fr: "de signature de code non EV",
        reserved: &[CS_POLICY, CS_EV_POLICY],
        subject: Some(SubjectRules {
            citation: "CA/B Code Signing BR §7.1.4.2.2, §7.1.4.2.3",
            ev: false,
        }),
    },
    KindRules {
        kind: Kind::EvCodeSigning,
        en: "EV code signing",
        fr: "de signature de code EV",
        reserved: &[CS_POLICY, CS_EV_POLICY],
        subject: Some(SubjectRules {
            citation: "CA/B Code Signing BR §7.1.4.2.2, §7.1.4.2.4",
            ev: true,
        }),
    },
    KindRules {
        kind: Kind::Timestamp,
        en: "Timestamp",
        fr: "d'horodatage",
        reserved: &[CS_TIMESTAMP_POLICY],
        subject: None,
    },
];

/// Every reserved identifier of the Code Signing BR (§7.1.6.1).
const RESERVED: [&str; 3] = [CS_POLICY, CS_EV_POLICY, CS_TIMESTAMP_POLICY];

/// The attributes every code signing subject carries: commonName (§7.1.4.2.2(a)),
/// organizationName (§7.1.4.2.3(a), §7.1.4.2.4(a)), countryName (§7.1.4.2.3(f), and through
/// §7.1.4.2.4(e) for EV). An EV subject adds the required attributes of the EV table
/// (businessCategory, jurisdictionCountryName, serialNumber: §7.1.4.2.4(b)–(d)).
const SUBJECT_REQUIRED: &[&str] = &["CN", "O", "C"];
/// One of these at least (§7.1.4.2.3(c), (d), and through §7.1.4.2.4(e) for EV).
const LOCALITY_OR_STATE: &[&str] = &["L", "ST"];
/// Prohibited in a code signing subject (§7.1.4.2.2(c)).
const SUBJECT_FORBIDDEN: &[&str] = &["DC"];

/// The key types of §6.1.5.2, as sceau names them: RSA (either encoding), ECDSA; DSA is
/// allowed too, but sceau does not read DSA keys (`key.unusable` says so).
const KEY_TYPES: &[&str] = &["rsa", "rsa-pss", "ec"];
const CURVES: &[Curve] = &[Curve::P256, Curve::P384, Curve::P521];
/// §6.1.5.2, from 2021-06-01 (§1.2.2).
const RSA_MIN_BITS: u32 = 3072;

/// The digests §7.1.3.2 allows with each signature family.
const SIGNATURE_HASHES: &[HashAlg] = &[HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512];

/// keyUsage (§7.1.2.3(e)): digitalSignature MUST, keyCertSign and cRLSign MUST NOT be set;
/// any bit not listed SHOULD NOT (NOT RECOMMENDED).
const KEY_USAGE: &[(&str, Presence)] = &[
    ("digitalSignature", Required),
    ("keyCertSign", Forbidden),
    ("cRLSign", Forbidden),
];

const TIMESTAMPING: &str = "timeStamping";
const FIELD_POLICIES: &str = "extensions.certificatePolicies";
const FIELD_KU: &str = "extensions.keyUsage";
const FIELD_EKU: &str = "extensions.extKeyUsage";
const FIELD_AIA: &str = "extensions.authorityInfoAccess";
const FIELD_CRLDP: &str = "extensions.cRLDistributionPoints";

rules! {
    POLICY_RESERVED_MISSING: "profile.cs.policy.reserved_missing", Error,
        "CA/B Code Signing BR §1.2, §7.1.6.1 (the reserved identifier of each kind: a required means of asserting compliance)",
        "{kind} certificates assert the reserved policy identifier {expected}; this one carries none of them",
        "les certificats {kind} portent l'identifiant de politique réservé {expected} ; celui-ci n'en porte aucun",
        from = "2022-06-29";
    POLICY_RESERVED_MULTIPLE: "profile.cs.policy.reserved_multiple", Error,
        "CA/B Code Signing BR §7.1.6.1 (one reserved identifier for each kind: non-EV code signing, EV code signing, timestamp)",
        "{count} reserved code signing policy identifiers ({oids}): a certificate is of one kind only",
        "{count} identifiants de politique réservés de signature de code ({oids}) : un certificat n'est que d'une sorte",
        from = "2022-06-29";
    POLICY_ANY: "profile.cs.policy.any_policy", Warning,
        "CA/B Code Signing BR §7.1.6.4 (the CA's policy identifiers indicating adherence to these Requirements), §7.1.6.3 (anyPolicy only in the certificate of an Affiliate's subordinate CA)",
        "anyPolicy asserts no policy; {kind} certificates carry the CA's identifiers that say they follow these Requirements",
        "anyPolicy n'affirme aucune politique ; les certificats {kind} portent les identifiants de l'AC qui disent qu'ils suivent ces exigences",
        from = "2019-08-13";
    SUBJECT_MISSING: "profile.cs.subject.attribute_missing", Error,
        "CA/B Code Signing BR §7.1.4.2.2(a), §7.1.4.2.3(a), (f), §7.1.4.2.4(a)–(e) (commonName, organizationName, countryName; EV: also businessCategory, jurisdictionCountryName, serialNumber)",
        "{kind} certificates carry the subject attribute {name} ({citation}); this one does not",
        "les certificats {kind} portent l'attribut {name} dans le sujet ({citation}) ; celui-ci non",
        from = "2019-08-13";
    SUBJECT_LOCALITY: "profile.cs.subject.locality_or_state_missing", Error,
        "CA/B Code Signing BR §7.1.4.2.3(c), (d), §7.1.4.2.4(e) (localityName required when stateOrProvinceName is absent, and the reverse)",
        "the subject has neither localityName nor stateOrProvinceName; {kind} certificates carry one of them at least ({citation})",
        "le sujet n'a ni localityName ni stateOrProvinceName ; les certificats {kind} en portent au moins un ({citation})",
        from = "2019-08-13";
    SUBJECT_FORBIDDEN_RULE: "profile.cs.subject.attribute_forbidden", Error,
        "CA/B Code Signing BR §7.1.4.2.2(c) (domainComponent: prohibited)",
        "the subject carries {name}, which code signing certificates MUST NOT carry",
        "le sujet porte {name}, que les certificats de signature de code ne doivent pas porter",
        from = "2019-08-13";
    SUBJECT_METADATA: "profile.cs.subject.metadata_only", Error,
        "CA/B Code Signing BR §7.1.4.2.2(d) (no attribute of metadata only, such as '.', '-' or ' ')",
        "the subject attribute {name} is '{value}', metadata only (no letter, digit or symbol)",
        "l'attribut {name} du sujet vaut '{value}', rien que des métadonnées (ni lettre, ni chiffre, ni symbole)",
        from = "2022-06-29";
    CN_IP: "profile.cs.subject.common_name_ip", Error,
        "CA/B Code Signing BR §7.1.4.2.2(a) (the commonName holds the Subject's legal name)",
        "the commonName '{value}' is an IP address, not the Subject's legal name",
        "le commonName '{value}' est une adresse IP, pas le nom légal du sujet",
        from = "2019-08-13";
    CN_DOMAIN: "profile.cs.subject.common_name_domain", Warning,
        "CA/B Code Signing BR §7.1.4.2.2(a) (the commonName holds the Subject's legal name, as verified under §3.2.2 or §3.2.3)",
        "the commonName '{value}' reads as a domain name; a code signing certificate names the Subject by its legal name",
        "le commonName '{value}' se lit comme un nom de domaine ; un certificat de signature de code nomme le sujet par son nom légal",
        from = "2019-08-13";
    KEY_ALGORITHM: "profile.cs.key.algorithm", Error,
        "CA/B Code Signing BR §6.1.5.2 (RSA, ECDSA or DSA keys)",
        "a {algorithm} key; code signing and timestamp keys are RSA, ECDSA or DSA",
        "une clé {algorithm} ; les clés de signature de code et d'horodatage sont RSA, ECDSA ou DSA",
        from = "2019-08-13";
    KEY_RSA_TOO_SMALL: "profile.cs.key.rsa_too_small", Error,
        "CA/B Code Signing BR §6.1.5.2, §1.2.2 (an RSA modulus of at least 3072 bits from 2021-06-01)",
        "RSA modulus of {bits} bits; code signing and timestamp certificates issued from 2021-06-01 need at least 3072",
        "module RSA de {bits} bits ; les certificats de signature de code et d'horodatage émis à partir du 2021-06-01 en exigent au moins 3072",
        from = "2021-06-01";
    KEY_CURVE: "profile.cs.key.ec_curve", Error,
        "CA/B Code Signing BR §6.1.5.2 (NIST P-256, P-384 or P-521)",
        "EC key on {curve}; code signing and timestamp keys are on NIST P-256, P-384 or P-521",
        "clé EC sur la courbe {curve} ; les clés de signature de code et d'horodatage sont sur NIST P-256, P-384 ou P-521",
        from = "2019-08-13";
    KEY_EXPONENT: "profile.cs.key.rsa_exponent", Error,
        "CA/B Code Signing BR §6.1.6 (the public exponent is an odd number equal to 3 or more)",
        "RSA public exponent {exponent}: it must be odd and at least 3",
        "exposant public RSA {exponent} : il doit être impair et au moins égal à 3",
        from = "2019-08-13";
    KEY_EXPONENT_RANGE: "profile.cs.key.rsa_exponent_range", Warning,
        "CA/B Code Signing BR §6.1.6 (the public exponent SHOULD lie between 2^16+1 and 2^256-1; NIST SP 800-89 §5.3.3)",
        "RSA public exponent {exponent}: outside 2^16+1 to 2^256-1, the range the BR recommend",
        "exposant public RSA {exponent} : hors de 2^16+1 à 2^256-1, l'intervalle que recommandent les BR",
        from = "2019-08-13";
    SIGNATURE_ALGORITHM: "profile.cs.signature_algorithm", Error,
        "CA/B Code Signing BR §7.1.3.2 (RSASSA-PKCS1-v1_5 or RSASSA-PSS with SHA-256, SHA-384 or SHA-512; ECDSA with SHA-256, SHA-384 or SHA-512; DSA with SHA-256)",
        "the certificate is signed with {algorithm}, which the Code Signing BR do not allow",
        "le certificat est signé en {algorithm}, que les BR de signature de code n'admettent pas",
        from = "2019-08-13";
    TIMESTAMP_SHA1: "profile.cs.timestamp.sha1_signature", Error,
        "CA/B Code Signing BR §7.1.3.2.1, §7.1.3.2.3 (SHA-1 in a Timestamp Certificate whose notBefore is not after 2022-04-30 only)",
        "the Timestamp Certificate is signed with {algorithm}; SHA-1 was allowed only in Timestamp Certificates issued until 2022-04-30",
        "le certificat d'horodatage est signé en {algorithm} ; SHA-1 n'était admis que dans les certificats d'horodatage émis jusqu'au 2022-04-30",
        from = "2022-05-01";
    KU_NOT_RECOMMENDED: "profile.cs.key_usage.not_recommended", Warning,
        "CA/B Code Signing BR §7.1.2.3(e) (all bits but digitalSignature SHOULD NOT be set)",
        "keyUsage {bit}: in {kind} certificates, all bits but digitalSignature SHOULD NOT be set",
        "keyUsage {bit} : dans les certificats {kind}, tout autre bit que digitalSignature est déconseillé",
        from = "2019-08-13";
    TIMESTAMP_NO_SIGNATURE: "profile.cs.timestamp.no_digital_signature", Error,
        "CA/B Code Signing BR §7.1.2.3(e) (digitalSignature MUST be set)",
        "the Timestamp Certificate's keyUsage lacks digitalSignature: it cannot sign timestamp tokens",
        "le keyUsage du certificat d'horodatage n'a pas digitalSignature : il ne peut signer de jetons d'horodatage",
        from = "2019-08-13";
    TIMESTAMP_KU_FORBIDDEN: "profile.cs.timestamp.key_usage_forbidden", Error,
        "CA/B Code Signing BR §7.1.2.3(e) (keyCertSign and cRLSign MUST NOT be set)",
        "a Timestamp Certificate with keyUsage {bit}",
        "un certificat d'horodatage avec keyUsage {bit}",
        from = "2019-08-13";
    TIMESTAMP_CA: "profile.cs.timestamp.ca", Error,
        "CA/B Code Signing BR §7.1.2.3(d) (the cA field MUST NOT be true)",
        "a Timestamp Certificate with basicConstraints cA=TRUE",
        "un certificat d'horodatage avec basicConstraints cA=TRUE",
        from = "2019-08-13";
    TIMESTAMP_EKU_MISSING: "profile.cs.timestamp.eku_missing", Error,
        "CA/B Code Signing BR §7.1.2.3(f) (id-kp-timeStamping MUST be present)",
        "a Timestamp Certificate without the timeStamping extended key usage",
        "un certificat d'horodatage sans l'usage étendu timeStamping",
        from = "2019-08-13";
    TIMESTAMP_EKU_OTHER: "profile.cs.timestamp.eku_other", Error,
        "RFC 3161 §2.3 (a TSA's certificate has id-kp-timeStamping as its only purpose); CA/B Code Signing BR §6.8 (the Timestamp Authority complies with RFC 3161), §7.1.2.3(f)",
        "the extended key usage {eku} in a Timestamp Certificate, whose only purpose is timeStamping",
        "l'usage étendu {eku} dans un certificat d'horodatage, dont timeStamping est le seul usage",
        from = "2019-08-13";
    AIA_CA_ISSUERS_MISSING: "profile.cs.aia.ca_issuers_missing", Error,
        "CA/B Code Signing BR §7.1.2.3(c) (the HTTP URL of the Issuing CA's certificate, id-ad-caIssuers)",
        "authorityInfoAccess has no id-ad-caIssuers location; {kind} certificates give the HTTP URL of the issuing CA's certificate",
        "authorityInfoAccess n'a pas d'adresse id-ad-caIssuers ; les certificats {kind} donnent l'URL HTTP du certificat de l'AC émettrice",
        from = "2019-08-13";
    AIA_NO_HTTP: "profile.cs.aia.no_http", Error,
        "CA/B Code Signing BR §7.1.2.3(c) (the HTTP URL of the Issuing CA's certificate and, when the CA provides OCSP, of its OCSP responder)",
        "the {method} locations of authorityInfoAccess hold no http URL ({locations})",
        "les adresses {method} d'authorityInfoAccess ne contiennent aucune URL http ({locations})",
        from = "2019-08-13";
    CRLDP_NO_HTTP: "profile.cs.crldp.no_http", Error,
        "CA/B Code Signing BR §7.1.2.3(b) (the HTTP URL of the CA's CRL service)",
        "no distribution point of cRLDistributionPoints holds an http URL of the CA's CRL service",
        "aucun point de distribution de cRLDistributionPoints ne contient d'URL http du service de LCR de l'AC",
        from = "2019-08-13";
}

/// The kind of a certificate under `profile`: a Timestamp Certificate under
/// `cs-br-timestamp`; under `cs-br`, an EV code signing certificate when it carries the EV
/// identifier, a non-EV one otherwise.
fn kind_of(facts: &CertFacts, profile: &CabProfile) -> Option<&'static KindRules> {
    let kind = match profile.id {
        "cs-br-timestamp" => Kind::Timestamp,
        "cs-br" if facts.policies.iter().any(|p| p == CS_EV_POLICY) => Kind::EvCodeSigning,
        "cs-br" => Kind::CodeSigning,
        _ => return None,
    };
    KINDS.iter().find(|k| k.kind == kind)
}

/// Judges a code signing or Timestamp Certificate by the Code Signing BR; nothing for another
/// profile.
pub fn check(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    let Some(kind) = kind_of(facts, profile) else {
        return;
    };
    let name = Localized::new(kind.en, kind.fr);
    check_policies(facts, kind, &name, out);
    if let Some(subject) = &kind.subject {
        check_subject(facts, subject, &name, out);
    }
    check_key(facts, out);
    check_signature(facts, kind, out);
    check_key_usage(facts, kind, &name, out);
    if kind.kind == Kind::Timestamp {
        check_timestamp(facts, profile, out);
    }
    check_urls(facts, &name, out);
}

/// Exactly one reserved identifier, the one of the certificate's kind; no anyPolicy.
fn check_policies(facts: &CertFacts, kind: &KindRules, name: &Localized, out: &mut Vec<Finding>) {
    let policies = &facts.policy_information;
    // Absent: the table says so; malformed: `profile.policy.malformed`.
    if !policies.present || policies.fault.is_some() {
        return;
    }
    let mut reserved: Vec<&str> = Vec::new();
    for oid in policies.oids().filter(|o| RESERVED.contains(o)) {
        if !reserved.contains(&oid) {
            reserved.push(oid);
        }
    }
    if reserved.len() > 1 {
        out.push(
            Finding::new(&POLICY_RESERVED_MULTIPLE, FIELD_POLICIES)
                .arg("count", reserved.len())
                .arg("oids", reserved.join(", ")),
        );
    } else if !reserved.iter().any(|o| kind.reserved.contains(o)) {
        out.push(
            Finding::new(&POLICY_RESERVED_MISSING, FIELD_POLICIES)
                .text("kind", name.clone())
                .text(
                    "expected",
                    Localized::new(kind.reserved.join(" or "), kind.reserved.join(" ou ")),
                ),
        );
    }
    if policies.oids().any(|o| o == ANY_POLICY) {
        out.push(Finding::new(&POLICY_ANY, FIELD_POLICIES).text("kind", name.clone()));
    }
}

/// The subject of a code signing certificate (§7.1.4.2.2–4).
fn check_subject(
    facts: &CertFacts,
    subject: &SubjectRules,
    name: &Localized,
    out: &mut Vec<Finding>,
) {
    let has = |n: &str| facts.subject.iter().any(|a| a.name == n);
    let ev_required = EV
        .attributes
        .iter()
        .filter(|(_, presence)| subject.ev && *presence == Required)
        .map(|(n, _)| *n);
    let mut judged: Vec<&str> = Vec::new();
    for attribute in SUBJECT_REQUIRED.iter().copied().chain(ev_required) {
        if judged.contains(&attribute) {
            continue;
        }
        judged.push(attribute);
        if !has(attribute) {
            out.push(
                Finding::new(&SUBJECT_MISSING, format!("subject.{attribute}"))
                    .text("kind", name.clone())
                    .arg("name", attribute)
                    .arg("citation", subject.citation),
            );
        }
    }
    if !LOCALITY_OR_STATE.iter().any(|n| has(n)) {
        out.push(
            Finding::new(&SUBJECT_LOCALITY, "subject")
                .text("kind", name.clone())
                .arg("citation", subject.citation),
        );
    }
    let mut forbidden_seen: Vec<&str> = Vec::new();
    for attribute in &facts.subject {
        let short = attribute.name.as_ref();
        if SUBJECT_FORBIDDEN.contains(&short) && !forbidden_seen.contains(&short) {
            forbidden_seen.push(short);
            out.push(
                Finding::new(&SUBJECT_FORBIDDEN_RULE, format!("subject.{short}"))
                    .arg("name", short),
            );
        }
        let Some(value) = attribute.value.as_deref() else {
            continue;
        };
        if !value.chars().any(significant) {
            out.push(
                Finding::new(&SUBJECT_METADATA, format!("subject.{short}"))
                    .arg("name", short)
                    .arg("value", value),
            );
        }
    }
    for cn in facts
        .subject
        .iter()
        .filter(|a| a.name == "CN")
        .filter_map(|a| a.value.as_deref())
    {
        if is_ip_address(cn) {
            out.push(Finding::new(&CN_IP, "subject.CN").arg("value", cn));
        } else if looks_like_host(cn)
            && check_dns_name(cn, "subject.CN", false).is_empty()
            && !is_internal_name(cn)
        {
            out.push(Finding::new(&CN_DOMAIN, "subject.CN").arg("value", cn));
        }
    }
}

/// The subject key (§6.1.5.2, §6.1.6). A key sceau cannot read is `key.unusable`'s.
fn check_key(facts: &CertFacts, out: &mut Vec<Finding>) {
    let key = &facts.key;
    if key.unusable_reason.is_some() {
        return;
    }
    if !KEY_TYPES.contains(&key.algorithm.as_str()) {
        out.push(Finding::new(&KEY_ALGORITHM, "key.algorithm").arg("algorithm", &key.algorithm));
        return;
    }
    if let Some(curve) = &key.curve {
        if !CURVES.contains(curve) {
            out.push(Finding::new(&KEY_CURVE, "key.curve").arg("curve", curve.name()));
        }
        return;
    }
    if key.bits < RSA_MIN_BITS {
        out.push(Finding::new(&KEY_RSA_TOO_SMALL, "key.bits").arg("bits", key.bits));
    }
    let Some(exponent) = rsa_exponent(&key.spki) else {
        return;
    };
    // Big-endian, without leading zeros (never empty: such a key is unusable).
    let odd = exponent.last().is_some_and(|b| b & 1 == 1);
    let value = |e: &[u8]| e.iter().fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
    let small = exponent.len() <= 16 && value(&exponent) < 3;
    let shown = if exponent.len() <= 16 {
        value(&exponent).to_string()
    } else {
        format!("of {} bits", bit_length(&exponent))
    };
    if !odd || small {
        out.push(Finding::new(&KEY_EXPONENT, "key.exponent").arg("exponent", shown));
    } else if (exponent.len() <= 16 && value(&exponent) < 65_537) || exponent.len() > 32 {
        out.push(Finding::new(&KEY_EXPONENT_RANGE, "key.exponent").arg("exponent", shown));
    }
}

/// The RSA public exponent of a SubjectPublicKeyInfo, big-endian without leading zeros (the
/// facts keep it only when it fits in 64 bits).
fn rsa_exponent(spki: &[u8]) -> Option<Vec<u8>> {
    let (_, info) = SubjectPublicKeyInfo::from_der(spki).ok()?;
    match PublicKey::from_spki(&info) {
        PublicKey::Rsa { exponent, .. } => Some(exponent.to_vec()),
        _ => None,
    }
}

fn bit_length(magnitude: &[u8]) -> usize {
    magnitude.first().map_or(0, |first| {
        (magnitude.len() - 1) * 8 + (8 - first.leading_zeros() as usize)
    })
}

/// The issuer's signature algorithm (§7.1.3.2), SHA-1 in Timestamp Certificates until
/// 2022-04-30 (a dated rule of its own).
fn check_signature(facts: &CertFacts, kind: &KindRules, out: &mut Vec<Finding>) {
    let scheme = &facts.signature_algorithm;
    let allowed = match scheme {
        SignatureScheme::RsaPkcs1 { hash } | SignatureScheme::Ecdsa { hash } => {
            SIGNATURE_HASHES.contains(hash)
        }
        SignatureScheme::RsaPss(params) => SIGNATURE_HASHES.contains(&params.hash),
        SignatureScheme::Dsa { hash } => *hash == HashAlg::Sha256,
        _ => false,
    };
    if allowed {
        return;
    }
    let sha1 = matches!(
        scheme,
        SignatureScheme::RsaPkcs1 {
            hash: HashAlg::Sha1
        } | SignatureScheme::Dsa {
            hash: HashAlg::Sha1
        }
    );
    let rule: &'static Rule = if sha1 && kind.kind == Kind::Timestamp {
        &TIMESTAMP_SHA1
    } else {
        &SIGNATURE_ALGORITHM
    };
    out.push(Finding::new(rule, "signature_algorithm").text("algorithm", scheme.describe()));
}

/// keyUsage (§7.1.2.3(e)). For a code signing certificate the usage row judges
/// digitalSignature, keyCertSign and cRLSign (`cert.key_usage.*`); a Timestamp Certificate has
/// no usage row, so they are judged here. An absent keyUsage is the table's.
fn check_key_usage(facts: &CertFacts, kind: &KindRules, name: &Localized, out: &mut Vec<Finding>) {
    let Some(bits) = facts.key_usage.as_deref() else {
        return;
    };
    let timestamp = kind.kind == Kind::Timestamp;
    for (bit, presence) in KEY_USAGE {
        let present = bits.iter().any(|b| b == bit);
        match (timestamp, present, presence) {
            (true, false, Required) => {
                out.push(Finding::new(&TIMESTAMP_NO_SIGNATURE, FIELD_KU));
            }
            (true, true, Forbidden) => {
                out.push(Finding::new(&TIMESTAMP_KU_FORBIDDEN, FIELD_KU).arg("bit", bit));
            }
            _ => {}
        }
    }
    for bit in bits {
        if !KEY_USAGE.iter().any(|(b, _)| b == bit) {
            out.push(
                Finding::new(&KU_NOT_RECOMMENDED, FIELD_KU)
                    .arg("bit", bit)
                    .text("kind", name.clone()),
            );
        }
    }
}

/// What a Timestamp Certificate carries that no usage row judges: timeStamping alone, cA not
/// true.
fn check_timestamp(facts: &CertFacts, profile: &CabProfile, out: &mut Vec<Finding>) {
    if facts.basic_constraints.as_ref().is_some_and(|bc| bc.ca) {
        out.push(Finding::new(&TIMESTAMP_CA, "extensions.basicConstraints"));
    }
    let ekus = facts.extended_key_usage.as_deref().unwrap_or_default();
    if !ekus.iter().any(|e| e == TIMESTAMPING) {
        out.push(Finding::new(&TIMESTAMP_EKU_MISSING, FIELD_EKU));
    }
    for eku in ekus {
        // The forbidden ones are `profile.eku.forbidden`'s.
        if eku != TIMESTAMPING && !profile.eku_forbidden.contains(&eku.as_str()) {
            out.push(Finding::new(&TIMESTAMP_EKU_OTHER, FIELD_EKU).arg("eku", eku));
        }
    }
}

fn is_http(uri: &str) -> bool {
    uri_scheme(uri).as_deref() == Some("http")
}

/// The HTTP URLs of cRLDistributionPoints (§7.1.2.3(b)) and authorityInfoAccess
/// (§7.1.2.3(c)). An absent extension is the table's; one that does not decode is not judged.
fn check_urls(facts: &CertFacts, name: &Localized, out: &mut Vec<Finding>) {
    let info = &facts.revocation_info;
    if info.crldp_present && info.crldp_decoded {
        let http = info
            .points
            .iter()
            .flat_map(|p| p.full_name.iter())
            .filter_map(|n| n.uri())
            .any(is_http);
        if !http {
            out.push(Finding::new(&CRLDP_NO_HTTP, FIELD_CRLDP));
        }
    }
    if !info.aia_decoded {
        return;
    }
    if info.access_of(ACCESS_CA_ISSUERS).next().is_none() {
        out.push(Finding::new(&AIA_CA_ISSUERS_MISSING, FIELD_AIA).text("kind", name.clone()));
    }
    // caIssuers always, OCSP when the CA gives it: each with an http URL.
    for method in [ACCESS_CA_ISSUERS, ACCESS_OCSP] {
        let locations: Vec<&str> = info
            .access_of(method)
            .map(|a| a.location.uri().unwrap_or(a.location.name_type.name()))
            .collect();
        if locations.is_empty() {
            continue;
        }
        let http = info
            .access_of(method)
            .filter_map(|a| a.location.uri())
            .any(is_http);
        if !http {
            out.push(
                Finding::new(&AIA_NO_HTTP, FIELD_AIA)
                    .arg("method", method_name(method))
                    .arg("locations", locations.join(", ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponent_bit_lengths() {
        assert_eq!(bit_length(&[0x01, 0x00, 0x01]), 17);
        assert_eq!(bit_length(&[0x03]), 2);
        assert_eq!(bit_length(&[]), 0);
        assert_eq!(bit_length(&[0xff; 33]), 264);
    }

    #[test]
    fn every_kind_is_listed_once() {
        for kind in [Kind::CodeSigning, Kind::EvCodeSigning, Kind::Timestamp] {
            assert_eq!(KINDS.iter().filter(|k| k.kind == kind).count(), 1);
        }
        // The EV table's required attributes are those §7.1.4.2.4 adds, with O and C.
        let required: Vec<&str> = EV
            .attributes
            .iter()
            .filter(|(_, p)| *p == Required)
            .map(|(n, _)| *n)
            .collect();
        for name in [
            "O",
            "C",
            "businessCategory",
            "jurisdictionC",
            "serialNumber",
        ] {
            assert!(required.contains(&name), "{name}");
        }
    }
}
