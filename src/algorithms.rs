//! The dated signature-algorithm policy, as data: which schemes may sign, which digests are
//! retired and which may still sign until when, and how large the signing keys must be on a
//! given day. The default serves CSRs, certificates and chains (CA/B Forum and ETSI digests;
//! key sizes are the key policy's); the named policies `etsi` (ETSI TS 119 312), `rgs` (ANSSI
//! RGS B1) and `cse` (CSE ITSP.40.111) also date the schemes and their key sizes, for
//! signatures judged at a time (assurance).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::public_key::{bit_length, PublicKey};
use crate::rule::{rules, Finding};
use crate::signature::{HashAlg, SignatureScheme};

/// Which signature schemes may sign, which digests are retired, and which may still sign
/// until when: a policy as data. A scheme the policy does not name is refused; so is one whose
/// parameters cannot be read and one sceau does not know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlgorithmPolicy {
    /// The signature schemes allowed (digests and parameters aside).
    #[serde(default = "default_schemes")]
    pub schemes: Vec<SchemeFamily>,
    /// Digests retired for signatures: rejected whatever the date.
    pub retired_hashes: Vec<HashAlg>,
    /// Digests allowed only before a date (exclusive).
    pub hash_sunsets: Vec<HashSunset>,
    /// Whether Ed25519 signatures are acceptable.
    pub allow_ed25519: bool,
    /// The policy's name in reports (`default`, `etsi`, `rgs`, `cse`).
    #[serde(default = "default_name")]
    pub name: String,
    /// Dated rules on schemes and the size of their keys: a family with rules signs on a day
    /// only within one of its rules' periods, with a key of at least that rule's size.
    #[serde(default)]
    pub scheme_rules: Vec<SchemeRule>,
}

fn default_name() -> String {
    "default".into()
}

/// A period in which schemes of some families may sign with keys of some size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemeRule {
    /// The families the rule is about.
    pub families: Vec<SchemeFamily>,
    /// The first day of the period (none: always before `until`).
    #[serde(default)]
    pub from: Option<Date>,
    /// The first day after the period (none: no end).
    #[serde(default)]
    pub until: Option<Date>,
    /// The smallest key in bits (RSA modulus, EC field size).
    pub min_key_bits: u32,
    /// Who says so.
    pub source: String,
}

impl SchemeRule {
    fn covers(&self, day: Date) -> bool {
        self.from.is_none_or(|from| day >= from) && self.until.is_none_or(|until| day < until)
    }
}

/// The size of the key that made a signature: RSA modulus or EC field size, in bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyStrength(pub u32);

impl KeyStrength {
    /// The size of `key`, when it is a key sceau can use.
    pub fn of(key: &PublicKey<'_>) -> Option<KeyStrength> {
        match key {
            PublicKey::Rsa { modulus, .. } => Some(KeyStrength(bit_length(modulus))),
            PublicKey::Ec { curve, .. } => Some(KeyStrength(curve.bits())),
            PublicKey::Ed25519(_) => Some(KeyStrength(256)),
            PublicKey::Unusable { .. } => None,
        }
    }
}

/// A family of signature schemes, as a policy names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SchemeFamily {
    /// RSASSA-PKCS1-v1_5.
    RsaPkcs1,
    /// RSASSA-PSS with readable RFC 4055 parameters.
    RsaPss,
    /// ECDSA.
    Ecdsa,
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// DSA.
    Dsa,
}

impl SchemeFamily {
    /// The family of `scheme`; `None` for malformed RSASSA-PSS and unknown algorithms, which
    /// no policy allows.
    pub fn of(scheme: &SignatureScheme) -> Option<SchemeFamily> {
        match scheme {
            SignatureScheme::RsaPkcs1 { .. } => Some(SchemeFamily::RsaPkcs1),
            SignatureScheme::RsaPss(_) => Some(SchemeFamily::RsaPss),
            SignatureScheme::Ecdsa { .. } => Some(SchemeFamily::Ecdsa),
            SignatureScheme::Ed25519 => Some(SchemeFamily::Ed25519),
            SignatureScheme::Ed448 => Some(SchemeFamily::Ed448),
            SignatureScheme::Dsa { .. } => Some(SchemeFamily::Dsa),
            SignatureScheme::MalformedPss { .. } | SignatureScheme::Unknown { .. } => None,
        }
    }

    /// The name policies and messages use.
    pub fn name(self) -> &'static str {
        match self {
            SchemeFamily::RsaPkcs1 => "RSA PKCS#1 v1.5",
            SchemeFamily::RsaPss => "RSASSA-PSS",
            SchemeFamily::Ecdsa => "ECDSA",
            SchemeFamily::Ed25519 => "Ed25519",
            SchemeFamily::Ed448 => "Ed448",
            SchemeFamily::Dsa => "DSA",
        }
    }
}

/// RSA (PKCS#1 v1.5 and PSS), ECDSA and Ed25519: what ETSI TS 119 312 and the CA/B Forum
/// admit; DSA and Ed448 are left out (no CA/B profile admits them).
fn default_schemes() -> Vec<SchemeFamily> {
    vec![
        SchemeFamily::RsaPkcs1,
        SchemeFamily::RsaPss,
        SchemeFamily::Ecdsa,
        SchemeFamily::Ed25519,
    ]
}

/// A digest allowed before `until` only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashSunset {
    /// The digest.
    pub hash: HashAlg,
    /// The first day it is no longer allowed.
    pub until: Date,
    /// Who says so.
    pub source: String,
}

impl Default for AlgorithmPolicy {
    /// ETSI TS 119 312 and the CA/B Forum: MD2/MD4/MD5/SHA-1 retired, SHA-224 until 2029.
    fn default() -> Self {
        AlgorithmPolicy {
            schemes: default_schemes(),
            retired_hashes: vec![HashAlg::Md2, HashAlg::Md4, HashAlg::Md5, HashAlg::Sha1],
            hash_sunsets: vec![HashSunset {
                hash: HashAlg::Sha224,
                until: time::macros::date!(2029 - 01 - 01),
                source: "ETSI TS 119 312 v1.5.1".into(),
            }],
            allow_ed25519: true,
            name: default_name(),
            scheme_rules: Vec::new(),
        }
    }
}

impl AlgorithmPolicy {
    /// The names of the policies [`AlgorithmPolicy::named`] knows.
    pub const NAMES: [&'static str; 3] = ["etsi", "rgs", "cse"];

    /// A named dated policy: `etsi` (ETSI TS 119 312 v1.5.1), `rgs` (ANSSI RGS B1) or `cse`
    /// (CSE ITSP.40.111), as DOMAIN.md tabulates them.
    pub fn named(name: &str) -> Option<AlgorithmPolicy> {
        use time::macros::date;
        let rule = |families: &[SchemeFamily],
                    from: Option<Date>,
                    until: Option<Date>,
                    min_key_bits,
                    source: &str| SchemeRule {
            families: families.to_vec(),
            from,
            until,
            min_key_bits,
            source: source.into(),
        };
        let retired = vec![HashAlg::Md2, HashAlg::Md4, HashAlg::Md5, HashAlg::Sha1];
        let sunset = |until, source: &str| HashSunset {
            hash: HashAlg::Sha224,
            until,
            source: source.into(),
        };
        use SchemeFamily::{Ecdsa, Ed25519, RsaPkcs1, RsaPss};
        let policy = match name {
            "etsi" => {
                const ETSI: &str = "ETSI TS 119 312 v1.5.1";
                AlgorithmPolicy {
                    schemes: vec![RsaPkcs1, RsaPss, Ecdsa, Ed25519],
                    retired_hashes: retired,
                    hash_sunsets: vec![sunset(date!(2029 - 01 - 01), ETSI)],
                    allow_ed25519: true,
                    name: name.into(),
                    scheme_rules: vec![
                        rule(&[RsaPkcs1], None, Some(date!(2029 - 01 - 01)), 2048, ETSI),
                        rule(&[RsaPss], None, Some(date!(2029 - 01 - 01)), 2048, ETSI),
                        rule(&[RsaPss], Some(date!(2029 - 01 - 01)), None, 3072, ETSI),
                        rule(&[Ecdsa, Ed25519], None, None, 256, ETSI),
                    ],
                }
            }
            "rgs" | "cse" => {
                let source = if name == "rgs" {
                    "ANSSI RGS B1 v2.03 (112-bit strength through 2030)"
                } else {
                    "CSE ITSP.40.111 (112-bit strength through 2030)"
                };
                let sha224_until = if name == "rgs" {
                    date!(2021 - 01 - 01)
                } else {
                    date!(2031 - 01 - 01)
                };
                AlgorithmPolicy {
                    schemes: vec![RsaPkcs1, RsaPss, Ecdsa],
                    retired_hashes: retired,
                    hash_sunsets: vec![sunset(sha224_until, source)],
                    allow_ed25519: false,
                    name: name.into(),
                    scheme_rules: vec![
                        rule(
                            &[RsaPkcs1, RsaPss],
                            None,
                            Some(date!(2031 - 01 - 01)),
                            2048,
                            source,
                        ),
                        rule(
                            &[RsaPkcs1, RsaPss],
                            Some(date!(2031 - 01 - 01)),
                            None,
                            3072,
                            source,
                        ),
                        rule(&[Ecdsa], None, None, 256, source),
                    ],
                }
            }
            _ => return None,
        };
        Some(policy)
    }
}

rules! {
    SIGNATURE_NOT_ALLOWED: "algorithm.signature.not_allowed", Error,
        "ETSI TS 119 312 v1.5.1 §6 (the schemes it admits); CA/B BR §7.1.3.2; fail-closed policy",
        "signed with {algorithm}, which this policy does not allow (allowed: {allowed})",
        "signé avec {algorithm}, que cette politique n'admet pas (admis : {allowed})";
    SIGNATURE_RETIRED: "algorithm.signature.retired", Error,
        "ETSI TS 119 312 v1.5.1 §6; ANSSI RGS B1 §2.2; CA/B BR §7.1.3.2; DOMAIN.md (002, 004)",
        "signed with {algorithm}: {hash} is retired for signatures and is refused as such",
        "signé avec {algorithm} : {hash} est retiré pour les signatures et refusé à ce titre";
    SIGNATURE_EXPIRED: "algorithm.signature.expired", Error,
        "ETSI TS 119 312 v1.5.1; ANSSI RGS B1",
        "signed with {algorithm}: {hash} is allowed only before {until} ({source})",
        "signé avec {algorithm} : {hash} n'est admis qu'avant le {until} ({source})";
    SCHEME_EXPIRED: "algorithm.signature.scheme_expired", Error,
        "ETSI TS 119 312 v1.5.1 §6; ANSSI RGS B1; CSE ITSP.40.111",
        "signed with {algorithm}: {family} may sign only before {until} ({source})",
        "signé avec {algorithm} : {family} ne peut signer qu'avant le {until} ({source})";
    KEY_TOO_SMALL: "algorithm.signature.key_too_small", Error,
        "ETSI TS 119 312 v1.5.1 §6; ANSSI RGS B1; CSE ITSP.40.111",
        "signed with {algorithm} and a {bits}-bit key: on {day} this policy wants at least {min} bits ({source})",
        "signé avec {algorithm} et une clé de {bits} bits : au {day} cette politique en veut au moins {min} ({source})";
    ED25519_NOT_ALLOWED: "algorithm.signature.ed25519_not_allowed", Error,
        "CA/B BR §7.1.3.2; profile policy",
        "Ed25519 signatures are not accepted by this policy",
        "les signatures Ed25519 ne sont pas acceptées par cette politique";
}

impl AlgorithmPolicy {
    /// Whether `scheme` is refused outright (retired digest): such a signature is not verified.
    pub fn is_retired(&self, scheme: &SignatureScheme) -> bool {
        scheme
            .hash()
            .is_some_and(|h| self.retired_hashes.contains(&h))
    }

    /// The findings of this policy on `scheme`, judged on `day`; `field` names where it stands.
    /// The size of the key is not judged (see [`AlgorithmPolicy::check_signature`]).
    pub fn check(&self, scheme: &SignatureScheme, day: Date, field: &str) -> Vec<Finding> {
        self.check_signature(scheme, None, day, field)
    }

    /// The findings of this policy on a signature made with `scheme` by a key of `key` size
    /// (when known), judged on `day`: the scheme, its digests, and the dated scheme rules.
    pub fn check_signature(
        &self,
        scheme: &SignatureScheme,
        key: Option<KeyStrength>,
        day: Date,
        field: &str,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(family) = SchemeFamily::of(scheme) {
            out.extend(self.scheme_rule_findings(scheme, family, key, day, field));
        }
        if !SchemeFamily::of(scheme).is_some_and(|f| self.schemes.contains(&f)) {
            let allowed: Vec<&str> = self.schemes.iter().map(|f| f.name()).collect();
            out.push(
                Finding::new(&SIGNATURE_NOT_ALLOWED, field)
                    .text("algorithm", scheme.describe())
                    .arg("allowed", allowed.join(", ")),
            );
        }
        if let Some(hash) = scheme.hash() {
            out.extend(self.check_digest(hash, scheme.describe(), day, field));
            if let SignatureScheme::RsaPss(p) = scheme {
                if p.mgf1_hash != p.hash && self.retired_hashes.contains(&p.mgf1_hash) {
                    out.push(
                        Finding::new(&SIGNATURE_RETIRED, field)
                            .text("algorithm", scheme.describe())
                            .arg("hash", p.mgf1_hash.name()),
                    );
                }
            }
        }
        if *scheme == SignatureScheme::Ed25519 && !self.allow_ed25519 {
            out.push(Finding::new(&ED25519_NOT_ALLOWED, field));
        }
        out
    }

    /// [`AlgorithmPolicy::check_signature`], and the digest `message_digest` when the signed
    /// content is bound by a digest other than the scheme's (a CMS signer's digestAlgorithm,
    /// which computes the message-digest attribute, RFC 5652 §5.4): the content is then only as
    /// safe as that digest, whatever the signatureAlgorithm names.
    pub fn check_signed_digest(
        &self,
        scheme: &SignatureScheme,
        message_digest: Option<HashAlg>,
        key: Option<KeyStrength>,
        day: Date,
        field: &str,
    ) -> Vec<Finding> {
        let mut out = self.check_signature(scheme, key, day, field);
        let Some(hash) = message_digest.filter(|h| scheme.hash() != Some(*h)) else {
            return out;
        };
        let algorithm = crate::lang::localized!(
            "{scheme} over a {hash} message-digest",
            "{scheme} sur un message-digest {hash}",
            scheme = scheme.describe(),
            hash = hash.name()
        );
        out.extend(self.check_digest(hash, algorithm, day, field));
        out
    }

    /// The findings of this policy on `hash` as the digest that binds signed data (a CMS
    /// message-digest, a time-stamp's message imprint), judged on `day`; `algorithm` names the
    /// use in the findings.
    pub fn check_digest(
        &self,
        hash: HashAlg,
        algorithm: crate::lang::Localized,
        day: Date,
        field: &str,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        if self.retired_hashes.contains(&hash) {
            out.push(
                Finding::new(&SIGNATURE_RETIRED, field)
                    .text("algorithm", algorithm.clone())
                    .arg("hash", hash.name()),
            );
        }
        for sunset in self.hash_sunsets.iter().filter(|s| s.hash == hash) {
            if day >= sunset.until {
                out.push(
                    Finding::new(&SIGNATURE_EXPIRED, field)
                        .text("algorithm", algorithm.clone())
                        .arg("hash", hash.name())
                        .arg("until", sunset.until)
                        .arg("source", &sunset.source),
                );
            }
        }
        out
    }

    /// What the dated scheme rules say of `family` on `day`: nothing when the family has no
    /// rule, or one covers the day and the key is large enough.
    fn scheme_rule_findings(
        &self,
        scheme: &SignatureScheme,
        family: SchemeFamily,
        key: Option<KeyStrength>,
        day: Date,
        field: &str,
    ) -> Option<Finding> {
        let rules: Vec<&SchemeRule> = self
            .scheme_rules
            .iter()
            .filter(|r| r.families.contains(&family))
            .collect();
        if rules.is_empty() {
            return None;
        }
        let Some(rule) = rules.iter().find(|r| r.covers(day)) else {
            let last = rules.iter().filter_map(|r| r.until).max()?;
            let source = rules.iter().find(|r| r.until == Some(last))?.source.clone();
            return Some(
                Finding::new(&SCHEME_EXPIRED, field)
                    .text("algorithm", scheme.describe())
                    .arg("family", family.name())
                    .arg("until", last)
                    .arg("source", source),
            );
        };
        match key {
            Some(KeyStrength(bits)) if bits < rule.min_key_bits => Some(
                Finding::new(&KEY_TOO_SMALL, field)
                    .text("algorithm", scheme.describe())
                    .arg("bits", bits)
                    .arg("min", rule.min_key_bits)
                    .arg("day", day)
                    .arg("source", &rule.source),
            ),
            _ => None,
        }
    }
}
