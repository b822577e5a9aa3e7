//! The dated signature-algorithm policy, as data: which digests are retired and which may
//! still sign until when (ETSI TS 119 312, ANSSI RGS B1, CA/B Forum).

use serde::{Deserialize, Serialize};
use time::Date;

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
        }
    }
}

rules! {
    SIGNATURE_NOT_ALLOWED: "algorithm.signature.not_allowed", Error,
        "ETSI TS 119 312 v1.5.1 §6 (the schemes it admits); CA/B BR §7.1.3.2; fail-closed policy",
        "signed with {algorithm}, which this policy does not allow (allowed: {allowed})",
        "signé avec {algorithm}, que cette politique n'admet pas (admis : {allowed})";
    SIGNATURE_RETIRED: "algorithm.signature.retired", Error,
        "ETSI TS 119 312 v1.5.1 §6; ANSSI RGS B1 §2.2; CA/B BR §7.1.3.2; DOMAIN.md (002, 004)",
        "signed with {algorithm}: {hash} is retired for signatures and is refused as such (the signature was not verified)",
        "signé avec {algorithm} : {hash} est retiré pour les signatures et refusé à ce titre (la signature n'a pas été vérifiée)";
    SIGNATURE_EXPIRED: "algorithm.signature.expired", Error,
        "ETSI TS 119 312 v1.5.1; ANSSI RGS B1",
        "signed with {algorithm}: {hash} is allowed only before {until} ({source})",
        "signé avec {algorithm} : {hash} n'est admis qu'avant le {until} ({source})";
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
    pub fn check(&self, scheme: &SignatureScheme, day: Date, field: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if !SchemeFamily::of(scheme).is_some_and(|f| self.schemes.contains(&f)) {
            let allowed: Vec<&str> = self.schemes.iter().map(|f| f.name()).collect();
            out.push(
                Finding::new(&SIGNATURE_NOT_ALLOWED, field)
                    .text("algorithm", scheme.describe())
                    .arg("allowed", allowed.join(", ")),
            );
        }
        if let Some(hash) = scheme.hash() {
            if self.retired_hashes.contains(&hash) {
                out.push(
                    Finding::new(&SIGNATURE_RETIRED, field)
                        .text("algorithm", scheme.describe())
                        .arg("hash", hash.name()),
                );
            }
            if let SignatureScheme::RsaPss(p) = scheme {
                if p.mgf1_hash != p.hash && self.retired_hashes.contains(&p.mgf1_hash) {
                    out.push(
                        Finding::new(&SIGNATURE_RETIRED, field)
                            .text("algorithm", scheme.describe())
                            .arg("hash", p.mgf1_hash.name()),
                    );
                }
            }
            for sunset in self.hash_sunsets.iter().filter(|s| s.hash == hash) {
                if day >= sunset.until {
                    out.push(
                        Finding::new(&SIGNATURE_EXPIRED, field)
                            .text("algorithm", scheme.describe())
                            .arg("hash", hash.name())
                            .arg("until", sunset.until)
                            .arg("source", &sunset.source),
                    );
                }
            }
        }
        if *scheme == SignatureScheme::Ed25519 && !self.allow_ed25519 {
            out.push(Finding::new(&ED25519_NOT_ALLOWED, field));
        }
        out
    }
}
